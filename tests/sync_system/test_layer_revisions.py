"""A layer and two fields published while activists are offline with unsynced edits (issue 19's check).

Against the package's real server process, on SQLite and on PostgreSQL + PostGIS: two devices hold
pending edits on three layers; an administrator publishes a new layer ("illegal dumps") and a field on
quarries and on brick factories with ``baytak server layers publish``; one device pulls before it
pushes (the revision is applied while its edits wait, one of them sealed under the old schema), the
other pushes first. Every edit arrives intact, the new layer and fields are used on both devices and
on a device that never synced before, QGIS opens the new layer with its value list and its edit syncs,
and the server's tables (SQLite or PostGIS) have the new typed table and columns, which QGIS reads too.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import shapely
from layer_helpers import DEPTH, ILLEGAL_DUMPS, KILNS, with_field

from baytak_desktop.jobs import NullProgress
from baytak_desktop.layers.definition import parse_text
from baytak_desktop.store import Store
from baytak_desktop.sync import outbox, records
from baytak_desktop.sync.credentials import load
from baytak_desktop.sync.engine import SyncResult, pull
from baytak_desktop.sync.session import open_client
from tests.conftest import open_plain_sqlite

from .harness import FAST, Device, Reader, assert_same_as_server, server_cli

SYSTEM_PYTHON = "/usr/bin/python3"
QGIS_SCRIPT = Path(__file__).resolve().parents[1] / "interop" / "qgis_new_layer.py"
ABAT = shapely.MultiPolygon([shapely.box(77.02, 43.64, 77.04, 43.66)])


def qgis_available() -> bool:
    if not os.path.exists(SYSTEM_PYTHON):
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True).returncode == 0


def publish(database_url: str, folder: Path, definition: dict[str, Any]) -> str:
    path = folder / f"{definition['name']}.json"
    path.write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")
    done = server_cli(database_url, "layers", "publish", str(path), "--by", "admin")
    return done.stdout


def pull_only(device: Device) -> None:
    """What a sync does after its push, alone: the device's edits stay pending meanwhile."""
    credentials = load(device.credentials.server_url, device.credentials.device_id)
    assert credentials is not None
    with Store.open(device.path) as store, open_client(store, credentials, FAST) as client:
        pull(store, client, NullProgress(), SyncResult())


def pending_view(device: Device) -> dict[tuple[str, str], tuple[str, tuple[str, ...], dict[str, Any] | None]]:
    """Each pending change: its op, changed fields and current values, leaving out fields added since."""
    added = {"depth_m", "kiln_count"}
    with device.store() as store:
        return {
            (c.layer, c.uuid): (
                c.op,
                tuple(f for f in c.fields if f not in added),
                None if c.current is None else {k: v for k, v in c.current.items() if k not in added},
            )
            for c in store.changes()
        }


