"""Files from the real world beyond what the corpus cases check field by field: a Gauss-Kruger .prj whose
datum has no name PROJ knows must land where the map is (not 50 m off), MapInfo text must read as
Russian whatever its header's charset says, a shapefile cut short or a table in metres is refused with
what is wrong (the store left as it was), and a KML export names every placemark as Google Earth lists it."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd
import pyogrio
import pytest
import shapely

from baytak_desktop.errors import BaytakError
from baytak_desktop.io.exporter import export_layer
from baytak_desktop.io.importer import ImportOptions, import_file
from baytak_desktop.io.jobs import preview_job, source_layers
from baytak_desktop.jobs import NullProgress
from baytak_desktop.store import Store

CRAFTED = Path(__file__).resolve().parents[1] / "data" / "crafted"
AGENCY = {"НАЗВАНИЕ": "name", "СТАТУС": "status", "ЛИЦЕНЗИЯ": "license_no"}
# the first pit of make_crafted.py (PIT), as written in longitude/latitude before projecting it
PIT = shapely.Polygon([(77.0, 43.8), (77.012, 43.8), (77.012, 43.809), (77.0, 43.809)])
TREES = {"Порода": "species", "Количество": "tree_count", "Статус": "status", "Дата посадки": "planted_on"}
KML = "{http://www.opengis.net/kml/2.2}"
NAMES = ["Карьер у Абата", "Песчаный карьер Караой", "Щебёночный карьер"]


def _imported(store: Store, source: Path, **options: object) -> list:
    result = import_file(store, source, "quarries", options=ImportOptions(field_map=AGENCY, **options))  # type: ignore[arg-type]
    by_uuid = {f.uuid: f for f in store.features("quarries")}
    return [by_uuid[uuid] for uuid in result.uuids]


def test_a_krasovsky_prj_without_a_datum_lands_where_pulkovo_1942_puts_it(store: Store) -> None:
    """PROJ's ballpark for D_Krasovsky_1940 put the pit 50 m east and 34 m south; as Pulkovo 1942 it is
    within centimetres of where it was drawn."""
    first = _imported(store, CRAFTED / "gk13_krasovsky_prj.shp")[0]
    assert shapely.hausdorff_distance(first.geometry, PIT) < 1e-6  # about 10 cm


@pytest.mark.parametrize("name", ["akimat_pits_neutral.tab", "geology_pits_windowscyrillic.mif"])
def test_mapinfo_tables_read_as_russian_in_their_place(store: Store, tmp_path: Path, name: str) -> None:
    """Charset "Neutral" (CP1251 bytes, nothing says so) and "WindowsCyrillic" both give the same text,
    also from a folder and file name with spaces and Cyrillic, as a user's download folder has."""
    folder = tmp_path / "Данные акимата 2024"
    folder.mkdir()
    stem = Path(name).stem
    for part in CRAFTED.glob(f"{stem}.*"):
        shutil.copy(part, folder / f"карьеры {stem}{part.suffix}")
    features = _imported(store, folder / f"карьеры {name}")
    assert [f.attributes["name"] for f in features] == NAMES
    assert [f.attributes["status"] for f in features] == ["illegal", "abandoned", "active"]
    assert shapely.hausdorff_distance(features[0].geometry, PIT) < 1e-6


def test_a_mapinfo_table_without_its_dat_is_refused_naming_it(store_path: Path, tmp_path: Path) -> None:
    shutil.copy(CRAFTED / "akimat_pits_neutral.tab", tmp_path / "pits.tab")
    Store.create(store_path).close()
    before = hashlib.sha256(store_path.read_bytes()).hexdigest()
    with Store.open(store_path) as store, pytest.raises(BaytakError) as caught:
        import_file(store, tmp_path / "pits.tab", "quarries")
    assert ".dat" in caught.value.message and "pits.tab" in caught.value.message
    assert hashlib.sha256(store_path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("cut_short_shp.shp", "its .shp file is cut short"),
        ("cut_short_dbf.shp", "its .dbf file is cut short"),
        ("points_gk13_metres.csv", "x holds 4838512,4"),
        ("outflows_utm43n.csv", "easting holds 671000"),
    ],
)
def test_damaged_files_and_metres_are_refused_once_with_the_reason(store_path: Path, name: str, says: str) -> None:
    """One line naming the file and what is wrong, not a row-by-row "has no geometry" or "outside
    -180..180" for every row, nor GDAL's "fread failed"."""
    Store.create(store_path).close()
    with Store.open(store_path) as store, pytest.raises(BaytakError) as caught:
        import_file(store, CRAFTED / name, "quarries", options=ImportOptions(constants={"status": "active"}))
    assert says in caught.value.message and name in caught.value.message, caught.value.message
    assert getattr(caught.value, "problems", []) == []


