"""Storage backends of the central server: SQLite (default) and PostgreSQL + PostGIS."""

from baytak_desktop.server.db.base import Database, Dialect, Tx
from baytak_desktop.server.db.connect import open_database

__all__ = ["Database", "Dialect", "Tx", "open_database"]
