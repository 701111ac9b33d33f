"""Values are cleaned once, at the door, the same on SQLite and PostgreSQL: whatever a client sends, a
bad value refuses its own change (``invalid_value`` / ``invalid_geometry``) and the rest of the
changeset applies. No input makes the server answer 500, and no error body names a Python class.

The cases are classes, not instances: every control character, both kinds of surrogate, every curved
geometry type, every non-finite number, the date spellings Python would accept but the store would not.
"""

from __future__ import annotations

import json
import re
import struct

import pytest
import shapely
from fastapi.testclient import TestClient

from .conftest import POINT, Device, Server, delete, insert, new_uuid, update

CLASS_NAME = re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception|Warning)\b|Traceback|\bpsycopg\b|\bsqlite3\b")
CONTROLS = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))]
NONCHARACTERS = ["\ufffe", "\uffff", "\ufdd0", "\ufdef"]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]


def push_json(device: Device, *changes: dict, changeset_id: str | None = None):
    """A push whose body is written with JSON escapes (``\\ud800``, ``NaN``): what a hostile or broken
    client can send, which ``json=`` in httpx refuses to encode."""
    body = {"changeset_id": changeset_id or new_uuid(), "device_id": device.device_id, "changes": list(changes)}
    return device.client.post(
        "/api/v1/changesets",
        content=json.dumps(body, ensure_ascii=True).encode(),
        headers={**device.headers, "Content-Type": "application/json"},
    )


def no_class_names(response) -> None:
    assert response.status_code < 500, response.text
    assert not CLASS_NAME.search(response.text), response.text


def outcomes(response) -> list[tuple[str, str | None]]:
    no_class_names(response)
    assert response.status_code == 200, response.text
    return [(r["outcome"], (r["error"] or {}).get("code")) for r in response.json()["results"]]


def test_every_control_character_noncharacter_and_surrogate_is_refused_per_change(server: Server) -> None:
    a = server.user("aigerim")
    bad = CONTROLS + NONCHARACTERS + SURROGATES
    good = new_uuid()
    changes = [insert(notes=f"до{ch}после") for ch in bad] + [insert(good, notes="таб\tжол\nсоңы\r")]
    response = push_json(a, *changes)
    assert outcomes(response) == [("rejected", "invalid_value")] * len(bad) + [("applied", None)]
    message = response.json()["results"][0]["error"]["message"]
    assert "U+0000" in message and "notes" in message
    assert [s["uuid"] for p in a.pull_all() for s in p["features"]] == [good]
    assert a.feature(good)["fields"]["notes"] == "таб\tжол\nсоңы\r"
    # the author's pull feed carries the refusals, readable as JSON on both backends
    refused = [r for p in a.pull_all() for r in p["rejections"]]
    assert len(refused) == len(bad) and len({r["rev"] for r in refused}) == 1  # one revision for them all


@pytest.mark.parametrize("character", ["\x00", "\ud800", "\x1b", "\u0085"])
def test_a_refused_character_in_any_kind_of_field(server: Server, character: str) -> None:
    a = server.user("aigerim")
    values = {"name": "Абат", "status": "closed", "branch": "almaty", "observed_on": "2024-01-01", "operator": "ТОО"}
    uuid = new_uuid()
    rev = a.push(insert(uuid, **values))["results"][0]["rev"]
    changes = []
    for field, value in values.items():  # free text, a code, the branch, a date
        spoiled = value[:2] + character + value[2:]
        changes += [insert(**{**values, field: spoiled}), update(uuid, rev, **{field: (value, spoiled)})]
    assert outcomes(push_json(a, *changes)) == [("rejected", "invalid_value")] * len(changes)
    assert {name: a.feature(uuid)["fields"][name] for name in values} == values


@pytest.mark.parametrize("character", ["\x00", "\udc80"])
def test_a_refused_character_in_a_base_value_refuses_the_change(server: Server, character: str) -> None:
    a = server.user("aigerim")
    uuid = new_uuid()
    rev = a.push(insert(uuid))["results"][0]["rev"]
    response = push_json(
        a,
        update(uuid, rev, operator=(f"x{character}", "y")),
        delete(uuid, rev, name=f"z{character}"),
    )
    assert outcomes(response) == [("rejected", "invalid_value")] * 2
    assert a.feature(uuid)["fields"]["operator"] is None


