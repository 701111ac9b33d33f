"""The feature details dock on a real store: fields, derived marks, sync state, attachments' SHA-256."""

from __future__ import annotations

import hashlib
from io import BytesIO

import pytest
import shapely
from PIL import Image
from PySide6.QtWidgets import QApplication

from baytak_desktop.store import changes
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.table.feature_details import FeatureDetails

QUARRY = shapely.MultiPolygon([shapely.box(77.10, 43.60, 77.12, 43.61)])


@pytest.fixture
def language():
    def switch(lang: str) -> None:
        set_language(lang)
        QApplication.processEvents()  # Qt posts the LanguageChange events

    yield switch
    switch("en")


def _photo(tmp_path, when: str = "2025:06:14 10:32:05"):
    image = Image.new("RGB", (16, 12), (150, 120, 90))
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = when
    out = BytesIO()
    image.save(out, "JPEG", exif=exif)
    path = tmp_path / "abat-quarry.jpg"
    path.write_bytes(out.getvalue())
    return path, hashlib.sha256(out.getvalue()).hexdigest()


@pytest.fixture
def details(qtbot):
    widget = FeatureDetails()
    qtbot.addWidget(widget)
    return widget


def test_shows_every_field_the_uuid_and_the_attachments_sha256(details, store, tmp_path):
    quarry = store.insert(
        "quarries",
        {
            "name": "Абат",
            "status": "illegal",
            "operator": "ТОО Құм",
            "observed_on": "2024-05-01",
            "notes": "Seen from the road.\nNo fence.",
        },
        QUARRY,
    )
    path, sha = _photo(tmp_path)
    store.attach("quarries", quarry.uuid, path)
    details.show_feature(store, "quarries", quarry.fid)
    text = details.text()
    for expected in (
        "Quarries",
        "Name",
        "Абат",
        "Status",
        "illegal",
        "Operator",
        "ТОО Құм",
        "Observed on",
        "Licence number",
        "Seen from the road.\nNo fence.",
        quarry.uuid,
        "abat-quarry.jpg",
        sha,
    ):
        assert expected in text
    assert "Area, ha (computed from the geometry)" in text
    assert "Taken (camera time):" in text and "2025" in text
    assert "Attachments (1)" in text
    assert details.shown() == ("quarries", quarry.fid)


def test_says_whether_the_feature_has_unsynced_changes(details, store, add_factory):
    factory = add_factory(name="Narynkol brick works")
    details.show_feature(store, "brick_factories", factory.fid)
    assert "Added here; not yet synced." in details.text()
    with store.session() as conn:
        changes.mark_synced(conn, "brick_factories", [factory.uuid])
    details.show_feature(store, "brick_factories", factory.fid)
    assert "No local changes waiting to be synced." in details.text()
    store.update("brick_factories", factory.uuid, {"status": "operating"})
    details.show_feature(store, "brick_factories", factory.fid)
    assert "Changed here, not yet synced: Status" in details.text()


def test_point_position_and_language_switch(details, store, add_factory, language):
    factory = add_factory(name="Besagash", status="closed", x=77.0, y=43.25, closed_on="2019-03-01")
    details.show_feature(store, "brick_factories", factory.fid)
    assert "43.250000, 77.000000" in details.text()
    assert "Closed on" in details.text() and "closed" in details.text()
    language("ru")
    assert "закрыт" in details.text() and "01.03.2019" in details.text()
    language("kk")
    assert "жабылған" in details.text()


def test_a_deleted_feature_and_clear(details, store, add_factory):
    factory = add_factory()
    details.show_feature(store, "brick_factories", factory.fid)
    store.delete("brick_factories", factory.uuid)
    details.show_feature(store, "brick_factories", factory.fid)  # asked for again once it is gone
    assert "no longer exists" in details.text()
    details.clear()
    assert details.shown() is None and "Click a feature" in details.text()


def test_text_is_selectable(details):
    from PySide6.QtCore import Qt

    assert details.browser.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


def test_a_photo_taken_in_china_in_2024_is_flagged_in_the_details(details, store, language, tmp_path):
    """A real Pixel 6 photo (tests/data/photos) on a quarry near Almaty observed on 2024-05-01: thousands
    of km away, six days later than the observation is fine (within 30 days), so only the distance."""
    from pathlib import Path

    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    photos = Path(__file__).resolve().parents[2] / "data" / "photos"
    quarry = store.insert("quarries", {"name": "Абат", "status": "illegal", "observed_on": "2024-05-01"}, QUARRY)
    store.attach("quarries", quarry.uuid, photos / "ultrahdr.jpg")
    language("ru")
    details.show_feature(store, "quarries", quarry.fid)
    text = details.text()
    assert "⚠ Снято в" in text and "км от объекта" in text and "дн." not in text, text
