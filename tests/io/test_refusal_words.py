"""Refusals of broken files say what is wrong and what to do in our words (translated like every domain
message), GDAL's or PROJ's English only after them as a detail: files cut short, not files of their
format, unreadable for lack of permission, missing, or in a coordinate system PROJ cannot use. Each file
here is really broken; nothing is faked."""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import rasterio
import shapely
from rasterio.transform import from_origin

from baytak_desktop.basemap.imagery import inspect_image
from baytak_desktop.basemap.osm_read import check_extract
from baytak_desktop.errors import SourceError
from baytak_desktop.gdal_failures import (
    CrsUnusable,
    DiskFull,
    FileDamaged,
    FileForbidden,
    FileMissing,
    FileUnrecognised,
    WriteForbidden,
    gdal_failure,
    write_failure,
)
from baytak_desktop.io.readers import read_source
from baytak_desktop.io.writers import write_frame

SITES = gpd.GeoDataFrame(
    {"name": [f"карьер {i}" for i in range(200)]},
    geometry=[shapely.Point(76.9 + i / 1000, 43.2) for i in range(200)],
    crs="EPSG:4326",
)


def cut_in_half(path: Path) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def written(tmp_path: Path, name: str, driver: str) -> Path:
    path = tmp_path / name
    SITES.to_file(path, driver=driver)
    return path


def ours_then_library(error: SourceError, words: str, library: str = "GDAL") -> str:
    """Our words first, the library's text only in the detail at the end."""
    message = error.message
    assert message.startswith((error.params["file"], "The coordinate system of")), message
    assert words in message.split(f"({library}: ")[0], message
    assert message.endswith(f"({library}: {error.params['detail']})"), message
    assert error.template == type(error).template  # a template of the class: translated as it is
    return error.params["detail"]


@pytest.mark.parametrize(
    ("name", "driver"),
    [("sites.gpkg", "GPKG"), ("sites.geojson", "GeoJSON"), ("sites.kml", "KML"), ("sites.fgb", "FlatGeobuf")],
)
def test_a_file_cut_short_is_refused_as_damaged(tmp_path: Path, name: str, driver: str) -> None:
    """A download that did not finish: before, "cannot be read as GeoPackage: sqlite3_prepare_v2(...)
    failed: database disk image is malformed" reached a Kazakh user as it was."""
    path = cut_in_half(written(tmp_path, name, driver))
    with pytest.raises(FileDamaged) as refused:
        read_source(path)
    detail = ours_then_library(refused.value, "is damaged or cut short")
    assert str(tmp_path) not in detail  # the file's name, not the private path GDAL was given


def test_a_gpx_track_cut_short_is_refused_as_damaged(tmp_path: Path) -> None:
    """A track downloaded from a GPS receiver whose cable came loose: GDAL's "XML parsing of GPX file
    failed : unclosed token" only after our words."""
    path = tmp_path / "route.gpx"
    path.write_text(
        '<?xml version="1.0"?><gpx version="1.1" creator="eTrex" xmlns="http://www.topografix.com/GPX/1/1">'
        '<wpt lat="43.2" lon="76.9"><name>Абат</name></wpt><wpt lat="43',
        encoding="utf-8",
    )
    with pytest.raises(FileDamaged) as refused:
        read_source(path)
    assert "XML parsing" in ours_then_library(refused.value, "is damaged or cut short")


def test_a_file_of_another_format_is_refused_by_its_kind(tmp_path: Path) -> None:
    path = tmp_path / "sites.gpkg"
    path.write_bytes(b"these are notes, not a GeoPackage\n" * 40)
    with pytest.raises(SourceError) as refused:
        read_source(path)
    assert refused.value.message == (
        "sites.gpkg is not a valid GeoPackage file: its content is not recognised. Check that it is not damaged"
        " or renamed from another format"
    )


