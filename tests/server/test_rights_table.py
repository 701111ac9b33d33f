"""The rights table of docs/sync-protocol.md, walked for every role on both backends.

The test reads the table from the document itself: each row names a case, each column a role, each
cell "yes" or "no". For every row there is a scenario below that sets the case up on a real server (the
feature, its creator, its branch, a conflict) and then tries it as a fresh account of each role; what
the server does must be what the cell says. A row without a scenario, or a scenario without a row, fails.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import shapely

from .conftest import POINT, Device, Server, delete, insert, new_uuid, update

ROOT = Path(__file__).resolve().parents[2]
ROLES = ("viewer", "reporter", "editor", "coordinator", "admin")
HOME, OTHER = "almaty", "abai"
POLYGON = shapely.to_wkb(shapely.box(76.9, 43.2, 77.0, 43.3), hex=True)


def rights_table() -> dict[str, dict[str, bool]]:
    """{action: {role: allowed}} from the table under "## Rights" whose first column is "action"."""
    text = (ROOT / "docs" / "sync-protocol.md").read_text(encoding="utf-8")
    section = text[text.index("## Rights") :]
    section = section[: section.index("\n## ", 4)]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    header = [cell.strip() for cell in rows[[r.startswith("| action") for r in rows].index(True)].strip("|").split("|")]
    table: dict[str, dict[str, bool]] = {}
    for line in rows[rows.index(next(r for r in rows if r.startswith("| action"))) + 2 :]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) != len(header):
            break
        assert all(cell in ("yes", "no") for cell in cells[1:]), line
        table[cells[0]] = {role: cells[header.index(role)] == "yes" for role in ROLES}
    return table


class World:
    """One server with the accounts the scenarios need besides the one under test."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.admin = server.user("root", "admin", None)
        self.helper = server.user("helper_home", "editor", HOME)
        self.other_helper = server.user("helper_other", "editor", OTHER)
        self.count = 0

    def actor(self, role: str) -> Device:
        self.count += 1
        branch = None if role in ("viewer", "admin") else HOME
        return self.server.user(f"{role}_{self.count}", role, branch)

    def feature(self, by: Device, layer: str = "brick_factories", **fields: object) -> tuple[str, int] | None:
        """A new feature pushed by ``by`` (None when that is refused)."""
        uuid = new_uuid()
        result = _push(by, insert(uuid, layer=layer, **fields))
        return (uuid, result["rev"]) if result is not None and result["outcome"] == "applied" else None

    def someone_elses(self, branch: str = HOME, **fields: object) -> tuple[str, int]:
        made = self.feature(self.admin, branch=branch, **fields)
        assert made is not None
        return made

    def own_or_admins(self, actor: Device) -> tuple[str, int]:
        """A feature of the home branch created by the actor, or by the admin when the actor may not."""
        return self.feature(actor, branch=HOME) or self.someone_elses()

    def move(self, uuid: str, rev: int, to: str | None) -> int:
        result = _push(self.admin, update(uuid, rev, branch=(HOME, to)))
        assert result is not None and result["outcome"] == "applied"
        return int(result["rev"])

    def field_conflict(self, uuid: str, rev: int, a: Device, b: Device) -> int:
        assert _push(a, update(uuid, rev, operator=(None, "A")))["outcome"] == "applied"  # type: ignore[index]
        result = _push(b, update(uuid, rev, operator=(None, "B")))
        assert result is not None and result["outcome"] == "conflict", result
        return int(result["conflict_ids"][0])

    def photo(self, by: Device) -> str:
        data = os.urandom(2_000)
        sha = hashlib.sha256(data).hexdigest()
        assert _put_blob(by, sha, data).status_code == 200
        return sha


def _push(device: Device, *changes: dict) -> dict | None:
    """The one change's result, or None when the whole push was refused (403)."""
    response = device.push_raw(*changes)
    if response.status_code == 403:
        return None
    assert response.status_code == 200, response.text
    return response.json()["results"][-1]


def _allowed(result: dict | None) -> bool:
    if result is None:
        return False
    if result["outcome"] == "rejected":
        assert result["error"]["code"] == "forbidden", result  # refused for its rights, not its values
        return False
    return True


def _resolved(actor: Device, conflict_id: int, keep: str, value: object = None) -> bool:
    body: dict[str, object] = {"keep": keep} if value is None else {"keep": keep, "value": value}
    response = actor.post(f"/api/v1/conflicts/{conflict_id}/resolve", body)
    assert response.status_code in (200, 403, 404), response.text
    return response.status_code == 200


def _put_blob(device: Device, sha: str, data: bytes):
    return device.client.put(
        f"/api/v1/blobs/{sha}",
        content=data,
        headers={
            **device.headers,
            "Content-Type": "application/octet-stream",
            "Content-Range": f"bytes 0-{len(data) - 1}/{len(data)}",
        },
    )


def _mark(name: str) -> str:
    return f"[verified by {name} on 2026-05-04]"


