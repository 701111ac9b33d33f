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

import pytest
import shapely

from baytak_desktop.errors import BaytakError
from baytak_desktop.io.exporter import export_layer
from baytak_desktop.io.importer import ImportOptions, import_file
from baytak_desktop.io.jobs import preview_job
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


def test_a_zipped_mapinfo_table_is_named_to_unzip(store_path: Path, tmp_path: Path) -> None:
    """Not "contains no shapefile" alone: the user sees what the archive holds and what to do."""
    archive = tmp_path / "карьеры.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for part in CRAFTED.glob("akimat_pits_neutral.*"):
            out.write(part, f"Данные/{part.name}")
    Store.create(store_path).close()
    with Store.open(store_path) as store, pytest.raises(BaytakError) as caught:
        import_file(store, archive, "quarries")
    assert "Данные/akimat_pits_neutral.tab: unzip it" in caught.value.message, caught.value.message


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
