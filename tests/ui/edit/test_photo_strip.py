"""The photo strip: thumbnails from the store with EXIF time and SHA-256; add by drop, remove, undo."""

from __future__ import annotations

import hashlib
from io import BytesIO

import pytest
import shapely
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from baytak_desktop.store import Store
from baytak_desktop.ui.edit.photo_strip import PhotoStrip
from baytak_desktop.ui.edit.session import EditSession


@pytest.fixture
def session(qtbot, tmp_path):
    store = Store.create(tmp_path / "photos.gpkg")
    yield EditSession(store)
    store.close()


@pytest.fixture
def strip(qtbot, session):
    widget = PhotoStrip(session)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _jpeg(tmp_path, name="pit.jpg", when="2025:06:14 10:32:05"):
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = when
    out = BytesIO()
    Image.new("RGB", (640, 480), (150, 110, 70)).save(out, "JPEG", exif=exif)
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


def _drop(widget, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        widget.rect().center(), action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, enter)
    accepted = enter.isAccepted()
    drop = QDropEvent(
        QPointF(widget.rect().center()), action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, drop)
    return accepted


def _site(session):
    return session.create_feature(
        "quarries", {"name": "Abat", "status": "illegal"}, shapely.box(77.1, 43.6, 77.15, 43.64)
    )


def test_without_a_feature_nothing_can_be_added(strip, tmp_path):
    assert not strip.add_button.isEnabled()
    assert not _drop(strip, [_jpeg(tmp_path)])
    assert "Save the feature" in strip.details.text()


def test_dropped_photo_is_attached_with_thumbnail_time_and_hash(strip, session, tmp_path):
    uuid = _site(session)
    strip.set_feature("quarries", uuid)
    photo = _jpeg(tmp_path)
    assert _drop(strip, [photo])
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert strip.list.count() == 1 and strip.list.item(0).toolTip() == f"SHA-256 {sha}"
    icon = strip.list.item(0).icon().pixmap(96, 96)
    assert not icon.isNull() and icon.width() == 96 and icon.height() == 72
    assert f"SHA-256: {sha}" in strip.details.text() and "Taken: " in strip.details.text()
    assert "unknown" not in strip.details.text()
    session.stack.undo()
    assert strip.list.count() == 0 and session.store.attachments("quarries", uuid) == []


def test_remove_is_an_undoable_step(qtbot, strip, session, tmp_path):
    uuid = _site(session)
    strip.set_feature("quarries", uuid)
    strip.add_files([_jpeg(tmp_path, "a.jpg"), _jpeg(tmp_path, "b.jpg", "2025:06:15 08:00:00")])
    assert strip.list.count() == 2
    qtbot.mouseClick(strip.remove_button, Qt.MouseButton.LeftButton)
    assert strip.list.count() == 1
    session.stack.undo()
    assert strip.list.count() == 2


def test_refused_files_are_named_and_nothing_is_attached(strip, session, tmp_path):
    uuid = _site(session)
    strip.set_feature("quarries", uuid)
    fake = tmp_path / "photo.jpg"
    fake.write_text("not a picture")
    assert strip.add_files([fake]) == 0
    assert "not a photo" in strip.error.text() and strip.error.isVisibleTo(strip)
    assert session.store.attachments("quarries", uuid) == [] and session.stack.count() == 1


PHOTOS = __import__("pathlib").Path(__file__).resolve().parents[2] / "data" / "photos"
KARAGANDA_QUARRY = shapely.MultiPolygon([shapely.box(73.10, 49.78, 73.14, 49.81)])


@pytest.fixture
def settings_home(tmp_path):
    """The evidence limits come from the settings file: a fresh one here, the defaults (1 km, 30 days)."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    return tmp_path / "config"


@pytest.mark.qt_log_ignore("Corrupt JPEG data")  # the Pixel 6's Ultra HDR file ends with its gain map
@pytest.mark.parametrize(
    ("language", "words"), [("kk", ("км", "күн", "қашықтықта")), ("ru", ("км", "дн.", "от объекта"))]
)
def test_photos_from_china_2024_and_from_2003_are_flagged_under_the_photo(
    qtbot, strip, session, tmp_path, settings_home, language, words
):
    from baytak_desktop.ui.i18n import set_language

    set_language(language)
    uuid = session.store.insert(
        "quarries", {"name": "Karaganda pit", "status": "illegal", "observed_on": "2026-12-01"}, KARAGANDA_QUARRY
    ).uuid
    strip.set_feature("quarries", uuid)
    on_the_day = _jpeg(tmp_path, "on_the_day.jpg", "2026:11:30 10:00:00")
    assert strip.add_files([PHOTOS / "ultrahdr.jpg", PHOTOS / "flower.jpg", on_the_day]) == 3
    flags = {}
    for row in range(strip.list.count()):
        strip.list.setCurrentRow(row)
        flags[strip.list.item(row).data(Qt.ItemDataRole.UserRole)] = (strip.flag.isVisible(), strip.flag.text())
    china = hashlib.sha256((PHOTOS / "ultrahdr.jpg").read_bytes()).hexdigest()
    old = hashlib.sha256((PHOTOS / "flower.jpg").read_bytes()).hexdigest()
    fine = hashlib.sha256(on_the_day.read_bytes()).hexdigest()
    shown, text = flags[china]
    assert shown and all(w in text for w in words) and "938" in text and "2026-12-01" in text, text
    assert any(part.isdigit() and len(part) == 3 for part in text.replace("\u00a0", " ").split()), text  # 4 7xx km
    shown, text = flags[old]
    assert shown and words[0] not in text and words[1] in text, text  # no position: the date only
    assert flags[fine] == (False, "")
    assert strip.list.findItems("⚠", Qt.MatchFlag.MatchStartsWith)  # the thumbnails say it too
