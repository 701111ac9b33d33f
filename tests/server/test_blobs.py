"""Attachments: resumable, hash-checked uploads, and changesets that wait for their blobs."""

from __future__ import annotations

import hashlib
import json
import os

from .conftest import Device, Server, delete, insert, new_uuid, update

DATA = os.urandom(250_000)
SHA = hashlib.sha256(DATA).hexdigest()


def _put(device: Device, sha: str, data: bytes, start: int, total: int):
    end = start + len(data) - 1
    return device.client.put(
        f"/api/v1/blobs/{sha}",
        content=data,
        headers={
            **device.headers,
            "Content-Type": "application/octet-stream",
            "Content-Range": f"bytes {start}-{end}/{total}",
        },
    )


def test_chunked_upload_resumes_from_received_and_downloads_the_same_bytes(server: Server) -> None:
    a = server.user("aigerim")
    assert a.client.head(f"/api/v1/blobs/{SHA}", headers=a.headers).status_code == 404
    first = _put(a, SHA, DATA[:100_000], 0, len(DATA))
    assert first.status_code == 200 and first.json() == {"sha256": SHA, "complete": False, "received": 100_000}
    # the connection dropped; the client asks where to resume, then sends a chunk at the wrong place
    assert a.get(f"/api/v1/blobs/{SHA}/status").json()["received"] == 100_000
    wrong = _put(a, SHA, DATA[150_000:200_000], 150_000, len(DATA))
    assert wrong.status_code == 409 and wrong.json()["error"]["code"] == "upload_offset_mismatch"
    assert wrong.json()["error"]["details"]["received"] == 100_000
    assert _put(a, SHA, DATA[100_000:200_000], 100_000, len(DATA)).json()["received"] == 200_000
    done = _put(a, SHA, DATA[200_000:], 200_000, len(DATA))
    assert done.json() == {"sha256": SHA, "complete": True, "received": len(DATA)}
    assert a.client.head(f"/api/v1/blobs/{SHA}", headers=a.headers).status_code == 200
    download = a.get(f"/api/v1/blobs/{SHA}")
    assert download.status_code == 200 and download.content == DATA
    assert _put(a, SHA, DATA[:10], 0, len(DATA)).json()["complete"] is True  # a repeat changes nothing


def test_bytes_that_do_not_match_their_hash_are_discarded(server: Server) -> None:
    a = server.user("aigerim")
    fake = b"not the photo" * 1000
    response = _put(a, SHA, fake, 0, len(fake))
    assert response.status_code == 422 and response.json()["error"]["code"] == "hash_mismatch"
    assert response.json()["error"]["details"]["actual"] == hashlib.sha256(fake).hexdigest()
    assert a.get(f"/api/v1/blobs/{SHA}/status").json() == {"sha256": SHA, "complete": False, "received": 0}
    assert a.get(f"/api/v1/blobs/{SHA}").status_code == 404


def test_a_changeset_naming_a_missing_blob_waits_for_it(server: Server) -> None:
    a = server.user("aigerim")
    uuid, changeset_id = new_uuid(), new_uuid()
    change = {
        **insert(uuid),
        "attachments_added": [
            {
                "sha256": SHA,
                "mime": "image/jpeg",
                "size": len(DATA),
                "original_name": "карьер.jpg",
                "taken_at": "2024:05:06 10:00:00",
            }
        ],
    }
    refused = a.push_raw(change, changeset_id=changeset_id)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "missing_blob"
    assert refused.json()["error"]["details"]["missing"] == [SHA]
    assert a.pull()["features"] == [] and a.pull()["server_rev"] == 0  # nothing recorded
    assert _put(a, SHA, DATA, 0, len(DATA)).json()["complete"] is True
    result = a.push(change, changeset_id=changeset_id)
    assert result["results"][0]["outcome"] == "applied" and not result["replayed"]
    (attachment,) = a.feature(uuid)["attachments"]
    assert attachment["sha256"] == SHA and attachment["original_name"] == "карьер.jpg"


