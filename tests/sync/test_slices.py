"""Big server answers are read a slice at a time (sync.slices), so a sync on a worker thread lets the UI
thread have the GIL between slices. The property checked is structural, never a timing: while a
2,000-feature page is read, no single C call parses the whole body or validates more than SLICE items."""

from __future__ import annotations

import json
import sys

import pytest
from pydantic import ValidationError

from baytak_desktop.sync import engine, slices
from baytak_desktop.sync.protocol import ChangesetResult, ChangesPage
from tests.sync.helpers import new_id, page, state

WHOLE_BODY_PARSERS = {"loads", "validate_json", "model_validate_json"}


def big_page(n: int = 2_000) -> str:
    states = [state(new_id(), rev=i + 1, name=f"Нысан {i}", notes='"quoted"\n') for i in range(n)]
    conflicts = [
        {
            "id": 1,
            "rev": n,
            "layer": "brick_factories",
            "uuid": new_id(),
            "field": "name",
            "base": "a",
            "theirs": "b",
            "mine": "c",
            "author": "dana",
            "device_id": new_id(),
            "changeset_id": new_id(),
            "created_at": "2026-01-01T00:00:00Z",
        }
    ]
    return page(0, n, *states, conflicts=conflicts).model_dump_json()


def calls_while(read):
    """(name of each C function called, or of each pydantic validation with the size of what it got)."""
    seen: list[tuple[str, int | None]] = []

    def profile(frame, event, arg):
        if event == "c_call":
            seen.append((arg.__name__, None))
        elif event == "call" and frame.f_code.co_name in ("raw_decode", "loads", "model_validate_json"):
            seen.append((frame.f_code.co_name, None))
        elif event == "call" and frame.f_code.co_name in ("validate_python", "model_validate"):
            handed = frame.f_locals[frame.f_code.co_varnames[1]]  # (self or cls, the object validated, ...)
            seen.append(("validate_python", len(handed) if isinstance(handed, list) else None))

    sys.setprofile(profile)
    try:
        result = read()
    finally:
        sys.setprofile(None)
    return result, seen


def test_a_2000_feature_page_is_read_a_slice_at_a_time_and_equals_the_whole_parse():
    body = big_page()
    read, seen = calls_while(lambda: slices.read_model(ChangesPage, body.encode(), engine.PAGE_ARRAYS))
    assert read == ChangesPage.model_validate_json(body)
    sizes = [size for name, size in seen if name == "validate_python" and size is not None]
    assert sum(sizes) == 2_000 + 1 and max(sizes) <= slices.SLICE  # the features and the conflict
    assert sum(1 for name, _ in seen if name == "raw_decode") >= 2_000  # one call per array item
    assert not WHOLE_BODY_PARSERS & {name for name, _ in seen}


def test_a_push_answer_is_read_the_same_way():
    results = [{"layer": "brick_factories", "uuid": new_id(), "outcome": "applied", "rev": i} for i in range(500)]
    body = json.dumps({"changeset_id": new_id(), "server_rev": 500, "results": results})
    read, seen = calls_while(lambda: slices.read_model(ChangesetResult, body, engine.RESULT_ARRAYS))
    assert read == ChangesetResult.model_validate_json(body)
    assert max(size for name, size in seen if name == "validate_python" and size is not None) <= slices.SLICE


@pytest.mark.parametrize(
    "text",
    [
        '{"a": [1, {"b": [2, 3]}], "c": "x"}',
        ' { "a" : [ ] , "c" : null } ',
        "{}",
        '{"a": [ "\\u049b", "]", "}" ]}',
        '{"a": 1, "a": 2}',
    ],
)
def test_parse_object_equals_json_loads(text):
    assert slices.parse_object(text, frozenset({"a"})) == json.loads(text)


@pytest.mark.parametrize("text", ["[1, 2]", '{"a": [1, 2}', '{"a": 1} x', '{"a" 1}', ""])
def test_malformed_documents_are_refused(text):
    with pytest.raises(json.JSONDecodeError):
        slices.parse_object(text, frozenset({"a"}))


def test_a_bad_item_or_an_unknown_member_fails_as_the_model_would():
    body = json.loads(big_page(3))
    body["features"][2]["rev"] = "not a number"
    with pytest.raises(ValidationError):
        slices.read_model(ChangesPage, json.dumps(body), engine.PAGE_ARRAYS)
    with pytest.raises(ValidationError):
        slices.read_model(ChangesPage, json.dumps({**json.loads(big_page(1)), "surprise": 1}), engine.PAGE_ARRAYS)
    with pytest.raises(ValidationError):
        slices.read_model(ChangesPage, json.dumps({**json.loads(big_page(1)), "features": {}}), engine.PAGE_ARRAYS)
