"""No demo feature reaches the party's server, by any path (issue 14): the demo store itself, a copy of
it, a copy with its mark removed by hand, demo features exported and imported into a real store,
demo features appended to a real store by ogr2ogr, and a direct API call that skips the client.

Each path ends with the server read through its own feed: no demo uuid and no illustrative notes.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import uuid as uuid_module
from pathlib import Path

import httpx
import pytest
import shapely

from baytak_desktop import cli
from baytak_desktop.demo import ILLUSTRATIVE, build_demo
from baytak_desktop.errors import ImportRejected
from baytak_desktop.io.exporter import export_layer
from baytak_desktop.io.importer import import_file
from baytak_desktop.layers.demo_identity import demo_uuid, is_demo_uuid, is_illustrative
from baytak_desktop.store import Store
from baytak_desktop.sync.errors import DemoStore
from baytak_desktop.sync.session import login

from .harness import PASSWORD, Device, token_for

OGR2OGR = shutil.which("ogr2ogr")


def assert_no_demo_on(reader) -> None:
    for (layer, uuid), state in reader.live().items():
        assert not is_demo_uuid(uuid), (layer, uuid)
        assert not is_illustrative(state.get("notes")), (layer, uuid, state.get("notes"))


@pytest.fixture
def demo_store(tmp_path: Path) -> Path:
    path = tmp_path / "demo.gpkg"
    with Store.create(path) as store:
        build_demo(store)
    return path


def baytak(*args: object, stdin: str = "") -> subprocess.CompletedProcess:
    import sys

    return subprocess.run(
        [sys.executable, "-m", "baytak_desktop.cli", *map(str, args)], input=stdin, capture_output=True, text=True
    )


def test_login_and_sync_of_the_demo_store_exit_1_with_the_reason(demo_store, server, reader) -> None:
    done = baytak("login", demo_store, "--server", server.url, "--user", "aigerim", "--password-stdin", stdin=PASSWORD)
    assert done.returncode == 1, done.stderr
    assert "is the demo store" in done.stderr and "never go to a server" in done.stderr
    done = baytak("sync", demo_store)
    assert done.returncode == 1 and "is the demo store" in done.stderr
    assert cli.main(["sync", str(demo_store), "--json"]) == 1
    assert_no_demo_on(reader)


def test_a_copied_demo_store_is_refused_too(demo_store, server, tmp_path, reader) -> None:
    copy = tmp_path / "elsewhere" / "almaty.gpkg"
    copy.parent.mkdir()
    shutil.copyfile(demo_store, copy)
    with pytest.raises(DemoStore):
        login(copy, server.url, "aigerim", PASSWORD)
    assert_no_demo_on(reader)


def test_demo_features_are_held_back_even_when_the_mark_is_removed(demo_store, server, reader) -> None:
    """Someone clears the mark with the sqlite3 shell and edits a demo site: it is still never sent."""
    with sqlite3.connect(demo_store) as conn:
        conn.execute("UPDATE baytak_sync_state SET demo = 0")
    conn.close()
    with Store.open(demo_store) as store:
        factory = store.features("brick_factories")[0]
        store.update("brick_factories", factory.uuid, {"name": "Renamed", "branch": "almaty"})
        mine = store.insert("brick_factories", {"name": "Real", "status": "closed", "branch": "almaty"}, None or
                            shapely.Point(76.95, 43.25)).uuid  # fmt: skip
    device = Device(demo_store, login(demo_store, server.url, "aigerim", PASSWORD))
    result = device.sync()
    assert result.demo_withheld == 1 and result.pushed == 1
    live = reader.live()
    assert ("brick_factories", mine) in live and ("brick_factories", factory.uuid) not in live
    assert_no_demo_on(reader)


def test_exported_demo_features_are_not_imported_into_a_real_store(demo_store, device, tmp_path, reader) -> None:
    real = device("bolat")
    with Store.open(demo_store) as store:
        export_layer(store, "brick_factories", tmp_path / "factories.geojson")
        export_layer(store, "shorelines", tmp_path / "shores.geojson")
    with Store.open(real.path) as store:
        for source, layer in (
            (tmp_path / "factories.geojson", "brick_factories"),
            (tmp_path / "shores.geojson", "shorelines"),
        ):
            with pytest.raises(ImportRejected) as refused:
                import_file(store, source, layer)
            assert any("feature of the demo" in str(p) for p in refused.value.problems)
            with pytest.raises(ImportRejected):  # none valid: --skip-invalid imports nothing, and says so
                import_file(store, source, layer, skip_invalid=True)
        assert store.changes() == []
    assert real.sync().pushed == 0
    assert_no_demo_on(reader)


def test_demo_notes_without_the_uuid_are_refused_on_import(device, tmp_path, reader) -> None:
    real = device("dana")
    source = tmp_path / "sites.csv"
    source.write_text(f'name,status,lon,lat,notes\nA,closed,76.9,43.2,"{ILLUSTRATIVE} Copied by hand."\n')
    with Store.open(real.path) as store, pytest.raises(ImportRejected):
        import_file(store, source, "brick_factories")


@pytest.mark.skipif(OGR2OGR is None, reason="ogr2ogr (Debian's gdal-bin) is not installed")
def test_demo_features_appended_by_ogr2ogr_are_held_back(demo_store, device, reader) -> None:
    real = device("aigerim")
    done = subprocess.run(
        [OGR2OGR, "-append", "-f", "GPKG", str(real.path), str(demo_store), "brick_factories"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    with Store.open(real.path) as store:
        copied = store.changes("brick_factories")
        assert copied and all(is_demo_uuid(c.uuid) for c in copied)
    result = real.sync()
    assert result.demo_withheld == len(copied) and result.pushed == 0
    assert_no_demo_on(reader)


def _changeset(uuid: str, notes: str | None = None) -> dict:
    fields = {
        "name": {"base": None, "new": "Direct"},
        "status": {"base": None, "new": "closed"},
        "branch": {"base": None, "new": "almaty"},
        "geom": {"base": None, "new": shapely.to_wkb(shapely.Point(76.95, 43.25), hex=True)},
    }
    if notes is not None:
        fields["notes"] = {"base": None, "new": notes}
    change = {"layer": "brick_factories", "uuid": uuid, "op": "insert", "base_rev": None, "fields": fields}
    return {
        "protocol": "baytak-sync/1",
        "changeset_id": str(uuid_module.uuid4()),
        "device_id": str(uuid_module.uuid4()),
        "changes": [change],
    }


def test_a_direct_api_call_with_demo_features_is_refused_per_change(server, reader) -> None:
    token = token_for(server.url, "erlan")
    headers = {"Authorization": f"Bearer {token}"}
    real_uuid = str(uuid_module.uuid4())
    body = _changeset(demo_uuid("brick_factories", 1))
    body["changes"].append(_changeset(str(uuid_module.uuid4()), f"{ILLUSTRATIVE} Narynkol.")["changes"][0])
    body["changes"].append(_changeset(real_uuid)["changes"][0])
    answer = httpx.post(server.url + "/api/v1/changesets", json=body, headers=headers, timeout=30)
    assert answer.status_code == 200, answer.text
    outcomes = [(r["outcome"], (r.get("error") or {}).get("code")) for r in answer.json()["results"]]
    assert outcomes == [("rejected", "demo_data"), ("rejected", "demo_data"), ("applied", None)]
    assert "demo data" in answer.json()["results"][0]["error"]["message"]
    assert ("brick_factories", real_uuid) in reader.live()
    assert_no_demo_on(reader)
