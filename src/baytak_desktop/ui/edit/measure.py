"""Measurements as a person reads them: geodesic, in m/km and ha/km², in the UI language's numbers.

The numbers come from ``layers.measure`` (on the WGS84 ellipsoid, never in degrees or Web Mercator);
this module only chooses how to write them ("1 250 м" in Russian, "12.35 ha" in English). The
``MeasureResult`` widget does not know which tool feeds it: the measure tool, the polygon being
drawn and the feature form all hand it a geometry.
"""

from __future__ import annotations

import shapely
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QLocale, Qt
from PySide6.QtWidgets import QLabel, QWidget

from baytak_desktop.layers import measure

_UNITS = {  # marked for lupdate, translated when shown
    "m": QT_TRANSLATE_NOOP("Measure", "{value} m"),
    "km": QT_TRANSLATE_NOOP("Measure", "{value} km"),
    "ha": QT_TRANSLATE_NOOP("Measure", "{value} ha"),
    "km2": QT_TRANSLATE_NOOP("Measure", "{value} km²"),
}


def _unit_text(unit: str, value: str) -> str:
    return QCoreApplication.translate("Measure", str(_UNITS[unit])).format(value=value)


def format_length(metres: float) -> str:
    """``850 m`` / ``12.35 km`` in the current locale's digits and separators."""
    value, unit, decimals = measure.length_in_unit(metres)
    return _unit_text(unit, QLocale().toString(float(value), "f", decimals))


def format_area(square_metres: float) -> str:
    """``0.4500 ha`` / ``12.35 ha`` / ``5 432.1 km²`` in the current locale."""
    value, unit, decimals = measure.area_in_unit(square_metres)
    return _unit_text(unit, QLocale().toString(float(value), "f", decimals))


def describe(geometry: shapely.Geometry | None) -> str:
    """One line for a status bar or a form: the length of a line, or the area and perimeter of a polygon."""
    if geometry is None or geometry.is_empty:
        return ""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return QCoreApplication.translate("Measure", "Area {area}, perimeter {perimeter}").format(
            area=format_area(measure.area_m2(geometry)), perimeter=format_length(measure.length_m(geometry))
        )
    if geometry.geom_type in ("LineString", "MultiLineString"):
        return QCoreApplication.translate("Measure", "Distance {length}").format(
            length=format_length(measure.length_m(geometry))
        )
    return ""


class MeasureResult(QLabel):
    """Shows the measurement of whatever geometry it is given; selectable, to paste into a report."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._geometry: shapely.Geometry | None = None
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retranslate()

    def set_geometry(self, geometry: shapely.Geometry | None) -> None:
        self._geometry = geometry
        self.retranslate()

    def retranslate(self) -> None:
        text = describe(self._geometry)
        self.setText(text or self.tr("Click on the map to measure"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
