"""An update of the program on both ends: yesterday's store and yesterday's server, migrated by today's code.

tests/data/stores/schema-4.gpkg and tests/data/servers/schema-2.sqlite were written together (one
device, one real server, one sync, then offline edits; see their README). Here today's server starts
on a copy of that database (migrating it), the store is opened by today's client (migrating it) and
synced: the edits made offline under the old schema push and merge, the photo that never reached the
server is uploaded, and a second device gets it all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from baytak_desktop.store import Store
from baytak_desktop.sync.session import login
from tests.sync.conftest import FAST, PASSWORD, Server, free_port
from tests.sync.e2e import run

DATA = Path(__file__).resolve().parents[1] / "data"


def test_offline_edits_of_an_old_store_reach_an_old_server_after_both_are_updated(tmp_path, config_home):
    server_data = tmp_path / "server"
    server_data.mkdir()
    shutil.copy(DATA / "servers" / "schema-2.sqlite", server_data / "server.sqlite")
    device = tmp_path / "field-laptop.gpkg"
    shutil.copy(DATA / "stores" / "schema-4.gpkg", device)
    server = Server(server_data, free_port())
    server.start()
    try:
        with Store.open(device) as store, store.session() as conn:  # the same server, at a new address
            conn.execute("UPDATE baytak_sync_state SET server_url = ?", (server.url,))
        login(device, server.url, "aigerim", PASSWORD, FAST)
        result = run(device)
        assert (result.pushed, result.applied, result.conflicts, result.rejected) == (4, 4, 0, 0)
        assert result.blobs_uploaded == 1 and result.pending == 0

        office = tmp_path / "office.gpkg"
        Store.create(office).close()
        login(office, server.url, "aigerim", PASSWORD, FAST)
        run(office)
        with Store.open(office) as store:
            names = {f["name"]: f for f in store.features("quarries") + store.features("brick_factories")}
            assert names["Абат карьері"]["status"] == "abandoned"
            assert names["Абат карьері"]["notes"] == "Жұмыс тоқтатылды (2025-08)."
            besagash = names["Бесагашский кирпичный завод"]
            assert [p.mime for p in store.attachments("brick_factories", besagash.uuid)] == ["image/jpeg"]
            assert "Нарынқол кірпіш зауыты" in names
            assert store.count("sewage_outflows") == 0  # deleted offline, deleted everywhere
            assert [f["title"] for f in store.features("cleanup_plans")] == ["Қапшағай жағасын тазалау"]
    finally:
        server.stop()


def test_a_store_and_server_with_published_layers_sync_after_both_are_updated(tmp_path, config_home):
    """The schema-8 store and schema-4 server (a layer and a field published, edited offline in them)."""
    server_data = tmp_path / "server"
    server_data.mkdir()
    shutil.copy(DATA / "servers" / "schema-4.sqlite", server_data / "server.sqlite")
    device = tmp_path / "field-laptop.gpkg"
    shutil.copy(DATA / "stores" / "schema-8.gpkg", device)
    server = Server(server_data, free_port())
    server.start()
    try:
        with Store.open(device) as store, store.session() as conn:
            conn.execute("UPDATE baytak_sync_state SET server_url = ?", (server.url,))
        login(device, server.url, "aigerim", PASSWORD, FAST)
        result = run(device)
        assert (result.pushed, result.conflicts, result.rejected, result.pending) == (6, 0, 0, 0)
        office = tmp_path / "office.gpkg"
        Store.create(office).close()
        login(office, server.url, "aigerim", PASSWORD, FAST)
        run(office)
        with Store.open(office) as store:
            dumps = {f["name"]: f for f in store.features("illegal_dumps")}
            assert dumps["Қапшағай жолындағы үйінді"]["status"] == "cleaned"
            assert dumps["Қапшағай жолындағы үйінді"]["burning"] == 0 and "Свалка у Сорбулака" in dumps
            assert [f["depth_m"] for f in store.features("quarries")] == [11.5]
    finally:
        server.stop()
