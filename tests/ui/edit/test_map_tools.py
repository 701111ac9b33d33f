"""The edit tools one by one on the real main window and a real store: snapping, measuring, moving,
corners added and removed, areas split and merged, sites from photos and typed coordinates."""

from __future__ import annotations

from io import BytesIO

import pytest
import shapely
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from baytak_desktop.layers import measure
from baytak_desktop.store import Store
from baytak_desktop.ui.edit.coordinate_dialog import CoordinateDialog
from baytak_desktop.ui.edit.measure import describe
from baytak_desktop.ui.edit.tools.parts import merge_areas, split_area
from baytak_desktop.ui.window.main_window import MainWindow
from tests.ui.writes import writer_of, written

CENTRE = (77.10, 43.60)
FACTORY = (77.1012345678, 43.6012345678)  # not on any pixel: a snapped click must land on it exactly
PIT = shapely.Polygon([(77.09, 43.595), (77.11, 43.595), (77.11, 43.607), (77.09, 43.607)])


@pytest.fixture
def store(tmp_path):
    return Store.create(tmp_path / "tools.gpkg")


@pytest.fixture
def window(qtbot, store, tmp_path):
    window = MainWindow(store, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.canvas.zoom_to_lonlat((CENTRE[0] - 0.02, CENTRE[1] - 0.015, CENTRE[0] + 0.02, CENTRE[1] + 0.015))
    qtbot.waitUntil(window.canvas.is_idle, timeout=20_000)
    yield window
    window.close()


def use(window, layer, tool):
    actions = window.edit_actions
    actions.layer_combo.setCurrentIndex(actions.layer_combo.findData(layer))
    actions.actions[tool].trigger()
    return window.canvas.tool()


def add(window, layer, attributes, geometry):
    session = window.edit_actions.session
    uuid = session.create_feature(layer, attributes, geometry)
    assert writer_of(window).wait_idle()
    session.stack.clear()
    return uuid


def click(qtbot, window, pos, double=False):
    viewport = window.canvas.viewport()
    qtbot.mouseMove(viewport, pos)
    assert window.readers.wait_idle()  # as a person hovers: snapping's candidates are read on a reader
    (qtbot.mouseDClick if double else qtbot.mouseClick)(viewport, Qt.MouseButton.LeftButton, pos=pos)
    written(qtbot, window)


def drag(qtbot, window, start, end):
    viewport = window.canvas.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, (start + end) / 2)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    written(qtbot, window)


def at(window, lon, lat) -> QPoint:
    return window.canvas.pos_of(lon, lat)


# -- snapping ------------------------------------------------------------------------------------------------
def test_a_click_within_tolerance_of_a_vertex_lands_exactly_on_it(qtbot, window, store):
    add(window, "brick_factories", {"name": "Besagash works", "status": "closed"}, shapely.Point(FACTORY))
    window.canvas.refresh("brick_factories")
    use(window, "sewage_outflows", "add_point")
    assert window.edit_actions.snapper.tolerance_px == 10
    click(qtbot, window, at(window, *FACTORY) + QPoint(5, -4))
    placed = window.edit_actions.panel.feature_geometry
    assert (placed.x, placed.y) == FACTORY  # bit for bit


def test_snapping_to_an_edge_and_switched_off(qtbot, window, store):
    add(window, "quarries", {"name": "Abat pit", "status": "illegal"}, PIT)
    use(window, "brick_factories", "add_point")
    click(qtbot, window, at(window, 77.1, 43.595) + QPoint(0, 6))  # 6 px below the bottom edge's middle
    placed = window.edit_actions.panel.feature_geometry
    assert placed.y == pytest.approx(43.595, abs=1e-9) and placed.distance(PIT.exterior) < 1e-9

    window.edit_actions.actions["snapping"].trigger()
    assert not window.edit_actions.snapper.enabled
    assert window.settings.value("edit/snapping") in (False, "false")
    click(qtbot, window, at(window, 77.1, 43.595) + QPoint(0, 6))
    assert window.edit_actions.panel.feature_geometry.y < 43.595 - 1e-5


def test_tolerance_in_pixels_from_the_tool_bar(qtbot, window, store):
    add(window, "brick_factories", {"name": "Besagash works", "status": "closed"}, shapely.Point(FACTORY))
    window.edit_actions.tolerance.setValue(3)
    use(window, "sewage_outflows", "add_point")
    click(qtbot, window, at(window, *FACTORY) + QPoint(6, 0))
    assert window.edit_actions.panel.feature_geometry.x != FACTORY[0]
    assert int(window.settings.value("edit/snap_tolerance")) == 3


