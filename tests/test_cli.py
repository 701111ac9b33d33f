"""`baytak` as people run it: real subprocesses on real files in tmp_path.

Exit 0 on success, 1 for a user error with a one-line message naming the file (and row and field), 2 for
a store that fails validation; never a traceback; and a refused command leaves the store byte for byte
as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import Point

from baytak_desktop import demo
from baytak_desktop.errors import BaytakError
from baytak_desktop.layers import LAYERS
from baytak_desktop.store import Store, journal
from baytak_desktop.store.connection import register_functions

COMMANDS = ["init", "layers", "import", "export", "validate", "changes"]
GOOD_ROWS = ["Besagash,closed,43.10,76.90", "Narynkol,operating,42.72,80.17", "Talgar,relocated,43.30,77.24",
             "Issyk,unknown,43.35,77.45", "Kaskelen,closed,43.20,76.62"]  # fmt: skip


# --- helpers --------------------------------------------------------------------------------------
def baytak(*args: object, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a fresh interpreter; whatever happens, it must not print a traceback."""
    done = subprocess.run(
        [sys.executable, "-m", "baytak_desktop.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    return done


def user_error(done: subprocess.CompletedProcess[str], *says: str) -> str:
    """Exit 1 and an ``error:`` first line on stderr containing every fragment of ``says``."""
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    first = done.stderr.splitlines()[0]
    assert first.startswith("error: "), done.stderr
    for fragment in says:
        assert fragment in first, (fragment, first)
    return first


def state(path: Path) -> dict[str, object]:
    """The file's bytes, and (when it is a store) the rows of every layer and of the journal."""
    found: dict[str, object] = {"sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    try:
        store = Store.open(path, readonly=True)
    except (BaytakError, sqlite3.DatabaseError):
        return found  # not a store at all: the bytes say it all
    with store:
        found.update({layer: store.count(layer) for layer in LAYERS})
        found["baytak_journal"] = store.conn.execute("SELECT count(*), max(id) FROM baytak_journal").fetchone()
    return found


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def csv_file(
    folder: Path, name: str = "ok.csv", rows: list[str] = GOOD_ROWS, header: str = "name,status,lat,lon"
) -> Path:
    return write(folder / name, "\n".join([header, *rows]) + "\n")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "demo.gpkg"
    with Store.create(path) as store:
        demo.build_demo(store)
    return path


@pytest.fixture
def demo_store(template: Path, tmp_path: Path) -> Path:
    """A closed copy of the demo store, something in every layer and in the journal."""
    path = tmp_path / "store.gpkg"
    shutil.copy(template, path)
    return path


@pytest.fixture
def empty_store(tmp_path: Path) -> Path:
    path = tmp_path / "empty.gpkg"
    Store.create(path).close()
    return path


# --- help, version, usage -------------------------------------------------------------------------
@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_has_help_with_json(command: str) -> None:
    done = baytak(command, "--help")
    assert done.returncode == 0
    assert done.stdout.startswith(f"usage: baytak {command}")
    assert "--json" in done.stdout


def test_entry_point_prints_the_version() -> None:
    entry = Path(sys.executable).parent / "baytak"
    if not entry.exists():
        pytest.skip(f"no baytak entry point next to {sys.executable} (package not installed in this venv)")
    done = subprocess.run([str(entry), "--version"], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0
    assert done.stdout.startswith("baytak ")


@pytest.mark.parametrize("args", [["import", "s.gpkg"], ["frobnicate"], [], ["validate", "s.gpkg", "--bogus"]])
def test_usage_error_is_a_user_error_exit_1(args: list[str]) -> None:
    done = baytak(*args)
    assert done.returncode == 1  # not argparse's 2: that means "the store fails validation"
    assert done.stderr.startswith("usage: baytak")
    assert "error:" in done.stderr


# --- init, layers -----------------------------------------------------------------------------------
def test_init_creates_an_empty_store_with_every_layer(tmp_path: Path) -> None:
    path = tmp_path / "new.gpkg"
    done = baytak("init", path, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"store": str(path), "demo": {}}
    layers = json.loads(baytak("layers", path, "--json").stdout)
    assert {item["layer"]: item["features"] for item in layers} == dict.fromkeys(LAYERS, 0)


def test_init_demo_fills_every_layer(tmp_path: Path) -> None:
    path = tmp_path / "demo.gpkg"
    done = baytak("init", path, "--demo", "--json")
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout)["demo"]
    assert set(counts) == set(LAYERS) and all(counts[layer] > 0 for layer in LAYERS)
    layers = json.loads(baytak("layers", path, "--json").stdout)
    assert {item["layer"]: item["features"] for item in layers} == counts
    assert baytak("validate", path).returncode == 0


def test_init_refuses_to_overwrite_a_file(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.gpkg", "my notes\n")
    user_error(baytak("init", path), str(path), "already exists")
    assert path.read_text() == "my notes\n"


def test_init_in_a_missing_folder_exits_1(tmp_path: Path) -> None:
    user_error(baytak("init", tmp_path / "nowhere" / "s.gpkg"), "does not exist")
    assert not (tmp_path / "nowhere").exists()


def test_layers_json_gives_each_layer_its_count_and_geometry_type(demo_store: Path) -> None:
    done = baytak("layers", demo_store, "--json")
    assert done.returncode == 0
    layers = {item["layer"]: item for item in json.loads(done.stdout)}
    assert list(layers) == list(LAYERS)
    with Store.open(demo_store, readonly=True) as store:
        assert {name: item["features"] for name, item in layers.items()} == {n: store.count(n) for n in LAYERS}
    assert {name: item["geometry_type"] for name, item in layers.items()} == {
        name: schema.geometry_type for name, schema in LAYERS.items()
    }
    assert layers["quarries"]["geometry_type"] == "MULTIPOLYGON"
    assert layers["brick_factories"]["geometry_type"] == layers["tree_plantings"]["geometry_type"] == "POINT"


def test_layers_text_is_one_line_per_layer(demo_store: Path) -> None:
    lines = baytak("layers", demo_store).stdout.splitlines()
    assert [line.split()[:2] for line in lines] == [[n, s.geometry_type] for n, s in LAYERS.items()]
    assert all(line.split()[2].isdigit() for line in lines)


# --- import: success --------------------------------------------------------------------------------
def test_import_reports_json_and_the_features_show_in_changes(empty_store: Path, tmp_path: Path) -> None:
    done = baytak("import", empty_store, csv_file(tmp_path), "--layer", "brick_factories", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "layer": "brick_factories",
        "source": "ok.csv",
        "rows": 5,
        "imported": 5,
        "updated": 0,
        "unchanged": 0,
        "rejected": [],
        "warnings": [],
        "skipped_other_geometry": 0,
        "unmatched_columns": [],
        "managed_columns": [],
        "encoding": "UTF-8",
        "encoding_how": "ascii",
        "account_branch_given": None,  # not signed in: no branch given to rows without one
    }
    changes = json.loads(baytak("changes", empty_store, "--json").stdout)
    assert [(c["layer"], c["op"]) for c in changes] == [("brick_factories", "insert")] * 5
    with Store.open(empty_store, readonly=True) as store:
        assert {c["uuid"] for c in changes} == set(store.iter_uuids("brick_factories"))
    assert json.loads(baytak("changes", empty_store, "--layer", "quarries", "--json").stdout) == []


def test_import_text_says_how_many(empty_store: Path, tmp_path: Path) -> None:
    done = baytak("import", empty_store, csv_file(tmp_path), "--layer", "brick_factories")
    assert done.returncode == 0
    assert done.stdout.strip() == "Imported 5 of 5 rows from ok.csv into Brick factories."  # by its title
    assert baytak("changes", empty_store).stdout.splitlines()[0].split()[:2] == ["insert", "brick_factories"]


def test_changes_of_a_new_store_are_none(empty_store: Path) -> None:
    assert baytak("changes", empty_store).stdout.strip() == "No local changes."
    assert json.loads(baytak("changes", empty_store, "--json").stdout) == []


def test_changes_of_an_unknown_layer_exits_1(empty_store: Path) -> None:
    user_error(baytak("changes", empty_store, "--layer", "kilns"), "no layer named 'kilns'")


def test_map_field_and_dms_coordinates(empty_store: Path, tmp_path: Path) -> None:
    source = csv_file(tmp_path, "kz.csv", ["Кірпіш зауыты,closed,43°52'12\"N,77°04'12\"E"], "naam,status,lat,lon")
    done = baytak("import", empty_store, source, "--layer", "brick_factories", "--map-field", "naam=name")
    assert done.returncode == 0, done.stderr
    with Store.open(empty_store, readonly=True) as store:
        [feature] = store.features("brick_factories")
    assert feature.attributes["name"] == "Кірпіш зауыты"
    assert (round(feature.geometry.y, 6), round(feature.geometry.x, 6)) == (43.87, 77.07)


def test_gpx_waypoints_import_and_the_track_is_skipped(empty_store: Path, tmp_path: Path) -> None:
    source = write(
        tmp_path / "walk.gpx",
        """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="baytak tests" xmlns="http://www.topografix.com/GPX/1/1">
  <wpt lat="43.25" lon="76.95"><name>Kiln A</name><type>closed</type></wpt>
  <wpt lat="43.26" lon="76.96"><name>Kiln B</name><type>operating</type></wpt>
  <trk><name>walk</name><trkseg><trkpt lat="43.25" lon="76.95"/><trkpt lat="43.26" lon="76.96"/></trkseg></trk>
</gpx>
""",
    )
    before = state(empty_store)
    user_error(
        baytak("import", empty_store, source, "--layer", "brick_factories"),
        "walk.gpx",
        "has no column for the required field(s) status",
        "Its columns: type",
    )  # a GPX has no status of its own: said once, with the columns that could give it
    assert state(empty_store) == before
    done = baytak("import", empty_store, source, "--layer", "brick_factories", "--map-field", "type=status", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["imported"], result["skipped_other_geometry"]) == (2, 1)


# --- import: all or nothing -------------------------------------------------------------------------
def seven_rows_two_bad(folder: Path) -> Path:
    """Data rows 3 (latitude "abc") and 6 (status "bogus") are bad; the other five are good."""
    rows = list(GOOD_ROWS)
    rows.insert(2, "Bad latitude,closed,abc,76.90")
    rows.insert(5, "Bad status,bogus,43.40,76.80")
    return csv_file(folder, "factories.csv", rows)


def test_one_bad_row_and_nothing_is_imported_every_bad_row_named(demo_store: Path, tmp_path: Path) -> None:
    before = state(demo_store)
    done = baytak("import", demo_store, seven_rows_two_bad(tmp_path), "--layer", "brick_factories")
    user_error(done, "factories.csv: 2 of 7 rows are invalid, nothing was imported", "--skip-invalid")
    listed = done.stderr.splitlines()[1:]
    assert [line.split(":")[0].strip() for line in listed] == ["row 3, field lat", "row 6, field status"]
    assert '"abc" is not a coordinate' in listed[0] and "'bogus' is not one of" in listed[1]
    assert state(demo_store) == before


def test_rejection_as_json_lists_row_field_and_message(demo_store: Path, tmp_path: Path) -> None:
    before = state(demo_store)
    done = baytak("import", demo_store, seven_rows_two_bad(tmp_path), "--layer", "brick_factories", "--json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert "nothing was imported" in report["error"]
    assert [(r["row"], r["field"]) for r in report["rejected"]] == [(3, "lat"), (6, "status")]
    assert all(r["message"] for r in report["rejected"])
    assert state(demo_store) == before


def test_skip_invalid_imports_the_five_and_reports_the_two(demo_store: Path, tmp_path: Path) -> None:
    before = state(demo_store)
    done = baytak(
        "import", demo_store, seven_rows_two_bad(tmp_path), "--layer", "brick_factories", "--skip-invalid", "--json"
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["rows"], result["imported"]) == (7, 5)
    assert [(r["row"], r["field"]) for r in result["rejected"]] == [(3, "lat"), (6, "status")]
    assert all({"row", "field", "message"} <= set(r) for r in result["rejected"])
    after = state(demo_store)
    assert after["brick_factories"] == before["brick_factories"] + 5
    assert after["baytak_journal"][0] == before["baytak_journal"][0] + 5


def test_skip_invalid_text_lists_the_rejected_rows(demo_store: Path, tmp_path: Path) -> None:
    done = baytak("import", demo_store, seven_rows_two_bad(tmp_path), "--layer", "brick_factories", "--skip-invalid")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0] == "Imported 5 of 7 rows from factories.csv into Brick factories."
    assert lines[1].startswith("  rejected: row 3, field lat") and lines[2].startswith(
        "  rejected: row 6, field status"
    )


# --- import: bad input, store unchanged ---------------------------------------------------------------
def truncated_geojson(folder: Path) -> Path:
    return write(
        folder / "cut.geojson",
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"properties": {"name": "A", "status": "closed"}, "geometry": {"type": "Point", "coordinates": [76.9',
    )


def shapefile_without_prj(folder: Path) -> Path:
    path = folder / "kilns.shp"
    frame = gpd.GeoDataFrame({"name": ["A"], "status": ["closed"]}, geometry=[Point(76.9, 43.2)], crs="EPSG:4326")
    pyogrio.write_dataframe(frame, path)
    path.with_suffix(".prj").unlink()
    return path


def kml_with_unclosed_polygon(folder: Path) -> Path:
    return write(
        folder / "pits.kml",
        """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder><name>pits</name>
<Placemark><name>Open pit</name><ExtendedData><Data name="status"><value>illegal</value></Data></ExtendedData>
<Polygon><outerBoundaryIs><LinearRing><coordinates>77.0,43.8 77.01,43.8 77.01,43.81 77.0,43.81</coordinates>
</LinearRing></outerBoundaryIs></Polygon></Placemark></Folder></Document></kml>
""",
    )


def csv_with_text_latitude(folder: Path) -> Path:
    return csv_file(folder, "lat.csv", [GOOD_ROWS[0], "Bad,closed,abc,76.9"])


def csv_with_latitude_95(folder: Path) -> Path:
    return csv_file(folder, "lat95.csv", ["North,closed,95,76.9"])


def points_geojson(folder: Path) -> Path:
    return write(folder / "points.geojson", json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Pit", "status": "active"},
         "geometry": {"type": "Point", "coordinates": [77.0, 43.8]}}]}))  # fmt: skip


def zero_bytes(folder: Path) -> Path:
    path = folder / "empty.csv"
    path.write_bytes(b"")
    return path


BAD_IMPORTS: dict[str, tuple[Callable[[Path], Path], str, list[str], list[str]]] = {
    # case: (make the source, layer, more arguments, what the first line must say)
    "truncated geojson": (truncated_geojson, "brick_factories", [], ["cut.geojson is damaged or cut short"]),
    "shapefile without prj": (shapefile_without_prj, "brick_factories", [], ["kilns.shp has no .prj"]),
    "kml unclosed polygon": (kml_with_unclosed_polygon, "quarries", [],
                             ["pits.kml", "row 1, field geometry", "not closed"]),
    "csv text latitude": (csv_with_text_latitude, "brick_factories", [],
                          ["lat.csv", "1 of 2 rows", "row 2, field lat", '"abc" is not a coordinate']),
    "csv latitude 95": (csv_with_latitude_95, "brick_factories", [], ["lat95.csv", "row 1, field lat", "95"]),
    "points into quarries": (points_geojson, "quarries", [], ["points.geojson", "row 1, field geom", "not Point"]),
    "zero bytes": (zero_bytes, "brick_factories", [], ["empty.csv is empty (0 bytes)"]),
    "map missing column": (csv_file, "brick_factories", ["--map-field", "naam=name"],
                           ["--map-field naam=name", "ok.csv has no column naam"]),
    "map missing field": (csv_file, "brick_factories", ["--map-field", "name=title"],
                          ["--map-field name=title", "Brick factories has no field title"]),
    "map without =": (csv_file, "brick_factories", ["--map-field", "name"], ["--map-field takes SRC=DST", "'name'"]),
    "unknown layer": (csv_file, "kilns", [], ["no layer named 'kilns'"]),
    "missing source": (lambda folder: folder / "gone.csv", "brick_factories", [], ["gone.csv was not found"]),
    "unknown format": (lambda folder: write(folder / "plan.dxf", "0\nSECTION\n"), "quarries", [],
                       ["plan.dxf is not a format baytak can import"]),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD_IMPORTS)
def test_bad_import_exits_1_naming_the_file_and_leaves_the_store_unchanged(
    case: str, demo_store: Path, tmp_path: Path
) -> None:
    make, layer, more, says = BAD_IMPORTS[case]
    folder = tmp_path / "in"
    folder.mkdir()
    source = make(folder)
    before = state(demo_store)
    user_error(baytak("import", demo_store, source, "--layer", layer, *more), *says)
    assert state(demo_store) == before


def test_bad_import_with_json_prints_the_error_as_json(demo_store: Path, tmp_path: Path) -> None:
    done = baytak("import", demo_store, truncated_geojson(tmp_path), "--layer", "brick_factories", "--json")
    assert done.returncode == 1
    assert "cut.geojson is damaged or cut short" in json.loads(done.stdout)["error"]


# --- a store that is not a store ----------------------------------------------------------------------
def not_a_store(kind: str, folder: Path, template: Path) -> Path:
    path = folder / f"{kind}.gpkg"
    if kind == "text":
        path.write_text("name,status\nA,closed\n")
    elif kind == "png":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "sqlite":
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE t (x)")
        conn.close()
    elif kind == "truncated":
        path.write_bytes(template.read_bytes()[:20_000])
    return path


STORE_KINDS = {"text": "is not a GeoPackage", "png": "is not a GeoPackage", "empty": "is not a GeoPackage",
               "sqlite": "without the GeoPackage mark", "truncated": "cannot be read",
               "missing": "the file does not exist"}  # fmt: skip


@pytest.mark.parametrize("kind", STORE_KINDS)
def test_import_into_a_non_store_exits_1_and_leaves_the_file_alone(kind: str, template: Path, tmp_path: Path) -> None:
    path = not_a_store(kind, tmp_path, template)
    before = path.read_bytes() if path.exists() else None
    done = baytak("import", path, csv_file(tmp_path), "--layer", "brick_factories")
    user_error(done, str(path), STORE_KINDS[kind])
    assert (path.read_bytes() if path.exists() else None) == before


@pytest.mark.parametrize("command", ["layers", "validate", "changes", "export"])
def test_every_command_on_a_text_file_exits_1(command: str, template: Path, tmp_path: Path) -> None:
    path = not_a_store("text", tmp_path, template)
    extra = ["--layer", "quarries", tmp_path / "q.geojson"] if command == "export" else []
    user_error(baytak(command, path, *extra), str(path), "is not a GeoPackage")
    assert path.read_text() == "name,status\nA,closed\n"


# --- a read-only store ------------------------------------------------------------------------------
@pytest.fixture
def immutable_store(demo_store: Path, tmp_path: Path) -> Iterator[Path]:
    """The store in a folder that even root cannot write (chattr +i): the tests run as root."""
    folder = tmp_path / "readonly"
    folder.mkdir()
    path = folder / "store.gpkg"
    shutil.move(demo_store, path)
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("chattr is not installed: cannot make a store read-only for root")
    made = subprocess.run([chattr, "+i", str(path), str(folder)], capture_output=True, text=True, check=False)
    try:
        if made.returncode != 0:
            pytest.skip(f"chattr +i does not work here ({made.stderr.strip()}): cannot make a store read-only for root")
        if os.access(folder, os.W_OK):
            pytest.skip("the immutable folder still reports itself writable: cannot test a read-only store")
        yield path
    finally:
        subprocess.run([chattr, "-i", str(path), str(folder)], capture_output=True, check=False)


def test_import_into_a_read_only_store_exits_1_and_changes_nothing(immutable_store: Path, tmp_path: Path) -> None:
    before = state(immutable_store)
    user_error(
        baytak("import", immutable_store, csv_file(tmp_path), "--layer", "brick_factories"),
        str(immutable_store),
        "cannot be written",
    )
    assert state(immutable_store) == before
    assert sorted(p.name for p in immutable_store.parent.iterdir()) == ["store.gpkg"]


def test_read_only_store_can_still_be_read(immutable_store: Path, tmp_path: Path) -> None:
    layers = baytak("layers", immutable_store, "--json")
    assert layers.returncode == 0, layers.stderr
    assert {item["layer"] for item in json.loads(layers.stdout)} == set(LAYERS)
    assert baytak("validate", immutable_store).returncode == 0
    assert baytak("export", immutable_store, "--layer", "quarries", tmp_path / "q.geojson").returncode == 0


# --- validate -----------------------------------------------------------------------------------------
def test_validate_a_sound_store_exits_0(demo_store: Path) -> None:
    done = baytak("validate", demo_store)
    assert (done.returncode, done.stdout.strip()) == (0, "ok")
    assert json.loads(baytak("validate", demo_store, "--json").stdout) == {"ok": True, "findings": []}


def test_validate_reports_a_dropped_journal_trigger_with_exit_2(demo_store: Path, plain_sqlite) -> None:
    trigger = journal.trigger_names("brick_factories")[0]
    conn = plain_sqlite(demo_store)
    conn.execute(f'DROP TRIGGER "{trigger}"')
    conn.close()
    done = baytak("validate", demo_store, "--json")
    assert done.returncode == 2
    report = json.loads(done.stdout)
    assert report["ok"] is False
    assert [(f["check"], f["layer"]) for f in report["findings"]] == [("triggers", "brick_factories")]
    assert trigger in report["findings"][0]["message"]
    text = baytak("validate", demo_store)
    assert text.returncode == 2 and trigger in text.stdout
    Store.open(demo_store).close()  # opening the store normally reinstalls the trigger
    assert baytak("validate", demo_store).returncode == 0


def test_validate_reports_a_feature_with_a_bogus_status_with_exit_2(demo_store: Path) -> None:
    conn = sqlite3.connect(demo_store, isolation_level=None)
    register_functions(conn)
    uuid = conn.execute("SELECT uuid FROM brick_factories ORDER BY fid LIMIT 1").fetchone()[0]
    conn.execute("UPDATE brick_factories SET status = 'bogus' WHERE uuid = ?", (uuid,))
    conn.close()
    done = baytak("validate", demo_store, "--json")
    assert done.returncode == 2
    [finding] = json.loads(done.stdout)["findings"]
    assert (finding["check"], finding["layer"], finding["uuid"]) == ("feature", "brick_factories", uuid)
    assert finding["field"] == "status" and "bogus" in finding["message"] and finding["fid"] == 1


# --- a kill in the middle of an import --------------------------------------------------------------
KILL_FEATURES = 250_000
WRITE_PHASE_WAL_BYTES = 2 * 1024 * 1024


def big_geojson(path: Path, count: int) -> Path:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as out:
        out.write('{"type":"FeatureCollection","features":[')
        out.write(",".join(
            f'{{"type":"Feature","properties":{{"name":"Kiln {i}","status":"closed"}},"geometry":'
            f'{{"type":"Point","coordinates":[{rng.uniform(50, 85):.5f},{rng.uniform(41, 55):.5f}]}}}}'
            for i in range(count)))  # fmt: skip
        out.write("]}")
    return path


def test_killing_an_import_mid_write_leaves_the_store_as_it_was(demo_store: Path, tmp_path: Path) -> None:
    source = big_geojson(tmp_path / "big.geojson", KILL_FEATURES)
    before = state(demo_store)
    wal = demo_store.with_name(demo_store.name + "-wal")
    for leftover in (wal, demo_store.with_name(demo_store.name + "-shm")):
        leftover.unlink(missing_ok=True)  # left by the read-only look above; the import makes its own
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "baytak_desktop.cli",
            "import",
            str(demo_store),
            str(source),
            "--layer",
            "brick_factories",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    try:
        # The import reads and validates first, then writes in one transaction: the WAL grows only then.
        while process.poll() is None and time.monotonic() < deadline:
            if wal.exists() and wal.stat().st_size > WRITE_PHASE_WAL_BYTES:
                break
            time.sleep(0.02)
        finished = process.poll()
        if finished is not None:
            pytest.fail(
                f"the import ended (exit {finished}: {process.stderr.read().decode()[-300:]!r}) before it "
                f"could be killed in its write phase; raise KILL_FEATURES above {KILL_FEATURES}"
            )
        if time.monotonic() >= deadline:
            pytest.fail("the import never reached its write phase (its WAL did not grow) within 120 s")
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    assert wal.stat().st_size > WRITE_PHASE_WAL_BYTES  # the uncommitted write SQLite must now ignore

    with Store.open(demo_store) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        if store.count("brick_factories") == before["brick_factories"] + KILL_FEATURES:
            pytest.fail(
                "the import committed before SIGKILL landed: its WAL grew only at commit, so the WAL "
                "size no longer marks the write phase; find another sign of it"
            )
        assert {layer: store.count(layer) for layer in LAYERS} == {layer: before[layer] for layer in LAYERS}
        assert store.conn.execute("SELECT count(*), max(id) FROM baytak_journal").fetchone() == before["baytak_journal"]
        assert store.repaired == {}  # no journal trigger went missing
    done = baytak("validate", demo_store)
    assert done.returncode == 0, done.stdout
    assert state(demo_store)["sha256"] == before["sha256"]


# --- a store with a published layer: the same commands work on it ----------------------------------
@pytest.fixture
def published_store(tmp_path: Path) -> Path:
    """A store that applied a revision from its server: the illegal dumps layer and a field on quarries."""
    from layer_helpers import DEPTH, ILLEGAL_DUMPS, with_field

    from baytak_desktop.layers.definition import parse
    from baytak_desktop.store.layer_revisions import PublishedRevision, apply_revisions

    path = tmp_path / "published.gpkg"
    with Store.create(path) as store, store.session() as conn:
        quarries = with_field(store.catalog.definition("quarries"), DEPTH)
        dumps = parse(ILLEGAL_DUMPS, "dumps")
        apply_revisions(conn, [PublishedRevision(1, 5, dumps), PublishedRevision(2, 6, quarries)])
    return path


def test_layers_lists_a_published_layer_with_its_title_in_a_language(published_store: Path) -> None:
    listed = json.loads(baytak("layers", published_store, "--json", "--lang", "kk").stdout)
    dumps = listed[-1]
    assert dumps == {
        "layer": "illegal_dumps",
        "geometry_type": "POINT",
        "features": 0,
        "title": "Заңсыз қоқыс үйінділері",
        "builtin": False,
    }
    assert listed[0]["title"] == "Карьерлер" and listed[0]["builtin"] is True
    assert baytak("layers", published_store).stdout.splitlines()[-1].split()[:3] == ["illegal_dumps", "POINT", "0"]


def test_import_export_validate_and_changes_on_a_published_layer(published_store: Path, tmp_path: Path) -> None:
    source = tmp_path / "dumps.csv"
    source.write_text(
        'name,status,burning,volume_m3,lat,lon\nҮйінді,белсенді,иә,"12,5",43.25,76.95\nСвалка,cleaned,нет,3,43.3,77.0\n',
        encoding="utf-8",
    )
    done = baytak("import", published_store, source, "--layer", "illegal_dumps", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["imported"] == 2
    changes = json.loads(baytak("changes", published_store, "--layer", "illegal_dumps", "--json").stdout)
    assert [c["op"] for c in changes] == ["insert", "insert"]
    with Store.open(published_store) as store:
        values = {f["name"]: (f["status"], f["burning"], f["volume_m3"]) for f in store.features("illegal_dumps")}
    assert values == {"Үйінді": ("active", 1, 12.5), "Свалка": ("cleaned", 0, 3.0)}
    out = tmp_path / "out.gpkg"
    assert baytak("export", published_store, "--layer", "illegal_dumps", out).returncode == 0
    frame = pyogrio.read_dataframe(out)
    assert sorted(frame["name"]) == ["Свалка", "Үйінді"]
    checked = baytak("validate", published_store, "--json")
    assert checked.returncode == 0 and json.loads(checked.stdout)["ok"]
    refused = baytak("changes", published_store, "--layer", "rivers")
    assert refused.returncode == 1 and "illegal_dumps" in refused.stderr  # the message names the layers there are


def test_the_command_line_starts_without_loading_the_store_or_the_geometry_libraries():
    """`baytak --help` and an argument error must answer at once: a module-level import of the store's
    lock helpers once loaded the whole store package (shapely, numpy, pyproj: 0.7 s) before parsing."""
    import subprocess
    import sys

    code = (
        "import sys, baytak_desktop.cli; "
        "print(sorted(m for m in ('shapely', 'numpy', 'pyproj', 'pyogrio', 'baytak_desktop.store.store') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stdout
