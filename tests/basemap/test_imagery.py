"""Imagery referenced by the store: a real Landsat scene in UTM, its overviews, views warped to 3857."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest
import rasterio
from affine import Affine
from PIL import Image
from pyproj import Transformer
from rasterio.enums import Resampling

from baytak_desktop.basemap import overviews
from baytak_desktop.basemap.imagery import add_image, inspect_image
from baytak_desktop.basemap.imagery_view import ImageryMissing, View, close_datasets, overview_level, read_view
from baytak_desktop.basemap.registry import list_images
from baytak_desktop.errors import SourceError
from baytak_desktop.jobs import CancelAfter, Cancelled
from baytak_desktop.store import Store

from .conftest import LANDSAT, LANDSAT_TENTH

TO_3857 = Transformer.from_crs(4326, 3857, always_xy=True)


@pytest.fixture
def landsat(tmp_path: Path) -> Path:
    copy = tmp_path / "andros.tif"
    shutil.copy(LANDSAT, copy)
    return copy


def view_of(bounds: tuple[float, float, float, float], width: int, height: int) -> View:
    x0, y0 = TO_3857.transform(bounds[0], bounds[1])
    x1, y1 = TO_3857.transform(bounds[2], bounds[3])
    return View((x0, y0, x1, y1), width, height)


def test_add_records_hash_crs_bounds_and_builds_an_ovr_sidecar_without_touching_the_file(
    landsat: Path, store_path: Path
) -> None:
    before = hashlib.sha256(landsat.read_bytes()).hexdigest()
    with Store.open(store_path) as store:
        entry = add_image(store, landsat, "2001-07-03", "Andros")
    assert entry.sha256 == before == hashlib.sha256(landsat.read_bytes()).hexdigest()
    assert entry.size == landsat.stat().st_size and entry.recorded_path == "andros.tif"  # beside the store
    assert entry.crs == "EPSG:32618" and (entry.width, entry.height, entry.bands) == (791, 718, 3)
    assert entry.resolution_m == pytest.approx(300.04, abs=0.01)
    west, south, east, north = entry.bounds
    assert -79.0 < west < -78.9 and -76.6 < east < -76.5 and 23.5 < south < 23.6 and 25.5 < north < 25.6
    assert entry.overviews == overviews.SIDECAR and Path(str(landsat) + ".ovr").is_file()
    with rasterio.open(landsat) as src:
        assert src.overviews(1) == [2, 4]  # GDAL finds the sidecar by itself (so does QGIS)


def test_a_view_is_warped_from_the_right_overview(landsat: Path, store_path: Path) -> None:
    with Store.open(store_path) as store:
        entry = add_image(store, landsat)
    whole = view_of(entry.bounds, 300, 250)
    with rasterio.open(landsat) as src:
        assert whole.metres_per_pixel == pytest.approx(804, abs=5)
        assert overview_level(src, whole.metres_per_pixel, entry.resolution_m) == 0  # x2: 600 m pixels
        assert overview_level(src, 1300.0, entry.resolution_m) == 1  # x4: 1200 m pixels
        assert overview_level(src, 150.0, entry.resolution_m) is None  # finer than the image: full size
    pixels = read_view(entry, whole)
    assert pixels.shape == (250, 300, 4) and pixels.dtype == np.uint8
    alpha = pixels[..., 3]
    assert alpha[0, 0] == 0 and alpha[125, 150] == 255  # a tilted UTM footprint in a Mercator view
    assert 0.4 < (alpha == 255).mean() < 0.8
    inside = pixels[alpha == 255][:, :3]
    assert inside.std() > 10  # a real picture, not a flat fill
    brighter = read_view(entry, whole, brightness=0.2)
    assert brighter[..., :3][alpha == 255].mean() > inside.mean() + 20


def test_full_resolution_view_matches_gdal_reprojection(landsat: Path, store_path: Path) -> None:
    with Store.open(store_path) as store:
        entry = add_image(store, landsat)
    lon, lat = -77.8, 24.5
    view = view_of((lon - 0.05, lat - 0.05, lon + 0.05, lat + 0.05), 64, 64)
    ours = read_view(entry, view, resampling=Resampling.bilinear)  # print quality; redraws use nearest
    from rasterio.transform import from_bounds
    from rasterio.warp import reproject

    expected = np.zeros((3, 64, 64), dtype=np.uint8)
    with rasterio.open(LANDSAT) as src:
        reproject(
            rasterio.band(src, [1, 2, 3]),
            expected,
            dst_transform=from_bounds(*view.bounds, 64, 64),
            dst_crs="EPSG:3857",
            resampling=Resampling.bilinear,
        )
    difference = np.abs(ours[..., :3].astype(int) - np.moveaxis(expected, 0, -1).astype(int))
    assert np.median(difference) <= 1


def test_jpeg2000_uses_its_own_resolution_levels(tmp_path: Path, store_path: Path) -> None:
    """A JPEG 2000 scene (the Landsat scene upsampled x2 so that GDAL exposes its wavelet levels)."""
    jp2 = tmp_path / "scene.jp2"
    with rasterio.open(LANDSAT) as src:
        data = src.read(out_shape=(3, src.height * 2, src.width * 2), resampling=Resampling.bilinear)
        profile = {
            "driver": "JP2OpenJPEG",
            "width": src.width * 2,
            "height": src.height * 2,
            "count": 3,
            "dtype": "uint8",
            "crs": src.crs,
            "transform": src.transform * Affine.scale(0.5),
            "QUALITY": 50,
            "RESOLUTIONS": 4,
            "BLOCKXSIZE": 512,
            "BLOCKYSIZE": 512,
        }
    with rasterio.open(jp2, "w", **profile) as dst:
        dst.write(data)
    with Store.open(store_path) as store:
        entry = add_image(store, jp2, "2001-07-03")
    assert entry.driver == "JP2OpenJPEG" and entry.overviews == overviews.INTERNAL
    assert entry.resolution_m == pytest.approx(150.0, abs=0.1)
    assert not Path(str(jp2) + ".ovr").exists()
    pixels = read_view(entry, view_of(entry.bounds, 200, 160))
    assert (pixels[..., 3] == 255).mean() > 0.3


def test_a_read_only_folder_gets_its_overviews_in_the_stores_folder(landsat: Path, tmp_path: Path) -> None:
    cache = tmp_path / "field.imagery"
    how = overviews.ensure_overviews(landsat, cache, folder_writable=False)
    assert how.startswith(overviews.VRT_PREFIX) and not Path(str(landsat) + ".ovr").exists()
    vrt = Path(how.removeprefix(overviews.VRT_PREFIX))
    assert vrt.parent == cache and Path(str(vrt) + ".ovr").is_file()
    with rasterio.open(vrt) as src:
        assert src.overviews(1) == [2, 4]


def test_cancel_while_building_overviews_changes_nothing(landsat: Path, store_path: Path) -> None:
    overviews_before = overviews.STRIP_ROWS
    try:
        overviews.STRIP_ROWS = 16  # many steps on a small image, so there is a step to cancel at
        with Store.open(store_path) as store, pytest.raises(Cancelled):
            add_image(store, landsat, progress=CancelAfter(5))
    finally:
        overviews.STRIP_ROWS = overviews_before
    assert not Path(str(landsat) + ".ovr").exists() and not Path(str(landsat) + ".ovr.part").exists()
    with Store.open(store_path) as store:
        assert list_images(store) == []


def test_several_images_are_listed_by_date_and_a_missing_one_says_so(landsat: Path, store_path: Path) -> None:
    tenth = store_path.parent / "tenth.tif"
    shutil.copy(LANDSAT_TENTH, tenth)
    with Store.open(store_path) as store:
        add_image(store, landsat, "2021-08-01", "after")
        add_image(store, tenth, "1999-05-01", "before")
        add_image(store, landsat, "2020-08-01", "after, re-dated")  # the same file again: updated, not doubled
        entries = list_images(store)
    assert [e.title for e in entries] == ["before", "after, re-dated"]
    tenth.unlink()
    close_datasets()
    with Store.open(store_path, readonly=True) as store:
        before, after = list_images(store)
    assert not before.present and after.present
    with pytest.raises(ImageryMissing, match="not on this device"):
        read_view(before, view_of(before.bounds, 10, 10))


def test_bad_images_are_refused_with_a_message(tmp_path: Path, store_path: Path) -> None:
    photo = tmp_path / "photo.png"
    Image.new("RGB", (40, 30), (200, 10, 10)).save(photo)
    with pytest.raises(SourceError, match="no coordinate system"):
        inspect_image(photo)
    text = tmp_path / "notes.tif"
    text.write_text("not an image")
    with pytest.raises(SourceError, match="not an image that can be read"):
        inspect_image(text)
    with Store.open(store_path) as store, pytest.raises(SourceError, match="YYYY-MM-DD"):
        add_image(store, LANDSAT, "15.07.2026")
    with Store.open(store_path) as store:
        assert list_images(store) == []


PHOTO = Path(__file__).resolve().parents[1] / "data" / "photos" / "flower.jpg"


def covered_centre(entry, size: int = 64) -> np.ndarray:
    """The alpha of a view of the middle half of the image's recorded footprint."""
    west, south, east, north = entry.bounds
    dx, dy = (east - west) / 4, (north - south) / 4
    close_datasets()
    return read_view(entry, view_of((west + dx, south + dy, east - dx, north - dy), size, size))[..., 3]