def test_closing_an_outline_snaps_to_its_own_first_corner(qtbot, window, store):
    tool = use(window, "quarries", "draw_polygon")
    corners = list(PIT.exterior.coords)[:4]
    for corner in corners:
        click(qtbot, window, at(window, *corner))
    assert tool.vertices[1:] != [] and tool.vertices[0] == pytest.approx(corners[0], abs=1e-4)
    click(qtbot, window, at(window, *tool.vertices[0]) + QPoint(3, 2), double=True)
    assert tool.finished is not None
    ring = list(tool.finished.exterior.coords) if tool.finished.geom_type == "Polygon" else []
    assert len(ring) == 5 and tool.vertices[0] == tool.vertices[-1] == ring[0]


# -- measure --------------------------------------------------------------------------------------------------
def test_measure_distance_and_area_geodesic_in_the_ui_language(qtbot, window):
    tool = use(window, "quarries", "measure_distance")
    a, b = at(window, 77.09, 43.60), at(window, 77.11, 43.60)
    click(qtbot, window, a)
    click(qtbot, window, b, double=True)
    line = tool.finished
    assert measure.length_m(line) == pytest.approx(1611, rel=0.01)  # 0.02° of longitude at 43.6° N
    assert tool.text() == describe(line) and "km" in tool.text()
    assert window.canvas.viewport().findChild(type(tool.result), "measure_result").isVisible()

    tool = use(window, "quarries", "measure_area")
    for corner in list(PIT.exterior.coords)[:3]:
        click(qtbot, window, at(window, *corner))
    click(qtbot, window, at(window, *PIT.exterior.coords[3]), double=True)
    assert tool.text().startswith("Area ") and "ha" in tool.text()
    assert measure.area_m2(tool.finished) == pytest.approx(measure.area_m2(PIT), rel=0.01)
    window.edit_actions.choose_tool("pan")
    assert window.canvas.viewport().findChild(type(tool.result), "measure_result") is None or tool.result is None


# -- move, corners ---------------------------------------------------------------------------------------------
def test_move_a_point_feature_and_undo(qtbot, window, store):
    uuid = add(window, "brick_factories", {"name": "Besagash works", "status": "closed"}, shapely.Point(77.1, 43.6))
    use(window, "brick_factories", "move_feature")
    drag(qtbot, window, at(window, 77.1, 43.6), at(window, 77.105, 43.603))
    moved = store.get("brick_factories", uuid).geometry
    assert (moved.x, moved.y) == pytest.approx((77.105, 43.603), abs=2e-4)
    window.edit_actions.session.stack.undo()
    written(qtbot, window)
    assert store.get("brick_factories", uuid).geometry.equals(shapely.Point(77.1, 43.6))


def test_add_a_corner_on_an_edge_and_delete_one(qtbot, window, store):
    uuid = add(window, "quarries", {"name": "Abat pit", "status": "illegal"}, PIT)
    tool = use(window, "quarries", "edit_vertices")
    click(qtbot, window, at(window, *CENTRE))
    assert not window.edit_actions.actions["delete_selected"].isEnabled()  # Delete removes corners here
    click(qtbot, window, at(window, 77.10, 43.595), double=True)
    outline = store.get("quarries", uuid).geometry
    assert len(outline.geoms[0].exterior.coords) == 6
    assert outline.geoms[0].exterior.coords[1] == pytest.approx((77.10, 43.595), abs=1e-4)

    click(qtbot, window, at(window, 77.11, 43.607))  # choose the top-right corner
    assert tool.chosen is not None
    qtbot.keyClick(window.canvas, Qt.Key.Key_Delete)
    written(qtbot, window)
    assert len(store.get("quarries", uuid).geometry.geoms[0].exterior.coords) == 5
    assert window.edit_actions.session.stack.count() == 2  # one step each


def test_a_triangle_keeps_its_three_corners(qtbot, window, store):
    uuid = add(
        window,
        "quarries",
        {"name": "Abat pit", "status": "illegal"},
        shapely.Polygon([(77.09, 43.595), (77.11, 43.595), (77.10, 43.607)]),
    )
    tool = use(window, "quarries", "edit_vertices")
    click(qtbot, window, at(window, 77.10, 43.598))
    click(qtbot, window, at(window, 77.10, 43.607))
    assert tool.chosen is not None
    qtbot.keyClick(window.canvas, Qt.Key.Key_Delete)
    written(qtbot, window)
    assert any("at least 3 corners" in t for t in window.message_bar.texts())
    assert len(store.get("quarries", uuid).geometry.geoms[0].exterior.coords) == 4


