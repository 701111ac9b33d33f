"""Placing a point by coordinates: typed, pasted from a GPS or a map app, or a GPX waypoint."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from baytak_desktop.ui.edit.coordinate_dialog import CoordinateDialog, PositionError, parse_position
from baytak_desktop.ui.i18n import set_language
from tests.test_cli_language import translation

GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="baytak tests" xmlns="http://www.topografix.com/GPX/1/1">
  <wpt lat="43.6512" lon="77.0321"><name>Abat pit edge</name></wpt>
  <wpt lat="43.6601" lon="77.0404"><name>Karaoy gate</name></wpt>
  <trk><name>walk</name><trkseg><trkpt lat="43.65" lon="77.03"/><trkpt lat="43.66" lon="77.04"/></trkseg></trk>
</gpx>
"""


@pytest.mark.parametrize(
    "text, lon, lat",
    [
        ("43.8712, 77.0702", 77.0702, 43.8712),  # a map app: latitude, longitude
        ("43,8712 77,0702", 77.0702, 43.8712),  # decimal commas
        ("N43 52 16.3 E77 04 12.7", 77.070194, 43.871194),  # a GPS unit
        ("43°52'16\"N 77°04'13\"E", 77.070278, 43.871111),
        ("E77.07 N43.87", 77.07, 43.87),  # letters decide the axes
        ("43°52,2′ с.ш. 77°04,2′ в.д.", 77.07, 43.87),  # Russian hemispheres
    ],
)
def test_pasted_positions_are_read(text, lon, lat):
    assert parse_position(text) == pytest.approx((lon, lat), abs=1e-6)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("43.87", "a latitude and a longitude"),
        ("95.1, 77", "outside -90..90"),
        ("hello world", "is not a coordinate"),
    ],
)
def test_what_is_not_a_position_says_why(text, reason):
    with pytest.raises(PositionError, match=reason):
        parse_position(text)


def test_the_dialog_shows_its_reading_and_ok_only_when_valid(qtbot):
    dialog = CoordinateDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and dialog.position() is None
    qtbot.keyClicks(dialog.edit, "43.8712, 77.0702")
    assert ok.isEnabled() and dialog.position() == pytest.approx((77.0702, 43.8712))
    assert "43°52'16.3\"N" in dialog.reading.text()
    dialog.edit.setText("95, 77")
    assert not ok.isEnabled() and "outside -90..90" in dialog.reading.text()


def test_a_gpx_waypoint_fills_the_position(qtbot, tmp_path):
    path = tmp_path / "walk.gpx"
    path.write_text(GPX, encoding="utf-8")
    dialog = CoordinateDialog()
    qtbot.addWidget(dialog)
    found = dialog.load_gpx(path)
    assert [w.name for w in found] == ["Abat pit edge", "Karaoy gate"]
    assert dialog.position() == pytest.approx((77.0321, 43.6512))
    dialog.waypoints.setCurrentIndex(1)
    assert dialog.position() == pytest.approx((77.0404, 43.6601))


def test_a_gpx_file_without_waypoints_is_explained(qtbot, tmp_path):
    path = tmp_path / "track.gpx"
    path.write_text(GPX.replace("<wpt", "<!--wpt").replace("</wpt>", "</wpt-->"), encoding="utf-8")
    dialog = CoordinateDialog()
    qtbot.addWidget(dialog)
    assert dialog.load_gpx(path) == []
    assert dialog.reading.text()


def ts(lang: str, context: str, source: str) -> str:
    return translation(lang, source, context)


def test_why_a_text_is_not_a_position_is_said_in_kazakh(qtbot):
    """The dialog's own reasons and the coordinate parser's, in the window's language."""
    set_language("kk")
    dialog = CoordinateDialog()
    qtbot.addWidget(dialog)
    not_a_position = ts("kk", "CoordinateDialog", "Not a position: {reason}")
    one_number = ts("kk", "CoordinateDialog", '"{text}" is one number; a position needs a latitude and a longitude')
    dialog.edit.setText("43.87")
    assert dialog.reading.text() == not_a_position.format(reason=one_number.format(text="43.87"))
    parser = ts(
        "kk",
        "DomainMessages",
        '"{text}" is not a coordinate: write decimal degrees (43.87) or degrees, minutes, seconds (43°52\'12"N)',
    )
    dialog.edit.setText("hello world")
    assert dialog.reading.text() == not_a_position.format(reason=parser.format(text="hello"))
    needs_two = ts("kk", "CoordinateDialog", "{reason}; a position needs a latitude and a longitude")
    dialog.edit.setText("hello")
    assert dialog.reading.text() == not_a_position.format(reason=needs_two.format(reason=parser.format(text="hello")))
    dialog.edit.setText("95.1, 77")
    outside = ts("kk", "DomainMessages", "{value} is outside {low}..{high}")
    assert dialog.reading.text() == not_a_position.format(reason=outside.format(value="95.1", low="-90", high="90"))
    assert "latitude" not in dialog.reading.text()
