"""Server databases written by earlier versions (tests/data/servers/, one per schema version) still serve.

Each is copied and opened by today's server, which migrates it: the accounts sign in with their old
passwords, the audit log and the features are there. A new server schema version adds its fixture
(scripts/make_schema_fixtures.py); they are all picked up here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from baytak_desktop.server.db.migrations import SCHEMA_VERSION, schema_version

from .conftest import Clock, Server

FIXTURES = sorted((Path(__file__).resolve().parents[1] / "data" / "servers").glob("schema-*.sqlite"))
PASSWORD = "Baytak-2026-жасыл"  # the fixtures' test account, see their README


def test_there_is_a_fixture_for_todays_schema_version():
    assert f"schema-{SCHEMA_VERSION}.sqlite" in {p.name for p in FIXTURES}, (
        "a new server schema version needs its fixture: run scripts/make_schema_fixtures.py"
    )


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_an_old_server_database_migrates_and_keeps_accounts_audit_and_features(tmp_path, fixture):
    path = tmp_path / "server.sqlite"
    shutil.copy(fixture, path)
    server = Server(f"sqlite:///{path}", Clock())
    try:
        assert schema_version(server.app.state.db) == SCHEMA_VERSION
        device = server.login("aigerim", password=PASSWORD)
        names = {state["fields"].get("name") for page in device.pull_all() for state in page["features"]}
        assert {"Абат карьері", "Нарынқол кірпіш зауыты", "Сорбұлақ"} <= names
        with server.app.state.db.transaction() as tx:
            assert tx.scalar("SELECT count(*) FROM baytak_changesets") >= 1
            assert tx.scalar("SELECT count(*) FROM baytak_blobs WHERE complete = 1") >= 1  # the synced photo
    finally:
        server.close()