def qgis(source: str, layer: str, added: str | None = None) -> dict[str, Any]:
    done = subprocess.run(
        [SYSTEM_PYTHON, str(QGIS_SCRIPT), source, layer, *([added] if added else [])],
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def postgres_source(database_url: str) -> str:
    url = urlparse(database_url)
    return f"dbname='{url.path.lstrip('/')}' host={url.hostname} port={url.port} user='{url.username}'"


def test_a_published_layer_and_fields_reach_devices_with_unsynced_edits(
    server, reader: Reader, device, database_url: str, tmp_path: Path
) -> None:
    a, b = device("aigerim"), device("bolat")
    quarry = a.insert("quarries", ABAT, name="Абат карьері", status="illegal", branch="almaty")
    factory = a.insert(name="Нарынқол кірпіш зауыты", status="closed")
    outflow = a.insert(
        "sewage_outflows", shapely.Point(76.63, 43.66), name="Сорбұлақ", status="active", branch="almaty"
    )
    for d in (a, b):
        d.sync()

    # offline: edits on three layers on each device
    a.update(quarry, "quarries", status="abandoned")
    a.delete(outflow, "sewage_outflows")
    new_factory = a.insert(name="Бесағаш зауыты", status="operating")
    b.update(quarry, "quarries", notes="Жұмыс тоқтатылды, 2025-08")
    b.update(factory, operator="ТОО «Кірпіш»")
    b_outflow = b.insert(
        "sewage_outflows", shapely.Point(76.70, 43.60), name="Жаңа төгінді", status="active", branch="almaty"
    )
    with b.store() as store, store.session() as conn:  # B's push was sealed, then the network went
        sealed = outbox.seal(conn, store.device_id)
    assert sealed
    before_a, before_b = pending_view(a), pending_view(b)
    assert {layer for layer, _ in before_b} == {"quarries", "brick_factories", "sewage_outflows"}

    # a coordinator publishes, with the server running: a new layer, and a field added to what the
    # server has now (``layers show``; other tests of the package published more fields meanwhile)
    assert "schema revision" in publish(database_url, tmp_path, ILLEGAL_DUMPS)
    for layer, field in (("quarries", DEPTH), ("brick_factories", KILNS)):
        current = parse_text(server_cli(database_url, "layers", "show", layer).stdout, layer)
        publish(database_url, tmp_path, with_field(current, field).as_json())

    # B pulls before it pushes: the revisions are applied while its edits wait
    pull_only(b)
    with b.store() as store:
        assert "illegal_dumps" in store.catalog
        assert "depth_m" in store.layer("quarries").field_names
        assert store.conn.execute("SELECT count(*) FROM baytak_outbox").fetchone()[0] == len(sealed)
    assert pending_view(b) == before_b  # nothing lost, nothing invented

    # both sync: A pushes under the old schema, then gets the new one; B sends its sealed changeset
    for d in (a, b, a):
        d.sync()
    live = reader.live()
    assert live[("quarries", quarry)]["status"] == "abandoned"
    assert live[("quarries", quarry)]["notes"] == "Жұмыс тоқтатылды, 2025-08"  # two devices' edits merged
    assert live[("brick_factories", factory)]["operator"] == "ТОО «Кірпіш»"
    assert ("sewage_outflows", outflow) not in live and ("sewage_outflows", b_outflow) in live
    assert live[("brick_factories", new_factory)]["name"] == "Бесағаш зауыты"
    assert before_a  # A had edits too, and they are on the server now
    assert_same_as_server(reader, a, b)

    # the new layer and fields, used on both devices
    dump = a.insert(
        "illegal_dumps",
        shapely.Point(76.95, 43.30),
        name="Қапшағай жолындағы үйінді",
        status="active",
        volume_m3="120,5",
        burning="иә",
        branch="almaty",
    )
    a.update(quarry, "quarries", depth_m=12.5)
    b.update(factory, kiln_count=4)
    for d in (a, b, a):
        d.sync()
    live = reader.live()
    assert live[("illegal_dumps", dump)]["volume_m3"] == 120.5 and live[("illegal_dumps", dump)]["burning"] == 1
    assert live[("quarries", quarry)]["depth_m"] == 12.5 and live[("brick_factories", factory)]["kiln_count"] == 4
    b.update(dump, "illegal_dumps", status="cleaned")
    b.sync()
    a.sync()
    assert reader.live()[("illegal_dumps", dump)]["status"] == "cleaned"

    # a device that never synced gets the whole schema with its first pull
    c = device("dana")
    c.sync()
    with c.store() as store:
        assert {"illegal_dumps"} <= set(store.catalog) and store.count("illegal_dumps") >= 1
    assert_same_as_server(reader, a, b, c)

    if not qgis_available():
        pytest.skip("QGIS (python3-qgis for /usr/bin/python3) is not installed: the QGIS part is not run")
    opened = qgis(str(b.path), "illegal_dumps", "Табылды QGIS-та")
    assert opened["valid"] and opened["geometry"] == "Point" and opened["added"]
    assert opened["fields"]["status"]["editor"] == "ValueMap"
    assert opened["fields"]["status"]["values"] == ["active", "cleaned"]
    assert opened["fields"]["volume_m3"]["editor"] == "Range" and opened["fields"]["burning"]["type"] == "Boolean"
    b.sync()
    a.sync()
    names = {fields["name"] for (layer, _), fields in reader.live().items() if layer == "illegal_dumps"}
    assert "Табылды QGIS-та" in names
    assert_same_as_server(reader, a, b)
    if database_url.startswith("postgresql"):  # the central database, read by QGIS too
        central = qgis(postgres_source(database_url), "illegal_dumps")
        assert central["valid"] and central["geometry"] == "Point" and central["count"] >= 2
        assert central["fields"]["burning"]["type"] == "bool" and central["fields"]["volume_m3"]["type"] == "float8"


def test_values_a_published_layer_would_refuse_are_held_on_the_device(server, reader, device, database_url, tmp_path):
    """The device checks a published layer's changes by its published rules before sealing, as the server
    does at its door: what the server would refuse waits on the device with a message, the rest goes."""
    publish(database_url, tmp_path, ILLEGAL_DUMPS)
    a, b = device("aigerim"), device("bolat")
    a.sync()
    dump = {"name": "Үйінді", "status": "active", "branch": "almaty"}
    nul, dated, good = (a.insert("illegal_dumps", **{**dump, "name": f"Үйінді {i}"}) for i in range(3))
    conn = open_plain_sqlite(a.path)  # as another program writes them
    conn.execute("UPDATE illegal_dumps SET name = ? WHERE uuid = ?", ("бір\x00екі", nul))
    conn.execute("UPDATE illegal_dumps SET found_on = 20240101 WHERE uuid = ?", (dated,))
    conn.close()

    first = a.sync()

    assert (first.held, first.rejected) == (2, 0)
    with a.store() as store:
        held = {r["uuid"]: r["message"] for r in records.rejections(store.conn)}
    assert set(held) == {nul, dated}
    assert "U+0000" in held[nul] and "YYYY-MM-DD" in held[dated]
    live = reader.live()
    assert ("illegal_dumps", good) in live and ("illegal_dumps", nul) not in live

    a.update(nul, "illegal_dumps", name="Бір екі")
    a.update(dated, "illegal_dumps", found_on="2024-01-01", burning=1)
    second = a.sync()
    b.sync()
    assert (second.held, second.rejected) == (0, 0)
    assert reader.live()[("illegal_dumps", dated)]["found_on"] == "2024-01-01"
    assert_same_as_server(reader, a, b)
