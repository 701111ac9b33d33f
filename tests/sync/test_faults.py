"""Lost answers, edits during a sync, processes killed mid-sync, no network, revoked sign-in."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
import shapely

from baytak_desktop.cli import main
from baytak_desktop.store import Store
from baytak_desktop.sync import outbox
from baytak_desktop.sync.errors import NoConnection
from baytak_desktop.sync.session import ClientOptions
from tests.sync.conftest import baytak_server
from tests.sync.e2e import add, get, pending, run, snapshot, update
from tests.sync.proxy import CuttingProxy


@pytest.fixture
def proxy(server):
    running = CuttingProxy(server.port)
    yield running
    running.close()


@pytest.fixture
def quick_cli(monkeypatch):
    """The CLI's client with a short backoff, so a test of 'no connection' does not wait 7 s."""
    monkeypatch.setattr(ClientOptions.__init__, "__defaults__", (2, 0.01, 10.0, 5_000))


def test_a_lost_answer_is_retried_with_the_same_changeset_and_nothing_is_duplicated(device, proxy):
    a = device("a", url=proxy.url)
    made = {add(a, name=f"Quarry office {i}") for i in range(3)}
    proxy.cut("POST /api/v1/changesets")
    result = run(a)
    assert proxy.cuts_done == 1
    assert result.pushed == 3 and result.applied + result.unchanged == 3 and pending(a) == []
    fresh = device("fresh")
    run(fresh)
    assert set(snapshot(fresh)["brick_factories"]) == made
    assert snapshot(fresh) == snapshot(a)


def test_a_push_whose_answers_are_all_lost_is_finished_by_the_next_sync(device, proxy):
    a = device("a", url=proxy.url)
    uuid = add(a)
    proxy.cut("POST /api/v1/changesets", times=3)  # every attempt of this run
    with pytest.raises(NoConnection) as caught:
        run(a)
    assert "your 1 edits are safe" in caught.value.message
    with Store.open(a) as store:
        (_sealed,) = outbox.outbox(store.conn)
    update(a, uuid, notes="added while offline")  # a new edit goes with the next changeset
    result = run(a)
    assert result.changesets == 2 and pending(a) == []
    fresh = device("fresh")
    run(fresh)
    assert list(snapshot(fresh)["brick_factories"]) == [uuid]
    assert get(fresh, uuid)["notes"] == "added while offline"


def test_an_edit_made_while_the_push_is_on_its_way_is_not_lost(device):
    a, b = device("a"), device("b")
    uuid = add(a, name="before")

    class EditWhileSending:
        done = False

        def update(self, fraction: float, text: str = "") -> None:
            if text.startswith("Sending changes") and not self.done:
                self.done = True
                update(a, uuid, name="during", notes="typed during the sync")

    run(a, EditWhileSending())
    assert get(a, uuid)["name"] == "during"
    assert [(c.op, set(c.fields)) for c in pending(a)] == [("update", {"name", "notes"})]
    run(b)
    assert get(b, uuid)["name"] == "before"
    run(a), run(b)
    assert get(b, uuid)["name"] == "during" and get(b, uuid)["notes"] == "typed during the sync"
    assert pending(a) == [] and snapshot(a) == snapshot(b)


@pytest.mark.parametrize(
    "marker", ["Changes to send", "Sending changes", "Sent; reading the server's answer", "Receiving changes (revision"]
)
def test_a_sync_killed_at_any_step_resumes_and_converges(device, child_env, marker):
    a, b = device("a"), device("b")
    with Store.open(a) as store:
        points = [shapely.Point(76 + i / 100, 43.1) for i in range(120)]
        made = store.insert_many("brick_factories", {"name": [f"F{i}" for i in range(120)], "status": "closed"}, points)
    run(a)
    run(b)
    update(a, made[0], status="relocated")
    run(a)
    update(b, made[1], operator="ТОО Жол")
    with Store.open(b) as store:
        store.delete("brick_factories", made[2])
    new = add(b, name="Karaoy pit")
    with Store.open(a) as store:  # more than a page for b to pull
        store.insert_many(
            "brick_factories",
            {"name": [f"G{i}" for i in range(80)], "status": "unknown"},
            [shapely.Point(77, 43 + i / 100) for i in range(80)],
        )
    run(a)
    child = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("crash_sync.py")), str(b), marker],
        env=child_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    run(b)
    run(a)
    assert pending(a) == pending(b) == []
    assert snapshot(a) == snapshot(b)
    assert get(a, new)["name"] == "Karaoy pit" and get(a, made[1])["operator"] == "ТОО Жол"
    assert get(b, made[0])["status"] == "relocated"
    fresh = device("fresh")
    run(fresh)
    assert snapshot(fresh) == snapshot(b)


def test_cli_no_connection_keeps_edits_and_says_so(device, server, quick_cli, capsys):
    a = device("a")
    add(a)
    server.stop()
    assert main(["sync", str(a)]) == 3
    err = capsys.readouterr().err
    assert "No connection" in err and "your 1 edits are safe on this computer and will be sent next time" in err
    assert len(pending(a)) == 1


def test_cli_revoked_token_asks_to_sign_in_again(device, server, quick_cli, capsys):
    a = device("a")
    baytak_server("token", "revoke", "--all", "--data", str(server.data))
    assert main(["sync", str(a), "--json"]) == 4
    assert "sign in again with baytak login" in capsys.readouterr().out


def test_cli_server_errors_are_reported_with_their_own_exit_code(device, proxy, quick_cli, capsys):
    a = device("a", url=proxy.url)
    proxy.fail_with(503)
    assert main(["sync", str(a)]) == 5
    assert "could not handle the request" in capsys.readouterr().err


def test_cli_login_sync_conflicts(server, tmp_path, capsys, monkeypatch):
    import io

    path = tmp_path / "cli.gpkg"
    Store.create(path).close()
    monkeypatch.setattr(sys, "stdin", io.StringIO("wrong\n"))
    assert main(["login", str(path), "--server", server.url, "--user", "aigerim", "--password-stdin"]) == 1
    from tests.sync.conftest import PASSWORD

    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["login", str(path), "--server", server.url, "--user", "aigerim", "--password-stdin"]) == 0
    assert "Signed in to" in capsys.readouterr().out
    add(path)
    assert main(["sync", str(path), "--json"]) == 0
    import json

    assert json.loads(capsys.readouterr().out)["applied"] == 1
    assert main(["conflicts", str(path)]) == 0
    assert "No open conflicts." in capsys.readouterr().out
    assert main(["resolve", str(path), "999", "--keep", "mine"]) == 1
    assert "no conflict 999" in capsys.readouterr().err
    with Store.open(path) as store:  # the token is not in the GeoPackage
        dump = "\n".join(store.conn.iterdump())
    from baytak_desktop.sync.credentials import credentials_path

    token = json.loads(credentials_path().read_text())["entries"]
    assert all(entry["token"] not in dump for entry in token.values())