def zipped(tmp_path: Path, stem: str, charset: bytes | None = None) -> Path:
    """The crafted MapInfo table ``stem`` in a folder of a zip, as an akimat sends it; ``charset``: the
    name its .tab header gives instead of "Neutral"."""
    archive = tmp_path / f"карьеры {stem}.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for part in CRAFTED.glob(f"{stem}.*"):
            data = part.read_bytes()
            if charset is not None and part.suffix == ".tab":
                data = data.replace(b"Neutral", charset)
            out.writestr(f"Данные/{part.name}", data)
    return archive


@pytest.mark.parametrize(
    ("stem", "charset"),
    [
        ("akimat_pits_neutral", None),
        ("akimat_pits_neutral", b"WindowsCyrillic"),  # GDAL decodes it there: told like the others
        ("geology_pits_windowscyrillic", None),
    ],
)
def test_a_zipped_mapinfo_table_is_imported_from_the_zip(
    store: Store, tmp_path: Path, stem: str, charset: bytes | None
) -> None:
    """Read where it lies in the archive (GDAL's /vsizip/, nothing extracted), its Russian text as from
    the folder, whatever its header's charset says."""
    archive = zipped(tmp_path, stem, charset)
    features = _imported(store, archive)
    assert [f.attributes["name"] for f in features] == NAMES
    assert [f.attributes["status"] for f in features] == ["illegal", "abandoned", "active"]
    assert shapely.hausdorff_distance(features[0].geometry, PIT) < 1e-6
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("s.gpkg")] == [
        archive.name
    ]  # nothing extracted


def test_a_zipped_mapinfo_table_in_another_encoding_and_without_its_dat(store: Store, tmp_path: Path) -> None:
    """The person's choice of encoding applies inside a zip too (CP866: the preview shows what that
    reads); a table whose .dat is missing from the archive is refused naming what to add."""
    archive = zipped(tmp_path, "akimat_pits_neutral", b"WindowsCyrillic")
    told = preview_job(archive, progress=NullProgress())
    chosen = preview_job(archive, encoding="CP866", progress=NullProgress())
    assert (told.kind, told.encoding, told.encoding_how, told.rows[0][0]) == ("MapInfo", "CP1251", "declared", NAMES[0])
    assert (chosen.encoding, chosen.encoding_how) == ("CP866", "chosen") and chosen.rows[0][0] != NAMES[0]
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(broken, "w") as out:
        out.write(CRAFTED / "akimat_pits_neutral.tab", "pits.tab")
    with pytest.raises(BaytakError) as caught:
        import_file(store, broken, "quarries")
    assert caught.value.message == (
        "The MapInfo table pits.tab (in broken.zip) has no .dat file (its attributes): copy it beside the .tab"
    )


def test_a_datum_with_no_known_shift_on_another_ellipsoid_is_named_in_a_warning(store: Store, tmp_path: Path) -> None:
    """Clarke 1880 with a datum of its own name: PROJ can only move the ellipsoid, so the report says
    positions may be off (nothing to substitute, unlike Krasovsky's)."""
    for part in CRAFTED.glob("gk13_krasovsky_prj.*"):
        shutil.copy(part, tmp_path / f"clarke{part.suffix}")
    prj = (CRAFTED / "gk13_krasovsky_prj.prj").read_text()
    (tmp_path / "clarke.prj").write_text(
        prj.replace("D_Krasovsky_1940", "D_Local").replace(
            '"Krasovsky_1940",6378245.0,298.3', '"Clarke_1880",6378249.145,293.465'
        )
    )
    result = import_file(store, tmp_path / "clarke.shp", "quarries", options=ImportOptions(field_map=AGENCY))
    assert any("no shift from its datum (D_Local)" in p.message for p in result.warnings), result.as_json()


