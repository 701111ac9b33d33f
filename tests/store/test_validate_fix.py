"""`validate` names what other tools leave in a store, feature by feature; `validate --fix` repairs it as
journaled edits and lists the rest; areas reshaped elsewhere are recomputed before a sync seals them."""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

import pytest
import shapely
from gpkg_validators import VALIDATORS, validate_gpkg

from baytak_desktop.demo import build_demo
from baytak_desktop.layers.measure import DERIVED
from baytak_desktop.store import Store
from baytak_desktop.store.changes import mark_synced
from baytak_desktop.store.check import check_store
from baytak_desktop.store.foreign_blobs import foreign_geometry, spatialite_to_wkb
from baytak_desktop.store.repair import repair_store
from baytak_desktop.sync.outbox import seal

PIT = shapely.Polygon([(77.0, 43.5), (77.05, 43.5), (77.05, 43.55), (77.0, 43.55), (77.0, 43.5)])


def spatialite_blob(geometry: shapely.Geometry) -> bytes:
    """SpatiaLite's BLOB-Geometry, as ``ogrinfo -sql "UPDATE ... SET geom = ST_Buffer(geom, 0.01)"`` writes it."""
    minx, miny, maxx, maxy = geometry.bounds
    wkb = shapely.to_wkb(geometry, byte_order=1, flavor="iso")
    body = bytearray(wkb[5:])
    if geometry.geom_type.startswith("Multi"):  # each part: 0x69 where WKB has the byte order
        body, at, out = bytes(body), 4, bytearray(body[:4])
        for part in geometry.geoms:
            part_wkb = shapely.to_wkb(part, byte_order=1, flavor="iso")
            out += b"\x69" + part_wkb[1:]
            at += len(part_wkb)
        body = out
    return b"\x00\x01" + struct.pack("<i4d", 4326, minx, miny, maxx, maxy) + b"\x7c" + wkb[1:5] + bytes(body) + b"\xfe"


@pytest.fixture
def edited(tmp_path: Path, plain_sqlite, gpkg_blob) -> dict[str, object]:
    """A demo store after other tools had their way with it; returns what was done to which feature."""
    path = tmp_path / "store.gpkg"
    with Store.create(path) as store:
        build_demo(store)
        uuids = {layer: [f.uuid for f in store.features(layer)] for layer in ("quarries", "brick_factories",
                                                                              "tree_plantings", "cleanup_plans")}  # fmt: skip
        for layer, found in uuids.items():
            with store.session() as conn:
                mark_synced(conn, layer, found)  # as after a sync: the repairs must show as edits
    conn = plain_sqlite(path)
    q, b, t, c = uuids["quarries"], uuids["brick_factories"], uuids["tree_plantings"], uuids["cleanup_plans"]
    conn.execute("UPDATE quarries SET geom = ? WHERE uuid = ?", (gpkg_blob(shapely.MultiPolygon([PIT])), q[0]))  # stale
    conn.execute("UPDATE quarries SET area_ha = NULL WHERE uuid = ?", (q[1],))
    conn.execute("UPDATE quarries SET geom = ? WHERE uuid = ?", (gpkg_blob(PIT), q[2]))  # Polygon, not Multi
    conn.execute("UPDATE quarries SET geom = ? WHERE uuid = ?", (spatialite_blob(shapely.MultiPolygon([PIT])), q[3]))
    conn.execute("UPDATE brick_factories SET status = 'Закрыт' WHERE uuid = ?", (b[0],))
    conn.execute("UPDATE tree_plantings SET species = 'қарағаш', planted_on = '05.06.2024' WHERE uuid = ?", (t[0],))
    conn.execute("UPDATE tree_plantings SET survival_rate = '85,5' WHERE uuid = ?", (t[1],))
    conn.execute("UPDATE cleanup_plans SET geom = X'00DEADBEEF' WHERE uuid = ?", (c[0],))  # junk: nothing to save
    conn.close()
    return {"path": path, "q": q, "b": b, "t": t, "c": c}


def findings(path: Path) -> set[tuple[str | None, str | None, str | None, bool]]:
    with Store.open(path, readonly=True) as store:
        return {(f.layer, f.uuid, f.field, f.fixable) for f in check_store(store) if f.check == "feature"}


def test_validate_names_every_feature_and_field_and_goes_on(edited: dict) -> None:
    q, b, t, c = edited["q"], edited["b"], edited["t"], edited["c"]
    found = findings(edited["path"])
    assert {
        ("quarries", q[0], "area_ha", True),
        ("quarries", q[1], "area_ha", True),
        ("quarries", q[2], "geom", True),
        ("quarries", q[3], "geom", True),
        ("brick_factories", b[0], "status", True),
        ("tree_plantings", t[0], "species", True),
        ("tree_plantings", t[0], "planted_on", True),
        ("tree_plantings", t[1], "survival_rate", True),
        ("cleanup_plans", c[0], "geom", False),
    } <= found
    with Store.open(edited["path"], readonly=True) as store:
        fids = {f.fid for f in check_store(store) if f.uuid == b[0]}
    assert fids == {1}


