"""Print exhibits show the store's OSM basemap as vectors at the paper's scale, and its images."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import rasterio
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter
from rasterio.transform import from_origin

from baytak_desktop.basemap import osm_style
from baytak_desktop.basemap.build import build_basemap
from baytak_desktop.basemap.imagery import add_image
from baytak_desktop.basemap.registry import register_basemap
from baytak_desktop.exhibits.print_spec import spec_from_options
from baytak_desktop.store import Store
from baytak_desktop.ui.paint.print_layout import export_exhibit, note_lines, paint_page
from baytak_desktop.ui.paint.print_legend import legend_items
from baytak_desktop.ui.paint.print_sources import gather_sources

DATA = Path(__file__).resolve().parents[2] / "data"
HELSINKI = DATA / "osm" / "Helsinki.osm.pbf"
LANDSAT = DATA / "imagery" / "rgb_deflate.tif"


def register(store: Store, out: Path) -> None:
    result = build_basemap(HELSINKI, out)
    register_basemap(
        store, result.path, {**result.info, "title": "Helsinki", "bounds": result.bounds, "counts": result.counts}
    )


def rgba(image: QImage) -> np.ndarray:
    converted = image.convertToFormat(QImage.Format.Format_RGBA8888)
    return np.frombuffer(converted.constBits(), dtype=np.uint8).reshape(image.height(), image.width(), 4).copy()


def count(pixels: np.ndarray, hex_colour: str, tolerance: int = 6) -> int:
    colour = QColor(hex_colour)
    target = np.array(colour.getRgb()[:3])
    return int(np.count_nonzero(np.all(np.abs(pixels[..., :3].astype(int) - target) <= tolerance, axis=-1)))


def paint(spec) -> tuple[np.ndarray, object]:
    width, height = spec.page_pixels()
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    try:
        content = paint_page(painter, spec, width, height)
    finally:
        painter.end()
    return rgba(image), content


@pytest.fixture
def helsinki_store(tmp_path: Path) -> Path:
    path = tmp_path / "field.gpkg"
    with Store.create(path) as store:
        register(store, tmp_path / "helsinki.basemap.gpkg")
    return path


def test_the_exhibit_draws_the_osm_roads_buildings_and_names(qapp, helsinki_store: Path, tmp_path: Path) -> None:
    spec = spec_from_options(
        helsinki_store, tmp_path / "ex.png", title="Helsinki", extent="24.935,60.165,24.953,60.178", dpi=150
    )
    pixels, content = paint(spec)
    assert len(content.osm) == 1
    assert count(pixels, osm_style.ROADS["primary"].colour) > 2000  # the primary roads, as wide bands
    assert count(pixels, osm_style.BUILDINGS.fill) > 5000  # about 1:6,000 on A4: buildings are drawn
    assert "Helsinki" in content.labels
    legend = [item.label for item in legend_items(content, "ru", set())]
    assert legend[0] == "OpenStreetMap"
    assert {"Главная дорога", "Улица или второстепенная дорога", "Железная дорога", "Здание"} <= set(legend)
    assert "Особо охраняемая территория" not in legend  # none in Helsinki's centre: not listed
    # the same page as a PDF file: written whole, with the names as text
    export_exhibit(spec_from_options(helsinki_store, tmp_path / "ex.pdf", extent="24.935,60.165,24.953,60.178"))
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    assert document.load(str(tmp_path / "ex.pdf")) == QPdfDocument.Error.None_
    assert "© OpenStreetMap contributors" in document.getAllText(0).text()  # the ODbL's attribution
    page = rgba(document.render(0, QSize(1240, 1754)))
    assert count(page, osm_style.ROADS["primary"].colour, 10) > 2000
    # a page of another place credits no OpenStreetMap data it does not show
    far = spec_from_options(helsinki_store, tmp_path / "far.png", extent="76.8,43.2,77.0,43.3")
    assert not any("OpenStreetMap" in line for line in note_lines(far, gather_sources(far)))


def test_the_exhibit_of_a_wider_area_leaves_the_buildings_out(qapp, helsinki_store: Path, tmp_path: Path) -> None:
    spec = spec_from_options(helsinki_store, tmp_path / "ex.png", extent="24.70,60.05,25.20,60.30", dpi=150)
    pixels, content = paint(spec)
    assert len(content.osm) == 1 and len(content.osm[0][1]["osm_buildings"]) == 0
    assert count(pixels, osm_style.BUILDINGS.fill, 2) < 50
    assert "Здание" not in [item.label for item in legend_items(content, "ru", set())]
    assert count(pixels, osm_style.ROADS["primary"].colour) > 20


def test_the_exhibit_draws_the_image_at_print_resolution(qapp, tmp_path: Path) -> None:
    image = tmp_path / "site.tif"
    with rasterio.open(LANDSAT) as src:
        profile = src.profile | {"crs": "EPSG:32643", "transform": from_origin(600_000, 4_850_000, 300, 300)}
        with rasterio.open(image, "w", **profile) as dst:
            dst.write(src.read())
    path = tmp_path / "field.gpkg"
    with Store.create(path) as store:
        entry = add_image(store, image, "2026-07-15")
    west, south, east, north = entry.bounds
    inner = f"{west + 0.3},{south + 0.3},{east - 0.3},{north - 0.3}"
    spec = replace(spec_from_options(path, tmp_path / "ex.png", extent=inner, dpi=100), basemap=False)
    pixels, content = paint(spec)
    assert [i.image.id for i in content.images if i.image is not None] == [entry.id]
    height, width = pixels.shape[:2]
    centre = pixels[height // 2 - 50 : height // 2 + 50, width // 2 - 50 : width // 2 + 50, :3]
    assert len(np.unique(centre.reshape(-1, 3), axis=0)) > 50  # a photo's variety of colours, not a fill
    # the notes name the image with its date and SHA-256: the paper says which file it shows
    notes = note_lines(replace(spec, language="kk"), gather_sources(spec))
    assert any(f"Сурет: site, 2026-07-15, site.tif, SHA-256 {entry.sha256}" in line for line in notes)
    elsewhere = replace(spec_from_options(path, tmp_path / "ex.png", extent="70,40,71,41"), basemap=False)
    assert not any("SHA-256" in line for line in note_lines(elsewhere, gather_sources(elsewhere)))
    # the legend says what the picture under the data is, with its date
    legend = legend_items(content, "kk", set())
    assert [(item.label, item.heading, item.draw is not None) for item in legend] == [
        ("Сурет: site, 2026-07-15", True, True)
    ]
    _, far = paint(replace(elsewhere, dpi=72))  # a page of another place neither draws nor lists it
    assert far.images == [] and legend_items(far, "kk", set()) == []


def test_a_page_with_nothing_to_explain_has_no_legend_heading(qapp, tmp_path: Path) -> None:
    """A legend heading over an empty space (no feature, image or basemap symbol in view) is an orphan."""
    from PySide6.QtPdf import QPdfDocument

    path = tmp_path / "empty.gpkg"
    Store.create(path).close()
    for extent, heading in (("70,40,71,41", False), ("70,40,80,50", True)):  # empty steppe; towns and water
        spec = spec_from_options(path, tmp_path / "ex.pdf", extent=extent, lang="ru")
        spec = replace(spec, basemap=heading)
        export_exhibit(spec)
        document = QPdfDocument()
        assert document.load(str(tmp_path / "ex.pdf")) == QPdfDocument.Error.None_
        assert ("Условные обозначения" in document.getAllText(0).text()) is heading


def test_the_exhibit_draws_the_image_as_bright_and_opaque_as_the_screen(qapp, tmp_path: Path) -> None:
    """Brightness and opacity per image are the map's: the printed raster's mean follows them as the
    screen's does (a darkened photo is not printed at its original brightness)."""
    from baytak_desktop.basemap.imagery_view import close_datasets
    from baytak_desktop.mapdata.projection import fit_view
    from baytak_desktop.ui.paint.imagery import ImageryJob, render_imagery

    image = tmp_path / "site.tif"
    with rasterio.open(LANDSAT) as src:
        profile = src.profile | {"crs": "EPSG:32643", "transform": from_origin(600_000, 4_850_000, 300, 300)}
        with rasterio.open(image, "w", **profile) as dst:
            dst.write(src.read())
    path = tmp_path / "field.gpkg"
    with Store.create(path) as store:
        entry = add_image(store, image, "2026-07-15")
    key = f"image:{entry.id}"
    west, south, east, north = entry.bounds
    inner = f"{west + 0.3},{south + 0.3},{east - 0.3},{north - 0.3}"
    plain = replace(spec_from_options(path, tmp_path / "ex.png", extent=inner, dpi=100), basemap=False)

    def printed_mean(looks) -> float:
        spec = replace(plain, reference=looks)
        assert spec == type(spec).from_json(spec.to_json())  # the child process gets the same looks
        pixels, _ = paint(spec)
        height, width = pixels.shape[:2]
        return float(pixels[height // 2 - 80 : height // 2 + 80, width // 2 - 80 : width // 2 + 80, :3].mean())

    def screen_mean(brightness: float) -> float:
        close_datasets()
        lon, lat = (west + east) / 2, (south + north) / 2
        view = fit_view((lon - 0.05, lat - 0.05, lon + 0.05, lat + 0.05), 300, 300)
        return float(rgba(render_imagery(ImageryJob(entry, brightness), view).image)[..., :3].mean())

    as_registered = printed_mean(None)
    assert printed_mean(((key, 1.0, 0.0),)) == pytest.approx(as_registered, abs=0.5)
    for brightness in (-0.25, 0.25):
        on_paper = printed_mean(((key, 1.0, brightness),)) - as_registered
        on_screen = screen_mean(brightness) - screen_mean(0.0)
        assert abs(on_paper) > 20  # a quarter of the range lighter or darker: clearly seen
        assert on_paper == pytest.approx(on_screen, rel=0.25)
    half = printed_mean(((key, 0.5, 0.0),))
    hidden = printed_mean(())  # the image hidden on the map: the paper shows what is under it
    assert half == pytest.approx((as_registered + hidden) / 2, abs=3)
    assert abs(hidden - as_registered) > 10


def test_a_long_image_title_and_its_sha256_are_on_the_landscape_page_whole(qapp, tmp_path: Path) -> None:
    """A Kazakh image title wider than the legend's column wraps onto more rows instead of being cut
    after a few words, and the notes break the 64 letters of the SHA-256 (no space to wrap at) inside the
    panel: nothing is cut at the page's edge, and the PDF holds every letter of the fingerprint."""
    from PySide6.QtPdf import QPdfDocument

    image = tmp_path / "drone.tif"
    image.write_bytes(LANDSAT.read_bytes())
    path = tmp_path / "field.gpkg"
    title = "Өтеген батыр маңындағы заңсыз құм карьері, ұшқышсыз ұшақтан түсірілген сурет"
    with Store.create(path) as store:
        entry = add_image(store, image, "2026-06-01", title=title)
    west, south, east, north = entry.bounds
    extent = f"{west},{south},{east},{north}"
    spec = replace(
        spec_from_options(path, tmp_path / "ex.pdf", extent=extent, dpi=100, lang="kk", landscape=True),
        basemap=False,
    )
    export_exhibit(spec)
    document = QPdfDocument()
    assert document.load(str(tmp_path / "ex.pdf")) == QPdfDocument.Error.None_
    found = document.getAllText(0).text()
    assert entry.sha256 in "".join(found.split())  # whole, though broken over lines
    assert "…" not in found and "түсірілген сурет, 2026-06-01" in " ".join(found.split())
    # its last letters are inside the page's 12 mm margin, where they can be read (the PDF keeps the text of
    # letters drawn past the edge, so the text alone would not tell)
    end = document.getSelectionAtIndex(0, found.index(entry.sha256[-8:]), 8).boundingRectangle()
    assert end.right() <= document.pagePointSize(0).width() - 12 / 25.4 * 72 + 1
