"""The GeoPackage store: session, migrations, feature CRUD, spatial queries, journal, attachments, review
marks, and the events its writers announce.

``DatabaseError`` is what reading a damaged, foreign or closed file raises besides our own BaytakError
(it is sqlite3's ``Error``): code that shows a store catches it without talking to the database itself.
"""

from sqlite3 import Error as DatabaseError
from sqlite3 import sqlite_version as SQLITE_VERSION

from baytak_desktop.store.changes import Change
from baytak_desktop.store.events import StoreEvents
from baytak_desktop.store.store import BBox, Store

__all__ = ["SQLITE_VERSION", "BBox", "Change", "DatabaseError", "Store", "StoreEvents"]