def test_oversized_and_malformed_uploads_are_refused_before_reading(server: Server) -> None:
    a = server.user("aigerim")
    two_gb = a.client.put(
        f"/api/v1/blobs/{SHA}", content=b"x" * 10, headers={**a.headers, "Content-Range": f"bytes 0-9/{2 * 1024**3}"}
    )
    assert two_gb.status_code == 413 and two_gb.json()["error"]["code"] == "payload_too_large"
    for header in ("bytes 0-9", "bytes 5-2/10", "0-9/10", "bytes 0-10/10"):
        response = a.client.put(
            f"/api/v1/blobs/{SHA}", content=b"x" * 10, headers={**a.headers, "Content-Range": header}
        )
        assert response.status_code == 400 and response.json()["error"]["code"] == "malformed_request", header
    short = a.client.put(
        f"/api/v1/blobs/{SHA}", content=b"x" * 5, headers={**a.headers, "Content-Range": "bytes 0-9/10"}
    )
    assert short.status_code == 400
    bad_name = _put(a, "NOT-A-HASH", b"x", 0, 1)
    assert bad_name.status_code == 422 and bad_name.json()["error"]["code"] == "malformed_request"
    viewer = server.user("erlan", "viewer", None)
    assert _put(viewer, SHA, DATA, 0, len(DATA)).status_code == 403


def _photo(**description: object) -> dict:
    return {"sha256": SHA, "mime": "image/jpeg", "size": len(DATA), **description}


def test_attachment_descriptions_have_limits_refused_per_change(server: Server) -> None:
    """Each free-text description of an attachment is stored and shown: each has a length limit,
    checked on the text as stored; one too long refuses its own change, not the push."""
    a = server.user("aigerim")
    assert _put(a, SHA, DATA, 0, len(DATA)).json()["complete"] is True
    good = new_uuid()
    response = a.push_raw(
        {**insert(), "attachments_added": [_photo(taken_at="2024:05:06 10:00:00" + " " * 500_000)]},
        {**insert(), "attachments_added": [_photo(taken_at="9" * 65)]},
        {**insert(good), "attachments_added": [_photo(taken_at="2024:05:06 10:00:00+05:00", caption="ә" * 2000)]},
        # a caption typed too long, a camera model a broken EXIF made: each its own change's refusal, not
        # the whole push's (the protocol's model refused the body, and every edit in it with the photo)
        {**insert(), "attachments_added": [_photo(caption="ә" * 2001)]},
        {**insert(), "attachments_added": [_photo(camera="Canon " * 40, mime="image/" + "x" * 100)]},
        {**insert(), "attachments_added": [_photo(original_name="а" * 501 + ".jpg")]},
    )
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [(r["outcome"], (r["error"] or {}).get("code")) for r in results] == [
        ("rejected", "invalid_value"),
        ("rejected", "invalid_value"),
        ("applied", None),
        ("rejected", "invalid_value"),
        ("rejected", "invalid_value"),
        ("rejected", "invalid_value"),
    ]
    assert "caption" in results[3]["error"]["message"] and "2001 characters" in results[3]["error"]["message"]
    error = results[0]["error"]
    assert "taken_at" in error["message"] and "500019 characters" in error["message"]
    assert error["details"]["template"] == "attachment {sha256}, {name}: {problem}"
    (attachment,) = a.feature(good)["attachments"]
    assert attachment["taken_at"] == "2024:05:06 10:00:00+05:00" and len(attachment["caption"]) == 2000


def test_a_resolution_links_an_attachment_with_its_blobs_size_or_is_refused(server: Server) -> None:
    """Keeping an edited whole feature links the attachments it lists, as a push does: with the size of
    the blob uploaded (a resolution stored any size, and 2**70 was a fault of the database)."""
    a, b = server.user("aigerim"), server.user("bolat")
    assert _put(a, SHA, DATA, 0, len(DATA)).json()["complete"] is True
    uuid = new_uuid()
    rev = a.push(insert(uuid))["results"][0]["rev"]
    a.push(delete(uuid, rev))
    conflict_id = b.push(update(uuid, rev, operator=(None, "ТОО")))["results"][0]["conflict_ids"][0]
    url = f"/api/v1/conflicts/{conflict_id}/resolve"
    for size in (2**70, 2**63, len(DATA) + 1, 0):
        edited = {"operator": "ТОО", "@attachments_added": [_photo(size=size)]}
        response = b.post(url, {"keep": "edited", "value": json.dumps(edited)})
        assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_value", response.text
        assert f"has {len(DATA)} bytes on the server, not {size}" in response.json()["error"]["message"]
    assert a.feature(uuid)["deleted"] is True  # nothing of the refused resolutions was kept
    edited = {"operator": "ТОО", "@attachments_added": [_photo()]}
    assert b.post(url, {"keep": "edited", "value": json.dumps(edited)}).status_code == 200
    (attachment,) = a.feature(uuid)["attachments"]
    assert attachment["size"] == len(DATA) and a.feature(uuid)["fields"]["operator"] == "ТОО"