def test_the_import_dialogs_preview_reads_a_mapinfo_table_in_the_chosen_encoding() -> None:
    """The dialog's Text encoding list applies to MapInfo tables too (CP866 chosen: the preview shows
    what that would give, and says it was chosen)."""
    source = CRAFTED / "akimat_pits_neutral.tab"
    told = preview_job(source, progress=NullProgress())
    chosen = preview_job(source, encoding="CP866", progress=NullProgress())
    assert (told.encoding, told.encoding_how, told.rows[0][0]) == ("CP1251", "detected", NAMES[0])
    assert (chosen.encoding, chosen.encoding_how) == ("CP866", "chosen") and chosen.rows[0][0] != NAMES[0]


def test_a_kml_export_names_every_placemark_even_without_a_name_field(store: Store, tmp_path: Path) -> None:
    """Google Earth lists a placemark by its <name>: trees are named by species (kept in the data too),
    and importing the KML back reports no column left over."""
    import_file(store, CRAFTED / "trees_russian_excel.csv", "tree_plantings", field_map=TREES)
    out = tmp_path / "trees.kml"
    export_layer(store, "tree_plantings", out)
    placemarks = ElementTree.parse(out).getroot().iter(f"{KML}Placemark")
    assert [p.findtext(f"{KML}name") for p in placemarks] == ["birch", "maple", "poplar"]
    fresh = tmp_path / "fresh.gpkg"
    Store.create(fresh).close()
    with Store.open(fresh) as other:
        back = import_file(other, out, "tree_plantings")
    assert (back.imported, back.unmatched_columns) == (3, [])


KILNS = {"Название": "name", "Статус": "status", "Дата": "observed_on"}


def _kilns(store: Store, source: Path, **options: object) -> list:
    result = import_file(store, source, "brick_factories", options=ImportOptions(**options))  # type: ignore[arg-type]
    by_uuid = {f.uuid: f for f in store.features("brick_factories")}
    return [by_uuid[uuid] for uuid in result.uuids]


def test_places_pasted_into_one_column_land_where_each_site_put_them(store: Store) -> None:
    """Google text and links are latitude first, Yandex's ll= and 2GIS's m= longitude first, geo: URIs
    latitude first, DMS by their letters; statuses in the quarries' words, dates as typed."""
    features = _kilns(store, CRAFTED / "whatsapp_coordinates.csv", field_map=KILNS)
    places = [(round(f.geometry.y, 6), round(f.geometry.x, 6)) for f in features]
    assert places == [
        (43.238949, 76.889709),
        (43.200972, 76.62),  # 43°12'03.5"N 76°37'12.0"E
        (43.305, 77.236),  # Yandex: ll=77.236,43.305
        (43.401, 77.012),
        (43.2219, 76.3132),
        (43.3567, 77.4431),  # 2GIS: m=77.4431,43.3567/16
    ]
    assert [f.attributes["status"] for f in features] == ["operating"] * 3 + ["closed"] * 2 + ["unknown"]
    assert [f.attributes["observed_on"] for f in features] == ["2024-06-05"] * 5 + [None]


def test_a_single_coordinates_column_can_be_chosen_as_both(store: Store, tmp_path: Path) -> None:
    """A column with another name (e.g. "Где") is chosen as latitude and longitude at once."""
    source = tmp_path / "kilns.csv"
    source.write_text("name;status;Где\nKiln;closed;43.25, 76.95\n", encoding="utf-8")
    (feature,) = _kilns(store, source, lat_column="Где", lon_column="Где")
    assert (feature.geometry.x, feature.geometry.y) == (76.95, 43.25)


def test_a_gml_without_a_schema_is_read_without_writing_into_its_folder(store: Store, tmp_path: Path) -> None:
    """GDAL writes a .gfs beside a GML that has none (also when only listing its layers): not in the
    user's folder."""
    folder = tmp_path / "Загрузки"
    folder.mkdir()
    shutil.copy(CRAFTED / "kilns_no_schema.gml", folder / "заводы.gml")
    assert source_layers(folder / "заводы.gml") == ["kilns"]
    features = _kilns(store, folder / "заводы.gml")
    assert [(f.attributes["name"], f.attributes["status"]) for f in features] == [
        ("Бесагаш", "operating"),
        ("Талгар", "closed"),
    ]
    assert [p.name for p in folder.iterdir()] == ["заводы.gml"]