# -- split and merge -------------------------------------------------------------------------------------------
def test_split_and_merge_geometry():
    pieces = split_area(shapely.MultiPolygon([PIT]), shapely.LineString([(77.10, 43.59), (77.10, 43.61)]))
    assert len(pieces) == 2 and all(p.is_valid for p in pieces)
    assert sum(p.area for p in pieces) == pytest.approx(PIT.area)
    assert merge_areas(*pieces).equals(shapely.MultiPolygon([PIT]))
    far = shapely.MultiPolygon([shapely.box(77.2, 43.7, 77.21, 43.71)])
    assert len(merge_areas(shapely.MultiPolygon([PIT]), far).geoms) == 2  # separate pits stay separate parts
    assert split_area(PIT, shapely.LineString([(77.3, 43.5), (77.3, 43.6)])) == []


def test_split_tool_cuts_an_area_in_two_and_undo_joins_it(qtbot, window, store):
    uuid = add(window, "quarries", {"name": "Abat pit", "status": "illegal", "operator": "Unknown"}, PIT)
    use(window, "quarries", "split")
    click(qtbot, window, at(window, 77.10, 43.59))
    click(qtbot, window, at(window, 77.10, 43.61), double=True)
    written(qtbot, window)
    features = store.features("quarries")
    assert len(features) == 2 and {f["operator"] for f in features} == {"Unknown"}
    assert uuid in {f.uuid for f in features}
    session = window.edit_actions.session
    assert session.stack.count() == 1 and session.stack.undoText() == "Split feature in Quarries"
    session.stack.undo()
    written(qtbot, window)
    assert [f.uuid for f in store.features("quarries")] == [uuid]
    assert store.get("quarries", uuid).geometry.equals(shapely.MultiPolygon([PIT]))


def test_merge_tool_joins_two_areas_in_one_step(qtbot, window, store):
    west = shapely.box(77.09, 43.595, 77.10, 43.607)
    east = shapely.box(77.10, 43.595, 77.11, 43.607)
    keep = add(window, "quarries", {"name": "Abat west", "status": "illegal"}, west)
    gone = add(window, "quarries", {"name": "Abat east", "status": "illegal"}, east)
    use(window, "quarries", "merge")
    click(qtbot, window, at(window, 77.095, 43.60))
    click(qtbot, window, at(window, 77.105, 43.60))
    written(qtbot, window)
    assert [f.uuid for f in store.features("quarries")] == [keep]
    assert store.get("quarries", keep).geometry.equals(shapely.MultiPolygon([PIT]))
    window.edit_actions.session.stack.undo()
    written(qtbot, window)
    assert {f.uuid for f in store.features("quarries")} == {keep, gone}


# -- sites from photos and coordinates ----------------------------------------------------------------------------
def geotagged(tmp_path, lat, lon, when="2025:06:14 10:32:05"):
    def dms(value):
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        return (degrees, minutes, round(((value - degrees) * 60 - minutes) * 60, 4))

    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = when
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", dms(lat), "E", dms(lon)
    out = BytesIO()
    Image.new("RGB", (16, 12), (150, 90, 60)).save(out, "JPEG", exif=exif)
    path = tmp_path / f"site-{lat}.jpg"
    path.write_bytes(out.getvalue())
    return path


def drop(window, paths, pos):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    viewport = window.canvas.viewport()
    action, buttons, keys = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, action, mime, buttons, keys)
    QApplication.sendEvent(viewport, enter)
    dropped = QDropEvent(QPointF(pos), action, mime, buttons, keys)
    QApplication.sendEvent(viewport, dropped)
    return enter.isAccepted() and dropped.isAccepted()


def test_dropping_geotagged_photos_places_the_site_at_their_exif_position(qtbot, window, store, tmp_path):
    use(window, "brick_factories", "add_point")
    first, second = geotagged(tmp_path, 43.6021, 77.1043), geotagged(tmp_path, 43.6022, 77.1044)
    assert drop(window, [first, second], QPoint(100, 100))
    panel = window.edit_actions.panel
    assert panel.feature_geometry.x == pytest.approx(77.1043, abs=1e-4) and panel.feature_geometry.y == pytest.approx(
        43.6021, abs=1e-4
    )
    assert panel.form.values()["observed_on"] == "2025-06-14"  # the day the photo was taken
    panel.form.editors["name"].set_value("Besagash works")
    panel.form.editors["status"].set_value("closed")
    qtbot.mouseClick(panel.form.save_button, Qt.MouseButton.LeftButton)
    written(qtbot, window)
    (uuid,) = list(store.iter_uuids("brick_factories"))
    photos = store.attachments("brick_factories", uuid)
    assert len(photos) == 2 and photos[0].taken_at == "2025-06-14T10:32:05"
    assert panel.uuid == uuid
    qtbot.waitUntil(lambda: len(panel.photos.photos()) == 2)  # the form shows them with their hashes (read on a reader)


