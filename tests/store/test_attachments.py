"""Photos are stored once by SHA-256, with the EXIF time and position read on import."""

from __future__ import annotations

import hashlib
from io import BytesIO

import pytest
from PIL import Image

from baytak_desktop.store.attachments import AttachmentError, attachment_bytes


def _geotagged_jpeg(lat: float, lon: float, when: str = "2025:06:14 10:32:05") -> bytes:
    def dms(value: float) -> tuple[float, float, float]:
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        return (degrees, minutes, round(((value - degrees) * 60 - minutes) * 60, 4))

    image = Image.new("RGB", (32, 24), (120, 160, 90))
    exif = Image.Exif()
    exif[0x0110] = "FieldCam 1"
    exif.get_ifd(0x8769)[0x9003] = when
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = ("N" if lat >= 0 else "S"), dms(abs(lat))
    gps[3], gps[4] = ("E" if lon >= 0 else "W"), dms(abs(lon))
    out = BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_photo_is_stored_by_sha256_with_exif_time_and_position(store, add_factory, tmp_path):
    site = add_factory()
    data = _geotagged_jpeg(43.6512, 77.0321)
    photo = tmp_path / "quarry.jpg"
    photo.write_bytes(data)
    stored = store.attach("brick_factories", site.uuid, photo)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.mime == "image/jpeg" and stored.size == len(data)
    assert stored.taken_at == "2025-06-14T10:32:05"
    assert stored.lat == pytest.approx(43.6512, abs=1e-4) and stored.lon == pytest.approx(77.0321, abs=1e-4)
    assert stored.camera == "FieldCam 1"
    assert attachment_bytes(store.conn, stored.sha256) == data


def test_the_same_photo_on_two_features_is_stored_once(store, add_factory, tmp_path):
    photo = tmp_path / "p.jpg"
    photo.write_bytes(_geotagged_jpeg(43.2, 76.9))
    first, second = add_factory(name="A"), add_factory(name="B")
    store.attach("brick_factories", first.uuid, photo)
    store.attach("brick_factories", second.uuid, photo)
    assert store.conn.execute("SELECT count(*) FROM baytak_attachments").fetchone()[0] == 1
    assert len(store.attachments("brick_factories", second.uuid)) == 1


def test_a_file_named_jpg_that_is_not_an_image_is_not_taken_for_a_photo(store, add_factory, tmp_path):
    fake = tmp_path / "photo.jpg"
    fake.write_text("this is not a picture")
    stored = store.attach("brick_factories", add_factory().uuid, fake)
    assert stored.mime == "application/octet-stream" and stored.taken_at is None and stored.lat is None


def test_empty_and_oversized_files_are_refused_and_nothing_is_written(store, add_factory, tmp_path):
    site = add_factory()
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    with pytest.raises(AttachmentError, match="empty"):
        store.attach("brick_factories", site.uuid, empty)
    huge = tmp_path / "huge.jpg"
    with huge.open("wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.truncate(200 * 1024 * 1024)
    with pytest.raises(AttachmentError, match="200 MB"):
        store.attach("brick_factories", site.uuid, huge)
    assert store.attachments("brick_factories", site.uuid) == []


def test_an_altered_attachment_is_reported_not_shown(store, add_factory, tmp_path):
    photo = tmp_path / "p.jpg"
    photo.write_bytes(_geotagged_jpeg(43.2, 76.9))
    stored = store.attach("brick_factories", add_factory().uuid, photo)
    with store.session() as conn:
        conn.execute("UPDATE baytak_attachments SET bytes = ? WHERE sha256 = ?", (b"tampered", stored.sha256))
    with pytest.raises(AttachmentError, match="altered"):
        attachment_bytes(store.conn, stored.sha256)
