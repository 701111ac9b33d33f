"""The local store: one GeoPackage file with the six synced layers, the journal and attachments.

``Store`` is what the CLI, the UI, the importers and the sync client hold. It is used from one thread;
a worker thread opens its own ``Store`` on the same file. Other programs may have the file open too
(QGIS, GDAL, a script): writes wait for them through ``lock_policy`` (reporting whom they wait for),
WAL is re-established when nobody else has the file open (see ``connection``), and
``outside_changes`` tells what they changed. Its writers announce what they changed on ``events``
(``store.events``) once it is committed; whoever shows the store listens there.
"""

from __future__ import annotations

import datetime as dt
import getpass
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, ParamSpec

import numpy as np
import shapely

from baytak_desktop.errors import (
    FeatureNotFound,
    GeometryError,
    NotAGeoPackage,
    Problem,
    StoreError,
    ValidationError,
)
from baytak_desktop.jobs import Progress
from baytak_desktop.layers import Catalog, Feature, LayerSchema, new_uuid, prepare
from baytak_desktop.layers import geometry as blobs
from baytak_desktop.layers.style import LayerStyle, StyleError
from baytak_desktop.library_failures import library_reason
from baytak_desktop.store import attachments, changes, gpkg, journal, migrations, query, rows
from baytak_desktop.store import styles as saved_styles
from baytak_desktop.store.bulk import bulk_insert
from baytak_desktop.store.catalog import catalog_of, revisions_stamp
from baytak_desktop.store.changes import Change, Mark
from baytak_desktop.store.connection import (
    BUSY_TIMEOUT_MS,
    check_is_geopackage,
    check_is_store,
    connect,
    settle_journal_mode,
)
from baytak_desktop.store.events import Event, StoreEvents
from baytak_desktop.store.lockwait import LockPolicy
from baytak_desktop.store.session import Session
from baytak_desktop.store.watch import OWN_COMMITS, ChangeWatcher, OwnCommit, own_key

BBox = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat
P = ParamSpec("P")
CatalogFollows = Literal["events", "file", "given"]  # how a store learns its layers changed: Store.catalog_follows
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")  # journal.UUID_GLOB


WAL_RETRY_S = 5.0  # how often a store in rollback mode looks again whether it may switch to WAL


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _given(value: Any) -> bool:
    """A value that names something: not None, not an empty or blank text."""
    return value is not None and not (isinstance(value, str) and not value.strip())


def _filled(column: Any, default: str) -> Any:
    """``column`` (a list of values, or one value for all rows) with ``default`` where it names nothing."""
    if isinstance(column, (list, tuple, np.ndarray)):
        return [value if _given(value) else default for value in column]
    return column if _given(column) else default


def system_user() -> str | None:
    """The name the person is logged in with: who made an edit when nobody is signed in."""
    try:
        return getpass.getuser() or None
    except (KeyError, OSError):  # no user name in the environment or the password database
        return None


