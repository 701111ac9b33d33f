"""A property (hypothesis): devices making random offline edits, attaching photos, resolving conflicts
and syncing in random orders always converge to the server's state (fields and attachments), and no
edit is lost: each one is in the server's history (so it is in the final state or was replaced by a
later edit of the same field), or in a conflict record; each photo attached is in the feature's history
or in the conflict that kept it; and every resolution reaches every device.

An administrator publishes schema revisions at random moments meanwhile (a new field on the edited
layer, or a new layer), so devices meet them with edits pending, sealed or not, before or after their
push; a device edits a new field once its store has it.

Each example makes new stores for two or three users and runs against the package's real server
process; every store's first sync downloads everything earlier examples and tests left there, so
each comparison covers the whole server, not only the example's features.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from PIL import Image

from baytak_desktop.layers.definition import parse
from baytak_desktop.server.catalog import catalog_of
from baytak_desktop.server.db import open_database
from baytak_desktop.server.publish import publish
from baytak_desktop.store import Store
from baytak_desktop.sync import records
from baytak_desktop.sync.errors import SyncError
from baytak_desktop.sync.resolve import resolve

from .harness import FAST, Device, Reader, assert_same_as_server

LAYER = "brick_factories"
USERS = ("aigerim", "bolat", "dana")
DELETE = "*"  # the model's field name for a deletion, as the server names a whole-feature conflict
LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяӘҒҚҢӨҰҮҺІәғқңөұүһіЁ AZaz-«»'\""
TEXT = st.text(alphabet=LETTERS, max_size=8)
STATUS = st.sampled_from(["operating", "closed", "relocated", "unknown"])
DATES = st.dates(dt.date(1990, 1, 1), dt.date(2024, 12, 31)).map(dt.date.isoformat)
POINTS = st.tuples(st.integers(765_000, 775_000), st.integers(430_000, 436_000)).map(
    lambda xy: shapely.to_wkb(shapely.Point(xy[0] / 10_000, xy[1] / 10_000), hex=True)
)
STAMPS = frozenset({"updated_at", "updated_by"})
EDITABLE = ("name", "status", "operator", "notes", "observed_on", "geom")
PUBLISHED = itertools.count(1)  # names of published fields and layers: the server outlives an example


def published_field(number: int) -> dict[str, Any]:
    return {
        "name": f"extra_{number}",
        "type": "text",
        "title": {"en": f"Extra {number}", "kk": "Қосымша", "ru": "Доп."},
    }


def published_layer(number: int) -> dict[str, Any]:
    return {
        "name": f"layer_{number}",
        "geometry": "POINT",
        "title": {"en": f"Layer {number}", "kk": f"Қабат {number}", "ru": f"Слой {number}"},
        "fields": [{"name": "name", "type": "text", "title": {"en": "Name", "kk": "Атауы", "ru": "Название"}}],
    }


def publish_revision(database_url: str, new_field: bool) -> str | None:
    """What an administrator does while the devices work: a field on the edited layer (its name is
    returned), or a new layer."""
    number = next(PUBLISHED)
    db = open_database(database_url)
    try:
        if new_field:
            with db.transaction() as tx:
                data = catalog_of(tx).definition(LAYER).as_json()
            data["fields"].append(published_field(number))
        else:
            data = published_layer(number)
        publish(db, parse(data, "property test"), "admin", "2026-01-01T00:00:00.000Z")
    finally:
        db.close()
    return published_field(number)["name"] if new_field else None


def editable(store: Store, published: list[str]) -> tuple[str, ...]:
    """The fields a device can edit: the layer's own, and those published during this example that its
    store has by now (not those of earlier examples: what is drawn must depend on the draws alone)."""
    present = store.layer(LAYER).field_names
    return EDITABLE + tuple(name for name in published if name in present)


@dataclass
class Model:
    """What each device wrote since its last sync, and what went to the server (user, uuid, field, value)."""

    devices: list[Device]
    serial: itertools.count = field(default_factory=itertools.count)
    pending: dict[int, dict[tuple[str, str], Any]] = field(default_factory=dict)
    unsent_inserts: dict[int, set[str]] = field(default_factory=dict)
    sent: list[tuple[str, str, str, Any]] = field(default_factory=list)
    cancelled: set[str] = field(default_factory=set)
    uuids: set[str] = field(default_factory=set)
    published: list[str] = field(default_factory=list)  # fields published during this example
    photos: dict[int, set[tuple[str, str]]] = field(default_factory=dict)  # device -> (uuid, sha) not yet sent
    sent_photos: list[tuple[str, str, str]] = field(default_factory=list)  # (user, uuid, sha)
    resolved: set[int] = field(default_factory=set)
    folder: Path | None = None

    def __post_init__(self) -> None:
        for index in range(len(self.devices)):
            self.pending[index], self.unsent_inserts[index], self.photos[index] = {}, set(), set()

    def value(self, data: st.DataObject, name: str) -> Any:
        unique = f"№{next(self.serial)}"
        if name == "name":
            return f"{data.draw(TEXT).strip() or 'Зауыт'} {unique}"
        if name == "status":
            return data.draw(STATUS)
        if name in ("operator", "notes") or name.startswith("extra_"):
            return data.draw(st.one_of(st.none(), st.just(""), TEXT.map(lambda t: f"{t.strip()} {unique}".strip())))
        if name == "observed_on":
            return data.draw(st.one_of(st.none(), DATES))
        return data.draw(POINTS)

    def insert(self, data: st.DataObject, index: int) -> None:
        with Store.open(self.devices[index].path) as store:
            names = editable(store, self.published)
            values = {name: self.value(data, name) for name in names}
            geom = shapely.from_wkb(values.pop("geom"))
            uuid = store.insert(LAYER, {**values, "branch": "almaty"}, geom).uuid
            for name in names:  # what the store keeps (it stores "" as NULL, for one)
                self.pending[index][(uuid, name)] = stored(store, uuid, name)
        self.uuids.add(uuid)
        self.unsent_inserts[index].add(uuid)

    def edit(self, data: st.DataObject, index: int, delete: bool) -> None:
        with Store.open(self.devices[index].path) as store:
            here = sorted(
                u for u in self.uuids if store.conn.execute(f"SELECT 1 FROM {LAYER} WHERE uuid = ?", (u,)).fetchone()
            )
            if not here:
                return
            uuid = data.draw(st.sampled_from(here))
            if delete:
                store.delete(LAYER, uuid)
            else:
                name = data.draw(st.sampled_from(editable(store, self.published)))
                value = self.value(data, name)
                if name == "geom":
                    store.update(LAYER, uuid, {}, shapely.from_wkb(value))
                else:
                    store.update(LAYER, uuid, {name: value})
                value = stored(store, uuid, name)
        mine = self.pending[index]
        if not delete:
            mine[(uuid, name)] = value
            return
        for key in [k for k in mine if k[0] == uuid]:
            del mine[key]  # replaced by the deletion
        self.photos[index] = {p for p in self.photos[index] if p[0] != uuid}  # a deletion sends no links
        if uuid in self.unsent_inserts[index]:
            self.unsent_inserts[index].discard(uuid)
            self.cancelled.add(uuid)  # made and deleted offline: the server must never see it
        else:
            mine[(uuid, DELETE)] = None

    def sync(self, index: int) -> None:
        device = self.devices[index]
        device.sync()
        self.sent += [(device.user, uuid, name, value) for (uuid, name), value in self.pending[index].items()]
        self.sent_photos += [(device.user, uuid, sha) for uuid, sha in self.photos[index]]
        self.pending[index].clear()
        self.unsent_inserts[index].clear()
        self.photos[index].clear()

    def attach(self, data: st.DataObject, index: int) -> None:
        """A new photo (a few random pixels) linked to a feature this device has."""
        assert self.folder is not None
        with Store.open(self.devices[index].path) as store:
            here = sorted(
                u for u in self.uuids if store.conn.execute(f"SELECT 1 FROM {LAYER} WHERE uuid = ?", (u,)).fetchone()
            )
            if not here:
                return
            uuid = data.draw(st.sampled_from(here))
            path = self.folder / f"photo{next(self.serial)}.png"
            pixels = data.draw(st.binary(min_size=48, max_size=48))
            Image.frombytes("RGB", (4, 4), pixels).save(path)
            sha = store.attach(LAYER, uuid, path).sha256
        self.photos[index].add((uuid, sha))

    def resolve(self, data: st.DataObject, index: int, reader: Reader) -> None:
        """Settle one open conflict of these features from this device: keep mine or theirs."""
        open_ = sorted(c["id"] for c in reader.conflicts("open") if c["uuid"] in self.uuids)
        if not open_:
            return
        conflict_id = data.draw(st.sampled_from(open_))
        keep = data.draw(st.sampled_from(["mine", "theirs"]))
        try:
            resolve(self.devices[index].path, conflict_id, keep, options=FAST)
        except SyncError as exc:  # another device settled it first, or its feature is elsewhere now
            assert "already resolved" in str(exc) or "no conflict" in str(exc).lower(), exc
        self.resolved.add(conflict_id)


def stored(store: Store, uuid: str, name: str) -> Any:
    """A field as the store holds it, the geometry as the wire's hex WKB."""
    if name == "geom":
        return shapely.to_wkb(store.get(LAYER, uuid).geometry, hex=True)
    return store.conn.execute(f'SELECT "{name}" FROM {LAYER} WHERE uuid = ?', (uuid,)).fetchone()[0]


