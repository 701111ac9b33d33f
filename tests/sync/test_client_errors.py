"""Error answers of any shape: what the client reads from them, without a crash on a foreign body.

A proxy, a captive portal or another program on the server's address may answer with JSON of its own;
the client must still raise its one-line error, never an AttributeError from reading ``details``.
"""

from __future__ import annotations

import httpx
import pytest

from baytak_desktop.sync.client import _error_of


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {"error": {"code": "missing_blob", "message": "send it", "details": {"missing": ["ab"]}}},
            ("missing_blob", "send it", {"missing": ["ab"]}),
        ),
        ({"error": {"code": "x", "message": "m", "details": ["not", "an", "object"]}}, ("x", "m", {})),
        ({"error": {"code": "x", "message": "m", "details": "text"}}, ("x", "m", {})),
        ({"detail": "Not Found"}, ("404", "Not Found", {})),
        (["a", "list"], ("404", "Not Found", {})),
    ],
)
def test_an_error_answer_gives_code_message_and_details_as_an_object(body, expected):
    response = httpx.Response(404, json=body, request=httpx.Request("GET", "http://127.0.0.1:8765/api/v1/x"))
    assert _error_of(response) == expected