def test_a_photo_without_position_or_not_a_photo_is_refused(qtbot, window, store, tmp_path):
    use(window, "brick_factories", "add_point")
    plain = tmp_path / "plain.jpg"
    Image.new("RGB", (8, 8)).save(plain, "JPEG")
    drop(window, [plain], QPoint(100, 100))
    written(qtbot, window)
    assert any("no GPS position" in t for t in window.message_bar.texts())
    fake = tmp_path / "notes.jpg"
    fake.write_text("not an image")
    drop(window, [fake], QPoint(100, 100))
    written(qtbot, window)
    assert any("not a photo" in t for t in window.message_bar.texts())
    assert window.edit_actions.panel.form is None and store.count("brick_factories") == 0


def test_photos_dropped_on_a_feature_are_attached_to_it(qtbot, window, store, tmp_path):
    uuid = add(window, "quarries", {"name": "Abat pit", "status": "illegal"}, PIT)
    use(window, "brick_factories", "move_feature")
    drop(window, [geotagged(tmp_path, 43.6, 77.1)], QPoint(5, 5))  # beside it: nothing happens
    assert window.edit_actions.panel.form is None and store.count("brick_factories") == 0
    assert store.attachments("quarries", uuid) == []
    drop(window, [geotagged(tmp_path, 43.6, 77.1)], at(window, *CENTRE))
    written(qtbot, window)
    assert len(store.attachments("quarries", uuid)) == 1
    assert window.edit_actions.session.stack.undoText() == "Attach photo in Quarries"
    assert window.details.shown() == ("quarries", store.get("quarries", uuid).fid)


def test_add_point_at_typed_coordinates(qtbot, window, store):
    window.edit_actions.layer_combo.setCurrentIndex(window.edit_actions.layer_combo.findData("tree_plantings"))

    def type_position():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CoordinateDialog):
            QTimer.singleShot(20, type_position)
            return
        qtbot.keyClicks(dialog.edit, "43°36'07\"N 77°06'00\"E")
        dialog.accept()

    QTimer.singleShot(0, type_position)
    window.edit_actions.actions["add_at_coordinates"].trigger()
    placed = window.edit_actions.panel.feature_geometry
    assert (placed.x, placed.y) == pytest.approx((77.1, 43.60194), abs=1e-4)
    assert window.edit_actions.active_tool_key() == "add_point"


# -- editing a stored feature's attributes ------------------------------------------------------------------------
def test_edit_selected_attributes_in_the_form_dock(qtbot, window, store):
    uuid = add(window, "brick_factories", {"name": "Besagash works", "status": "operating"}, shapely.Point(*CENTRE))
    window.selection.select("brick_factories", [store.get("brick_factories", uuid).fid])
    window.edit_actions.actions["edit_attributes"].trigger()  # the feature is read on a reader thread
    qtbot.waitUntil(lambda: window.edit_actions.panel.form is not None, timeout=10_000)
    form = window.edit_actions.panel.form
    assert window.edit_actions.form_dock.isVisible() and form.values()["name"] == "Besagash works"
    form.editors["status"].set_value("closed")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    written(qtbot, window)
    assert store.get("brick_factories", uuid)["status"] == "closed"
    assert window.edit_actions.session.stack.undoText() == "Edit attributes in Brick factories"
    window.edit_actions.session.stack.undo()
    written(qtbot, window)
    assert store.get("brick_factories", uuid)["status"] == "operating"
    qtbot.waitUntil(lambda: window.edit_actions.panel.form.values()["status"] == "operating")  # follows the undo


def test_tools_follow_the_edited_layer_geometry(qtbot, window):
    actions = window.edit_actions
    actions.actions["draw_polygon"].setEnabled(True)
    use(window, "quarries", "draw_polygon")
    assert not actions.actions["add_point"].isEnabled() and actions.actions["draw_polygon"].isEnabled()
    actions.layer_combo.setCurrentIndex(actions.layer_combo.findData("tree_plantings"))
    assert actions.active_tool_key() is None  # the area tool does not fit a point layer: back to pan
    assert actions.actions["add_point"].isEnabled() and not actions.actions["split"].isEnabled()
    assert [a.text().replace("&", "") for a in window.menuBar().actions()][:3] == ["File", "Edit", "View"]


def test_switching_language_renames_the_edit_actions(qtbot, window):
    from baytak_desktop.ui.i18n import set_language

    use(window, "quarries", "draw_polygon")
    english = {key: action.text() for key, action in window.edit_actions.actions.items()}
    try:
        window.switch_language("ru")
        QApplication.processEvents()
        assert all(action.text() for action in window.edit_actions.actions.values())
        assert window.edit_actions.layer_combo.itemText(window.edit_actions.layer_combo.findData("quarries")) != ""
        assert window.edit_actions.active_tool_key() == "draw_polygon"  # the tool survives the switch
    finally:
        set_language("en")
        QApplication.processEvents()
    assert {key: action.text() for key, action in window.edit_actions.actions.items()} == english