def same(a: Any, b: Any, name: str) -> bool:
    if name == "geom" and isinstance(a, str) and isinstance(b, str):
        return bytes.fromhex(a) == bytes.fromhex(b)
    return a == b and type(a) is type(b)


def in_conflict(conflicts: list[dict], user: str, uuid: str, name: str, value: Any) -> bool:
    for c in conflicts:
        if c["uuid"] != uuid or c["author"] != user:
            continue
        if name == DELETE and c["field"] == DELETE and c["mine"] is None:
            return True
        if c["field"] == name and same(c["mine"], value, name):
            return True
        if c["field"] == DELETE and isinstance(c["mine"], str):
            whole = json.loads(c["mine"])
            if name in whole and same(whole[name], value, name):
                return True
    return False


def lost_photos(model: Model, reader: Reader) -> list[tuple]:
    """Photos sent that are neither in their feature's history nor in a conflict that kept them."""
    conflicts = reader.conflicts("all")
    lost = []
    for user, uuid, sha in model.sent_photos:
        history = reader.history(LAYER, uuid)
        if any(sha in [a["sha256"] for a in h["attachments"]] for h in history):
            continue
        kept = [c for c in conflicts if c["uuid"] == uuid and c["author"] == user and isinstance(c["mine"], str)]
        if not any(sha in [r["sha256"] for r in json.loads(c["mine"]).get("@attachments_added", [])] for c in kept):
            lost.append((user, uuid, sha))
    return lost