@contextmanager
def as_another_user() -> Iterator[None]:
    """Run as an ordinary account: root reads any file whatever its permissions."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)  # nobody
    try:
        yield
    finally:
        os.seteuid(0)


def test_a_file_without_read_permission_is_refused_saying_so(tmp_path: Path) -> None:
    """A file copied from another account's folder, or a share mounted read-protected; and a file in a
    folder this account cannot enter (which was a traceback: Path.exists raised PermissionError)."""
    closed = written(tmp_path, "closed.geojson", "GeoJSON")  # pytest's folders are open to root alone
    with as_another_user(), pytest.raises(FileForbidden) as refused_folder:
        read_source(closed)
    assert "Permission denied" in ours_then_library(refused_folder.value, "no permission to read it", "OS")
    with tempfile.TemporaryDirectory() as folder:
        Path(folder).chmod(0o755)
        forbidden_file_and_image(Path(folder))


def forbidden_file_and_image(tmp_path: Path) -> None:
    path = written(tmp_path, "sites.geojson", "GeoJSON")
    image = tmp_path / "ortho.tif"
    with rasterio.open(image, "w", driver="GTiff", width=8, height=8, count=1, dtype="uint8", crs="EPSG:4326",
                       transform=from_origin(76.9, 43.3, 0.001, 0.001)) as out:  # fmt: skip
        out.write(np.ones((1, 8, 8), "uint8"))
    for file in (path, image):
        file.chmod(0)
    try:
        with as_another_user():
            with pytest.raises(FileForbidden) as refused:
                read_source(path)
            with pytest.raises(FileForbidden) as refused_image:
                inspect_image(image)
    finally:
        for file in (path, image):
            file.chmod(0o644)
    assert "Permission denied" in ours_then_library(refused.value, "you have no permission to read it", "OS")
    assert "Permission denied" in ours_then_library(refused_image.value, "you have no permission to read it")


def test_gdal_failing_to_find_a_file_is_said_in_our_words(tmp_path: Path) -> None:
    """GDAL's own "No such file or directory" (a file gone between choosing and reading it, a network
    folder disconnected): the text GDAL really gives, classified."""
    gone = tmp_path / "ушёл.geojson"
    with pytest.raises(pyogrio.errors.DataSourceError) as raised:
        pyogrio.read_info(gone)
    failure = gdal_failure(raised.value, gone.name, str(gone))
    assert isinstance(failure, FileMissing)
    assert ours_then_library(failure, "was not found") == "ушёл.geojson: No such file or directory"
    assert gdal_failure("Layer 'x' has a field type not handled", "x.gpkg") is None  # left to the caller


def test_a_coordinate_system_proj_cannot_use_is_refused_saying_what_to_do(tmp_path: Path) -> None:
    """A surveyor's local grid (LOCAL_CS), and a projection method PROJ does not know (which made pyproj
    raise an IndexError: a traceback, before)."""
    path = tmp_path / "pits.shp"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.Point(1000, 2000)]).to_file(path)
    grids = {
        'LOCAL_CS["Quarry grid",UNIT["metre",1]]': "Quarry grid",
        'PROJCS["Akimat grid",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
        'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["No_Such_Projection"],'
        'UNIT["metre",1]]': "Akimat grid",
    }
    for prj, name in grids.items():
        path.with_suffix(".prj").write_text(prj)
        with pytest.raises(CrsUnusable) as refused:
            read_source(path)
        assert ours_then_library(refused.value, "save the file again with a standard one", "PROJ").startswith(name)


def test_broken_images_and_extracts_are_refused_in_our_words(tmp_path: Path) -> None:
    junk = tmp_path / "ortho.tif"
    junk.write_bytes(b"II*\x00" + bytes(60))
    with pytest.raises(SourceError) as refused:
        inspect_image(junk)
    assert not isinstance(refused.value, FileUnrecognised)
    assert refused.value.message.startswith(f"{junk} is not an image that can be read: use GeoTIFF")
    assert "(GDAL: " in refused.value.message and "not recognized" in refused.value.params["detail"]
    extract = tmp_path / "kazakhstan.osm.pbf"
    extract.write_bytes(b"not protobuf" * 20)
    with pytest.raises(SourceError, match=r"is not an OpenStreetMap extract: choose a \.osm\.pbf file") as said:
        check_extract(extract)
    assert "GDAL" not in said.value.message and "recognized" not in said.value.message


def test_a_zip_cut_short_is_refused_as_damaged(tmp_path: Path) -> None:
    archive = tmp_path / "roads.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("roads.geojson", SITES.to_json() * 5)
    cut_in_half(archive)
    with pytest.raises(FileDamaged) as refused:
        read_source(archive)
    assert ours_then_library(refused.value, "is damaged or cut short", "zip") == "File is not a zip file"


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".shp", ".csv"])
def test_an_export_into_a_folder_without_write_permission_says_so(suffix: str) -> None:
    """A folder of another account, a read-only share: before, "cannot be written: [Errno 13] Permission
    denied: '/home/.../.baytak-3f2a....partial.gpkg'" (or GDAL's "Failed to create"), with our own
    staging name in it."""
    with tempfile.TemporaryDirectory() as folder:
        write_frame(SITES, Path(folder) / f"first{suffix}", layer_name="quarries")  # its modules loaded as root
        closed = Path(folder)
        closed.chmod(0o555)  # others may enter and read, no one but root may write
        with as_another_user(), pytest.raises(WriteForbidden) as refused:
            write_frame(SITES, closed / f"карьеры{suffix}", layer_name="quarries")
        closed.chmod(0o755)
    detail = ours_then_library(
        refused.value, "its folder does not let you write in it", refused.value.params["library"]
    )
    assert folder not in detail and ".partial" not in detail, detail  # the file as the person named it


def test_a_full_disk_is_said_in_our_words() -> None:
    """The system's own text for a full disk (writing to /dev/full gives it), classified."""
    with pytest.raises(OSError) as raised, open("/dev/full", "wb") as full:
        full.write(b"x" * 4096)
        full.flush()
    failure = write_failure(raised.value, "карьеры.gpkg", library="OS")
    assert isinstance(failure, DiskFull)
    assert "No space left on device" in ours_then_library(failure, "the disk is full", "OS")
