"""Publishing layers on the server, on SQLite and on PostgreSQL + PostGIS: a revision in the pull feed in
order with the data, the server's own typed tables, only additive changes, and the commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from layer_helpers import DEPTH, ILLEGAL_DUMPS, with_field

from baytak_desktop.layers.catalog import builtin_catalog
from baytak_desktop.layers.definition import parse
from baytak_desktop.layers.evolution import LayerChangeRefused
from baytak_desktop.server.catalog import catalog_of
from baytak_desktop.server.publish import publish

from .conftest import POINT, insert, update

NOW = "2026-03-01T10:00:00.000Z"
DUMPS = parse(ILLEGAL_DUMPS, "illegal_dumps")


def publish_on(server, definition) -> int | None:
    return publish(server.app.state.db, definition, "admin", NOW).revision


def columns(server, table: str) -> dict[str, str]:
    with server.app.state.db.transaction() as tx:
        if tx.dialect.name == "sqlite":
            return {r[1]: r[2].lower() for r in tx.query(f'PRAGMA table_info("{table}")')}
        rows = tx.query(
            "SELECT column_name, udt_name FROM information_schema.columns WHERE table_name = ? "
            "AND table_schema = current_schema()",
            (table,),
        )
        return {str(name): str(kind) for name, kind in rows}


def test_a_publication_is_a_revision_in_the_feed_in_order_with_the_data(server):
    device = server.user("dana")
    first = device.push(insert(name="Before"))["server_rev"]
    assert publish_on(server, DUMPS) == 1
    uuid = device.push(
        insert(
            layer="illegal_dumps", name="Үйінді", status="active", burning=1, volume_m3=3, branch="almaty", geom=POINT
        )
    )["results"][0]["uuid"]
    page = device.pull(after=0)
    (revision,) = page["layer_revisions"]
    assert revision["revision"] == 1 and revision["layer"] == "illegal_dumps" and revision["rev"] == first + 1
    assert revision["definition"]["title"]["kk"] == "Заңсыз қоқыс үйінділері" and revision["published_by"] == "admin"
    dump = next(s for s in page["features"] if s["uuid"] == uuid)
    assert dump["rev"] > revision["rev"] and dump["fields"]["burning"] == 1 and dump["fields"]["volume_m3"] == 3
    # a page never splits: one item per page still brings the revision alone, then the feature
    pages = device.pull_all(after=first, limit=1)
    assert [len(p["layer_revisions"]) for p in pages][:2] == [1, 0]
    assert device.pull(after=revision["rev"])["layer_revisions"] == []


def test_the_servers_tables_follow_typed(server):
    publish_on(server, DUMPS)
    publish_on(server, with_field(builtin_catalog().definition("quarries"), DEPTH))
    dumps = columns(server, "illegal_dumps")
    if server.backend == "sqlite":
        assert dumps["burning"] == "boolean" and dumps["volume_m3"] == "double precision" and dumps["geom"] == "blob"
    else:
        assert dumps["burning"] == "bool" and dumps["volume_m3"] == "float8" and dumps["geom"] == "geometry"
        with server.app.state.db.transaction() as tx:
            kind = tx.scalar("SELECT type FROM geometry_columns WHERE f_table_name = 'illegal_dumps'")
            indexes = {r[0] for r in tx.query("SELECT indexname FROM pg_indexes WHERE tablename = 'illegal_dumps'")}
        assert kind == "POINT" and {"illegal_dumps_geom", "illegal_dumps_rev"} <= indexes
    assert "depth_m" in columns(server, "quarries")
    device = server.user("dana")
    quarry = insert(
        layer="quarries",
        name="Абат",
        status="illegal",
        branch="almaty",
        depth_m=12.5,
        geom=shapely.to_wkb(shapely.MultiPolygon([shapely.box(77.02, 43.64, 77.04, 43.66)]), hex=True),
    )
    result = device.push(quarry)["results"][0]
    assert result["outcome"] == "applied", result
    assert device.feature(result["uuid"])["fields"]["depth_m"] == 12.5


def test_a_device_of_the_old_schema_still_pushes_and_merges(server):
    device = server.user("dana")
    result = device.push(insert(name="Бесағаш"))["results"][0]
    publish_on(
        server,
        with_field(
            builtin_catalog().definition("brick_factories"),
            {
                "name": "kiln_count",
                "type": "integer",
                "minimum": 0,
                "title": {"en": "Kilns", "kk": "Пеш", "ru": "Печи"},
            },
        ),
    )
    other = server.login("dana")
    other.push(update(result["uuid"], result["rev"], kiln_count=(None, 3)))
    answer = device.push(update(result["uuid"], result["rev"], operator=(None, "ТОО")))["results"][0]
    assert answer["outcome"] == "merged"
    fields = device.feature(result["uuid"])["fields"]
    assert fields["kiln_count"] == 3 and fields["operator"] == "ТОО"


def test_only_additive_changes_and_nothing_changes_on_a_refusal(server):
    publish_on(server, DUMPS)
    with server.app.state.db.transaction() as tx:
        rev = tx.scalar("SELECT rev FROM baytak_counter WHERE id = 1")
    shrunk = DUMPS.as_json()
    shrunk["fields"] = shrunk["fields"][:-1]
    with pytest.raises(LayerChangeRefused, match="field found_on is missing"):
        publish_on(server, parse(shrunk, "shrunk"))
    assert publish_on(server, DUMPS) is None  # the same again: unchanged
    with server.app.state.db.transaction() as tx:
        assert tx.scalar("SELECT rev FROM baytak_counter WHERE id = 1") == rev
        assert catalog_of(tx).revision == 1


def baytak(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "baytak_desktop.cli", *args], capture_output=True, text=True, input=stdin, timeout=120
    )


def test_the_commands(tmp_path: Path):
    data = ["--data", str(tmp_path / "server")]
    good = tmp_path / "dumps.json"
    good.write_text(json.dumps(ILLEGAL_DUMPS, ensure_ascii=False), encoding="utf-8")
    checked = baytak("server", "layers", "publish", str(good), "--check", *data)
    assert checked.returncode == 0 and "new layer illegal_dumps" in checked.stdout
    done = baytak("server", "layers", "publish", str(good), "--by", "erlan", *data, "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["revision"] == 1
    again = baytak("server", "layers", "publish", str(good), *data)
    assert again.returncode == 0 and "unchanged" in again.stdout
    listed = baytak("server", "layers", "list", *data)
    assert "illegal_dumps    POINT" in listed.stdout and "revision 1: illegal_dumps, by erlan" in listed.stdout
    shown = json.loads(baytak("server", "layers", "show", "illegal_dumps", *data).stdout)
    assert parse(shown, "shown") == DUMPS
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "illegal_dumps", "geometry": "POINT", "fields": []}', encoding="utf-8")
    refused = baytak("server", "layers", "publish", str(bad), *data)
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [  # one line, as every command's error
        f"error: The layer definition {bad} cannot be used: title: is missing fields: must not be empty"
    ]
    missing = baytak("server", "layers", "show", "rivers", *data)
    assert missing.returncode == 1 and "There is no layer named 'rivers'" in missing.stderr
    audited = json.loads(baytak("server", "audit", *data, "--json").stdout)
    publications = [(e["layer"], e["details"]["published_by"]) for e in audited if e["action"] == "layer_publish"]
    assert publications == [("illegal_dumps", "erlan")]  # once: the unchanged one wrote nothing