def test_a_flatgeobufs_rows_are_numbered_in_the_files_own_order(store: Store) -> None:
    """Its spatial index stores the kilns in Hilbert order (Иссык, Талгар, Бесагаш, Каскелен): the bad
    status of Бесагаш is the file's third feature (GDAL's feature id 2), as ogrinfo shows it."""
    with pytest.raises(BaytakError) as caught:
        _kilns(store, CRAFTED / "kilns_indexed.fgb")
    (problem,) = caught.value.problems  # type: ignore[attr-defined]
    assert (problem.row, problem.field) == (3, "status")
    result = import_file(
        store, CRAFTED / "kilns_indexed.fgb", "brick_factories", options=ImportOptions(skip_invalid=True)
    )
    by_uuid = {f.uuid: f.attributes["name"] for f in store.features("brick_factories")}
    assert [by_uuid[uuid] for uuid in result.uuids] == ["Иссык", "Талгар", "Каскелен"]


@pytest.mark.parametrize("name", ["akimat_kilns.xlsx", "akimat_kilns.ods"])
def test_an_akimats_sheet_under_a_title_is_read_from_its_header_row(store: Store, name: str) -> None:
    """The cover sheet has no coordinates, so the second sheet is read, its column names from row 3;
    numbers stored as numbers and as text with decimal commas give the same places."""
    akimat = {"Наименование": "name", "Статус": "status", "Дата проверки": "observed_on"}
    features = _kilns(store, CRAFTED / name, field_map=akimat)
    assert [(f.geometry.y, f.geometry.x) for f in features] == [(43.2389, 76.8897), (43.201, 76.62)]
    assert [f.attributes["status"] for f in features] == ["operating", "closed"]
    assert [f.attributes["observed_on"] for f in features] == ["2024-06-05", "2024-06-05"]
    assert source_layers(CRAFTED / name) == ["Справка", "Заводы"]


def test_dates_typed_into_a_dbf_text_field_are_stored_canonical(store: Store, tmp_path: Path) -> None:
    """A bare .dbf table whose date column is text (as MapInfo exports a typed date) follows the one rule."""
    table = pd.DataFrame(
        {"name": ["A", "B"], "status": ["закрыто", "работает"], "lat": ["43.25", "43.26"], "lon": ["76.95", "76.96"]}
        | {"checked": ["5 маусым 2024", "05.06.24"]}
    )
    pyogrio.write_dataframe(table, tmp_path / "kilns.dbf", driver="ESRI Shapefile", encoding="UTF-8")
    features = _kilns(store, tmp_path / "kilns.dbf", field_map={"checked": "observed_on"})
    assert [(f.attributes["status"], f.attributes["observed_on"]) for f in features] == [
        ("closed", "2024-06-05"),
        ("operating", "2024-06-05"),
    ]


def test_a_kml_placemark_drawn_as_a_bare_ring_is_read_as_its_closed_line(tmp_path: Path) -> None:
    """GDAL hands a bare <LinearRing> over with an empty WKB: read as the closed line Google Earth draws,
    every vertex where ogrinfo lists it, also from a KMZ and in a CP1251 KML; a polygon's rings stay rings."""
    from baytak_desktop.io.readers import read_source

    real = Path(__file__).resolve().parents[1] / "data" / "real" / "linear_ring.kml"
    text = real.read_text(encoding="utf-8")
    vertices = [tuple(map(float, c.split(",")[:2])) for c in text.split("<coordinates>")[1].split("</")[0].split()]
    kmz = tmp_path / "ring.kmz"
    with zipfile.ZipFile(kmz, "w") as archive:
        archive.writestr("doc.kml", text)
    cp1251 = tmp_path / "ring_cp1251.kml"
    cp1251.write_bytes(text.replace("UTF-8", "windows-1251").replace(" AOI ", "Контур").encode("cp1251"))
    for path in (real, kmz, cp1251):
        source = read_source(path)
        assert source.row_problems == [] and len(source.frame) == 1, path.name
        line = source.frame.geometry.iloc[0]
        assert line.geom_type == "LineString" and line.is_closed and list(line.coords) == vertices, path.name
    assert read_source(cp1251).frame["Name"].iloc[0] == "Контур"
    polygon = tmp_path / "pit.kml"
    polygon.write_text(text.replace("<LinearRing>", "<Polygon><outerBoundaryIs><LinearRing>").replace(
        "</LinearRing>", "</LinearRing></outerBoundaryIs></Polygon>"), encoding="utf-8")  # fmt: skip
    assert read_source(polygon).frame.geometry.iloc[0].geom_type == "Polygon"


