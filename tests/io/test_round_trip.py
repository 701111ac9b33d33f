"""Files out and back in: Shapefile round trips with every field, types kept, identity by uuid, constants,
columns not imported named, and exports that never destroy a store, a file or another layer."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pyogrio
import pytest
import shapely

from baytak_desktop import demo
from baytak_desktop.errors import ImportRejected, NotAStore, SourceError
from baytak_desktop.io.exporter import export_layer
from baytak_desktop.io.field_mapping import FieldMapError, shapefile_names
from baytak_desktop.io.guard import OutputExists
from baytak_desktop.io.importer import ImportOptions, import_file
from baytak_desktop.io.writers import TextTooLong
from baytak_desktop.layers import LAYERS
from baytak_desktop.store import Store
from baytak_desktop.store.connection import register_functions

BOOKKEEPING = ("created_at", "created_by", "updated_at", "updated_by")


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("round") / "demo.gpkg"
    with Store.create(path) as store:
        demo.build_demo(store)
    yield path


def features(path: Path, layer: str) -> dict[str, tuple[dict, shapely.Geometry]]:
    with Store.open(path, readonly=True) as store:
        return {f.uuid: (f.attributes, f.geometry) for f in store.features(layer)}


def fresh_store(path: Path) -> Path:
    """A store to import the demo's exports into: marked as a demo too, since a real store refuses the
    demo's features (illustrative data never becomes a real edit, issue 14)."""
    with Store.create(path) as store:
        store.mark_demo()
    return path