def test_validate_fix_repairs_as_journaled_edits_and_lists_the_rest(edited: dict) -> None:
    report = repair_store(edited["path"])
    assert [(f.layer, f.uuid, f.field) for f in report.remaining if f.severity == "error"] == [
        ("cleanup_plans", edited["c"][0], "geom")
    ]
    assert len(report.fixed) >= 8
    with Store.open(edited["path"], readonly=True) as store:
        assert store.get("brick_factories", edited["b"][0])["status"] == "closed"
        tree = store.get("tree_plantings", edited["t"][0])
        assert (tree["species"], tree["planted_on"]) == ("elm", "2024-06-05")
        assert store.get("tree_plantings", edited["t"][1])["survival_rate"] == 85.5
        moved = store.get("quarries", edited["q"][0])
        assert moved["area_ha"] == DERIVED["area_ha"](moved.geometry)
        assert store.get("quarries", edited["q"][2]).geometry.geom_type == "MultiPolygon"
        assert store.get("quarries", edited["q"][3]).geometry.equals(shapely.MultiPolygon([PIT]))
        changed = {(c.layer, c.uuid): set(c.fields) for c in store.changes()}
        journaled = store.conn.execute(
            "SELECT columns FROM baytak_journal WHERE uuid = ? ORDER BY id", (edited["b"][0],)
        ).fetchall()
    assert journaled == [("status",), ("status",)]  # the other tool's edit, then the repair: both journaled
    assert ("brick_factories", edited["b"][0]) not in changed  # 'Закрыт' back to 'closed': nothing to send
    assert "planted_on" in changed[("tree_plantings", edited["t"][0])]
    assert {"geom", "area_ha"} <= changed[("quarries", edited["q"][3])]


@pytest.mark.parametrize("validator", VALIDATORS, ids=lambda v: v.name)
def test_validators_fail_before_and_pass_after_the_fix(edited: dict, plain_sqlite, validator) -> None:
    conn = plain_sqlite(edited["path"])
    conn.execute("DELETE FROM cleanup_plans WHERE uuid = ?", (edited["c"][0],))  # what a person decides for junk
    conn.close()
    assert validate_gpkg(validator, edited["path"]) != ""
    repair_store(edited["path"])
    assert validate_gpkg(validator, edited["path"]) == ""


def test_spatialite_blobs_are_read_as_their_geometry() -> None:
    for geometry in (shapely.Point(76.9, 43.2), PIT, shapely.MultiPolygon([PIT, shapely.box(78, 44, 78.1, 44.1)])):
        blob = spatialite_blob(geometry)
        assert spatialite_to_wkb(blob) is not None
        assert foreign_geometry(blob).equals(geometry)
    assert foreign_geometry(shapely.to_wkb(PIT)).equals(PIT)  # plain WKB
    assert foreign_geometry(b"\x00\xde\xad") is None


def test_areas_reshaped_elsewhere_are_recomputed_before_a_sync_seals(tmp_path: Path, plain_sqlite, gpkg_blob) -> None:
    path = tmp_path / "store.gpkg"
    with Store.create(path) as store:
        pit = store.insert(
            "quarries",
            {"name": "Abat", "status": "illegal"},
            shapely.MultiPolygon([shapely.box(77, 43.5, 77.01, 43.51)]),
        )
        with store.session() as conn:
            mark_synced(conn, "quarries", [pit.uuid])
    conn = plain_sqlite(path)  # QGIS reshapes the pit; nobody updates its area
    conn.execute("UPDATE quarries SET geom = ? WHERE uuid = ?", (gpkg_blob(shapely.MultiPolygon([PIT])), pit.uuid))
    conn.close()
    with Store.open(path) as store:
        with store.session() as conn:
            [sealed] = seal(conn, store.device_id)
        assert store.get("quarries", pit.uuid)["area_ha"] == DERIVED["area_ha"](shapely.MultiPolygon([PIT]))
    assert '"area_ha"' in sealed.payload and str(DERIVED["area_ha"](shapely.MultiPolygon([PIT]))) in sealed.payload


def test_validate_of_a_sound_store_finds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "store.gpkg"
    with Store.create(path) as store:
        build_demo(store)
        assert check_store(store) == []
    report = repair_store(path)
    assert (report.fixed, report.remaining) == ([], [])
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM baytak_journal WHERE op = 'update'").fetchone()[0] == 0
