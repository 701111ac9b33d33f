"""Edits as values: each is one transaction, returns its inverse, and undo leaves the journal right."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from io import BytesIO

import pytest
import shapely
from PIL import Image

from baytak_desktop.errors import ValidationError
from baytak_desktop.layers.canonical import latest_date
from baytak_desktop.store import changes, edits
from baytak_desktop.store.attachments import AttachmentError

KONAEV = shapely.Polygon([(77.05, 43.85), (77.10, 43.85), (77.10, 43.88), (77.05, 43.88)])
BOWTIE = shapely.Polygon([(77.0, 43.8), (77.1, 43.9), (77.1, 43.8), (77.0, 43.9)])


def _quarry(**extra):
    return edits.InsertFeature("quarries", {"name": "Abat quarry", "status": "illegal", **extra}, KONAEV)


def _photo(tmp_path, name="site.jpg"):
    out = BytesIO()
    Image.new("RGB", (16, 12), (90, 120, 60)).save(out, "JPEG")
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


def gdal_rows(path, layer):
    """The layer as GDAL reads it, in another process: GDAL links its own SQLite, and a second SQLite
    library in this process would drop our WAL locks when it closes the file (sqlite.org/howtocorrupt)."""
    code = (
        "import json, sys, pyogrio; f = pyogrio.read_dataframe(sys.argv[1], layer=sys.argv[2]); "
        "print(json.dumps([{'uuid': u, 'wkt': g.wkt} for u, g in zip(f['uuid'], f.geometry)]))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path), layer], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _snapshot(store):
    """Everything an edit may touch, to prove a refused or undone edit left no trace."""
    conn = store.conn
    return {
        table: conn.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
        for table in (
            "quarries",
            "tree_plantings",
            "rtree_quarries_geom",
            "baytak_attachment_links",
            "baytak_attachments",
            "baytak_base_quarries",
        )
    }


def _mark_all_synced(store, layer):
    with store.session() as conn:
        changes.mark_synced(conn, layer, list(store.iter_uuids(layer)))


def test_create_then_undo_then_redo_gives_back_the_same_uuid(store, store_path):
    create = _quarry()
    undo = edits.apply(store, create)
    assert isinstance(undo, edits.DeleteFeature) and undo.uuid == create.uuid
    assert [row["uuid"] for row in gdal_rows(store_path, "quarries")] == [create.uuid]
    assert store.get("quarries", create.uuid)["area_ha"] > 1
    assert [c.op for c in store.changes()] == ["insert"]
    fid = store.get("quarries", create.uuid).fid

    redo = edits.apply(store, undo)
    assert store.count("quarries") == 0 and gdal_rows(store_path, "quarries") == []
    assert store.changes() == []  # an insert undone is nothing to sync

    edits.apply(store, redo)
    again = store.get("quarries", create.uuid)
    assert again.fid == fid and again["name"] == "Abat quarry"
    assert [row["uuid"] for row in gdal_rows(store_path, "quarries")] == [create.uuid]
    assert [(c.op, c.uuid) for c in store.changes()] == [("insert", create.uuid)]


def test_update_attributes_and_geometry_undo_to_the_exact_stored_values(store):
    create = _quarry()
    edits.apply(store, create)
    _mark_all_synced(store, "quarries")
    before = store.get("quarries", create.uuid)
    bigger = shapely.affinity.scale(KONAEV, 2, 2)
    undo = edits.apply(store, edits.UpdateFeature("quarries", create.uuid, {"status": "restored"}, bigger))
    after = store.get("quarries", create.uuid)
    assert after["status"] == "restored" and after["area_ha"] == pytest.approx(4 * before["area_ha"], rel=0.01)
    assert [set(c.fields) for c in store.changes()] == [{"status", "area_ha", "geom"}]

    redo = edits.apply(store, undo)
    restored = store.get("quarries", create.uuid)
    assert restored.attributes == before.attributes and restored.geometry.equals(before.geometry)
    assert store.changes() == []  # back to the synced state: nothing to send
    edits.apply(store, redo)
    assert store.get("quarries", create.uuid)["status"] == "restored"


def test_delete_of_a_synced_feature_undone_leaves_no_change_and_keeps_fid_and_photos(store, tmp_path):
    create = _quarry(operator="Unknown LLP")
    edits.apply(store, create)
    edits.apply(store, edits.AttachPhoto("quarries", create.uuid, _photo(tmp_path)))
    _mark_all_synced(store, "quarries")
    with store.session() as conn:  # what a sync does with the links the server now has
        conn.execute("INSERT INTO baytak_synced_links SELECT layer, uuid, sha256 FROM baytak_attachment_links")
    before, fid = _snapshot(store), store.get("quarries", create.uuid).fid

    undo = edits.apply(store, edits.DeleteFeature("quarries", create.uuid))
    assert store.count("quarries") == 0 and store.attachments("quarries", create.uuid) == []
    assert [c.op for c in store.changes()] == ["delete"]

    redo = edits.apply(store, undo)
    assert store.get("quarries", create.uuid).fid == fid
    assert len(store.attachments("quarries", create.uuid)) == 1
    assert store.changes() == []
    after = _snapshot(store)
    assert after["quarries"] == before["quarries"] and after["rtree_quarries_geom"] == before["rtree_quarries_geom"]
    assert after["baytak_attachment_links"] == before["baytak_attachment_links"]
    edits.apply(store, redo)
    assert [c.op for c in store.changes()] == ["delete"]


def test_attach_and_detach_photo_invert_each_other(store, tmp_path):
    create = _quarry()
    edits.apply(store, create)
    undo = edits.apply(store, edits.AttachPhoto("quarries", create.uuid, _photo(tmp_path), caption="north pit"))
    assert isinstance(undo, edits.DetachPhoto)
    redo = edits.apply(store, undo)
    assert store.attachments("quarries", create.uuid) == []
    assert store.conn.execute("SELECT count(*) FROM baytak_attachments").fetchone()[0] == 1  # bytes kept
    edits.apply(store, redo)
    caption = store.conn.execute("SELECT caption FROM baytak_attachment_links").fetchone()[0]
    assert caption == "north pit"


def test_batch_is_one_transaction_and_undoes_in_reverse(store, tmp_path):
    create = edits.InsertFeature(
        "tree_plantings", {"species": "elm", "tree_count": 40, "status": "planted"}, shapely.Point(76.95, 43.25)
    )
    batch = edits.Batch((create, edits.AttachPhoto("tree_plantings", create.uuid, _photo(tmp_path))))
    undo = edits.apply(store, batch)
    assert len(store.attachments("tree_plantings", create.uuid)) == 1
    edits.apply(store, undo)
    assert store.count("tree_plantings") == 0 and store.changes() == []


def test_a_failing_part_rolls_the_whole_batch_back(store, tmp_path):
    before = _snapshot(store)
    create = _quarry()
    missing = edits.AttachPhoto("quarries", "0190aaaa-0000-7000-8000-000000000000", _photo(tmp_path))
    with pytest.raises(Exception, match="No feature"):
        edits.apply(store, edits.Batch((create, missing)))
    assert _snapshot(store) == before


@pytest.mark.parametrize(
    "edit, message",
    [
        (edits.InsertFeature("quarries", {"name": "X", "status": "illegal"}, BOWTIE), "crosses itself"),
        (
            edits.InsertFeature(
                "quarries",
                {"name": "X", "status": "illegal"},
                shapely.Polygon([(77.0, 43.8), (77.1, 43.9), (77.0, 43.8), (77.1, 43.9)]),
            ),
            "3 corners",
        ),
        (
            edits.InsertFeature("brick_factories", {"name": "X", "status": "closed"}, shapely.Point(200, 43)),
            "outside the world",
        ),
        (
            edits.InsertFeature(
                "brick_factories",
                # "today" is the latest date on Earth (UTC+14), past the machine's own from 10:00 UTC; two days on
                # stays in the future however long the run after collecting this
                {"name": "X", "status": "closed", "observed_on": (latest_date() + dt.timedelta(days=2)).isoformat()},
                shapely.Point(77, 43),
            ),
            "in the future",
        ),
        (
            edits.InsertFeature(
                "tree_plantings", {"species": "elm", "tree_count": -5, "status": "planted"}, shapely.Point(77, 43)
            ),
            "below the minimum",
        ),
    ],
)
def test_invalid_input_never_reaches_the_store(store, edit, message):
    before = _snapshot(store)
    with pytest.raises(ValidationError, match=message):
        edits.apply(store, edit)
    assert _snapshot(store) == before and store.changes() == []


def test_self_intersection_offers_a_valid_fix(store):
    with pytest.raises(edits.GeometryNeedsFix) as caught:
        edits.apply(store, edits.InsertFeature("quarries", {"name": "X", "status": "illegal"}, BOWTIE))
    fixed = caught.value.fixed
    assert fixed.is_valid and fixed.geom_type == "MultiPolygon" and len(fixed.geoms) == 2
    edits.apply(store, edits.InsertFeature("quarries", {"name": "X", "status": "illegal"}, fixed))
    assert store.count("quarries") == 1


def test_polygon_from_two_clicks_is_refused_clearly():
    with pytest.raises(ValidationError, match="at least 3 corners; this one has 2"):
        edits.polygon_from_vertices([(77.0, 43.8), (77.1, 43.9), (77.0, 43.8)])
    assert edits.polygon_from_vertices([(77.0, 43.8), (77.1, 43.9), (77.1, 43.8)]).area > 0


def test_a_file_that_is_not_a_photo_and_a_200_mb_file_are_refused(store, tmp_path):
    edits.apply(store, create := _quarry())
    fake = tmp_path / "photo.jpg"
    fake.write_text("not a picture")
    huge = tmp_path / "video.jpg"
    with huge.open("wb") as file:
        file.write(b"\xff\xd8\xff")
        file.truncate(200 * 2**20)  # sparse: 200 MB without writing them
    before = _snapshot(store)
    with pytest.raises(AttachmentError, match="not a photo"):
        edits.apply(store, edits.AttachPhoto("quarries", create.uuid, fake))
    with pytest.raises(AttachmentError, match="200 MB"):
        edits.apply(store, edits.AttachPhoto("quarries", create.uuid, huge))
    assert _snapshot(store) == before


def test_update_of_a_missing_feature_changes_nothing(store):
    with pytest.raises(Exception, match="No feature"):
        edits.apply(store, edits.UpdateFeature("quarries", "0190aaaa-0000-7000-8000-000000000000", {"name": "Y"}))
    assert store.changes() == []


def _geotagged(tmp_path, lat, lon, when="2025:06:14 10:32:05"):
    def dms(value):
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        return (degrees, minutes, round(((value - degrees) * 60 - minutes) * 60, 4))

    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = when
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", dms(lat), "E", dms(lon)
    out = BytesIO()
    Image.new("RGB", (16, 12)).save(out, "JPEG", exif=exif)
    path = tmp_path / "geotagged.jpg"
    path.write_bytes(out.getvalue())
    return path


def test_a_geotagged_photo_places_the_site_at_its_exif_position_and_date(store, tmp_path):
    batch = edits.feature_from_photo(
        "brick_factories", {"name": "Narynkol works", "status": "closed"}, _geotagged(tmp_path, 42.7214, 80.1731)
    )
    undo = edits.apply(store, batch)
    site = store.get("brick_factories", batch.uuid)
    assert site.geometry.x == pytest.approx(80.1731, abs=1e-4) and site.geometry.y == pytest.approx(42.7214, abs=1e-4)
    assert site["observed_on"] == "2025-06-14" and site["closed_on"] is None
    assert store.attachments("brick_factories", batch.uuid)[0].taken_at == "2025-06-14T10:32:05"
    edits.apply(store, undo)
    assert store.count("brick_factories") == 0 and store.changes() == []


def test_a_photo_without_gps_cannot_place_a_site(tmp_path):
    with pytest.raises(AttachmentError, match="no GPS position"):
        edits.feature_from_photo("brick_factories", {"name": "X", "status": "closed"}, _photo(tmp_path))
