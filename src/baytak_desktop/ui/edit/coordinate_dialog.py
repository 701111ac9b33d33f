"""Place a point by its coordinates: typed (decimal or DMS), pasted from a GPS or a phone, or a GPX waypoint.

One line takes the whole position, because that is what people paste: ``43.8712, 77.0702`` from a
map app, ``N43 52 16.3 E77 04 12.7`` from a GPS unit, ``43°52'16"N 77°04'13"E`` from a report. Each
half goes through ``io.coordinates.parse_coordinate``; hemisphere letters decide which half is the
latitude, otherwise the order is latitude, longitude, as map apps and GPS units write it. The dialog
shows how it read the text (in DMS and decimal) before the user accepts, so a swap is seen at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop.errors import BaytakError
from baytak_desktop.io.coordinates import format_dms, parse_coordinate
from baytak_desktop.ui.i18n import format_position
from baytak_desktop.ui.messages import message_of, translated

_SEPARATORS = re.compile(r"[\s,;/]+")


class PositionError(ValueError):
    """The text is not one position; the message says why, in the UI language (the parser's reason too)."""


@dataclass(frozen=True)
class Waypoint:
    name: str
    lon: float
    lat: float


def parse_position(text: str) -> tuple[float, float]:
    """(lon, lat) from one pasted line; PositionError when it is not exactly one position."""
    readings = {_reading(text[: m.start()], text[m.end() :]) for m in _SEPARATORS.finditer(text.strip())}
    readings.discard(None)
    if not readings:
        raise PositionError(_why_not(text))
    if len(readings) > 1:
        raise PositionError(
            QCoreApplication.translate(
                "CoordinateDialog", '"{text}" can be read in more than one way: write it as "latitude, longitude"'
            ).format(text=text.strip())
        )
    return readings.pop()  # type: ignore[return-value]


def _reading(left: str, right: str) -> tuple[float, float] | None:
    """(lon, lat) if the text splits here into a latitude and a longitude, in either order of axes."""
    left, right = left.strip(" ,;/"), right.strip(" ,;/")
    if not left or not right:
        return None
    lat_first = _as(left, "lat"), _as(right, "lon")
    if None not in lat_first:
        return lat_first[1], lat_first[0]  # type: ignore[return-value]
    lon_first = _as(left, "lon"), _as(right, "lat")
    if None not in lon_first and _has_letter(left):  # "E77 N43": only when the letters say so
        return lon_first[0], lon_first[1]  # type: ignore[return-value]
    return None


def _as(text: str, axis: str) -> float | None:
    try:
        return parse_coordinate(text, axis)  # type: ignore[arg-type]
    except ValueError:
        return None


def _has_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _why_not(text: str) -> str:
    """The parser's own reason for the most likely split (the halves around the middle separator), in the
    UI language: it is shown as the person types."""
    parts = [p for p in _SEPARATORS.split(text.strip()) if p]
    if len(parts) < 2:
        try:
            parse_coordinate(text)
        except ValueError as exc:
            return QCoreApplication.translate(
                "CoordinateDialog", "{reason}; a position needs a latitude and a longitude"
            ).format(reason=_reason(exc))
        return QCoreApplication.translate(
            "CoordinateDialog", '"{text}" is one number; a position needs a latitude and a longitude'
        ).format(text=text.strip())
    half = len(parts) // 2
    for part, axis in ((" ".join(parts[:half]), "lat"), (" ".join(parts[half:]), "lon")):
        try:
            parse_coordinate(part, axis)  # type: ignore[arg-type]
        except ValueError as exc:
            return _reason(exc)
    return QCoreApplication.translate("CoordinateDialog", '"{text}" is not a latitude and a longitude').format(
        text=text.strip()
    )


def _reason(exc: ValueError) -> str:
    """The coordinate parser's reason in the UI language (its template is a domain message), else its text."""
    template, params = getattr(exc, "template", None), getattr(exc, "params", None)
    if isinstance(template, str) and isinstance(params, dict):
        return translated(template, params, str(exc))
    return str(exc)


def gpx_waypoints(path: Path) -> list[Waypoint]:
    """The waypoints of a GPX file (tracks and routes are lines, not places)."""
    from baytak_desktop.io.readers import read_source

    frame = read_source(path, layer="waypoints").frame
    names = frame["name"] if "name" in frame else [None] * len(frame)
    return [
        Waypoint(str(name) if name else f"#{index + 1}", point.x, point.y)
        for index, (name, point) in enumerate(zip(names, frame.geometry, strict=True))
        if point is not None
    ]


class CoordinateDialog(QDialog):
    """``CoordinateDialog.get_position(parent)`` -> (lon, lat) or None when cancelled."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._position: tuple[float, float] | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.edit = QLineEdit()
        self.edit.textChanged.connect(self._read)
        self.reading = QLabel()
        self.reading.setWordWrap(True)
        self.gpx_button = QPushButton()
        self.gpx_button.clicked.connect(self.choose_gpx)
        self.waypoints = QComboBox()
        self.waypoints.setVisible(False)
        self.waypoints.currentIndexChanged.connect(self._waypoint_chosen)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.gpx_button)
        row.addWidget(self.waypoints, 1)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.edit, self.reading):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.retranslate()

    @classmethod
    def get_position(cls, parent: QWidget | None = None) -> tuple[float, float] | None:
        dialog = cls(parent)
        return dialog.position() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def position(self) -> tuple[float, float] | None:
        """(lon, lat) as read from the text, or None while it cannot be read."""
        return self._position

    def load_gpx(self, path: Path) -> list[Waypoint]:
        """Offer the file's waypoints; the first one is taken at once."""
        try:
            found = gpx_waypoints(path)
        except BaytakError as exc:
            self._show_error(message_of(exc))
            return []
        if not found:
            self._show_error(self.tr("{file} has no waypoints.").format(file=Path(path).name))
            return []
        self.waypoints.blockSignals(True)
        self.waypoints.clear()
        for point in found:
            self.waypoints.addItem(point.name, (point.lon, point.lat))
        self.waypoints.blockSignals(False)
        self.waypoints.setVisible(True)
        self._waypoint_chosen(0)
        return found

    def choose_gpx(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Waypoints from a GPX file"), "", self.tr("GPX files (*.gpx)")
        )
        if name:
            self.load_gpx(Path(name))

    def _waypoint_chosen(self, index: int) -> None:
        lon, lat = self.waypoints.itemData(index)
        self.edit.setText(format_position(lat, lon, 6))

    def _read(self) -> None:
        text = self.edit.text()
        try:
            lon, lat = parse_position(text)
        except PositionError as exc:
            self._position = None
            self._show_error(self.tr("Not a position: {reason}").format(reason=exc) if text.strip() else "")
            return
        self._position = (lon, lat)
        locale = QLocale()
        self.reading.setStyleSheet("")
        self.reading.setText(
            self.tr("Latitude {lat_dms} ({lat}), longitude {lon_dms} ({lon})").format(
                lat_dms=format_dms(lat, True),
                lat=locale.toString(lat, "f", 6),
                lon_dms=format_dms(lon, False),
                lon=locale.toString(lon, "f", 6),
            )
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def _show_error(self, text: str) -> None:
        self.reading.setStyleSheet("color:#b00020;")
        self.reading.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add a point by its coordinates"))
        self.intro.setText(
            self.tr(
                "Type or paste a position: latitude and longitude, in decimal degrees "
                "(43.8712, 77.0702) or degrees, minutes, seconds (43°52'16\"N 77°04'13\"E)."
            )
        )
        self.edit.setPlaceholderText(self.tr("latitude, longitude"))
        self.gpx_button.setText(self.tr("From a GPX file…"))
        self._read()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
