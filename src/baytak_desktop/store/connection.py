"""Opening SQLite connections to a GeoPackage the way every part of the app needs them.

Every connection registers the GeoPackage ST_* functions that the standard R-tree triggers call
(``ST_IsEmpty``, ``ST_MinX``...), because a GDAL-created GeoPackage cannot be written without them
("no such function: ST_IsEmpty"). Connections run in autocommit mode; transactions are begun
explicitly by the session (BEGIN IMMEDIATE), so a write never upgrades a read lock half way.

The store is shared with other programs (QGIS, GDAL, scripts), so nothing here assumes a journal mode.
QGIS 3.22 puts the file back into rollback-journal (DELETE) mode whenever it can; switching to WAL
needs a moment when no other connection reads, and a WAL shared with a program that drops its own
locks can be deleted under it. So WAL is taken only when no other program has the file open, with no
waiting, and otherwise the store works in whatever mode the file is in (``settle_journal_mode``).

This process never opens the store's file other than through SQLite: closing any file descriptor of a
file drops every POSIX lock the process holds on it, including those of its SQLite connections
(sqlite.org, "How To Corrupt An SQLite Database File", 2.2); another program could then write, or
delete the WAL, under them. So ``check_is_geopackage`` reads the header through SQLite.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from collections.abc import Callable
from pathlib import Path

from shapely.errors import GEOSException

from baytak_desktop.errors import GeometryError, NotAGeoPackage, NotAStore, ReadOnlyStore
from baytak_desktop.i18n import Sentence
from baytak_desktop.layers import geometry
from baytak_desktop.library_failures import library_reason
from baytak_desktop.store import holders
from baytak_desktop.store.lockwait import is_busy

GPKG_APPLICATION_IDS = {0x47504B47, 0x47503130, 0x47503131}  # GPKG, GP10, GP11
# How long a read waits for another program's commit. Writes take their lock through the session's
# LockPolicy instead (in slices, saying whom they wait for); the UI thread passes a much shorter one.
BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 65_536  # 64 MiB of page cache: a bulk import must not spill to the WAL mid-transaction
# The class of every store connection: sqlite3's own, or a subclass that records which thread makes which
# call and for how long (``store.meter``: the benchmark and the tests count the UI thread's calls).
_connection_class: type[sqlite3.Connection] = sqlite3.Connection


def use_connection_class(cls: type[sqlite3.Connection]) -> type[sqlite3.Connection]:
    """Open every store connection from now on as ``cls``; returns the class used before."""
    global _connection_class
    previous, _connection_class = _connection_class, cls
    return previous


def register_functions(conn: sqlite3.Connection) -> None:
    """The GeoPackage SQL functions the spec's triggers use, reading the blob header's envelope."""

    def bound(index: int) -> Callable[[bytes | None], float | None]:
        def function(blob: bytes | None) -> float | None:
            if blob is None:
                return None
            env = _envelope(blob)
            return None if env is None else env[index]

        return function

    conn.create_function("ST_MinX", 1, bound(0), deterministic=True)
    conn.create_function("ST_MaxX", 1, bound(1), deterministic=True)
    conn.create_function("ST_MinY", 1, bound(2), deterministic=True)
    conn.create_function("ST_MaxY", 1, bound(3), deterministic=True)
    conn.create_function("ST_IsEmpty", 1, _st_is_empty, deterministic=True)
    conn.create_function("ST_GeometryType", 1, _st_geometry_type, deterministic=True)
    conn.create_function("ST_SRID", 1, _st_srid, deterministic=True)


def _st_srid(blob: bytes | None) -> int | None:
    try:
        return None if blob is None else geometry.srs_id(blob)
    except (struct.error, IndexError, TypeError):
        return None


def _envelope(blob: bytes) -> tuple[float, float, float, float] | None:
    """The blob's envelope; None for one that is not a GeoPackage blob (another tool's junk), so a
    trigger or a query meeting it goes on instead of failing the whole statement."""
    try:
        return geometry.envelope(blob)
    except (GeometryError, GEOSException, ValueError, TypeError, struct.error):
        return None


def _st_is_empty(blob: bytes | None) -> int | None:
    if blob is None:
        return None
    try:
        empty = geometry.is_empty(blob)
    except (IndexError, TypeError):
        return None
    envelope = None if empty else _envelope(blob)
    if not empty and envelope is None and not _readable(blob):
        return None
    return 1 if empty or envelope is None else 0


def _readable(blob: bytes) -> bool:
    try:
        geometry.header_length(blob)
        return True
    except (GeometryError, TypeError):
        return False


def _st_geometry_type(blob: bytes | None) -> str | None:
    try:
        geom = geometry.to_shapely(blob)
    except (GeometryError, TypeError):
        return None
    return None if geom is None else geom.geom_type.upper()


def check_is_geopackage(path: Path) -> None:
    """Refuse files that are not GeoPackages before SQLite gets to misread them.

    The header is read through a read-only SQLite connection, never with open()/close() (see the
    module docstring); SQLite itself refuses a file without its magic ("file is not a database").
    """
    if not path.exists():
        raise NotAGeoPackage(path=str(path), reason=Sentence("the file does not exist"))
    if path.is_dir():
        raise NotAGeoPackage(path=str(path), reason=Sentence("it is a folder"))
    if path.stat().st_size == 0:
        raise NotAGeoPackage(path=str(path), reason=Sentence("the file is empty"))
    try:
        probe = sqlite3.connect(_readonly_uri(path), uri=True, isolation_level=None, factory=_connection_class)
    except sqlite3.Error as exc:
        raise NotAGeoPackage(path=str(path), reason=library_reason(exc)) from exc
    try:
        probe.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        application_id = probe.execute("PRAGMA application_id").fetchone()[0] & 0xFFFFFFFF
    except sqlite3.DatabaseError as exc:
        if "not a database" not in str(exc):
            raise  # damaged or busy: "cannot be read", not "not a GeoPackage"
        raise NotAGeoPackage(path=str(path), reason=library_reason(exc)) from exc
    finally:
        probe.close()
    if application_id not in GPKG_APPLICATION_IDS:
        raise NotAGeoPackage(path=str(path), reason=Sentence("it is an SQLite database without the GeoPackage mark"))


def check_is_store(path: Path) -> None:
    """Refuse a GeoPackage that is not a Baytak store (no ``baytak_migrations``), read-only, before anything
    is written to it: another program's GeoPackage is never turned into a store."""
    try:
        conn = sqlite3.connect(_readonly_uri(path), uri=True, factory=_connection_class)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return  # unreadable: opening it says why
    if "gpkg_contents" in tables and "baytak_migrations" not in tables:
        raise NotAStore(path=str(path))


