"""The client process is killed (SIGKILL) at each step of a sync; the next sync completes, the store
equals the server field by field, and nothing is duplicated.

The sync runs in a child process (``python -c``) with a Progress that kills the process when the
engine reports the step: the kill lands exactly between two of the engine's own transactions.
"""

from __future__ import annotations

import signal
import subprocess
import textwrap

import pytest
import shapely

from tests.conftest import open_plain_sqlite

from .conftest import USERS
from .harness import PYTHON, assert_same_as_server

KILLED_SYNC = textwrap.dedent("""
    import os, signal, sys
    from baytak_desktop.sync.engine import sync
    from baytak_desktop.sync.session import ClientOptions

    class KillAt:
        def __init__(self, prefix, nth):
            self.prefix, self.nth, self.seen = prefix, nth, 0

        def update(self, fraction, text=""):
            if text.startswith(self.prefix):
                self.seen += 1
                if self.seen == self.nth:
                    os.kill(os.getpid(), signal.SIGKILL)

    sync(sys.argv[1], progress=KillAt(sys.argv[2], int(sys.argv[3])),
         options=ClientOptions(backoff=0.05, page_size=int(sys.argv[4])))
""")

# (the text the engine reports, which report): the step after which the process dies
STEPS = {
    "journal sealed": ("Changes to send", 1),
    "push about to be sent": ("Sending changes", 1),
    "push answered, not settled": ("Sent; reading the server's answer", 1),
    "push settled, before the pull": ("The server's answer is saved", 1),
    "first pull page applied": ("Receiving changes (revision", 1),
    "second pull page applied": ("Receiving changes (revision", 2),
}
PAGE = 3


def killed_sync(path, step: str) -> None:
    prefix, nth = STEPS[step]
    done = subprocess.run(
        [PYTHON, "-c", KILLED_SYNC, str(path), prefix, str(nth), str(PAGE)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == -signal.SIGKILL, f"the sync was not killed at {step!r}: {done.stderr[-2000:]}"


def raw_update(path, uuid: str, **values) -> None:
    conn = open_plain_sqlite(path)
    try:
        sets = ", ".join(f'"{name}" = ?' for name in values)
        conn.execute(f"UPDATE brick_factories SET {sets} WHERE uuid = ?", (*values.values(), uuid))
    finally:
        conn.close()


@pytest.mark.parametrize("step", list(STEPS))
def test_sync_killed_then_resumed_equals_server(server, reader, device, step):
    assert "aigerim" in USERS and "bolat" in USERS
    other, a = device("bolat"), device("aigerim")
    shared = [other.insert(name=f"Ортақ {i}", operator="ЖШС") for i in range(4)]
    other.sync()
    a.sync()
    # local edits of every kind: inserts, updates of synced features, a delete, a geometry move
    new = [a.insert(name=f"Жаңа {i}", notes="" if i else None) for i in range(3)]
    a.update(shared[0], status="operating", notes="ӘҒҚҢӨҰҮҺІ ё")
    a.update(shared[1], geometry=shapely.Point(77.0, 43.3))
    a.delete(shared[2])
    raw_update(a.path, shared[3], operator="sqlite3 арқылы", emissions_note="")  # another tool's edit
    # meanwhile the server moved on (more pull pages, and a field a edits too: a merge, no conflict)
    other.update(shared[0], operator="Басқа ЖШС")
    more = [other.insert(name=f"Кейін {i}") for i in range(5)]
    other.sync()

    killed_sync(a.path, step)
    result = a.sync()
    other.sync()

    assert result.conflicts == 0 and result.rejected == 0, result
    server = assert_same_as_server(reader, a, other)
    for uuid in [*new, *more, shared[0], shared[1], shared[3]]:
        assert ("brick_factories", uuid) in server
    assert ("brick_factories", shared[2]) not in server
    assert server[("brick_factories", shared[0])]["status"] == "operating"
    assert server[("brick_factories", shared[0])]["operator"] == "Басқа ЖШС"
    assert server[("brick_factories", shared[0])]["notes"] == "ӘҒҚҢӨҰҮҺІ ё"
    assert (
        server[("brick_factories", shared[3])]["operator"],
        server[("brick_factories", shared[3])]["emissions_note"],
    ) == ("sqlite3 арқылы", "")
    for uuid in new:
        assert len(reader.history("brick_factories", uuid)) == 1  # created once, never twice
    mine = [c for c in reader.conflicts() if c["author"] == "aigerim" and c["uuid"] in set(new + shared)]
    assert mine == []


PLAIN_SYNC = (
    "import sys\nfrom baytak_desktop.sync.engine import sync\n"
    "from baytak_desktop.sync.session import ClientOptions\n"
    "sync(sys.argv[1], options=ClientOptions(backoff=0.05, page_size=int(sys.argv[2])))\n"
)
KILL_AFTER = (0.4, 0.6, 0.8, 1.0, 1.3, 1.7)  # seconds after the start: imports, sealing, push, pages


def test_sync_killed_at_arbitrary_moments_then_resumed(server, reader, device):
    """Kills that land anywhere (inside a store transaction, mid-request) rather than between steps."""
    other, a = device("bolat"), device("aigerim")
    with other.store() as store:
        store.insert_many(
            "brick_factories",
            {"name": [f"Көп {i}" for i in range(300)], "status": "closed", "branch": "almaty"},
            [shapely.Point(76.5 + i / 1000, 43.1) for i in range(300)],
        )
    other.sync()
    made: list[str] = []
    killed = 0
    for round_, delay in enumerate(KILL_AFTER):
        made += [a.insert(name=f"Айналым {round_} №{k}") for k in range(20)]
        raw_update(a.path, made[round_], notes=f"түзету {round_}")
        child = subprocess.Popen(
            [PYTHON, "-c", PLAIN_SYNC, str(a.path), "10"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        try:
            child.wait(delay)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
            killed += 1
        _, errors = child.communicate(timeout=60)
        assert child.returncode in (0, -signal.SIGKILL), errors[-2000:]

    assert killed > 0  # at least one sync did not finish before its kill
    a.sync()
    other.sync()
    server = assert_same_as_server(reader, a, other)
    for round_ in range(len(KILL_AFTER)):
        assert server[("brick_factories", made[round_])]["notes"] == f"түзету {round_}"
    assert all(("brick_factories", u) in server for u in made)
    assert [c for c in reader.conflicts() if c["uuid"] in set(made)] == []