def test_a_base_value_longer_than_its_field_ever_holds_is_not_kept_in_a_conflict(server: Server) -> None:
    """A base goes into the conflict record as sent: one the server could never have given (3 MB of
    text for a 500-character field, a "code" of 10,000 characters) refuses its change."""
    a, b = server.user("aigerim"), server.user("bolat")
    uuid = new_uuid()
    rev = a.push(insert(uuid, operator="ТОО"))["results"][0]["rev"]
    a.push(update(uuid, rev, operator=("ТОО", "A")))
    response = b.push_raw(
        update(uuid, rev, operator=("x" * 3_000_000, "B")),
        update(uuid, rev, status=("c" * 10_000, "closed")),
        delete(uuid, rev, observed_on="2" * 201),
        update(uuid, rev, operator=("ә" * 500, "B")),  # as long as the field holds: a conflict
    )
    assert outcomes(response) == [("rejected", "invalid_value")] * 3 + [("conflict", None)]
    error = response.json()["results"][0]["error"]
    assert "field operator: the base value is 3000000 characters long; at most 500" in error["message"]
    conflicts = [c for page in b.pull_all() for c in page["conflicts"]]
    assert [len(c["base"]) for c in conflicts] == [500]


def test_names_with_refused_characters_are_unknown_not_faults(server: Server) -> None:
    a = server.user("aigerim")
    response = push_json(
        a,
        insert(layer="quarries\x00"),
        insert(layer="qu\ud800arries"),
        insert(**{"na\x00me": "x"}),
        insert(**{"na\udfffme": "x"}),
        insert(),
    )
    assert outcomes(response) == [
        ("rejected", "unknown_layer"),
        ("rejected", "unknown_layer"),
        ("rejected", "unknown_field"),
        ("rejected", "unknown_field"),
        ("applied", None),
    ]
    assert "\\u0000" in response.json()["results"][0]["error"]["message"]
    assert a.pull_all()[-1]["server_rev"] >= 2


NOT_NUMBERS = [float("nan"), float("inf"), float("-inf"), True, False, "Infinity", "NaN", "abc", "", 10**400]