Scenario = Callable[[World, Device], bool]


def _create_home(w: World, actor: Device) -> bool:
    return _allowed(_push(actor, insert(branch=HOME)))


def _create_other(w: World, actor: Device) -> bool:
    return _allowed(_push(actor, insert(branch=OTHER)))


def _create_no_branch(w: World, actor: Device) -> bool:
    return _allowed(_push(actor, insert(branch=None)))


def _create_by_label(w: World, actor: Device) -> bool:
    uuid = new_uuid()
    allowed = _allowed(_push(actor, insert(uuid, branch="Алматы қаласы")))
    if allowed:
        assert actor.feature(uuid)["fields"]["branch"] == HOME  # stored as the code
    return allowed


def _change_home(w: World, actor: Device) -> bool:
    uuid, rev = w.someone_elses()
    return _allowed(_push(actor, update(uuid, rev, operator=(None, "ТОО"))))


def _delete_home(w: World, actor: Device) -> bool:
    uuid, rev = w.someone_elses()
    return _allowed(_push(actor, delete(uuid, rev)))


def _change_other_own(w: World, actor: Device) -> bool:
    uuid, rev = w.own_or_admins(actor)
    rev = w.move(uuid, rev, OTHER)
    return _allowed(_push(actor, update(uuid, rev, operator=(None, "ТОО"))))


def _change_other(w: World, actor: Device) -> bool:
    uuid, rev = w.someone_elses(OTHER)
    return _allowed(_push(actor, update(uuid, rev, operator=(None, "ТОО"))))


def _move_away(w: World, actor: Device) -> bool:
    uuid, rev = w.someone_elses()
    return _allowed(_push(actor, update(uuid, rev, branch=(HOME, OTHER))))


def _take_branch_off(w: World, actor: Device) -> bool:
    uuid, rev = w.someone_elses()
    return _allowed(_push(actor, update(uuid, rev, branch=(HOME, None))))


def _link_photo(w: World, actor: Device) -> bool:
    uuid, rev = w.someone_elses()
    sha = w.photo(w.admin)
    change = {**update(uuid, rev), "attachments_added": [{"sha256": sha, "mime": "image/jpeg", "size": 2000}]}
    allowed = _allowed(_push(actor, change))
    linked = [a["sha256"] for a in actor.feature(uuid)["attachments"]]
    assert linked == ([sha] if allowed else [])
    return allowed


def _unlink_photo(w: World, actor: Device) -> bool:
    uuid = new_uuid()
    sha = w.photo(w.admin)
    made = {**insert(uuid), "attachments_added": [{"sha256": sha, "mime": "image/jpeg", "size": 2000}]}
    rev = _push(w.admin, made)["rev"]  # type: ignore[index]
    allowed = _allowed(_push(actor, {**update(uuid, rev), "attachments_removed": [sha]}))
    assert [a["sha256"] for a in actor.feature(uuid)["attachments"]] == ([] if allowed else [sha])
    return allowed


def _upload(w: World, actor: Device) -> bool:
    data = os.urandom(3_000)
    response = _put_blob(actor, hashlib.sha256(data).hexdigest(), data)
    assert response.status_code in (200, 403), response.text
    return response.status_code == 200


def _cleanup_plan(w: World, actor: Device) -> bool:
    plan = {"title": "Қапшағай жағалауы", "planned_on": "2026-09-12", "status": "planned", "geom": POLYGON}
    return _allowed(_push(actor, insert(layer="cleanup_plans", branch=HOME, **plan)))


def _review_own_name(w: World, actor: Device) -> bool:
    uuid, rev = w.someone_elses()
    return _allowed(_push(actor, update(uuid, rev, notes=(None, _mark(actor.username)))))


def _review_other_name(w: World, actor: Device) -> bool:
    uuid, rev = w.someone_elses()
    return _allowed(_push(actor, update(uuid, rev, notes=(None, _mark("dana")))))


def _verify_planting(w: World, actor: Device) -> bool:
    planting = {"species": "elm", "tree_count": 40, "status": "planted", "geom": POINT}
    made = w.feature(w.admin, layer="tree_plantings", branch=HOME, **planting)
    assert made is not None
    uuid, rev = made
    return _allowed(_push(actor, update(uuid, rev, layer="tree_plantings", status=("planted", "verified"))))


def _resolve_theirs(w: World, actor: Device) -> bool:
    uuid, rev = w.someone_elses()
    return _resolved(actor, w.field_conflict(uuid, rev, w.admin, w.helper), "theirs")


def _resolve_edited(w: World, actor: Device) -> bool:
    uuid, rev = w.someone_elses()
    return _resolved(actor, w.field_conflict(uuid, rev, w.admin, w.helper), "edited", "ТОО «Екеуі»")


