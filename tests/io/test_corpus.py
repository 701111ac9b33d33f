"""Every file of the corpus (tests/data/real: other projects' test data; tests/data/crafted: what Kazakh
users bring) through import, export to every format, re-import into a fresh store, and validate.

A refused file must leave the store byte-identical and say why on one line; an imported one must come
back from every export field by field (codes, numbers, dates, geometry), and both stores must validate
without an error. See tests/data/README.md for where each file comes from.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import shapely

from baytak_desktop.errors import BaytakError
from baytak_desktop.io.exporter import export_layer
from baytak_desktop.io.importer import ImportOptions, ImportResult, import_file
from baytak_desktop.layers import LAYERS
from baytak_desktop.store import Store
from baytak_desktop.store.check import check_store

DATA = Path(__file__).resolve().parents[1] / "data"
REAL, CRAFTED = DATA / "real", DATA / "crafted"
EXPORTS = (".gpkg", ".zip", ".shp", ".geojson", ".csv", ".kml")
POINTS = {"status": "unknown", "name": "unnamed"}
PITS = {"status": "active", "name": "unnamed"}
AGENCY = {"НАЗВАНИЕ": "name", "СТАТУС": "status", "ЛИЦЕНЗИЯ": "license_no"}
KILNS_CSV = {"Название": "name", "Статус": "status", "Дата": "observed_on"}
KILNS_CSV_NO_DATE = {"Название": "name", "Статус": "status"}
AKIMAT = {"Наименование": "name", "Статус": "status", "Дата проверки": "observed_on"}


@dataclass(frozen=True)
class Case:
    file: str
    layer: str
    constants: dict[str, str] = field(default_factory=dict)
    field_map: dict[str, str] = field(default_factory=dict)
    imported: int | None = None  # None: the import is refused
    says: str = ""  # a fragment of the refusal, or of a warning of the report
    encoding: str | None = None  # the encoding the report must name
    options: dict[str, object] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return (CRAFTED if (CRAFTED / self.file).exists() else REAL) / self.file


REAL_CASES = [
    Case("naturalearth_cities.shp", "brick_factories", POINTS, imported=243, encoding="ISO-8859-1"),
    Case("naturalearth_lowres.shp", "quarries", PITS, imported=177, encoding="ISO-8859-1"),
    Case("coutwildrnp.zip", "quarries", PITS, imported=67),
    Case("gre.shp", "quarries", PITS, imported=1, encoding="UTF-8"),
    Case("test_tin.shp", "quarries", PITS, says="has no .prj"),
    Case("curves_line.csv", "quarries", PITS, says="has curves (arcs)"),
    Case("test_tin.csv", "quarries", PITS, says="a kind of geometry baytak cannot store"),
    Case("!test.geojson", "quarries", PITS, imported=1),
    Case("grenada.geojson", "quarries", PITS, imported=1),
    Case("issue627.geojson", "quarries", PITS, imported=3),
    Case("null_geom.geojson", "brick_factories", POINTS, says="takes Point geometries, not LineString"),
    Case("test_datetime.geojson", "brick_factories", POINTS, imported=2),
    Case("test_datetime_tz.geojson", "brick_factories", POINTS, imported=2),
    Case("test_nested.geojson", "brick_factories", POINTS, imported=1),
    Case("test_ogr_types_list.geojson", "brick_factories", POINTS, imported=5),
    Case("test_tz.geojson", "brick_factories", POINTS, imported=1),
    Case("test_gpkg_nulls.gpkg", "brick_factories", POINTS, imported=4),
    Case("test_multisurface.gpkg", "quarries", PITS, imported=1, says="heights (Z values)"),
    Case("cerknicko-jezero.gpx", "brick_factories", POINTS, imported=7),
    Case("cerknicko-without-times.gpx", "brick_factories", POINTS, imported=7),
    Case("unicode.gpx", "brick_factories", POINTS, imported=6),
    Case("unicode_with_bom.gpx", "brick_factories", POINTS, imported=1, says="read as GPX 1.1"),
    Case("gpx1.1_with_extensions.gpx", "brick_factories", POINTS, imported=1),
    Case("gpx1.0_with_all_fields.gpx", "brick_factories", POINTS, imported=2),
    Case("gpx1.1_with_all_fields.gpx", "brick_factories", POINTS, imported=2),
    *(
        Case(name, "brick_factories", POINTS, says="all 1 are of another geometry type")
        for name in (
            "Mojstrovka.gpx",
            "around-visnjan-with-car.gpx",
            "first_and_last_elevation.gpx",
            "route.gpx",
            "test_gpx.gpx",
            "track-with-empty-segment.gpx",
            "track-with-extremes.gpx",
            "track_with_speed.gpx",
        )
    ),
    Case("using_the_cdata_element.kml", "brick_factories", POINTS, imported=1),
    Case("complete_tour_example.kml", "brick_factories", POINTS, says="takes Point geometries, not Polygon"),
    Case("altitudemode_reference.kml", "brick_factories", POINTS, says="takes Point geometries, not LineString"),
    Case("simple_file_with_comments.kml", "brick_factories", POINTS, says="has no features to import"),
    Case("linear_ring.kml", "brick_factories", POINTS, says="takes Point geometries, not LineString"),
]
CRAFTED_CASES = [
    Case("agency_quarries_cp1251_ldid0.zip", "quarries", field_map=AGENCY, imported=3, encoding="CP1251"),
    Case("agency_quarries_cp1251_ldid0.zip", "quarries", says="has no column for the required field(s) name, status"),
    Case("agency_quarries_cp1251_ldid57.shp", "quarries", field_map=AGENCY, imported=3, encoding="CP1251"),
    Case("quarries_utf8_no_cpg.shp", "quarries", field_map={"ИМЯ": "name"}, imported=3, encoding="UTF-8"),
    Case("quarries_kz1048.shp", "quarries", field_map={"atauy": "name"}, imported=3, encoding="KZ-1048"),
    Case("quarries_cp866_dos.shp", "quarries", field_map=AGENCY, imported=3, encoding="CP866"),
    Case("quarries_koi8r.shp", "quarries", field_map=AGENCY, imported=3, encoding="KOI8-R"),
    Case("ambiguous_short_names.shp", "quarries", PITS, says="not in an encoding baytak can recognise for sure"),
    Case(
        "ambiguous_short_names.shp",
        "quarries",
        {"status": "active"},
        imported=2,
        encoding="CP1251",
        options={"encoding": "CP1251"},
    ),
    Case("zip_without_dbf.zip", "quarries", PITS, says="has no .dbf file, so its attributes are missing"),
    Case("zip_without_shx.zip", "quarries", PITS, says="has no .shx file"),
    Case("outflows_cp866_table.dbf", "sewage_outflows", {"status": "active"}, {"НАЗВАНИЕ": "name"}, 2, "", "CP866"),
    Case(
        "trees_russian_excel.csv",
        "tree_plantings",
        field_map={"Порода": "species", "Количество": "tree_count", "Статус": "status", "Дата посадки": "planted_on"},
        imported=3,
        encoding="CP1251",
    ),
    Case("excel_sep_hint.csv", "brick_factories", field_map=KILNS_CSV_NO_DATE, imported=1, encoding="CP1251"),
    Case("postgis_export.csv", "sewage_outflows", imported=2),
    Case("survey_xy_uralsk.csv", "sewage_outflows", {"status": "active"}, {"Пункт": "name"}, says="either way"),
    Case(
        "survey_xy_uralsk.csv",
        "sewage_outflows",
        {"status": "active"},
        {"Пункт": "name"},
        imported=2,
        options={"swap_xy": True},
    ),
    Case("survey_xy_almaty.csv", "sewage_outflows", says="only make sense with X as the latitude"),
    Case("survey_xy_almaty.csv", "sewage_outflows", imported=2, options={"swap_xy": True}),
    Case("survey_cyrillic_xy.csv", "sewage_outflows", {"status": "active"}, {"Пункт": "name"}, 1, "", "CP1251"),
    Case("nul_in_csv.csv", "brick_factories", imported=1, says="NUL character"),
    Case("nul_in_text.geojson", "brick_factories", imported=1, says="NUL character"),
    Case("one_part_multipoint.geojson", "brick_factories", imported=1),
    Case("with_heights.geojson", "brick_factories", imported=1, says="heights (Z values)"),
    Case("antimeridian.geojson", "brick_factories", imported=1, says="outside Kazakhstan"),
    Case("!карьеры.geojson", "brick_factories", imported=1),
    Case("declared_windows1251.kml", "brick_factories", {"status": "closed"}, imported=1, encoding="CP1251"),
    Case("undeclared_cp1251.kml", "brick_factories", {"status": "closed"}, imported=1, encoding="CP1251"),
    Case("placemarks_cp1251.kmz", "brick_factories", {"status": "closed"}, imported=1, encoding="CP1251"),
    Case("legacy_cp1251.geojson", "brick_factories", imported=1, encoding="CP1251"),
    Case("gpx_version_1_2.gpx", "brick_factories", {"status": "closed"}, imported=1, says="read as GPX 1.1"),
    Case("gk13_krasovsky_prj.shp", "quarries", field_map=AGENCY, imported=3, says="read as Pulkovo 1942"),
    Case("cut_short_shp.shp", "quarries", PITS, says="its .shp file is cut short"),
    Case("cut_short_dbf.shp", "quarries", PITS, says="its .dbf file is cut short"),
    Case("akimat_pits_neutral.tab", "quarries", field_map=AGENCY, imported=3, encoding="CP1251"),
    Case("geology_pits_windowscyrillic.mif", "quarries", field_map=AGENCY, imported=3, encoding="CP1251"),
    Case("points_gk13_metres.csv", "sewage_outflows", {"status": "active"}, says="are metres"),
    Case("outflows_utm43n.csv", "sewage_outflows", says="are metres"),
    Case("whatsapp_coordinates.csv", "brick_factories", field_map=KILNS_CSV, imported=6),
    Case("whatsapp_lon_first.csv", "brick_factories", says="write the latitude first"),
    Case("whatsapp_lon_first.csv", "brick_factories", says="a link without coordinates in it"),
    Case("typed_dates_refused.csv", "brick_factories", says="two-digit year that could be in either century"),
    Case("akimat_kilns.xlsx", "brick_factories", field_map=AKIMAT, imported=2, says="column names from row 3"),
    Case("akimat_kilns.ods", "brick_factories", field_map=AKIMAT, imported=2, says="column names from row 3"),
    Case(
        "akimat_kilns.xlsx",
        "brick_factories",
        field_map=AKIMAT,
        says="no sheet named",
        options={"source_layer": "Лист1"},
    ),
    Case("akimat_kilns.xlsx", "brick_factories", says="no latitude and longitude", options={"source_layer": "Справка"}),
    Case("kilns_no_schema.gml", "brick_factories", imported=2),
    Case("kilns_indexed.fgb", "brick_factories", says="'no such status' is not one of"),
]


def case_id(case: Case) -> str:
    return f"{case.file}-{'imported' if case.imported is not None else 'refused'}-{len(case.options)}"


def store_bytes(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def import_case(case: Case, store_path: Path) -> ImportResult:
    options = ImportOptions(field_map=case.field_map, constants=case.constants, **case.options)  # type: ignore[arg-type]
    with Store.open(store_path) as store:
        return import_file(store, case.path, case.layer, options=options)


def rows_of(store_path: Path, layer: str) -> dict[str, tuple[dict, shapely.Geometry]]:
    with Store.open(store_path, readonly=True) as store:
        return {f.uuid: (f.attributes, f.geometry) for f in store.features(layer)}


def assert_same_features(original: dict, back: dict, layer: str, suffix: str) -> None:
    """Field by field: every editable field equal, derived areas within rounding, the same shapes."""
    assert back.keys() == original.keys(), suffix
    schema = LAYERS[layer]
    for uuid, (attributes, geometry) in original.items():
        got, shape = back[uuid]
        for f in schema.editable_fields:
            assert got[f.name] == attributes[f.name], (suffix, uuid, f.name, attributes[f.name], got[f.name])
        for f in schema.fields:
            if f.derived:
                assert got[f.name] == pytest.approx(attributes[f.name], rel=1e-5, abs=1e-3), (suffix, f.name)
        assert shapely.equals_exact(shapely.normalize(shape), shapely.normalize(geometry), tolerance=1e-6) or (
            shape.symmetric_difference(geometry).area <= 1e-7 * geometry.area + 1e-12  # RFC 7946: 7 decimals
            or shapely.hausdorff_distance(shape, geometry) <= 1e-7  # the same for coordinates that are not round
        ), (suffix, uuid)


def no_errors(store_path: Path) -> list[str]:
    with Store.open(store_path, readonly=True) as store:
        return [f"{f.layer} {f.uuid} {f.field}: {f.message}" for f in check_store(store) if f.severity == "error"]


@pytest.mark.parametrize("case", REAL_CASES + CRAFTED_CASES, ids=case_id)
def test_corpus_file_imports_exports_and_comes_back(case: Case, tmp_path: Path) -> None:
    store_path = tmp_path / "store.gpkg"
    Store.create(store_path).close()
    before = store_bytes(store_path)
    if case.imported is None:
        with pytest.raises(BaytakError) as caught:
            import_case(case, store_path)
        message = caught.value.message
        reasons = " ".join([message, *(p.message for p in getattr(caught.value, "problems", []))])
        assert case.says in reasons and "\n" not in message and "Traceback" not in message, reasons
        assert store_bytes(store_path) == before and not Path(f"{store_path}-wal").exists()
        return
    result = import_case(case, store_path)
    assert (result.rows, result.imported) == (case.imported, case.imported), result.as_json()
    if case.encoding:
        assert result.encoding == case.encoding
    report = " ".join(p.message for p in result.warnings)
    assert case.says in report, report
    assert no_errors(store_path) == []
    original = rows_of(store_path, case.layer)
    for suffix in EXPORTS:
        out = tmp_path / f"export{suffix}"
        with Store.open(store_path, readonly=True) as store:
            exported = export_layer(store, case.layer, out)
        assert exported.count == case.imported and exported.warnings == []
        fresh = tmp_path / f"fresh{suffix}.gpkg"
        Store.create(fresh).close()
        with Store.open(fresh) as store:
            back = import_file(store, out, case.layer)
        assert back.imported == case.imported and back.unmatched_columns == [], (suffix, back.as_json())
        assert_same_features(original, rows_of(fresh, case.layer), case.layer, suffix)
        assert no_errors(fresh) == [], suffix


def test_crafted_files_are_what_the_generator_writes(tmp_path: Path) -> None:
    """The committed crafted files are exactly what make_crafted.py writes (so a change to one is seen)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_crafted", CRAFTED / "make_crafted.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write_all(tmp_path)
    made = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    committed = {p.name: p.read_bytes() for p in CRAFTED.iterdir() if p.name in made}
    assert made.keys() == committed.keys()
    # archives carry the time they were made, and a .dbf (a MapInfo .dat) the day it was written: their content is checked by the cases
    differ = [
        name for name in made if made[name] != committed[name] and not name.endswith((".zip", ".kmz", ".dbf", ".dat"))
    ]
    assert differ == []


def test_every_corpus_file_is_covered() -> None:
    """A file added to the corpus without a case here is a file nobody tried."""
    covered = {case.file for case in REAL_CASES + CRAFTED_CASES}
    sets = {p.name for p in REAL.iterdir()} | {p.name for p in CRAFTED.iterdir()}
    leading = {name for name in sets if Path(name).suffix.lower() in (".shp", ".zip", ".csv", ".geojson", ".gpkg",
                                                                       ".gpx", ".kml", ".dbf", ".tab", ".mif",
                                                                       ".gml", ".fgb", ".xlsx", ".ods")}  # fmt: skip
    parts = {name for name in leading if name.endswith(".dbf") and name[:-4] + ".shp" in sets}
    assert leading - parts - covered == set()


def test_a_refused_import_of_a_sqlite_file_changes_nothing(tmp_path: Path) -> None:
    store_path = tmp_path / "store.gpkg"
    Store.create(store_path).close()
    before = store_bytes(store_path)
    bogus = tmp_path / "x.gpkg"
    sqlite3.connect(bogus).execute("CREATE TABLE t (x)").connection.close()
    with Store.open(store_path) as store, pytest.raises(BaytakError):
        import_file(store, bogus, "quarries")
    assert store_bytes(store_path) == before