class Store:
    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        readonly: bool = False,
        events: StoreEvents | None = None,
        *,
        busy_ms: int = BUSY_TIMEOUT_MS,
    ) -> None:
        self.path = path
        self.conn = conn
        self.readonly = readonly
        self.events = events or StoreEvents()  # a window gives the stores of one file the same events
        self.busy_ms = busy_ms
        self.lock_policy = LockPolicy()  # set its on_wait to show "waiting for QGIS..."
        self._watchers: list[ChangeWatcher] = []
        self.session = Session(
            conn,
            str(path),
            self.lock_policy,
            read_timeout_ms=busy_ms,
            before_write=self._maybe_wal,
            after_begin=self._collect_outside_changes,
            before_commit=self._absorb_own_changes,
            on_commit=self._tell_own_commit,
        )
        self._own_key = own_key(path)
        self._own_first: int | None = None  # the first journal id this transaction may add (if watched)
        self._own_commit: OwnCommit | None = None
        # the catalog as last read, and what it was read under: (events, their catalog generation, the
        # file's revisions stamp when the store follows the file)
        self._catalog: Catalog | None = None
        self._catalog_key: tuple[int, int, tuple[int, int] | None] = (0, -1, None)
        # How this store learns that the layers changed, besides its own transactions: "events" (a sync
        # sharing its events announces it), "file" (also the file, looked at on each use: a reader sees a
        # layer another connection added, the window's sync, another app or a script, without sharing
        # its events; one cheap statement, ``revisions_stamp``) or "given" (the window's own store, used
        # on the UI thread: only ``use_catalog``, so a look at it never makes a statement; the window
        # reads the new catalog on a reader when its events say so). Read-only stores follow the file.
        self.catalog_follows: CatalogFollows = "file" if readonly else "events"
        self._schema_at_begin = -1
        # Who makes this store's edits (created_by/updated_by) unless a call names someone: the front
        # end sets the signed-in user or the name from the settings (sync.author.local_author).
        self.author: str | None = system_user()
        # The branch given to new features of a layer with a branch field that name none (``branch_for``):
        # the front end sets the branch of the account signed in (sync.author.account_branch), since the
        # server refuses an editor's or a reporter's feature of no branch. Sync writes what it pulls past
        # the store's insert paths, so a pulled feature keeps the server's branch, or its lack of one.
        self.new_feature_branch: str | None = None
        self.repaired: dict[str, int] = {}
        self.style_problems: list[StyleError] = []  # saved styles that could not be used, see styles()
        self._wal_checked = 0.0
        self._demo: bool | None = None  # the demo mark, once read (see is_demo)

    # -- opening ---------------------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path, *, events: StoreEvents | None = None) -> Store:
        """A new, empty store; refuses to overwrite an existing file."""
        path = Path(path)
        if path.exists():
            raise StoreError("{path} already exists; open it, or choose another name.", path=str(path))
        if not path.parent.exists():
            raise StoreError("The folder {folder} does not exist.", folder=str(path.parent))
        conn = connect(path)
        try:
            store = cls(path, conn, events=events)
            migrations.upgrade(store.session)
            # The GeoPackage header (application_id) must reach the main file now, not at the next
            # checkpoint: GDAL and QGIS read it there while the app keeps the store open.
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except BaseException:
            conn.close()
            path.unlink(missing_ok=True)
            raise
        return store

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        readonly: bool = False,
        events: StoreEvents | None = None,
        busy_ms: int = BUSY_TIMEOUT_MS,
    ) -> Store:
        """Open a store: check it is a GeoPackage, migrate it, and check the journal triggers.

        ``busy_ms`` is how long a read waits for another program's commit (the UI thread's store
        passes a short one); writes wait through ``lock_policy``. ``events``: a window gives the stores
        of one file the same events.
        """
        path = Path(path)
        check_is_geopackage(path)
        check_is_store(path)  # before connect(): switching to WAL would already change another's file
        conn = connect(path, readonly=readonly, busy_ms=busy_ms)
        store = cls(path, conn, readonly, events, busy_ms=busy_ms)
        try:
            store._verify_sqlite()
            if not readonly:
                store._upgrade()
        except BaseException:
            conn.close()
            raise
        return store

    def _verify_sqlite(self) -> None:
        try:
            self.conn.execute("SELECT count(*) FROM gpkg_contents").fetchone()
        except sqlite3.DatabaseError as exc:
            raise NotAGeoPackage(path=str(self.path), reason=library_reason(exc)) from exc

    def _upgrade(self) -> None:
        """Migrate, then re-install any journal trigger another tool dropped, catching up its edits, and
        the R-tree triggers another tool replaced with its own (GDAL writes 1.2's or 1.4's).

        Looked at first without the write lock: opening a store that needs nothing never waits for
        another program's write (QGIS in an edit session).
        """
        done = set(migrations.applied(self.conn))
        if (
            done == {m.version for m in migrations.MIGRATIONS}
            and not self._missing_triggers()
            and not any(gpkg.rtree_triggers_altered(self.conn, schema.name) for schema in self.catalog.values())
        ):
            return
        with self.session() as conn:
            self.repaired = migrations.upgrade(self.session)
            for schema in catalog_of(conn).values():  # published layers' R-trees too
                if gpkg.rtree_triggers_altered(conn, schema.name):
                    gpkg.reinstall_rtree_triggers(conn, schema.name)

    def _missing_triggers(self) -> bool:
        return any(journal.missing_or_altered_triggers(self.conn, schema) for schema in self.catalog.values())

    def repair_journal(self) -> dict[str, int]:
        """Re-install the journal triggers another tool dropped (GDAL rebuilding a table), journaling
        the edits it made meanwhile; returns how many were found per repaired layer. One action."""
        repaired = migrations.upgrade(self.session)
        self.repaired.update(repaired)
        return repaired

    def watcher(self) -> ChangeWatcher:
        """A poller for other programs' edits on this store's connection (this store's own writes are
        not reported); poll it from the thread that uses this store."""
        watcher = ChangeWatcher(self.conn)
        self._watchers.append(watcher)
        return watcher

    def outside_watcher(self) -> ChangeWatcher:
        """A poller for every other connection's commits except those of this process's stores (the
        window's, its writer's, a job's): for a poller on a connection of its own; ``close`` it."""
        return ChangeWatcher(self.conn, self._own_key)

    def _collect_outside_changes(self) -> None:
        for watcher in self._watchers:
            watcher.collect()
        self._schema_at_begin = _schema_version(self.conn)
        self._own_first = None
        if OWN_COMMITS.watched(self._own_key):  # a poller watches this file: tell it this commit is ours
            self._own_first = _journal_max(self.conn) + 1

    def _absorb_own_changes(self) -> None:
        for watcher in self._watchers:
            watcher.absorb()
        schema = _schema_version(self.conn)
        if schema != self._schema_at_begin:  # a table or trigger changed: the layers may have too
            self._catalog = None
        if self._own_first is not None:
            self._own_commit = OwnCommit(self._own_first, _journal_max(self.conn), schema)

    def _tell_own_commit(self) -> None:
        commit, self._own_commit, self._own_first = self._own_commit, None, None
        if commit is not None:
            OWN_COMMITS.record(self._own_key, commit)

    def _maybe_wal(self) -> None:
        """Before a write: back to WAL once the other programs have closed the file (now and then)."""
        now = time.monotonic()
        if self.readonly or now - self._wal_checked < WAL_RETRY_S:
            return
        self._wal_checked = now
        settle_journal_mode(self.conn, self.path, self.busy_ms)

    def set_read_timeout(self, busy_ms: int) -> None:
        """How long a read waits for another program's commit from now on (the UI thread's store: a few
        tens of milliseconds, so a busy file never freezes the window)."""
        if self.busy_ms == busy_ms and self.session.read_timeout_ms == busy_ms:
            return  # already so (set where the window's store was opened): no statement on the UI thread
        self.busy_ms = self.session.read_timeout_ms = busy_ms
        self.conn.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")

    def journal_mode(self) -> str:
        """ "wal", or the rollback mode ("delete") that another program left and we work in."""
        return str(self.conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()

    def close(self) -> None:
        self.conn.close()

    def announce(self, event: Event[P], *args: P.args, **kwargs: P.kwargs) -> None:
        """Tell ``event``'s listeners once the current transaction has committed (at once outside one);
        a rollback drops it, so nobody hears of a write that did not happen."""
        self.session.after_commit(lambda: event.emit(*args, **kwargs))

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- layers ----------------------------------------------------------------------------------
    @property
    def catalog(self) -> Catalog:
        """The layers of this store: the built-in ones and those published since.

        Kept once read: the layers change only when a sync applies a published revision, which announces
        ``catalog_changed`` on the events this store shares with the window's other stores, or by this
        store's own transaction changing the schema (a migration); either makes the next call read
        again. A store that follows the file (``catalog_follows``: the readers) also reads again when the
        file's revisions moved, whichever connection added them. So an edit never reads the layer
        definitions, and the window's own store (``"given"``) never reads them on the UI thread."""
        if self.session.active and _schema_version(self.conn) != self._schema_at_begin:
            return catalog_of(self.conn)  # this transaction added a layer or a field (a sync): as it is now
        if self._catalog is not None and self.catalog_follows == "given":
            return self._catalog
        key = self._catalog_now()
        if self._catalog is None or key != self._catalog_key:
            self._catalog, self._catalog_key = catalog_of(self.conn), key
        return self._catalog

    def _catalog_now(self) -> tuple[int, int, tuple[int, int] | None]:
        """What the catalog kept must still match (see ``catalog_follows``)."""
        stamp = revisions_stamp(self.conn) if self.catalog_follows == "file" else None
        return (id(self.events), self.events.catalog_generation, stamp)

    def use_catalog(self, catalog: Catalog) -> None:
        """Keep ``catalog``, read on another connection of this file (the window's reader, after a sync
        announced new layers), as this store's: the UI thread never reads the definitions itself."""
        self._catalog = catalog
        if self.catalog_follows != "given":
            self._catalog_key = self._catalog_now()

    def layer(self, name: str) -> LayerSchema:
        """The schema of one of this store's layers, or UnknownLayer naming them."""
        return self.catalog.layer(name)

    # -- features --------------------------------------------------------------------------------
    def insert(
        self,
        layer: str,
        attributes: dict[str, Any],
        geometry: shapely.Geometry | None,
        *,
        uuid: str | None = None,
        user: str | None = None,
    ) -> Feature:
        """Validate and add one feature; ValidationError lists every problem and nothing is written.
        A feature naming no branch gets the store's ``new_feature_branch``."""
        schema = self.layer(layer)
        branch = self.branch_for(layer, attributes)
        prepared = prepare(schema, {**attributes, "branch": branch} if branch else attributes, geometry)
        if uuid is not None and not _UUID.fullmatch(uuid):
            # the insert trigger would silently replace it, and the feature could not be found by it
            prepared.problems.append(Problem.of("{uuid!r} is not a lowercase UUID", field="uuid", uuid=uuid))
        geometry = prepared.geometry
        if not prepared.ok or geometry is None:  # a missing geometry is one of the problems
            raise ValidationError(prepared.problems)
        now = utc_now()
        user = user or self.author
        values = {**prepared.attributes, "created_at": now, "created_by": user, "updated_at": now, "updated_by": user}
        uuid = uuid or new_uuid()
        with self.session() as conn:
            rows.insert_rows(
                conn,
                schema,
                [(uuid, *(values.get(n) for n in schema.field_names), blobs.from_shapely(geometry))],
            )
            gpkg.extend_extent(conn, layer, geometry.bounds)
        return self.get(layer, uuid)

    def branch_for(self, layer: str, attributes: dict[str, Any]) -> str | None:
        """The branch a new feature of ``layer`` with ``attributes`` is given: the store's
        ``new_feature_branch`` when the layer has a branch field and ``attributes`` name none (a branch
        given, from a column, ``--set`` or the form, wins); None when it is given none."""
        if not self.new_feature_branch or "branch" not in self.layer(layer).field_names:
            return None
        return None if _given(attributes.get("branch")) else self.new_feature_branch

    def update(
        self,
        layer: str,
        uuid: str,
        attributes: dict[str, Any] | None = None,
        geometry: shapely.Geometry | None = None,
        *,
        user: str | None = None,
    ) -> Feature:
        """Change some fields and/or the geometry of one feature (validated like an insert)."""
        schema = self.layer(layer)
        prepared = prepare(schema, attributes or {}, geometry, partial=True)
        if not prepared.ok:
            raise ValidationError(prepared.problems)
        values = dict(prepared.attributes)
        if prepared.geometry is not None:
            values["geom"] = blobs.from_shapely(prepared.geometry)
        with self.session() as conn:
            if not self._changes_something(conn, layer, uuid, values):
                return self.get(layer, uuid)  # saving what is already there is not an edit: no new stamps
            values.update(updated_at=utc_now(), updated_by=user or self.author)
            if rows.update_row(conn, schema, uuid, values) == 0:
                raise FeatureNotFound(layer=layer, uuid=uuid)
            if prepared.geometry is not None:
                gpkg.extend_extent(conn, layer, prepared.geometry.bounds)
        return self.get(layer, uuid)

    @staticmethod
    def _changes_something(conn: sqlite3.Connection, layer: str, uuid: str, values: dict[str, Any]) -> bool:
        if not values:
            return False
        names = list(values)
        columns = ", ".join(f'"{name}"' for name in names)
        row = conn.execute(f'SELECT {columns} FROM "{layer}" WHERE uuid = ?', (uuid,)).fetchone()
        if row is None:
            raise FeatureNotFound(layer=layer, uuid=uuid)
        return any(not changes.same_value(n, old, values[n]) for n, old in zip(names, row, strict=True))

    def delete(self, layer: str, uuid: str) -> None:
        schema = self.layer(layer)
        with self.session() as conn:
            cursor = conn.execute(f'DELETE FROM "{schema.name}" WHERE uuid = ?', (uuid,))
            if cursor.rowcount == 0:
                raise FeatureNotFound(layer=layer, uuid=uuid)

    def get(self, layer: str, uuid: str) -> Feature:
        schema = self.layer(layer)
        row = self.conn.execute(rows.select_sql(schema) + " WHERE uuid = ?", (uuid,)).fetchone()
        if row is None:
            raise FeatureNotFound(layer=layer, uuid=uuid)
        return rows.to_feature(schema, row)

    def features(self, layer: str, bbox: BBox | None = None) -> list[Feature]:
        """All features of a layer, or those whose envelope meets ``bbox`` (through the R-tree)."""
        schema = self.layer(layer)
        if bbox is None:
            return rows.to_features(schema, self.conn.execute(rows.select_sql(schema)).fetchall())
        sql, params = bbox_sql(schema.name, rows.select_sql(schema), bbox)
        found = rows.to_features(schema, self.conn.execute(sql, params).fetchall())
        if not found:
            return found
        # The R-tree keeps 32-bit floats rounded outwards: drop candidates whose real envelope misses the box.
        bounds = shapely.bounds([f.geometry for f in found])
        minx, miny, maxx, maxy = bbox
        keep = (bounds[:, 0] <= maxx) & (bounds[:, 2] >= minx) & (bounds[:, 1] <= maxy) & (bounds[:, 3] >= miny)
        return [f for f, k in zip(found, keep, strict=True) if k]

    def fids_in_bbox(self, layer: str, bbox: BBox) -> list[int]:
        """Only the ids, straight from the R-tree: what a map canvas asks on every pan."""
        table = self.layer(layer).name
        minx, miny, maxx, maxy = bbox
        return [
            r[0]
            for r in self.conn.execute(
                f'SELECT id FROM "rtree_{table}_geom" WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?',
                (maxx, minx, maxy, miny),
            )
        ]

    def count(self, layer: str) -> int:
        return int(self.conn.execute(f'SELECT count(*) FROM "{self.layer(layer).name}"').fetchone()[0])

    def iter_uuids(self, layer: str) -> Iterator[str]:
        """Fetched at once: a half-read cursor would keep a read lock that blocks other programs'
        commits in rollback-journal mode."""
        rows = self.conn.execute(f'SELECT uuid FROM "{self.layer(layer).name}" ORDER BY fid').fetchall()
        return iter([uuid for (uuid,) in rows])

    def insert_many(
        self,
        layer: str,
        columns: dict[str, Any],
        geometries: list[shapely.Geometry],
        progress: Progress | None = None,
        *,
        user: str | None = None,
        uuids: list[str | None] | None = None,
    ) -> list[str]:
        """Add many features validated beforehand (an import) in one transaction; returns their uuids.

        ``columns`` maps a field to a list of values (one per geometry) or to one value for all;
        ``uuids`` gives some or all features their uuid (lowercase, not in the layer), None a new one.
        Features naming no branch get the store's ``new_feature_branch``.
        """
        schema = self.layer(layer)
        now = utc_now()
        user = user or self.author
        if "branch" in schema.field_names and self.new_feature_branch:
            columns = {**columns, "branch": _filled(columns.get("branch"), self.new_feature_branch)}
        stamped = {**columns, "created_at": now, "created_by": user, "updated_at": now, "updated_by": user}
        with self.session() as conn:
            inserted = bulk_insert(conn, schema, stamped, geometries, progress, uuids)
            self.announce(self.events.layer_changed, schema.name)
            self.announce(self.events.journal_changed)
        return inserted

    def update_many(
        self, layer: str, updates: list[tuple[str, dict[str, Any], shapely.Geometry | None]], *, user: str | None = None
    ) -> int:
        """Write features validated beforehand (an import of known uuids): only the fields that differ,
        one journaled update per feature that changes; returns how many changed."""
        schema = self.layer(layer)
        user = user or self.author
        changed = 0
        now = utc_now()
        with self.session() as conn:
            for uuid, attributes, geometry in updates:
                values = dict(attributes)
                if geometry is not None:
                    values["geom"] = blobs.from_shapely(geometry)
                values = self._differing(conn, layer, uuid, values)
                if not values:
                    continue
                values.update(updated_at=now, updated_by=user)
                rows.update_row(conn, schema, uuid, values)
                if geometry is not None:
                    gpkg.extend_extent(conn, layer, geometry.bounds)
                changed += 1
            if changed:
                self.announce(self.events.layer_changed, schema.name)
                self.announce(self.events.journal_changed)
        return changed

    @staticmethod
    def _differing(conn: sqlite3.Connection, layer: str, uuid: str, values: dict[str, Any]) -> dict[str, Any]:
        names = list(values)
        columns = ", ".join(f'"{name}"' for name in names)
        row = conn.execute(f'SELECT {columns} FROM "{layer}" WHERE uuid = ?', (uuid,)).fetchone()
        if row is None:
            raise FeatureNotFound(layer=layer, uuid=uuid)
        return {n: values[n] for n, old in zip(names, row, strict=True) if not _same_value(n, old, values[n])}

    # -- attachments -----------------------------------------------------------------------------
    def attach(self, layer: str, uuid: str, path: Path, caption: str | None = None) -> attachments.Attachment:
        """Store a photo or document once (by SHA-256) and link it to a feature."""
        self.get(layer, uuid)
        with self.session() as conn:
            stored = attachments.add_attachment_file(conn, Path(path))
            attachments.link(conn, layer, uuid, stored.sha256, caption)
        return stored

    def attachments(self, layer: str, uuid: str) -> list[attachments.Attachment]:
        return attachments.attachments_of(self.conn, layer, uuid)

    # -- styles ----------------------------------------------------------------------------------
    def styles(self) -> dict[str, LayerStyle]:
        """Every layer's saved style, or its default; unusable saved ones are listed in ``style_problems``."""
        loaded = saved_styles.load_styles(self.conn)
        self.style_problems = loaded.problems
        return loaded.styles

    def category_values(self, layer: str, field: str) -> list[str]:
        """The values of a text field present in the layer, most frequent first: the categories to offer."""
        return saved_styles.distinct_values(self.conn, layer, field)

    def save_style(self, style: LayerStyle) -> None:
        self.save_styles([style])

    def save_styles(self, styles: Iterable[LayerStyle]) -> None:
        """Save styles in one transaction (StyleError, and nothing saved, if one is not valid)."""
        with self.session() as conn:
            saved_styles.save_styles(conn, styles)

    # -- journal ---------------------------------------------------------------------------------
    def changes(self, layer: str | None = None) -> list[changes.Change]:
        return changes.pending_changes(self.conn, layer)

    def pending_marks(self) -> dict[str, list[Mark]]:
        """(uuid, fid, geometry) of every feature with an unsynced change, by layer: ``changes()``'s,
        read narrowly for the map's marks (fid and geometry None for a deleted one)."""
        return changes.pending_marks(self.conn)

    # -- reads for the views: the desktop shows the store without ever holding its connection ---------
    def uuid_of(self, layer: str, fid: int) -> str | None:
        return query.uuid_of(self.conn, layer, fid)

    def fid_of(self, layer: str, uuid: str) -> int | None:
        return query.fid_of(self.conn, layer, uuid)

    def fids_of(self, layer: str, uuids: Sequence[str]) -> list[int]:
        return query.fids_of(self.conn, layer, uuids)

    def label_of(self, layer: str, uuid: str) -> tuple[str, int | None]:
        """(what a person calls the feature, its fid or None when it is not in the store)."""
        return query.label_of(self.conn, layer, uuid)

    def row(self, layer: str, uuid: str) -> dict[str, Any] | None:
        """The stored row as {column: value}, the geometry as its blob (what an undo writes back)."""
        return rows.row_dict(self.conn, self.layer(layer), uuid)

    def local_change(self, layer: str, uuid: str) -> Change | None:
        """The feature's net unsynced change, or None: one indexed journal lookup."""
        return query.local_change(self.conn, layer, uuid)

    def attachment_bytes(self, sha256: str) -> bytes:
        return attachments.attachment_bytes(self.conn, sha256)

    def table_names(self) -> list[str]:
        """Every table the GeoPackage lists (ours, and those other tools added)."""
        return [str(r[0]) for r in self.conn.execute("SELECT table_name FROM gpkg_contents ORDER BY table_name")]

    def ordered_fids(self, table_query: query.TableQuery) -> np.ndarray:
        return query.ordered_fids(self.conn, table_query)

    def fetch_rows(self, layer: str, fids: Sequence[int] | np.ndarray) -> list[tuple[Any, ...] | None]:
        return query.fetch_rows(self.conn, layer, fids)

    def distinct_values(self, layer: str, field: str) -> list[Any]:
        return query.distinct_values(self.conn, layer, field)

    @property
    def is_demo(self) -> bool:
        """A demo store (illustrative data): it never signs in or syncs, wherever the file is copied.

        Kept once read on this connection: the mark is set when the demo is made (``mark_demo``, or the
        upgrade that marks an old demo) and nothing of the app takes it off, so the window's parts ask it
        as a store is shown without a statement on the UI thread (the window's opener reads it first).
        A mark cleared by hand counts from the next opening; the sync holds demo features back anyway."""
        if self._demo is None:
            try:
                row = self.conn.execute("SELECT demo FROM baytak_sync_state").fetchone()
            except sqlite3.OperationalError:  # a read-only store older than the mark (schema < 7)
                return False
            self._demo = bool(row and row[0])
        return self._demo

    def mark_demo(self) -> None:
        with self.session() as conn:
            conn.execute("UPDATE baytak_sync_state SET demo = 1")
        self._demo = True

    @property
    def device_id(self) -> str:
        return str(self.conn.execute("SELECT device_id FROM baytak_sync_state").fetchone()[0])

    def schema_version(self) -> int:
        done = migrations.applied(self.conn)
        return max(done) if done else 0


def _same_value(column: str, old: Any, new: Any) -> bool:
    """changes.same_value, where a stored blob that is no GeoPackage blob differs from any new geometry."""
    try:
        return changes.same_value(column, old, new)
    except GeometryError:
        return False


def bbox_sql(table: str, select: str, bbox: BBox) -> tuple[str, tuple[float, ...]]:
    """Turn ``SELECT ... FROM "table"`` into a scan of the R-tree joined to the table by fid.

    The R-tree is scanned first (CROSS JOIN fixes the order) and each hit is one primary-key lookup,
    so the cost follows the number of features in the box, not the size of the layer.
    """
    source = f'FROM "{table}"'
    if source not in select:
        raise ValueError(f"bbox_sql needs a SELECT ... {source}")
    minx, miny, maxx, maxy = bbox
    joined = select.replace(source, f'FROM "rtree_{table}_geom" AS r CROSS JOIN "{table}" ON "{table}".fid = r.id')
    return joined + " WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?", (maxx, minx, maxy, miny)


def _journal_max(conn: sqlite3.Connection) -> int:
    """The journal's last id (0 before the journal exists: a store being created)."""
    try:
        return int(conn.execute("SELECT ifnull(max(id), 0) FROM baytak_journal").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA schema_version").fetchone()[0])