def test_non_numbers_are_refused_for_numbers_and_keep_the_stored_value(server: Server) -> None:
    a = server.user("aigerim")
    uuid = new_uuid()
    fields = {"name": "Сорбұлақ", "status": "active", "branch": "almaty", "geom": POINT, "flow_m3_day": 120.5}
    rev = a.push(insert(uuid, layer="sewage_outflows", **fields))["results"][0]["rev"]
    changes = []
    for value in NOT_NUMBERS:
        changes += [
            update(uuid, rev, layer="sewage_outflows", flow_m3_day=(120.5, value)),
            insert(layer="sewage_outflows", **{**fields, "flow_m3_day": value}),
            insert(layer="sewage_outflows", **{**fields, "affected_settlements": value}),
        ]
    found = outcomes(push_json(a, *changes))
    refused = [i for i, outcome in enumerate(found) if outcome != ("rejected", "invalid_value")]
    # "" is no number but an empty value: it clears the field like null (as the store reads it)
    assert [NOT_NUMBERS[i // 3] for i in refused] == ["", "", ""]
    assert a.feature(uuid)["fields"]["flow_m3_day"] is None  # only "" cleared it; NaN, true... never did


def test_text_takes_text_only(server: Server) -> None:
    a = server.user("aigerim")
    changes = [
        insert(**{field: value})
        for value in (True, False, float("nan"), float("inf"), 5, 2.5)
        for field in ("operator", "status", "observed_on")
    ]
    assert outcomes(push_json(a, *changes)) == [("rejected", "invalid_value")] * len(changes)


def test_whole_numbers_must_fit_64_bits(server: Server) -> None:
    a = server.user("aigerim")
    base = {"name": "Сорбұлақ", "status": "active", "branch": "almaty", "geom": POINT}
    response = push_json(
        a,
        insert(layer="sewage_outflows", **base, affected_settlements=2**63),
        insert(layer="sewage_outflows", **base, affected_settlements=-(2**70)),
        insert(layer="sewage_outflows", **base, affected_settlements=12.5),
        insert(layer="sewage_outflows", **base, affected_settlements=12.0),
    )
    assert outcomes(response) == [("rejected", "invalid_value")] * 3 + [("applied", None)]


SPELLINGS = [
    "20240101",
    "2024-W01-1",
    "2024-001",
    "2024-01-01T00:00:00+05:00",
    "2024-01-01T00:00:00",
    "2024-01-01 ",
    " 2024-01-01",
    "01.01.2024",
    "2024-1-1",
    "2024",
    "2024-02-30",
    "２０２４-０１-０１",  # full-width digits: a regex with \d would take them
]


def test_dates_have_one_spelling(server: Server) -> None:
    a = server.user("aigerim")
    good = new_uuid()
    response = push_json(
        a, *(insert(observed_on=spelling) for spelling in SPELLINGS), insert(good, observed_on="2024-01-01")
    )
    assert outcomes(response) == [("rejected", "invalid_value")] * len(SPELLINGS) + [("applied", None)]
    assert all("YYYY-MM-DD" in r["error"]["message"] for r in response.json()["results"][:-1])
    assert a.feature(good)["fields"]["observed_on"] == "2024-01-01"


def test_length_limits_are_checked_on_the_stored_text(server: Server) -> None:
    a = server.user("aigerim")
    padded = "Абат" + " " * 3_000_000  # 3,000,004 characters stored; 4 once stripped
    fits = "ә" * 500
    response = a.push_raw(insert(name=padded), insert(name=fits), insert(name=fits + " "))
    assert outcomes(response) == [("rejected", "invalid_value"), ("applied", None), ("rejected", "invalid_value")]
    assert "3000004 characters" in response.json()["results"][0]["error"]["message"]
    assert [len(s["fields"]["name"]) for p in a.pull_all() for s in p["features"]] == [500]


def _wkb(code: int, body: bytes) -> str:
    return (struct.pack("<BI", 1, code) + body).hex()


_ARC = struct.pack("<I6d", 3, 76.9, 43.2, 77.0, 43.3, 77.1, 43.2)
_RING_ARC = struct.pack("<I10d", 5, 76.9, 43.2, 77.0, 43.3, 77.1, 43.2, 77.0, 43.1, 76.9, 43.2)
CURVES = {
    "CircularString": _wkb(8, _ARC),
    "CircularString Z": _wkb(1008, struct.pack("<I9d", 3, 76.9, 43.2, 0, 77.0, 43.3, 0, 77.1, 43.2, 0)),
    "CircularString EWKB SRID": (struct.pack("<BII", 1, 0x20000008, 4326) + _ARC).hex(),
    "CircularString big-endian": (
        struct.pack(">BI", 0, 8) + struct.pack(">I6d", 3, 76.9, 43.2, 77.0, 43.3, 77.1, 43.2)
    ).hex(),
    "CompoundCurve": _wkb(9, struct.pack("<I", 1) + bytes.fromhex(_wkb(8, _ARC))),
    "CurvePolygon": _wkb(10, struct.pack("<I", 1) + bytes.fromhex(_wkb(8, _RING_ARC))),
    "MultiCurve": _wkb(11, struct.pack("<I", 1) + bytes.fromhex(_wkb(8, _ARC))),
    "MultiSurface": _wkb(
        12, struct.pack("<I", 1) + bytes.fromhex(_wkb(10, struct.pack("<I", 1) + bytes.fromhex(_wkb(8, _RING_ARC))))
    ),
    "PolyhedralSurface": _wkb(15, struct.pack("<I", 0)),
    "TIN": _wkb(16, struct.pack("<I", 0)),
    "Triangle": _wkb(17, struct.pack("<I", 0)),
    "GeometryCollection of a CircularString": _wkb(7, struct.pack("<I", 1) + bytes.fromhex(_wkb(8, _ARC))),
    "MultiPolygon of a CurvePolygon": _wkb(
        6, struct.pack("<I", 1) + bytes.fromhex(_wkb(10, struct.pack("<I", 1) + bytes.fromhex(_wkb(8, _RING_ARC))))
    ),
    "a type beyond the standard": _wkb(99, b""),
    "truncated": _wkb(1, b"\x00\x00"),
    "NaN coordinates": _wkb(1, struct.pack("<2d", float("nan"), float("nan"))),
    "not hex": "zz",
    "odd hex": "0101000",
}


def test_curved_and_broken_geometries_are_refused_per_change(server: Server) -> None:
    a = server.user("aigerim")
    uuid = new_uuid()
    rev = a.push(insert(uuid))["results"][0]["rev"]
    polygon = {"name": "Абат", "status": "illegal", "branch": "almaty"}
    for name, wkb in CURVES.items():
        response = push_json(
            a,
            insert(geom=wkb),
            insert(layer="quarries", geom=wkb, **polygon),
            update(uuid, rev, geom=(POINT, wkb)),
            update(uuid, rev, geom=(wkb, POINT)),  # a curve as the base: compared, never stored
        )
        assert outcomes(response) == [("rejected", "invalid_geometry")] * 3 + [("unchanged", None)], name
    assert a.feature(uuid)["fields"]["geom"] == POINT
    assert a.push(insert())["results"][0]["outcome"] == "applied"


def test_z_and_srid_geometries_are_stored_2d_in_the_one_spelling(server: Server) -> None:
    a = server.user("aigerim")
    z, ewkb = new_uuid(), new_uuid()
    a.push(
        insert(z, geom=shapely.to_wkb(shapely.Point(76.95, 43.25, 700), hex=True)),
        insert(ewkb, geom=struct.pack("<BII2d", 1, 0x20000001, 4326, 76.95, 43.25).hex()),
    )
    assert a.feature(z)["fields"]["geom"] == POINT and a.feature(ewkb)["fields"]["geom"] == POINT


def _tagged(geom: shapely.Geometry, srid: int, byte_order: int = 1) -> str:
    """The EWKB of ``geom`` whose header names ``srid``: numbers that look like degrees, said to be not."""
    return str(shapely.to_wkb(shapely.set_srid(geom, srid), hex=True, include_srid=True, byte_order=byte_order))


ALMATY = shapely.Point(76.95, 43.25)
ABAT = shapely.MultiPolygon([shapely.box(76.9, 43.2, 77.0, 43.3)])


@pytest.mark.parametrize("srid", [3857, 32643, 4284, -4326, 2**31 - 1])
def test_a_geometry_in_another_coordinate_system_is_refused_per_change(server: Server, srid: int) -> None:
    """The wire is lon/lat (EPSG:4326): a geometry tagged with another SRID is not stored as degrees."""
    a = server.user("aigerim")
    uuid, good = new_uuid(), new_uuid()
    rev = a.push(insert(uuid))["results"][0]["rev"]
    polygon = {"name": "Абат", "status": "illegal", "branch": "almaty"}
    response = push_json(
        a,
        insert(geom=_tagged(ALMATY, srid)),
        insert(geom=_tagged(ALMATY, srid, byte_order=0)),
        insert(layer="quarries", geom=_tagged(ABAT, srid), **polygon),
        update(uuid, rev, geom=(POINT, _tagged(ALMATY, srid))),
        insert(good, geom=_tagged(ALMATY, 4326)),
    )
    assert outcomes(response) == [("rejected", "invalid_geometry")] * 4 + [("applied", None)]
    error = response.json()["results"][0]["error"]
    assert f"EPSG:{srid}" in error["message"]
    assert json.loads(error["details"]["params"])["reasons"][0]["params"]["srid"] == srid
    assert a.feature(uuid)["fields"]["geom"] == POINT and a.feature(good)["fields"]["geom"] == POINT
    assert {s["uuid"] for p in a.pull_all() for s in p["features"]} == {uuid, good}


@pytest.mark.parametrize(
    "field, value",
    [
        ("username", "ad\x00min"),
        ("username", "ad\ud800min"),
        ("password", "pass\x00word1"),
        ("password", "\udfff" * 9),
        ("device_name", "ноут\x00бук"),
        ("device_name", "\x1b[31m"),
        ("username", "\ufffe"),
    ],
)
def test_sign_in_with_refused_characters_is_a_clear_refusal(server: Server, field: str, value: str) -> None:
    server.add_user("admin", "admin", None)
    body = {"username": "admin", "password": "correct horse battery", "device_id": new_uuid(), field: value}
    response = server.client.post(
        "/api/v1/login", content=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    no_class_names(response)
    assert response.status_code == 422 and response.json()["error"]["code"] == "malformed_request"
    # a failed sign-in with such a name is not even counted: the same name signs in afterwards
    assert server.login("admin").token


def test_a_resolution_value_is_cleaned_like_a_push(server: Server) -> None:
    a, b = server.user("aigerim"), server.user("bolat")
    uuid = new_uuid()
    rev = a.push(insert(uuid))["results"][0]["rev"]
    a.push(update(uuid, rev, operator=(None, "A")))
    conflict_id = b.push(update(uuid, rev, operator=(None, "B")))["results"][0]["conflict_ids"][0]
    url = f"/api/v1/conflicts/{conflict_id}/resolve"
    for value in ("a\x00b", "\ud800", True, float("nan"), 7, "x" * 501):
        response = b.client.post(
            url,
            content=json.dumps({"keep": "edited", "value": value}).encode(),
            headers={**b.headers, "Content-Type": "application/json"},
        )
        no_class_names(response)
        assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_value", value
    assert a.feature(uuid)["fields"]["operator"] == "A"
    assert b.post(url, {"keep": "edited", "value": "ТОО «Екеуі»"}).status_code == 200
    assert a.feature(uuid)["fields"]["operator"] == "ТОО «Екеуі»"


def test_a_server_fault_never_names_a_python_class(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    from baytak_desktop.server import pull

    def broken(tx):
        raise KeyError("a fault inside the server")

    monkeypatch.setattr(pull, "current_rev", broken)
    with TestClient(server.app, raise_server_exceptions=False) as client:
        response = client.get("/healthz")
    assert response.status_code == 500 and response.json()["error"]["code"] == "internal"
    assert not CLASS_NAME.search(response.text) and "KeyError" not in response.text