def test_an_image_placed_by_a_world_file_asks_its_coordinate_system_and_draws(tmp_path: Path, store_path: Path) -> None:
    """A JPEG with a .jgw (as drones and scanners deliver them) names no coordinate system: the person
    gives it; then it is placed and drawn like any image, and the photo itself is left as it was."""
    from baytak_desktop.basemap.imagery import NeedsCrs

    photo = tmp_path / "ortho.jpg"
    shutil.copy(PHOTO, photo)
    (tmp_path / "ortho.jgw").write_text("10\n0\n0\n-10\n600000\n4850000\n")  # 10 m pixels, UTM 43N near Almaty
    before = photo.read_bytes()
    with Store.open(store_path) as store:
        with pytest.raises(NeedsCrs, match="world file"):
            add_image(store, photo)
        with pytest.raises(SourceError, match="not a coordinate system"):
            add_image(store, photo, crs="EPSG:99999")
        assert list_images(store) == []
        entry = add_image(store, photo, "2026-06-01", crs="32643")
    assert entry.crs == "EPSG:32643" and entry.resolution_m == pytest.approx(10.0)
    west, south, east, north = entry.bounds
    assert 76.2 < west < 76.3 and 43.7 < north < 43.8 and north - south == pytest.approx(3600 / 111_100, rel=0.05)
    assert 76.2 < west < 76.3 and 43.7 < north < 43.8 and east - west == pytest.approx(4800 / 80_500, rel=0.05)
    assert covered_centre(entry).all()  # drawn where the world file puts it
    assert photo.read_bytes() == before