def _whole_conflict(w: World, author: Device, uuid: str, rev: int) -> int | None:
    """Someone renames the feature; ``author`` deletes it from the old state: a "*" conflict."""
    assert _push(w.admin, update(uuid, rev, name=("Бесағаш кірпіш зауыты", "Бесағаш-2")))["outcome"] == "applied"  # type: ignore[index]
    result = _push(author, delete(uuid, rev, name="Бесағаш кірпіш зауыты"))
    if result is None or result["outcome"] == "rejected":
        return None
    assert result["outcome"] == "conflict", result
    return int(result["conflict_ids"][0])


def _resolve_moving(w: World, actor: Device) -> bool:
    uuid, rev = w.someone_elses()
    conflict_id = _whole_conflict(w, w.helper, uuid, rev)
    assert conflict_id is not None
    allowed = _resolved(actor, conflict_id, "edited", json.dumps({"branch": OTHER}))
    assert w.admin.feature(uuid)["fields"]["branch"] == (OTHER if allowed else HOME)
    return allowed


def _resolve_own_out_of_branch(w: World, actor: Device) -> bool:
    uuid, rev = w.own_or_admins(actor)
    conflict_id = _whole_conflict(w, actor, uuid, rev)
    if conflict_id is None:
        return False  # the actor may not even push the deletion
    allowed = _resolved(actor, conflict_id, "edited", json.dumps({"branch": None}))
    assert w.admin.feature(uuid)["fields"]["branch"] == (None if allowed else HOME)
    return allowed


def _resolve_other_own(w: World, actor: Device) -> bool:
    uuid, rev = w.own_or_admins(actor)
    rev = w.move(uuid, rev, OTHER)
    return _resolved(actor, w.field_conflict(uuid, rev, w.admin, w.other_helper), "theirs")


def _resolve_other(w: World, actor: Device) -> bool:
    uuid, rev = w.someone_elses(OTHER)
    return _resolved(actor, w.field_conflict(uuid, rev, w.admin, w.other_helper), "theirs")


def _read_audit(w: World, actor: Device) -> bool:
    response = actor.get("/api/v1/audit")
    assert response.status_code in (200, 403)
    return response.status_code == 200


def _manage_accounts(w: World, actor: Device) -> bool:
    attempts = [
        actor.post("/api/v1/users", {"username": "x", "password": "long enough", "role": "admin"}),
        actor.post("/api/v1/users/helper_home/disable", {}),
        actor.post("/api/v1/tokens/revoke", {"all": True}),
    ]
    assert all(r.status_code in (403, 404, 405) for r in attempts)
    return False


SCENARIOS: dict[str, Scenario] = {
    "create a feature in their branch": _create_home,
    "create a feature in another branch": _create_other,
    "create a feature with no branch": _create_no_branch,
    "create a feature in their branch, naming the branch by its label": _create_by_label,
    "change a feature of their branch someone else created": _change_home,
    "delete a feature of their branch someone else created": _delete_home,
    "change a feature of another branch they created": _change_other_own,
    "change a feature of another branch someone else created": _change_other,
    "move a feature of their branch to another branch": _move_away,
    "take the branch off a feature of their branch": _take_branch_off,
    "link a photo to a feature of their branch someone else created": _link_photo,
    "unlink a photo from a feature of their branch someone else created": _unlink_photo,
    "upload an attachment's bytes": _upload,
    "create a cleanup plan in their branch": _cleanup_plan,
    "add a review mark in their own name to a feature of their branch": _review_own_name,
    "add a review mark in another person's name": _review_other_name,
    "set a tree planting of their branch to verified": _verify_planting,
    "resolve a conflict on a feature of their branch, keeping the server's value": _resolve_theirs,
    "resolve a conflict on a feature of their branch, keeping an edited value": _resolve_edited,
    "resolve a conflict on a feature of their branch with a value that moves it to another branch": _resolve_moving,
    "resolve their own whole-feature conflict with a value that takes the feature out of their branch": (
        _resolve_own_out_of_branch
    ),
    "resolve a conflict on a feature of another branch they created": _resolve_other_own,
    "resolve a conflict on a feature of another branch someone else created": _resolve_other,
    "read the audit log": _read_audit,
    "manage accounts and tokens through the API": _manage_accounts,
}


def test_every_row_of_the_table_has_a_scenario() -> None:
    assert set(rights_table()) == set(SCENARIOS)


def test_the_rights_table_holds_for_every_role(server: Server) -> None:
    world = World(server)
    found: dict[str, dict[str, bool]] = {}
    for action, scenario in SCENARIOS.items():
        found[action] = {role: scenario(world, world.actor(role)) for role in ROLES}
    expected = rights_table()
    wrong = [
        f"{action} / {role}: the table says {'yes' if expected[action][role] else 'no'}"
        for action in SCENARIOS
        for role in ROLES
        if found[action][role] != expected[action][role]
    ]
    assert wrong == [], "\n".join(wrong)


def test_the_table_is_the_one_in_the_document() -> None:
    assert re.search(r"tests/server/test_rights_table\.py", (ROOT / "docs" / "sync-protocol.md").read_text())