def test_a_postgis_export_lands_where_its_ewkb_and_ewkt_say(store: Store) -> None:
    """Hex EWKB and EWKT (with an SRID other than 4326, moved to longitude/latitude) read as geometries."""
    import_file(store, CRAFTED / "postgis_export.csv", "sewage_outflows")
    places = {f["name"]: f.geometry for f in store.features("sewage_outflows")}
    assert (round(places["Sorbulak"].x, 6), round(places["Sorbulak"].y, 6)) == (76.98, 43.66)
    assert (round(places["Ili"].x, 6), round(places["Ili"].y, 6)) == (77.07, 43.87)


def _windows_zip(path: Path, stems: list[str], encoding: str) -> Path:
    """Two copies of Fiona's gre shapefile zipped as Windows Explorer does on a Russian computer: names
    in ``encoding`` without the zip's UTF-8 flag (Python writes that flag, so the names are put in after)."""
    real = Path(__file__).resolve().parents[1] / "data" / "real"
    with zipfile.ZipFile(path, "w") as archive:
        for letter, stem in zip("AB", stems, strict=True):
            for part in sorted(real.glob("gre.*")):
                archive.writestr(letter * len(stem.encode(encoding)) + part.suffix, part.read_bytes())
    data = path.read_bytes()
    for letter, stem in zip("AB", stems, strict=True):
        data = data.replace((letter * len(stem.encode(encoding))).encode(), stem.encode(encoding))
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["cp866", "utf-8"])
def test_a_zip_from_a_russian_windows_names_its_shapefiles_readably(
    store: Store, tmp_path: Path, encoding: str
) -> None:
    """Member names in CP866 (or UTF-8) without the UTF-8 flag are shown as written and chosen as typed."""
    archive = _windows_zip(tmp_path / "данные.zip", ["карьеры", "отвалы"], encoding)
    with pytest.raises(BaytakError) as caught:
        import_file(store, archive, "quarries", options=ImportOptions(constants={"status": "active"}))
    assert "карьеры.shp, отвалы.shp" in caught.value.message
    options = ImportOptions(constants={"status": "active"}, source_layer="отвалы")
    assert import_file(store, archive, "quarries", options=options).imported == 1


@pytest.mark.parametrize("suffix", [".kml", ".geojson"])
def test_a_file_saved_as_unicode_by_notepad_is_read(tmp_path: Path, suffix: str) -> None:
    """UTF-16 with its BOM (Notepad's "Unicode"): read as such, Kazakh letters intact, and a KML's
    placemarks outside any folder named after the file as GDAL names them, not after a private copy."""
    from baytak_desktop.io.readers import read_source

    real = Path(__file__).resolve().parents[1] / "data" / "real"
    source = real / ("using_the_cdata_element.kml" if suffix == ".kml" else "grenada.geojson")
    text = source.read_text(encoding="utf-8").replace("CDATA example", "Көл жағасы")
    saved = tmp_path / f"notepad{suffix}"
    saved.write_text(text, encoding="utf-16")
    read, original = read_source(saved), read_source(source)
    assert read.encoding is not None and read.encoding.label == "UTF-16"
    assert len(read.frame) == len(original.frame) == 1
    assert read.frame.geometry.iloc[0].equals(original.frame.geometry.iloc[0])
    if suffix == ".kml":
        assert (read.frame["Name"].iloc[0], read.frame["folder"].iloc[0]) == ("Көл жағасы", "notepad")


@pytest.mark.parametrize("prj", ["EPSG:32620", "+proj=utm +zone=20 +datum=WGS84 +units=m +no_defs\n"])
def test_a_prj_holding_an_epsg_code_or_a_proj_string_is_its_coordinate_system(tmp_path: Path, prj: str) -> None:
    """Scripts write "EPSG:…" or a PROJ string into the .prj, where GDAL reads only ESRI WKT: the features
    land where they are (Fiona's gre, moved to UTM zone 20 metres), from the folder and from a zip."""
    from baytak_desktop.io.readers import read_source

    original = read_source(Path(__file__).resolve().parents[1] / "data" / "real" / "gre.shp")
    metres = tmp_path / "gre_utm.shp"
    pyogrio.write_dataframe(original.frame.to_crs(32620), metres, encoding="UTF-8")
    metres.with_suffix(".prj").write_text(prj, encoding="ascii")
    archive = tmp_path / "gre_utm.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for part in tmp_path.glob("gre_utm.*"):
            if part != archive:
                zipped.write(part, part.name)
    for source in (metres, archive):
        back = read_source(source).frame.geometry.iloc[0]
        assert shapely.hausdorff_distance(back, original.frame.geometry.iloc[0]) < 1e-6, source.name