@pytest.mark.filterwarnings("ignore::rasterio.errors.NotGeoreferencedWarning")  # writing it: GCPs come after
def test_an_image_placed_by_control_points_is_warped_by_them(tmp_path: Path, store_path: Path) -> None:
    """A scan georeferenced without warping carries ground control points: GDAL warps it by them."""
    from rasterio.control import GroundControlPoint

    scan = tmp_path / "scan.tif"
    with rasterio.open(LANDSAT_TENTH) as src:
        data = src.read()
    gcps = [
        GroundControlPoint(0, 0, 76.9, 43.3),
        GroundControlPoint(0, 79, 77.0, 43.3),
        GroundControlPoint(71, 0, 76.9, 43.2),
        GroundControlPoint(71, 79, 77.0, 43.2),
    ]
    profile = {"driver": "GTiff", "width": 79, "height": 71, "count": 3, "dtype": "uint8"}
    with rasterio.open(scan, "w", **profile) as dst:
        dst.write(data)
        dst.gcps = (gcps, rasterio.crs.CRS.from_epsg(4326))
    with Store.open(store_path) as store:
        entry = add_image(store, scan)
    assert entry.crs == "EPSG:4326"
    assert entry.bounds == pytest.approx((76.9, 43.2, 77.0, 43.3), abs=0.002)
    assert covered_centre(entry).all()


def test_a_coordinate_system_given_for_an_image_that_has_one(landsat: Path, store_path: Path) -> None:
    with Store.open(store_path) as store:
        with pytest.raises(SourceError, match="has its own coordinate system"):
            add_image(store, landsat, crs="EPSG:32643")
        assert add_image(store, landsat, crs="EPSG:32618").crs == "EPSG:32618"  # the same: no harm


