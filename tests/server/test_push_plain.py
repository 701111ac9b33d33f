"""A planned push's plain inserts are judged and built together (server/plain.py); what that writes and
answers must be what the ordinary way, change by change, writes and answers, byte for byte.

The same changeset goes to two servers on the same clock with the same accounts: on one it is planned
(its new features built column-wise), on the other judged the ordinary way (``push.commit`` without a
plan). A mix: new features of several layers and key sets (a derived area, numbers, Kazakh and emoji
text), and, between them, what must not take the shared path: an insert of a feature the server has,
an update, a delete, another branch's feature, a review mark from an editor, demo data, a value the
door refuses.
"""

from __future__ import annotations

from typing import Any

import pg
import pytest
import shapely

from baytak_desktop.layers import LAYERS
from baytak_desktop.server import accounts, features, push
from baytak_desktop.server.catalog import catalog_of
from baytak_desktop.server.door import check_all
from baytak_desktop.sync.protocol import ChangesetIn

from .conftest import POINT, Clock, Server, delete, insert, new_uuid, update

SQUARE = shapely.to_wkb(shapely.box(76.90, 43.20, 76.91, 43.21), hex=True)
DEMO = "00000000-0000-8000-8000-000000000001"


def _second_url(database_url: str, request: pytest.FixtureRequest, tmp_path: Any) -> str:
    if database_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'ordinary.sqlite'}"
    return pg.new_database(request.getfixturevalue("postgres_url"))


def _written(server: Server) -> dict[str, Any]:
    """Everything a push writes, in a form both backends give alike (no serial ids)."""
    found: dict[str, Any] = {}
    with server.app.state.db.transaction() as tx:
        for name in LAYERS:
            found[name] = features.live_in_range(tx, LAYERS.layer(name), 0, 10**9)
        found["history"] = tx.query(
            f"SELECT {', '.join(features.HISTORY_COLUMNS)} FROM baytak_history ORDER BY rev, layer, uuid"
        )
        found["rejections"] = tx.query(
            "SELECT rev, layer, uuid, author, changeset_id, error FROM baytak_rejections ORDER BY layer, uuid"
        )
        found["changesets"] = tx.query(
            "SELECT changeset_id, server_rev, changes, applied, unchanged, rejected, result FROM baytak_changesets "
            "ORDER BY server_rev"
        )
        found["tombstones"] = tx.query("SELECT layer, uuid, rev, state FROM baytak_tombstones ORDER BY rev")
    return found


def test_plain_inserts_built_together_write_and_answer_what_the_ordinary_way_does(
    database_url: str, request: pytest.FixtureRequest, tmp_path: Any
) -> None:
    clock = Clock()
    servers = [Server(database_url, clock), Server(_second_url(database_url, request, tmp_path), clock)]
    try:
        kept, edited, gone = new_uuid(), new_uuid(), new_uuid()
        for server in servers:
            server.add_user("aigerim")
            server.login("aigerim").push(insert(kept), insert(edited), insert(gone), changeset_id=kept)
        changes = [
            insert(name="Қызыл таң 🧱 «кірпіш»", notes='ескі\tзауыт "№2"\n'),
            insert(kept),  # the server has it (a retry): the ordinary way
            insert(
                layer="sewage_outflows",
                name="Ағын",
                status="active",
                branch="almaty",
                flow_m3_day=12.5,
                affected_settlements=3,
                geom=POINT,
            ),
            update(edited, 2, name=("Бесағаш кірпіш зауыты", "Өзгерді")),
            insert(layer="quarries", name="Карьер", status="active", branch="almaty", geom=SQUARE),
            insert(branch="astana"),  # another branch: forbidden
            insert(notes="[verified by aigerim on 2026-05-04]"),  # a review by an editor: forbidden
            insert(DEMO),  # demo data: refused
            insert(status="no such status"),  # the door refuses it
            delete(gone, 3, name="Бесағаш кірпіш зауыты"),
            delete(new_uuid(), None),  # unknown, so of no branch: forbidden to an editor
            insert(name="Тек қажеттісі", operator=None, observed_on="2024-05-01"),
            *(insert(name=f"Зауыт №{i}", notes=None if i % 2 else "ескі") for i in range(20)),
        ]
        body = {"changeset_id": new_uuid(), "device_id": new_uuid(), "changes": changes}
        answers = []
        for server, planned in zip(servers, (True, False), strict=True):
            db = server.app.state.db
            with db.transaction() as tx:
                account = accounts.find_user(tx, "aigerim")
                catalog = catalog_of(tx)
            assert account is not None
            changeset = ChangesetIn.model_validate(body)
            checked = check_all(catalog, changeset.changes)
            plan = push.plan(db, server.settings, account, changeset, catalog, checked) if planned else None
            assert plan is not None or not planned
            result = push.commit(db, server.settings, account, changeset, catalog, checked, plan)
            answers.append(result.model_dump_json())
        assert answers[0] == answers[1]
        fast, ordinary = (_written(server) for server in servers)
        assert fast == ordinary
        assert len(fast["history"]) == 3 + 6 + 20  # every write has its row
        assert {row[1] for row in fast["rejections"]} == {"brick_factories"}
        assert len(fast["rejections"]) == 5  # the four above and the delete of a feature nobody has
    finally:
        for server in servers:
            server.close()
