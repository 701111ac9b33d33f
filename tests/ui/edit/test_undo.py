"""Undo/redo through the QUndoStack against a real store: every step writes, the journal stays right."""

from __future__ import annotations

from io import BytesIO

import pytest
import shapely
from PIL import Image
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from baytak_desktop.errors import ValidationError
from baytak_desktop.store import Store, changes
from baytak_desktop.store.edits import GeometryNeedsFix
from baytak_desktop.ui.edit.session import EditSession

OUTLINE = shapely.Polygon([(77.05, 43.85), (77.10, 43.85), (77.10, 43.88), (77.05, 43.88)])


@pytest.fixture
def store(tmp_path):
    s = Store.create(tmp_path / "edit.gpkg")
    yield s
    s.close()


@pytest.fixture
def session(qtbot, store):
    return EditSession(store)


def _photo(tmp_path):
    out = BytesIO()
    Image.new("RGB", (20, 10), (200, 180, 90)).save(out, "PNG")
    path = tmp_path / "pit.png"
    path.write_bytes(out.getvalue())
    return path


def _add_quarry(session):
    return session.create_feature("quarries", {"name": "Karaoy quarry", "status": "illegal"}, OUTLINE)


def test_create_undo_redo_signals_and_same_uuid(qtbot, session, store):
    signals = session.signals  # the store's events, bridged to Qt
    with qtbot.waitSignal(signals.sigLayerChanged) as layer, qtbot.waitSignal(signals.sigFeatureChanged) as feature:
        uuid = _add_quarry(session)
    assert feature.args == ["quarries", uuid] and layer.args == ["quarries"]
    assert session.stack.count() == 1 and session.stack.undoText() == "Add feature to Quarries"
    session.stack.undo()
    assert store.count("quarries") == 0 and store.changes() == []
    session.stack.redo()
    assert store.get("quarries", uuid)["name"] == "Karaoy quarry"
    assert [(c.op, c.uuid) for c in store.changes()] == [("insert", uuid)]


def test_attribute_and_geometry_edits_undo_and_redo(session, store):
    uuid = _add_quarry(session)
    with store.session() as conn:
        changes.mark_synced(conn, "quarries", [uuid])
    session.update_attributes("quarries", uuid, {"status": "abandoned", "operator": "Unknown"})
    moved = shapely.affinity.translate(OUTLINE, 0.01, 0.0)
    session.update_geometry("quarries", uuid, moved)
    assert store.get("quarries", uuid).geometry.equals(shapely.MultiPolygon([moved]))
    assert {c.fields for c in store.changes()} == {("status", "operator", "geom")}

    session.stack.undo()  # geometry back
    assert store.get("quarries", uuid).geometry.equals(shapely.MultiPolygon([OUTLINE]))
    session.stack.undo()  # attributes back: nothing left to sync
    assert store.get("quarries", uuid)["status"] == "illegal" and store.changes() == []
    session.stack.redo()
    session.stack.redo()
    feature = store.get("quarries", uuid)
    assert feature["operator"] == "Unknown" and feature.geometry.equals(shapely.MultiPolygon([moved]))


def test_delete_undo_restores_fid_values_and_photos(session, store, tmp_path):
    uuid = _add_quarry(session)
    stored = session.attach_photo("quarries", uuid, _photo(tmp_path))
    before = store.get("quarries", uuid)
    session.delete_feature("quarries", uuid)
    assert store.count("quarries") == 0
    session.stack.undo()
    after = store.get("quarries", uuid)
    assert (after.fid, after.attributes) == (before.fid, before.attributes)
    assert [a.sha256 for a in store.attachments("quarries", uuid)] == [stored.sha256]
    session.stack.redo()
    assert store.count("quarries") == 0


def test_photo_attach_and_detach_through_the_stack(session, store, tmp_path):
    uuid = _add_quarry(session)
    stored = session.attach_photo("quarries", uuid, _photo(tmp_path))
    assert session.stack.undoText() == "Attach photo in Quarries"
    session.stack.undo()
    assert store.attachments("quarries", uuid) == []
    session.stack.redo()
    session.detach_photo("quarries", uuid, stored.sha256)
    assert store.attachments("quarries", uuid) == []
    session.stack.undo()
    assert [a.sha256 for a in store.attachments("quarries", uuid)] == [stored.sha256]


def test_refused_edits_push_nothing_and_write_nothing(session, store):
    bowtie = shapely.Polygon([(77.0, 43.8), (77.1, 43.9), (77.1, 43.8), (77.0, 43.9)])
    with pytest.raises(GeometryNeedsFix):
        session.create_feature("quarries", {"name": "X", "status": "illegal"}, bowtie)
    with pytest.raises(ValidationError, match="below the minimum"):
        session.create_feature(
            "tree_plantings", {"species": "elm", "tree_count": -3, "status": "planted"}, shapely.Point(76.9, 43.2)
        )
    assert session.stack.count() == 0 and store.count("quarries") == 0 and store.changes() == []


def test_a_step_the_store_refuses_is_reported_and_dropped(qtbot, session, store):
    uuid = _add_quarry(session)
    store.delete("quarries", uuid)  # e.g. a sync deleted it meanwhile
    with qtbot.waitSignal(session.sigError) as blocker:
        session.stack.undo()
    assert uuid in blocker.args[0]
    assert session.stack.count() == 0


def test_actions_shortcuts_names_and_history(qtbot, session):
    parent = QWidget()
    qtbot.addWidget(parent)
    undo, redo = session.undo_action(parent), session.redo_action(parent)
    assert undo.shortcut() == QKeySequence("Ctrl+Z") and QKeySequence("Ctrl+Shift+Z") in redo.shortcuts()
    assert not undo.isEnabled() and not redo.isEnabled()
    _add_quarry(session)
    assert undo.isEnabled() and undo.text() == "&Undo Add feature to Quarries"
    undo.trigger()
    assert redo.isEnabled() and redo.text() == "&Redo Add feature to Quarries" and undo.text() == "&Undo"
    view = session.undo_view(parent)
    assert view.stack() is session.stack and view.model().rowCount() == 2  # <empty> + one step
