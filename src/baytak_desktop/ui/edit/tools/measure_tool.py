"""Measure on the map: a distance along clicked points, or the area of a clicked outline.

Geodesic (``layers.measure`` on the WGS84 ellipsoid), in m/km or ha/km² written in the UI language's
numbers (``ui.edit.measure``). The read-out sits in the map's top-left corner and follows the cursor while
measuring; after a double-click it stays until the next click starts a new measurement. Nothing is
stored: measuring is not editing.
"""

from __future__ import annotations

import shapely
from PySide6.QtCore import QCoreApplication, QObject

from baytak_desktop.store.edits import polygon_from_vertices
from baytak_desktop.ui.edit.measure import MeasureResult
from baytak_desktop.ui.edit.tools.draw_shape import LINE, POLYGON, DrawShapeTool
from baytak_desktop.ui.edit.tools.snapping import Snapper
from baytak_desktop.ui.map.canvas import MapCanvas


class MeasureTool(DrawShapeTool):
    def __init__(self, mode: str = LINE, snapper: Snapper | None = None, parent: QObject | None = None) -> None:
        super().__init__(mode, snapper, parent)
        self.result: MeasureResult | None = None
        self.sigShapeChanged.connect(self._measured)

    def hint(self) -> str:
        if self.mode == POLYGON:
            return QCoreApplication.translate(
                "MapTool", "Click the corners of the area to measure; double-click to finish, Esc clears"
            )
        return QCoreApplication.translate(
            "MapTool", "Click points to measure the distance along them; double-click to finish, Esc clears"
        )

    def activate(self, canvas: MapCanvas) -> None:
        super().activate(canvas)
        self.result = MeasureResult(canvas.viewport())
        self.result.setObjectName("measure_result")
        self.result.setStyleSheet("background: rgba(255, 255, 255, 220); padding: 4px; border: 1px solid #0077b6;")
        self.result.move(8, 8)
        self.result.adjustSize()
        self.result.show()

    def deactivate(self) -> None:
        super().deactivate()
        if self.result is not None:
            self.result.deleteLater()
            self.result = None

    def _measured(self, shape: shapely.Geometry | None) -> None:
        if self.result is not None:
            self.result.set_geometry(shape)
            self.result.adjustSize()

    def text(self) -> str:
        """What the read-out says now (the tests read it)."""
        return self.result.text() if self.result is not None else ""

    def _checked(self) -> shapely.Geometry:
        """Any outline of 3 corners can be measured, even one that crosses itself (nothing is stored)."""
        if self.mode == POLYGON:
            return polygon_from_vertices(self.vertices)
        return super()._checked()
