"""One bad change never blocks the rest: a value the server's rules refuse (written by another tool) is
held on the device before it is sent, an edit of another branch's feature is rejected by the server,
the other changes of the same sync apply, the author sees why, and once the feature is edited again
the new value goes through.
"""

from __future__ import annotations

import json
import subprocess

from tests.conftest import open_plain_sqlite

from .harness import PYTHON, assert_same_as_server

LAYER = "brick_factories"


def raw_update(path, uuid: str, **values) -> None:
    conn = open_plain_sqlite(path)
    try:
        sets = ", ".join(f'"{name}" = ?' for name in values)
        conn.execute(f"UPDATE {LAYER} SET {sets} WHERE uuid = ?", (*values.values(), uuid))
    finally:
        conn.close()


def cli_conflicts(path) -> dict:
    done = subprocess.run(
        [PYTHON, "-m", "baytak_desktop.cli", "conflicts", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_refused_changes_are_held_and_the_rest_applies(server, reader, device):
    boss, a = device("admin"), device("aigerim")
    foreign = boss.insert(name="Абай облысының зауыты", branch="abai")
    boss.sync()
    a.sync()
    bad, good = a.insert(name="Жарамсыз болады"), a.insert(name="Дұрыс")
    a.sync()
    raw_update(a.path, bad, status="жоқ-мұндай-мәртебе")  # not in the vocabulary: the app would refuse it
    a.update(good, operator="Дұрыс оператор")
    a.update(foreign, notes="басқа филиалдың нысаны")  # an editor of almaty, a feature of abai

    first = a.sync()

    assert (first.held, first.rejected, first.applied + first.merged) == (1, 1, 1)
    server_state = reader.live()
    assert server_state[(LAYER, good)]["operator"] == "Дұрыс оператор"
    assert server_state[(LAYER, bad)]["status"] == "closed"
    assert server_state[(LAYER, foreign)]["notes"] is None
    # this test's features only: the package's server is shared, and the account's refusals in other tests
    # (test_refusals_said.py) are pulled too
    mine = {bad, good, foreign}
    refused = {r["uuid"]: r["code"] for r in cli_conflicts(a.path)["rejections"] if r["uuid"] in mine}
    assert refused == {bad: "invalid_value", foreign: "forbidden"}
    assert a.get(bad)["status"] == "жоқ-мұндай-мәртебе"  # held on the device, not thrown away
    audited = len(reader.audit())
    a.sync()
    assert len(reader.audit()) == audited  # held changes are not sent again by themselves

    a.update(bad, status="relocated")
    raw_update(a.path, foreign, notes=None)  # undone by hand
    second = a.sync()
    boss.sync()

    assert second.rejected == 0
    assert reader.live()[(LAYER, bad)]["status"] == "relocated"
    assert_same_as_server(reader, boss)
    # The hand-undone edit nets to no change: nothing is sent, and the device's stamps go back to the
    # server's, so the store equals the server in every field.
    assert_same_as_server(reader, a)
