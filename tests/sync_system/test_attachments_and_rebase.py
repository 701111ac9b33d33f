"""Photos reach the other device even when the upload's answers are lost (the upload resumes where
the server says it stopped), and edits made while a sync runs are neither lost nor sent twice.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from PIL import Image

from baytak_desktop.store import Store
from baytak_desktop.sync.engine import sync
from baytak_desktop.sync.protocol import BLOB_CHUNK

from .harness import FAST, assert_same_as_server
from .proxy import CuttingProxy

LAYER = "brick_factories"


@pytest.fixture
def proxy(server):
    p = CuttingProxy(server.port)
    try:
        yield p
    finally:
        p.close()


def noisy_png(path, side: int = 1300) -> bytes:
    """A PNG of random pixels: it does not compress, so it is bigger than one upload chunk."""
    pixels = np.random.default_rng(7).integers(0, 256, (side, side, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(path)
    return path.read_bytes()


def test_photo_upload_resumes_after_lost_answers(server, reader, device, proxy, tmp_path):
    a, b = device("aigerim"), device("dana")
    uuid = a.insert(name="Суреті бар зауыт")
    data = noisy_png(tmp_path / "фото.png")
    assert len(data) > BLOB_CHUNK
    sha = hashlib.sha256(data).hexdigest()
    with Store.open(a.path) as store:
        store.attach(LAYER, uuid, tmp_path / "фото.png", caption="Түтін, 2024 ж. көктем")
    chunk_cut = proxy.cut(b"PUT /api/v1/blobs/", times=1)  # the first chunk lands, its answer is lost
    push_cut = proxy.cut(b"POST /api/v1/changesets ", times=1)

    a.sync(via=proxy.url)
    b.sync()

    assert chunk_cut.done == 1 and push_cut.done == 1
    assert reader.http.head(f"/blobs/{sha}").status_code == 200
    with Store.open(b.path) as store:
        (attached,) = store.attachments(LAYER, uuid)
        assert attached.sha256 == sha
        assert store.conn.execute("SELECT bytes FROM baytak_attachments WHERE sha256 = ?", (sha,)).fetchone()[0] == data
    assert [ref["sha256"] for ref in reader.live_states()[(LAYER, uuid)]["attachments"]] == [sha]
    assert_same_as_server(reader, a, b)


class EditWhileSyncing:
    """A Progress that makes local edits once the push has been answered, before the pull: the edited
    features come back from the server in the same sync and must be rebased, not overwritten."""

    def __init__(self, path, edits) -> None:
        self.path, self.edits, self.done = path, edits, False

    def update(self, fraction: float, text: str = "") -> None:
        if not self.done and text.startswith("Sent; reading the server's answer"):
            self.done = True
            with Store.open(self.path) as store:
                for uuid, values in self.edits:
                    store.update(LAYER, uuid, values)


def test_edits_made_during_a_sync_are_kept_and_sent_next_time(server, reader, device):
    a, b = device("aigerim"), device("bolat")
    pushed, untouched = a.insert(name="Жіберілген"), a.insert(name="Басқа")
    a.sync()
    b.sync()
    b.update(untouched, operator="Б өзгертті")
    b.sync()
    a.update(pushed, notes="бірінші түзету")
    progress = EditWhileSyncing(
        a.path, [(pushed, {"operator": "синк кезінде"}), (untouched, {"notes": "синк кезінде"})]
    )

    first = sync(a.path, progress=progress, options=FAST)

    assert progress.done and first.pending == 2
    assert a.get(untouched)["operator"] == "Б өзгертті"  # the server's field came in
    assert a.get(untouched)["notes"] == "синк кезінде"  # the local edit stayed
    second = a.sync()
    b.sync()
    assert second.conflicts == 0 and second.pending == 0
    server_state = assert_same_as_server(reader, a, b)
    assert (server_state[(LAYER, pushed)]["notes"], server_state[(LAYER, pushed)]["operator"]) == (
        "бірінші түзету",
        "синк кезінде",
    )
    assert (server_state[(LAYER, untouched)]["operator"], server_state[(LAYER, untouched)]["notes"]) == (
        "Б өзгертті",
        "синк кезінде",
    )