def journal(path: Path) -> list[tuple[str, str, str | None]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT layer, op, columns FROM baytak_journal ORDER BY id").fetchall()


# --- the Shapefile round trip -----------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".shp", ".zip"])
@pytest.mark.parametrize("layer", list(LAYERS))
def test_shapefile_export_of_every_layer_comes_back_field_by_field(
    demo_path: Path, tmp_path: Path, layer: str, suffix: str
) -> None:
    out = tmp_path / f"{layer}{suffix}"
    with Store.open(demo_path, readonly=True) as store:
        export_layer(store, layer, out)
    fresh = fresh_store(tmp_path / "fresh.gpkg")
    with Store.open(fresh) as store:
        result = import_file(store, out, layer)
    assert result.unmatched_columns == [] and result.rejected == []
    original, back = features(demo_path, layer), features(fresh, layer)
    assert back.keys() == original.keys()
    for uuid, (attributes, geometry) in original.items():
        for name in LAYERS[layer].field_names:
            if name not in BOOKKEEPING:
                assert back[uuid][0][name] == attributes[name], (uuid, name)
        assert back[uuid][1].equals_exact(geometry, 1e-12)


def test_shapefile_names_are_ten_characters_and_the_import_knows_them() -> None:
    for schema in LAYERS.values():
        names = shapefile_names(schema)
        assert all(len(short) <= 10 for short in names.values())
        assert len({short.casefold() for short in names.values()}) == len(names)
    assert shapefile_names(LAYERS["quarries"])["legal_status"] == "legal_stat"


def test_shapefile_keeps_types_and_an_empty_polygon_layer_stays_polygon(demo_path: Path, tmp_path: Path) -> None:
    empty = fresh_store(tmp_path / "empty.gpkg")
    with Store.open(empty, readonly=True) as store:
        export_layer(store, "cleanup_plans", tmp_path / "plans.shp")
        export_layer(store, "brick_factories", tmp_path / "kilns.shp")
    assert pyogrio.read_info(tmp_path / "plans.shp")["geometry_type"] == "Polygon"
    assert pyogrio.read_info(tmp_path / "kilns.shp")["geometry_type"] == "Point"
    with Store.open(demo_path, readonly=True) as store:
        export_layer(store, "tree_plantings", tmp_path / "trees.shp")
    info = pyogrio.read_info(tmp_path / "trees.shp")
    types = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert types["tree_count"] == "int64" and types["survival_r"] == "float64"
    assert types["planted_on"] == "datetime64[D]"


def test_geopackage_export_keeps_date_datetime_and_integer_types(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "trees.gpkg"
    with Store.open(demo_path, readonly=True) as store:
        export_layer(store, "tree_plantings", out)
    with sqlite3.connect(out) as conn:
        declared = {row[1]: row[2] for row in conn.execute("PRAGMA table_info(tree_plantings)")}
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        created = conn.execute("SELECT created_at FROM tree_plantings LIMIT 1").fetchone()[0]
    assert (declared["planted_on"], declared["created_at"], declared["tree_count"]) == ("DATE", "DATETIME", "INTEGER")
    assert version == 10300  # GDAL 3.6 and QGIS 3.22 open it without a warning
    assert created.endswith("Z") and "T" in created
    frame = pyogrio.read_dataframe(out)
    assert str(frame["planted_on"].dtype).startswith("datetime64")


def test_text_a_shapefile_cannot_hold_is_refused_naming_field_and_feature(tmp_path: Path) -> None:
    path = fresh_store(tmp_path / "s.gpkg")
    with Store.open(path) as store:
        kept = store.insert("brick_factories", {"name": "Short", "status": "closed"}, shapely.Point(76.9, 43.2))
        long = store.insert(
            "brick_factories", {"name": "Long", "status": "closed", "notes": "Очень длинная заметка " * 10},
            shapely.Point(76.9, 43.2),
        )  # fmt: skip
        with pytest.raises(TextTooLong) as caught:
            export_layer(store, "brick_factories", tmp_path / "kilns.shp")
        assert export_layer(store, "brick_factories", tmp_path / "kilns.gpkg").count == 2  # GeoPackage holds it
    assert f"notes of {long.uuid}" in caught.value.message and kept.uuid not in caught.value.message
    assert "254 bytes" in caught.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kilns.gpkg", "s.gpkg"]


# --- identity -----------------------------------------------------------------------------------------
def test_importing_an_export_back_updates_and_never_duplicates(demo_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "s.gpkg"
    path.write_bytes(demo_path.read_bytes())
    with Store.open(path) as store:
        export_layer(store, "brick_factories", tmp_path / "kilns.geojson")
        before = journal(path)
        same = import_file(store, tmp_path / "kilns.geojson", "brick_factories")
        assert (same.imported, same.updated, same.unchanged) == (0, 0, 3)
        assert journal(path) == before  # nothing differs: no edit at all
        data = json.loads((tmp_path / "kilns.geojson").read_text())
        data["features"][0]["properties"]["status"] = "relocated"
        (tmp_path / "kilns.geojson").write_text(json.dumps(data))
        changed = import_file(store, tmp_path / "kilns.geojson", "brick_factories")
        assert (changed.imported, changed.updated, changed.unchanged) == (0, 1, 2)
        assert store.count("brick_factories") == 3
        assert store.get("brick_factories", data["features"][0]["properties"]["uuid"])["status"] == "relocated"
    assert journal(path)[len(before) :] == [("brick_factories", "update", "status")]


def test_unknown_uuid_is_kept_and_a_non_uuid_gets_a_new_one(tmp_path: Path) -> None:
    known = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
    source = tmp_path / "kilns.csv"
    source.write_text(
        f"uuid,name,status,lat,lon\n{{{known.upper()}}},A,closed,43.2,76.9\nnot-a-uuid,B,closed,43.3,76.9\n"
        f",C,closed,43.4,76.9\n{known},D,closed,43.5,76.9\n",
        encoding="utf-8",
    )
    path = fresh_store(tmp_path / "s.gpkg")
    with Store.open(path) as store, pytest.raises(ImportRejected) as caught:
        import_file(store, source, "brick_factories")
    assert [(p.row, p.field) for p in caught.value.problems] == [(4, "uuid")]  # the same uuid twice
    source.write_text("\n".join(source.read_text().splitlines()[:-1]) + "\n")
    with Store.open(path) as store:
        result = import_file(store, source, "brick_factories")
        assert store.get("brick_factories", known)["name"] == "A"  # ArcGIS's {UPPER} form is the same uuid
        assert store.count("brick_factories") == 3
    assert [(p.row, p.field, p.severity) for p in result.warnings] == [(2, "uuid", "warning")]


# --- constants and columns ---------------------------------------------------------------------------
def test_constants_fill_what_the_file_lacks_and_are_validated(tmp_path: Path) -> None:
    source = tmp_path / "pits.csv"
    source.write_text(
        'Название,wkt,status\nA,"POLYGON ((77 43.8, 77.01 43.8, 77.01 43.81, 77 43.8))",\n'
        'B,"POLYGON ((77.1 43.8, 77.11 43.8, 77.11 43.81, 77.1 43.8))",abandoned\n',
        encoding="utf-8",
    )
    path = fresh_store(tmp_path / "s.gpkg")
    options = ImportOptions(
        field_map={"Название": "name"}, constants={"status": "незаконный", "branch": "almaty_region"}
    )
    with Store.open(path) as store:
        result = import_file(store, source, "quarries", options=options)
        got = {f["name"]: (f["status"], f["branch"]) for f in store.features("quarries")}
        assert got == {"A": ("illegal", "almaty_region"), "B": ("abandoned", "almaty_region")}
        with pytest.raises(FieldMapError, match="The value 'bogus' given for the field status cannot be used"):
            import_file(store, source, "quarries", options=ImportOptions(constants={"status": "bogus"}))
        with pytest.raises(FieldMapError, match="no field colour that an import can fill"):
            import_file(store, source, "quarries", options=ImportOptions(constants={"colour": "red"}))
        with pytest.raises(FieldMapError, match=r"has no column for the required field.s. name of quarries"):
            import_file(store, source, "quarries")
    assert result.imported == 2 and result.unmatched_columns == []


def test_columns_that_fill_no_field_are_named(tmp_path: Path) -> None:
    source = tmp_path / "kilns.csv"
    source.write_text("name,status,lat,lon,колор,empty\nA,closed,43.2,76.9,red,\n", encoding="utf-8")
    with Store.open(fresh_store(tmp_path / "s.gpkg")) as store:
        result = import_file(store, source, "brick_factories")
    assert result.unmatched_columns == ["колор"]  # "empty" has no value: nothing is lost


def test_skip_invalid_that_leaves_nothing_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "kilns.csv"
    source.write_text("name,status,lat,lon\nA,bogus,43.2,76.9\n", encoding="utf-8")
    with (
        Store.open(fresh_store(tmp_path / "s.gpkg")) as store,
        pytest.raises(ImportRejected, match="none of its 1 rows"),
    ):
        import_file(store, source, "brick_factories", skip_invalid=True)


def test_labels_match_with_or_without_yo(tmp_path: Path) -> None:
    source = tmp_path / "trees.csv"
    source.write_text("species,tree_count,status,lat,lon\nбереза,5,посажено,43.2,76.9\nклен,3,посажено,43.2,76.9\n")
    with Store.open(fresh_store(tmp_path / "s.gpkg")) as store:
        import_file(store, source, "tree_plantings")
        assert sorted(f["species"] for f in store.features("tree_plantings")) == ["birch", "maple"]


# --- exports that never destroy -----------------------------------------------------------------------
def test_export_never_replaces_a_store_or_a_file_without_overwrite(demo_path: Path, tmp_path: Path) -> None:
    other = fresh_store(tmp_path / "other.gpkg")
    before = other.read_bytes()
    with Store.open(demo_path, readonly=True) as store:
        for overwrite in (False, True):
            with pytest.raises(
                SourceError, match=r"other\.gpkg is a Baytak store: an export never writes into a store"
            ):
                export_layer(store, "quarries", other, overwrite=overwrite)
        export_layer(store, "quarries", tmp_path / "q.geojson")
        with pytest.raises(OutputExists, match=r"q\.geojson already exists") as caught:
            export_layer(store, "quarries", tmp_path / "q.geojson")
        assert caught.value.cli_hint == "add --overwrite to replace it"
        assert export_layer(store, "quarries", tmp_path / "q.geojson", overwrite=True).count == 5
    assert other.read_bytes() == before


def test_export_adds_a_layer_to_a_plain_geopackage_and_replaces_only_that_layer(
    demo_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "branch.gpkg"
    with Store.open(demo_path, readonly=True) as store:
        export_layer(store, "quarries", out)
        export_layer(store, "brick_factories", out)
        with pytest.raises(OutputExists, match="already has a layer quarries"):
            export_layer(store, "quarries", out)
        export_layer(store, "quarries", out, overwrite=True)
    assert sorted(name for name, _ in pyogrio.list_layers(out)) == ["brick_factories", "quarries"]
    assert len(pyogrio.read_dataframe(out, layer="brick_factories")) == 3


def test_import_refuses_a_geopackage_that_is_not_a_store(demo_path: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.gpkg"
    with Store.open(demo_path, readonly=True) as store:
        export_layer(store, "quarries", plain)
    before = plain.read_bytes()
    with pytest.raises(NotAStore, match="is a GeoPackage but not a Baytak store"):
        Store.open(plain)
    assert plain.read_bytes() == before


def test_export_names_a_feature_it_cannot_write_and_writes_the_rest(demo_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "s.gpkg"
    path.write_bytes(demo_path.read_bytes())
    with sqlite3.connect(path) as conn:
        register_functions(conn)
        uuid = conn.execute("SELECT uuid FROM quarries ORDER BY fid LIMIT 1").fetchone()[0]
        conn.execute("UPDATE quarries SET geom = X'00DEADBEEF' WHERE uuid = ?", (uuid,))
    with Store.open(path, readonly=True) as store:
        result = export_layer(store, "quarries", tmp_path / "q.geojson")
    assert result.count == 4
    assert [p.params["uuid"] for p in result.warnings] == [uuid]
    assert "its geometry cannot be read" in result.warnings[0].message


def test_export_computes_areas_from_the_geometry_as_it_is(demo_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "s.gpkg"
    path.write_bytes(demo_path.read_bytes())
    with sqlite3.connect(path) as conn:
        register_functions(conn)
        conn.execute("UPDATE quarries SET area_ha = 6.2")  # what a geometry edit in QGIS leaves
    with Store.open(path, readonly=True) as store:
        export_layer(store, "quarries", tmp_path / "q.geojson")
        stored = {f.uuid: f.geometry for f in store.features("quarries")}
    from baytak_desktop.layers.measure import DERIVED

    for feature in json.loads((tmp_path / "q.geojson").read_text())["features"]:
        properties = feature["properties"]
        assert properties["area_ha"] == DERIVED["area_ha"](stored[properties["uuid"]]) != 6.2
