"""Nothing of the losing side is dropped: a photo attached offline to a site that another device deleted
travels in the conflict with the edit, and keeping "mine" brings the site back with its photo on the
server and on every device."""

from __future__ import annotations

import hashlib
import json

import numpy as np
from PIL import Image

from baytak_desktop.store import Store
from baytak_desktop.sync.resolve import resolve

from .harness import FAST, assert_same_as_server

LAYER = "brick_factories"


def photo(path, seed: int) -> str:
    pixels = np.random.default_rng(seed).integers(0, 256, (64, 64, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(path)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shas(device, uuid: str) -> list[str]:
    with Store.open(device.path) as store:
        return sorted(a.sha256 for a in store.attachments(LAYER, uuid))


def test_a_photo_added_offline_to_a_deleted_site_comes_back_with_keep_mine(server, reader, device, tmp_path):
    a, b = device("aigerim"), device("bolat")
    site, only_photo = a.insert(name="Нарынқол кірпіш зауыты"), a.insert(name="Бесағаш")
    a.sync()
    b.sync()
    a.delete(site)
    a.delete(only_photo)
    a.sync()
    sha, sha2 = photo(tmp_path / "түтін.png", 1), photo(tmp_path / "қабырға.png", 2)
    with Store.open(b.path) as store:  # B, offline, documents both sites
        store.attach(LAYER, site, tmp_path / "түтін.png", caption="Түтін, 2024 ж.")
        store.attach(LAYER, only_photo, tmp_path / "қабырға.png")
    b.update(site, notes="Пеш әлі жұмыс істейді")

    pushed = b.sync()

    assert pushed.conflicts == 2
    conflicts = {c["uuid"]: c for c in reader.conflicts() if c["uuid"] in (site, only_photo)}
    mine = json.loads(conflicts[site]["mine"])
    assert mine["notes"] == "Пеш әлі жұмыс істейді"
    assert [ref["sha256"] for ref in mine["@attachments_added"]] == [sha]
    assert mine["@attachments_added"][0]["caption"] == "Түтін, 2024 ж."
    assert [ref["sha256"] for ref in json.loads(conflicts[only_photo]["mine"])["@attachments_added"]] == [sha2]
    assert (LAYER, site) not in reader.live()  # the deletion holds until someone decides

    for uuid in (site, only_photo):
        resolve(b.path, conflicts[uuid]["id"], "mine", options=FAST)
    a.sync()
    b.sync()

    live = reader.live_states()
    assert live[(LAYER, site)]["fields"]["notes"] == "Пеш әлі жұмыс істейді"
    assert [ref["sha256"] for ref in live[(LAYER, site)]["attachments"]] == [sha]
    assert [ref["sha256"] for ref in live[(LAYER, only_photo)]["attachments"]] == [sha2]
    assert shas(a, site) == shas(b, site) == [sha] and shas(a, only_photo) == shas(b, only_photo) == [sha2]
    with Store.open(a.path) as store:  # the bytes reached the device that had deleted the site
        assert (
            hashlib.sha256(
                store.conn.execute("SELECT bytes FROM baytak_attachments WHERE sha256 = ?", (sha,)).fetchone()[0]
            ).hexdigest()
            == sha
        )
    history = reader.history(LAYER, site)
    assert history[-1]["attachments"][0]["sha256"] == sha
    assert_same_as_server(reader, a, b)


def test_keep_theirs_leaves_the_site_deleted_and_the_photo_in_the_conflict(server, reader, device, tmp_path):
    a, b = device("aigerim"), device("bolat")
    site = a.insert(name="Абат карьері")
    a.sync()
    b.sync()
    a.delete(site)
    a.sync()
    sha = photo(tmp_path / "карьер.png", 3)
    with Store.open(b.path) as store:
        store.attach(LAYER, site, tmp_path / "карьер.png")
    b.sync()
    (conflict,) = [c for c in reader.conflicts() if c["uuid"] == site]
    resolve(a.path, conflict["id"], "theirs", options=FAST)
    b.sync()
    assert (LAYER, site) not in reader.live()
    (kept,) = [c for c in reader.conflicts("all") if c["id"] == conflict["id"]]
    assert kept["resolved"] and json.loads(kept["mine"])["@attachments_added"][0]["sha256"] == sha
    assert reader.http.head(f"/blobs/{sha}").status_code == 200  # the bytes stay on the server
    assert_same_as_server(reader, a, b)
