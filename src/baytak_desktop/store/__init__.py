"""The GeoPackage store: session, migrations, feature CRUD, spatial queries, journal, attachments."""

from baytak_desktop.store.changes import Change
from baytak_desktop.store.store import BBox, Store

__all__ = ["BBox", "Change", "Store"]
