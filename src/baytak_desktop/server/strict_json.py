"""Request bodies read as JSON means it (RFC 8259), one reading only, before any model sees them.

FastAPI's reader is lenient where leniency changes meaning: it guesses UTF-16 or UTF-32 from the first
bytes, keeps the last of two equal keys (a proxy or a log that keeps the first sees another changeset
id), and answers a body nested 10,000 deep or a 5,000-digit number with a bare "There was an error
parsing the body". Here a body is UTF-8 (a leading byte order mark is ignored, as the RFC allows), every
object has each key once, and each refusal says what is wrong: ``400 malformed_request`` with a
template. ``NaN`` and ``Infinity`` are still read: the values they give are refused per change, as any
value that is not a number (layers.canonical).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException

from baytak_desktop.server.apierrors import ApiError
from baytak_desktop.sync.protocol import ErrorCode, ErrorResponse

BOM = "\ufeff"
MALFORMED = ErrorCode.malformed_request


class BodyRefused(HTTPException):
    """Raised while the body is read; an HTTPException so that FastAPI's body reader passes it on to
    its own handler (any other exception there becomes the bare 400)."""

    def __init__(self, error: ApiError) -> None:
        super().__init__(status_code=error.status, detail=error.message)
        self.error = error


def loads(body: bytes) -> Any:
    """The JSON of ``body``, or BodyRefused saying why not (a syntax error is left to FastAPI's
    ``json_invalid``, which names the position)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BodyRefused(
            ApiError(
                MALFORMED,
                "The request body is not UTF-8 (byte {position}); send JSON as UTF-8.",
                status=400,
                position=exc.start,
            )
        ) from None
    try:
        return json.loads(text.removeprefix(BOM), object_pairs_hook=_unique_keys)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise BodyRefused(
            ApiError(
                MALFORMED,
                "The request body nests JSON arrays or objects too deeply to read; the protocol's are a few levels deep.",
                status=400,
            )
        ) from None
    except ValueError:  # the only other: an integer longer than Python reads
        limit = sys.get_int_max_str_digits()
        raise BodyRefused(
            ApiError(
                MALFORMED,
                "The request body holds a number of more than {limit} digits; no value is that long.",
                status=400,
                limit=limit,
            )
        ) from None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        keys = [key for key, _ in pairs]
        twice = next(key for index, key in enumerate(keys) if key in keys[:index])
        raise BodyRefused(
            ApiError(
                MALFORMED,
                "The request body names the key {key!r} twice in one object; send each key once.",
                status=400,
                key=twice,
            )
        )
    return found


class StrictJsonRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = loads(await self.body())
        return self._json


class StrictJsonRoute(APIRoute):
    """A route whose request body is read by ``loads`` (FastAPI's documented custom-request hook)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            return await handler(StrictJsonRequest(request.scope, request.receive))

        return strict_handler


async def refused_body(request: Request, exc: Exception) -> Response:
    """The answer to BodyRefused: the error body every other refusal has."""
    assert isinstance(exc, BodyRefused)
    body = ErrorResponse(error=exc.error.body()).model_dump(mode="json")
    return JSONResponse(body, status_code=exc.error.status)
