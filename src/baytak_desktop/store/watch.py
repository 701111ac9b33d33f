"""Noticing what other programs changed in the store while it is open: a poll cheap enough for a timer.

``PRAGMA data_version`` changes when another connection has committed: a poll reads it with the
journal's last id and the schema version in one short read transaction, tens of microseconds. Only
when it changed is more read: the journal's new rows (the triggers journal QGIS's and
GDAL's edits like the app's) name the layers whose features changed; a commit that journaled nothing
(a sync applying the server's changes, a style, an edit while another tool had dropped the triggers)
could have changed any layer, so all are named; a changed schema version means a tool may have rebuilt
a table and dropped its journal triggers, which ``Store.repair_journal`` puts back.

A connection does not see its own commits in ``data_version``: poll the connection that makes the
app's own writes and only the others' are reported. No Qt here: the UI polls on a timer and turns an
``OutsideChange`` into its store events.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
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


FEW_FEATURES = 500


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

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._version, self._journal_max, self._schema = self._read()
        self._pending: OutsideChange | None = None

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
        change = self._describe(journal_max, schema)
        self._version, self._journal_max, self._schema = version, journal_max, schema
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

    def _describe(self, journal_max: int, schema: int) -> OutsideChange:
        catalog = catalog_of(self.conn)  # the store's layers now: published ones too
        if journal_max > self._journal_max:
            rows = self.conn.execute(
                "SELECT layer, count(*) FROM baytak_journal WHERE id > ? GROUP BY layer", (self._journal_max,)
            ).fetchall()
            layers = frozenset(str(layer) for layer, _ in rows if layer in catalog)
            edits = sum(int(count) for _, count in rows)
            features: frozenset[tuple[str, str]] | None = None
            if edits <= FEW_FEATURES:
                found = self.conn.execute(
                    "SELECT DISTINCT layer, uuid FROM baytak_journal WHERE id > ?", (self._journal_max,)
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
