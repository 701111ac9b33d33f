"""Add a point: click where the site is (or drop a geotagged photo on the map) and fill in the form.

The tool only places the point; the window opens the form with it (``sigPointPlaced``) and saves
through the EditSession when the user clicks Save, so a point placed and then cancelled never
reaches the store. The placed point stays marked until the form is saved or cancelled.
"""

from __future__ import annotations

from pathlib import Path

import shapely
from PySide6.QtCore import QCoreApplication, Signal

from baytak_desktop.ui.edit.tools.base import MapEvent, MapTool, in_world

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp")


class AddPointTool(MapTool):
    sigPointPlaced = Signal(float, float)  # lon, lat of a click: open the form for a new point
    sigPhotosDropped = Signal(object)  # list[Path] dropped on the map: each a site at its EXIF position

    def hint(self) -> str:
        return QCoreApplication.translate(
            "MapTool", "Click on the map where the site is, or drop a geotagged photo on the map"
        )

    def click(self, event: MapEvent) -> bool:
        self.place(event.lon, event.lat)
        return True

    def place(self, lon: float, lat: float) -> bool:
        """Put the new point at (lon, lat) (a click, or typed coordinates); False when outside the world."""
        if not in_world(lon, lat):
            self.sigMessage.emit(
                QCoreApplication.translate(
                    "MapTool", "The position is outside the world: longitude must be -180…180 and latitude -90…90"
                ),
                "error",
            )
            return False
        self.band.set_geometry(shapely.Point(lon, lat))
        self.sigPointPlaced.emit(lon, lat)
        return True

    def drop_photos(self, paths: list[Path]) -> bool:
        """Photos dropped on the map; True when at least one looks like a photo (the window places them)."""
        photos = [Path(p) for p in paths if Path(p).suffix.lower() in PHOTO_SUFFIXES]
        if photos:
            self.sigPhotosDropped.emit(photos)
        return bool(photos)
