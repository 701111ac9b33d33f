"""Noticing what other programs changed in the store while it is open: a poll cheap enough for a timer.

``PRAGMA data_version`` changes when another connection has committed: a poll reads it with the
journal's last id and the schema version in one short read transaction, tens of microseconds. Only
when it changed is more read: the journal's new rows (the triggers journal QGIS's and
GDAL's edits like the app's) name the layers whose features changed; a commit that journaled nothing
(a sync applying the server's changes, a style, an edit while another tool had dropped the triggers)
could have changed any layer, so all are named; a changed schema version means a tool may have rebuilt
a table and dropped its journal triggers, which ``Store.repair_journal`` puts back.

A connection does not see its own commits in ``data_version``, but the app writes on several (the
window's, its writer thread's, a job's) and polls on one of its own. So every store of this process
tells ``OwnCommits`` what each of its commits journaled (the journal ids, the schema version after it)
while a poller watches that file, and the poller leaves those out: the window's own edits, which
announced themselves already, do not make the map, table and counts read the store a second time. No Qt here: the UI polls on a timer and turns an
``OutsideChange`` into its store events.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

from baytak_desktop.jobs import Phase, Progress
from baytak_desktop.store import journal
from baytak_desktop.store.catalog import catalog_of
from baytak_desktop.store.events import StoreEvents
from baytak_desktop.store.lockwait import is_busy, waits_reported


@dataclass(frozen=True)
class OutsideChange:
    """What other connections changed since the last poll."""

    layers: frozenset[str]  # layers whose features may have changed: redraw and requery them
    edits: int  # journal entries they added (their edits to sync), 0 when none or unknown
    repair: frozenset[str] = frozenset()  # layers whose journal triggers are missing or altered
    # the (layer, uuid) of the features they edited, when at most FEW_FEATURES journal rows name them (look
    # at those alone); None when more, or unknown (read every unsynced edit again)
    features: frozenset[tuple[str, str]] | None = None


# A look at each feature costs a few queries on a reader, reading every unsynced edit again three per
# edit (100,000 of them: ~8 s). At 500, ogr2ogr appending 100 features a run made a poll that fell a few
# runs behind (a loaded machine) read everything again, over and over, while the looks were cheap.
FEW_FEATURES = 5000
MAX_OWN_RANGES = 64  # more separate own id ranges than this in one poll: report everything instead


@dataclass(frozen=True)
class OwnCommit:
    """One commit this process made: the journal ids it added (none when ``first > last``) and the
    schema version it left."""

    first: int
    last: int
    schema: int


@dataclass
class _Mailbox:
    commits: list[OwnCommit] = field(default_factory=list)


class OwnCommits:
    """This process's commits per file, for the pollers watching that file (thread-safe: stores commit
    on the UI, writer and job threads, the poller reads on its own)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._boxes: dict[str, list[_Mailbox]] = {}

    def watch(self, key: str) -> _Mailbox:
        box = _Mailbox()
        with self._lock:
            self._boxes.setdefault(key, []).append(box)
        return box

    def unwatch(self, key: str, box: _Mailbox) -> None:
        with self._lock:
            boxes = self._boxes.get(key, [])
            if box in boxes:
                boxes.remove(box)
            if not boxes:
                self._boxes.pop(key, None)

    def watched(self, key: str) -> bool:
        return key in self._boxes  # a dict lookup, no lock: a commit racing a new poller is reported

    def record(self, key: str, commit: OwnCommit) -> None:
        with self._lock:
            for box in self._boxes.get(key, ()):
                box.commits.append(commit)

    def take(self, box: _Mailbox, journal_max: int) -> list[OwnCommit]:
        """The commits a poll that saw the journal up to ``journal_max`` may leave out; those that added
        ids past it committed after the poll's snapshot and stay for the next poll."""
        with self._lock:
            taken = [c for c in box.commits if c.last <= journal_max]
            box.commits = [c for c in box.commits if c.last > journal_max]
        return taken


OWN_COMMITS = OwnCommits()


def own_key(path: str | Path) -> str:
    """The key of a file in ``OWN_COMMITS``: one file opened under two names is one file."""
    return str(Path(path).resolve())


def _merge_features(
    a: frozenset[tuple[str, str]] | None, b: frozenset[tuple[str, str]] | None
) -> frozenset[tuple[str, str]] | None:
    if a is None or b is None or len(a) + len(b) > FEW_FEATURES:
        return None
    return a | b