def connect(path: Path, *, readonly: bool = False, busy_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A connection with the ST_* functions and a busy timeout, in WAL mode when that is safe."""
    if readonly:
        conn = sqlite3.connect(
            _readonly_uri(path), uri=True, isolation_level=None, check_same_thread=False, factory=_connection_class
        )
    else:
        if path.exists() and not os.access(path, os.W_OK):
            raise ReadOnlyStore(path=str(path), reason=Sentence("the file is read-only"))
        if not os.access(path.parent if str(path.parent) else Path("."), os.W_OK):
            raise ReadOnlyStore(
                path=str(path), reason=Sentence("its folder is read-only (SQLite needs to write its journal there)")
            )
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, factory=_connection_class)
    try:
        conn.execute(f"PRAGMA busy_timeout = {busy_ms}")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        register_functions(conn)
        if not readonly:
            settle_journal_mode(conn, path, busy_ms)
            conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn


def journal_mode(conn: sqlite3.Connection) -> str:
    """The mode the file is in now (reading the schema first, so a WAL file is seen as WAL)."""
    conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    return str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()


def settle_journal_mode(conn: sqlite3.Connection, path: Path, busy_ms: int = BUSY_TIMEOUT_MS) -> str:
    """Switch to WAL only when no other program has the file open, and never wait for it.

    Returns the mode the connection works in: "wal", or the rollback mode another program left
    ("delete" after QGIS). Call it outside a transaction.
    """
    mode = journal_mode(conn)
    if mode == "wal" or holders.others_have_it_open(path):
        return mode
    conn.execute("PRAGMA busy_timeout = 0")  # the switch needs a moment nobody reads: now or later
    try:
        mode = str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
    except sqlite3.OperationalError as exc:
        if not is_busy(exc):
            raise
    finally:
        conn.execute(f"PRAGMA busy_timeout = {busy_ms}")
    return mode


def _readonly_uri(path: Path) -> str:
    """``mode=ro``; on read-only media also ``immutable=1``, or SQLite cannot read a WAL store at all.

    A WAL reader needs the ``-shm`` file; in a folder nobody may write, SQLite can create neither it nor
    a ``-wal`` or rollback journal, so no one can be writing the store and reading it as immutable is
    safe. Not when a ``-wal`` with content is there: immutable would silently skip its commits.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    wal, shm = (path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))
    folder = path.parent if str(path.parent) else Path(".")
    no_wal = not wal.exists() or wal.stat().st_size == 0
    if not shm.exists() and no_wal and not os.access(folder, os.W_OK):
        uri += "&immutable=1"
    return uri