def test_a_paletted_image_is_drawn_in_its_own_colours(tmp_path: Path, store_path: Path) -> None:
    """A land-cover or classification map stores class numbers and a colour table: drawn in the table's
    colours (not the numbers as a nearly black grey), never blended between classes, even in print."""
    from rasterio.transform import from_origin

    classes = tmp_path / "landcover.tif"
    data = (np.indices((200, 200)).sum(0) // 40 % 4).astype("uint8")
    colours = {0: (255, 0, 0, 255), 1: (0, 160, 0, 255), 2: (0, 0, 255, 255), 3: (255, 255, 0, 255)}
    profile = {"driver": "GTiff", "width": 200, "height": 200, "count": 1, "dtype": "uint8", "crs": "EPSG:32643"}
    profile["nodata"] = 3  # class 3: no data, not drawn
    with rasterio.open(classes, "w", transform=from_origin(600_000, 4_850_000, 50, 50), **profile) as dst:
        dst.write(data, 1)
        dst.write_colormap(1, colours)
    with Store.open(store_path) as store:
        entry = add_image(store, classes)
    west, south, east, north = entry.bounds
    dx, dy = (east - west) / 10, (north - south) / 10
    view = view_of((west + dx, south + dy, east - dx, north - dy), 160, 160)
    for resampling in (Resampling.nearest, Resampling.bilinear):
        close_datasets()
        rgba = read_view(entry, view, resampling=resampling)
        pixels = rgba.reshape(-1, 4)
        shown = {tuple(int(v) for v in px[:3]) for px in pixels[pixels[:, 3] == 255]}
        assert shown == {(255, 0, 0), (0, 160, 0), (0, 0, 255)}
        assert set(np.unique(pixels[:, 3])) == {0, 255} and (pixels[:, 3] == 0).mean() > 0.15  # class 3 left out


def test_an_rgba_orthophoto_is_drawn_with_its_own_alpha(tmp_path: Path, store_path: Path) -> None:
    """OpenDroneMap and most photogrammetry tools write RGBA orthophotos: the image's alpha says where
    the photo is (the warp failed on them: "The VRT already has an alpha band")."""
    from rasterio.transform import from_origin

    ortho = tmp_path / "odm_orthophoto.tif"
    bands = np.zeros((4, 200, 200), dtype="uint8")
    bands[0], bands[1], bands[2] = 200, 100, 50
    bands[3][:, :100] = 255  # the flown half
    profile = {"driver": "GTiff", "width": 200, "height": 200, "count": 4, "dtype": "uint8", "crs": "EPSG:32643"}
    with rasterio.open(
        ortho, "w", transform=from_origin(600_000, 4_850_000, 0.5, 0.5), photometric="RGB", alpha="YES", **profile
    ) as dst:
        dst.write(bands)
    with Store.open(store_path) as store:
        entry = add_image(store, ortho)
    close_datasets()
    rgba = read_view(entry, view_of(entry.bounds, 100, 100))
    flown, unflown = rgba[10:90, 5:45], rgba[10:90, 55:95]
    assert (flown[..., 3] == 255).all() and (flown[..., :3] == (200, 100, 50)).all()
    assert (unflown[..., 3] == 0).all()


def test_a_coordinate_system_is_shown_by_one_function_for_the_refusal_and_the_command(store_path: Path) -> None:
    """An image's coordinate system without an EPSG code is named, not printed as WKT: the same words in
    the refusal of a CRS given for it and in what ``baytak imagery add`` says (one function for both)."""
    from baytak_desktop.basemap.imagery import crs_shown

    tenth = LANDSAT.parent / "rgb-byte-tenth.tif"
    with rasterio.open(tenth) as src:
        wkt = src.crs.to_wkt()
    assert crs_shown(wkt) == "UTM Zone 18, Northern Hemisphere"
    assert crs_shown("EPSG:32643") == "EPSG:32643" and crs_shown(None) == "no CRS"
    assert crs_shown('PROJCS["Almaty grid",broken') == "Almaty grid"  # WKT PROJ cannot read: its quoted name
    with Store.open(store_path) as store, pytest.raises(SourceError) as refused:
        add_image(store, tenth, crs="EPSG:32643")
    assert "(UTM Zone 18, Northern Hemisphere)" in str(refused.value) and "PROJCS" not in str(refused.value)