class ChangeWatcher:
    """Polls one connection for commits made by other connections.

    The store tells it about its own transactions (``collect`` right after BEGIN, ``absorb`` just
    before COMMIT, both while holding the write lock), so its own journal rows and schema changes are
    never reported and others' commits that came just before are never swallowed.
    """

    def __init__(self, conn: sqlite3.Connection, own_key: str | None = None) -> None:
        """``own_key``: leave out the commits other stores of this process make on that file."""
        self.conn = conn
        self._own_key = own_key
        self._own = OWN_COMMITS.watch(own_key) if own_key is not None else None
        self._version, self._journal_max, self._schema = self._read()
        self._pending: OutsideChange | None = None

    def close(self) -> None:
        """Stop receiving this process's commits (the poller ends)."""
        if self._own is not None and self._own_key is not None:
            OWN_COMMITS.unwatch(self._own_key, self._own)
            self._own = None

    def poll(self) -> OutsideChange | None:
        """None when nothing changed, or when another program is committing right now (poll again)."""
        try:
            self.collect()
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
        change, self._pending = self._pending, None
        return change

    def collect(self) -> None:
        """Note what other connections committed since the last look."""
        version, journal_max, schema = self._read()
        if version == self._version:
            return
        own = OWN_COMMITS.take(self._own, journal_max) if self._own is not None else []
        change = self._describe(journal_max, schema, own)
        self._version, self._journal_max, self._schema = version, journal_max, schema
        if change is None:
            return
        if self._pending is not None:
            change = OutsideChange(
                self._pending.layers | change.layers,
                self._pending.edits + change.edits,
                self._pending.repair | change.repair,
                _merge_features(self._pending.features, change.features),
            )
        self._pending = change

    def absorb(self) -> None:
        """This connection is about to commit: its journal rows and schema change are its own."""
        _, self._journal_max, self._schema = self._read()

    def _describe(self, journal_max: int, schema: int, own: list[OwnCommit]) -> OutsideChange | None:
        """What changed, leaving out this process's own commits ``own``; None when they were all."""
        own_schema = schema == self._schema or any(c.schema == schema for c in own)
        ranges = _merged(own)
        if len(ranges) > MAX_OWN_RANGES:
            ranges = []
        skip = "".join(" AND NOT (id BETWEEN ? AND ?)" for _ in ranges)
        skip_args = tuple(n for r in ranges for n in r)
        if journal_max > self._journal_max and ranges and own_schema:
            others = self.conn.execute(
                f"SELECT 1 FROM baytak_journal WHERE id > ?{skip} LIMIT 1", (self._journal_max, *skip_args)
            ).fetchone()
            if others is None:  # every new journal row is the window's own: it announced them already
                return None
        elif journal_max <= self._journal_max and own_schema and any(c.first > c.last for c in own):
            return None  # the window's own commit that journaled nothing (a sync, a style): announced
        catalog = catalog_of(self.conn)  # the store's layers now: published ones too
        if journal_max > self._journal_max:
            rows = self.conn.execute(
                f"SELECT layer, count(*) FROM baytak_journal WHERE id > ?{skip} GROUP BY layer",
                (self._journal_max, *skip_args),
            ).fetchall()
            layers = frozenset(str(layer) for layer, _ in rows if layer in catalog)
            edits = sum(int(count) for _, count in rows)
            features: frozenset[tuple[str, str]] | None = None
            if edits <= FEW_FEATURES:
                found = self.conn.execute(
                    f"SELECT DISTINCT layer, uuid FROM baytak_journal WHERE id > ?{skip}",
                    (self._journal_max, *skip_args),
                ).fetchall()
                features = frozenset((str(layer), str(uuid)) for layer, uuid in found if layer in catalog)
        else:  # nothing journaled, or the journal was emptied by a sync: any layer may have changed
            layers, edits, features = frozenset(catalog.names), 0, None
        repair: frozenset[str] = frozenset()
        if schema != self._schema:
            repair = frozenset(name for name, s in catalog.items() if journal.missing_or_altered_triggers(self.conn, s))
            layers |= repair
        return OutsideChange(layers, edits, repair, None if repair else features)

    def _read(self) -> tuple[int, int, int]:
        """data_version, the journal's last id and the schema version, from one snapshot (a read
        transaction of its own, unless the store's write transaction is open)."""
        own = not self.conn.in_transaction
        if own:
            self.conn.execute("BEGIN")
        try:
            version = self.conn.execute("PRAGMA data_version").fetchone()[0]
            journal_max = self.conn.execute("SELECT ifnull(max(id), 0) FROM baytak_journal").fetchone()[0]
            schema = self.conn.execute("PRAGMA schema_version").fetchone()[0]
        finally:
            if own:
                self.conn.execute("COMMIT")
        return int(version), int(journal_max), int(schema)


def _merged(own: list[OwnCommit]) -> list[tuple[int, int]]:
    """The journal id ranges of ``own``, adjacent ones joined (a run of edits is one range)."""
    ranges: list[tuple[int, int]] = []
    for first, last in sorted((c.first, c.last) for c in own if c.first <= c.last):
        if ranges and first <= ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], max(last, ranges[-1][1]))
        else:
            ranges.append((first, last))
    return ranges


def repair_job(path: Path, progress: Progress, events: StoreEvents | None = None) -> dict[str, int]:
    """Put back the journal triggers another tool dropped, on a connection of its own (a worker
    thread); returns how many of that tool's edits were journaled per repaired layer."""
    from baytak_desktop.store.store import Store

    progress.update(0.0, Phase("Tracking the edits made by another program…"))
    with Store.open(path, events=events) as store, waits_reported(store.lock_policy, progress):
        repaired = store.repair_journal()
        for layer in repaired:
            store.events.layer_changed.emit(layer)
        if repaired:
            store.events.journal_changed.emit()
    return repaired
