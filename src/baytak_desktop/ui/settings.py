"""The application's saved settings: one place that names every key, its default and what it is for.

Stored as an INI file under the user's config folder (organisation "Baytak", application
"baytak-desktop"). Tests point ``QSettings.setPath`` (or ``XDG_CONFIG_HOME`` for a subprocess) at a
temporary folder, so they never read or change the settings of the person running them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings

ORGANISATION = "Baytak"
APPLICATION = "baytak-desktop"

# key: (default, description)
SETTINGS: dict[str, tuple[Any, str]] = {
    "window/geometry": (None, "Position and size of the main window"),
    "window/state": (None, "Docks and toolbars: where they are and whether they are shown"),
    "store/last": ("", "The store opened last; opened again at the next start"),
    "language": ("", "Interface language: kk, ru or en; empty means the system's language"),
    "basemap/visible": (True, "Whether the offline basemap is drawn"),
    "basemap/mbtiles": ([], "MBTiles files added as raster basemaps"),
    "basemap/reference": ("", "Per store, which OSM basemaps and images are shown and how opaque (JSON)"),
    "basemap/xyz_url": (
        "",
        "Address of an online XYZ tile server ({z}/{x}/{y}); tiles are cached for offline use; "
        "empty means none, and no request is made",
    ),
    "edit/snapping": (True, "Whether clicks of the edit tools snap to vertices and edges of visible layers"),
    "edit/snap_tolerance": (10, "How near (in screen pixels) a vertex or edge must be for a click to snap to it"),
    "edit/author": (
        "",
        "Your name recorded as the author of your edits; empty means the user signed in to the store's server, "
        "else the computer's user name",
    ),
    "gps/source": ("", "The GPS source connected last (a source line: gpsd, serial://…, tcp://…, udp://…, a log)"),
    "gps/gpsd": ("", "The gpsd last chosen in GPS › Connect (gpsd://HOST:PORT)"),
    "gps/serial": ("", "The serial receiver last chosen in GPS › Connect (port and speed)"),
    "gps/tcp": ("", "The TCP address last chosen in GPS › Connect (a phone sharing NMEA)"),
    "gps/udp": ("", "The UDP port last chosen in GPS › Connect"),
    "gps/file": ("", "The NMEA log last replayed from GPS › Connect"),
    "gps/follow": (True, "Whether the map follows the GPS position"),
    "gps/average_fixes": (10, "How many fixes Add point at my position averages"),
    "gps/tracks_folder": ("", "Where the last GPX track was recorded; the next one is offered there"),
    "sync/auto_minutes": (0, "Sync every N minutes while signed in (0: only when asked)"),
    "evidence/max_distance_km": (
        1.0,
        "A photo whose EXIF position is farther than this many km from its site is flagged as doubtful evidence",
    ),
    "evidence/max_days": (
        30,
        "A photo whose EXIF date is more than this many days from the site's observation date is flagged",
    ),
    "exhibit/author": ("", "The author printed on map exhibits and dossiers (the last one typed)"),
}


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def read(settings: QSettings, key: str) -> Any:
    """A setting with its declared default, converted to the default's type (INI stores text)."""
    default = SETTINGS[key][0]
    value = settings.value(key, default)
    if isinstance(default, bool):
        return value if isinstance(value, bool) else str(value).lower() in ("true", "1")
    if isinstance(default, list):
        if value in (None, ""):
            return []
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return value