def same_photos(model: Model, reader: Reader) -> list[str]:
    """Every device links exactly the server's attachments to every live feature."""
    server = {key: sorted(a["sha256"] for a in state["attachments"]) for key, state in reader.live_states().items()}
    problems = []
    for device in model.devices:
        with Store.open(device.path) as store:
            for (layer, uuid), shas in server.items():
                if layer == LAYER and uuid in model.uuids:
                    local = sorted(a.sha256 for a in store.attachments(layer, uuid))
                    if local != shas:
                        problems.append(f"{device.path.name} {uuid}: {local} != server {shas}")
    return problems


def lost_edits(model: Model, reader: Reader) -> list[tuple]:
    conflicts = reader.conflicts("all")
    histories = {uuid: reader.history(LAYER, uuid) for uuid in {s[1] for s in model.sent}}
    lost = []
    for user, uuid, name, value in model.sent:
        history = histories[uuid]
        if name == DELETE:
            applied = any(h["deleted"] for h in history)
        else:
            applied = any(not h["deleted"] and same(h["fields"].get(name), value, name) for h in history)
        if not applied and not in_conflict(conflicts, user, uuid, name, value):
            lost.append((user, uuid, name, value))
    return lost


def run_example(data: st.DataObject, server_url: str, reader: Reader, database_url: str) -> None:
    users = data.draw(st.lists(st.sampled_from(USERS), min_size=2, max_size=3, unique=True), label="users")
    folder = Path(tempfile.mkdtemp(prefix="baytak-prop-"))
    try:
        _run(data, folder, users, server_url, reader, database_url)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(
    data: st.DataObject, folder: Path, users: list[str], server_url: str, reader: Reader, database_url: str
) -> None:
    model = Model([Device.new(folder / f"{u}.gpkg", server_url, u) for u in users], folder=folder)
    for _ in range(2):
        model.insert(data, 0)  # something shared to disagree about
    for index in range(len(users)):
        model.sync(index)
    steps = data.draw(
        st.lists(
            st.tuples(
                st.integers(0, len(users) - 1),
                st.sampled_from(
                    ["insert", "update", "update", "delete", "attach", "resolve", "sync", "sync", "publish"]
                ),
            ),
            min_size=3,
            max_size=14,
        ),
        label="steps",
    )
    at = data.draw(st.integers(0, len(steps)), label="a revision published before step")
    steps.insert(at, (0, "publish"))  # every example meets at least one revision, at a random moment
    for index, action in steps:
        if action == "insert":
            model.insert(data, index)
        elif action == "attach":
            model.attach(data, index)
        elif action == "resolve":
            model.resolve(data, index, reader)
        elif action == "sync":
            model.sync(index)
        elif action == "publish":
            added = publish_revision(database_url, new_field=data.draw(st.booleans(), label="a field, not a layer"))
            model.published += [added] if added else []
        else:
            model.edit(data, index, delete=action == "delete")
    for _ in range(2):
        for index in range(len(users)):
            model.sync(index)

    # updated_at/updated_by are left out: an edit that nets to no change keeps the device's stamps
    # (test_bookkeeping.py shows that client bug); every other field of every feature must be equal.
    assert_same_as_server(reader, *model.devices, ignore=STAMPS)
    assert same_photos(model, reader) == []
    assert lost_edits(model, reader) == []
    assert lost_photos(model, reader) == []
    resolved_on_server = {c["id"] for c in reader.conflicts("all") if c["resolved"]}
    assert model.resolved <= resolved_on_server
    known = reader.states()
    assert [u for u in model.cancelled if (LAYER, u) in known] == []
    on_server = {c["id"]: c["resolved"] for c in reader.conflicts("all") if c["uuid"] in model.uuids}
    for device in model.devices:
        with Store.open(device.path) as store:
            local = {c.id: bool(c.resolved) for c in records.conflicts(store.conn, open_only=False)}
        assert {i: local.get(i) for i in on_server} == on_server, f"{device.path.name} lacks conflicts"


def test_random_offline_edits_converge_and_lose_nothing(server, reader, backend, database_url):
    # No shrinking: an example costs about a second of real syncs, and the draws hypothesis prints
    # (users, steps, values) already say what happened. BAYTAK_PROPERTY_EXAMPLES=200 searches longer.
    examples = int(os.environ.get("BAYTAK_PROPERTY_EXAMPLES", "0")) or (10 if backend == "sqlite" else 4)

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
    )
    @given(st.data())
    def check(data: st.DataObject) -> None:
        run_example(data, server.url, reader, database_url)

    check()
