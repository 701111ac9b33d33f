"""Requests a hostile or clumsy client sends that the other tests do not name: each is refused with a
documented 4xx and a template, never a 500, and the store is unchanged, the same on both backends."""

from __future__ import annotations

import hashlib

import pytest

from .conftest import Server, insert, new_uuid

DATA = b"a photo of the kiln"
SHA = hashlib.sha256(DATA).hexdigest()


def _upload(server: Server) -> None:
    device = server.user("uploader")
    headers = {**device.headers, "Content-Range": f"bytes 0-{len(DATA) - 1}/{len(DATA)}"}
    assert device.client.put(f"/api/v1/blobs/{SHA}", content=DATA, headers=headers).json()["complete"] is True


@pytest.mark.parametrize("size", [len(DATA) + 1, 2**63, 2**70])
def test_an_attachment_whose_size_is_not_its_blobs_is_refused_and_nothing_is_written(
    server: Server, size: int
) -> None:
    """The size is stored beside the link and shown: a size past a 64-bit column was a 500."""
    _upload(server)
    a = server.user("aigerim")
    change = {**insert(), "attachments_added": [{"sha256": SHA, "mime": "image/jpeg", "size": size}]}
    refused = a.push_raw(change)
    assert refused.status_code == 422, refused.text
    error = refused.json()["error"]
    assert error["code"] == "invalid_value" and error["details"]["template"].startswith("Attachment {sha256} has")
    assert error["details"]["sha256"] == SHA
    assert a.pull()["server_rev"] == 0
    right = {**change, "uuid": new_uuid(), "attachments_added": [{"sha256": SHA, "mime": "image/jpeg", "size": len(DATA)}]}
    assert a.push(right)["results"][0]["outcome"] == "applied"
