"""Which backend a database URL names: the one module that knows both backends.

Kept apart from ``base`` (which both backends import) so that no module imports a backend that imports
it back.
"""

from __future__ import annotations

from baytak_desktop.server.apierrors import ConfigError
from baytak_desktop.server.db.base import Database


def open_database(url: str) -> Database:
    """``sqlite:///path/to/server.sqlite`` or ``postgresql://user@host:port/db``."""
    if url.startswith("sqlite:"):
        from baytak_desktop.server.db.sqlite import SqliteDatabase

        return SqliteDatabase(url)
    if url.startswith(("postgresql:", "postgres:")):
        # imported only when asked for: psycopg is not loaded by a server that runs on SQLite
        from baytak_desktop.server.db.postgres import PostgresDatabase

        return PostgresDatabase(url)
    raise ConfigError("The database URL {url!r} is neither sqlite:///FILE nor postgresql://...", url=url)
