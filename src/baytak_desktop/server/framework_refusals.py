"""The answers FastAPI and Starlette would give in their own English (a body of the wrong shape, an
unknown path or method, a fault) as ``ApiError``s, so they carry ``details.template`` and
``details.params`` like every other refusal and a device says them in its person's language.

The English ``message`` stays plain text for a device that predates templates; ``details.errors`` keeps
the framework's own lines for whoever debugs a client (they are diagnostics, not what a person reads).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from baytak_desktop.errors import phrase
from baytak_desktop.server.apierrors import ApiError
from baytak_desktop.sync.protocol import PROTOCOL_VERSION, ErrorCode

MAX_SAID = 3  # the problems said in the message; details.errors lists up to 50


def validation_refusal(errors: Sequence[Any]) -> ApiError:
    """Not JSON -> 400; a protocol other than ours -> 400 unsupported_protocol; wrong shape -> 422."""
    errors = list(errors)
    lines = [f"{_place(e)}: {e.get('msg', '')}" for e in errors]
    if any(e.get("type") == "json_invalid" for e in errors):
        return ApiError(
            ErrorCode.malformed_request,
            "The request body is not valid JSON.",
            status=400,
            details={"errors": lines[:20]},
        )
    if any(tuple(e.get("loc", ()))[-1:] == ("protocol",) for e in errors):
        return ApiError(
            ErrorCode.unsupported_protocol,
            "This server speaks {protocol}; update the app.",
            details={"protocol": PROTOCOL_VERSION},
            protocol=PROTOCOL_VERSION,
        )
    said = [shape_phrase(e) for e in errors[:MAX_SAID]]
    details = {"errors": lines[:50]}
    if len(errors) > MAX_SAID:
        return ApiError(
            ErrorCode.malformed_request,
            "The request does not have the expected shape: {found}; and {more} more.",
            details=details,
            found=_joined(said),
            more=len(errors) - MAX_SAID,
        )
    return ApiError(
        ErrorCode.malformed_request,
        "The request does not have the expected shape: {found}.",
        details=details,
        found=_joined(said),
    )


def shape_phrase(error: Any) -> dict[str, Any]:
    """One of pydantic's findings in a request as a phrase: where, and what is wrong, in our words."""
    kind, place = str(error.get("type", "")), _place(error)
    if kind == "missing":
        return phrase("{place} is missing", place=place)
    if kind == "extra_forbidden":
        return phrase("{place} is not expected here", place=place)
    if kind in ("literal_error", "enum"):
        return phrase("{place} is not one of the allowed values", place=place)
    if kind.startswith(("string_too_long", "too_long")):
        return phrase("{place} is too long", place=place)
    if kind.startswith(("string_too_short", "too_short")):
        return phrase("{place} is too short or empty", place=place)
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal", "finite_number"):
        return phrase("{place} is out of range", place=place)
    if kind.endswith(("_type", "_parsing")):
        return phrase("{place} has the wrong type", place=place)
    return phrase("{place} is not valid", place=place)


def _joined(phrases: list[dict[str, Any]]) -> dict[str, Any]:
    """Up to three phrases as one, joined by "; " (the same in every language)."""
    joined = phrases[0]
    for after in phrases[1:]:
        joined = phrase("{first}; {second}", first=joined, second=after)
    return joined


def _place(error: Any) -> str:
    """``("body", "changes", 0, "op")`` -> ``body.changes.0.op``: the key a client developer looks for."""
    return ".".join(str(part) for part in error.get("loc", ()))


def unknown_path(method: str, path: str) -> ApiError:
    return ApiError(ErrorCode.not_found, "There is no {method} {path} on this server.", method=method, path=path)


def method_refusal(method: str, allowed: str) -> ApiError:
    return ApiError(
        ErrorCode.malformed_request,
        "{method} is not allowed here; use {allowed}.",
        status=405,
        method=method,
        allowed=allowed,
    )


def too_large(limit: int) -> ApiError:
    """A body cut off at the limit while it streamed (limits.BodyTooLarge, raised inside the app)."""
    return ApiError(
        ErrorCode.payload_too_large,
        "The request is larger than the server accepts ({limit} bytes).",
        details={"limit": limit},
        limit=limit,
    )


def fault() -> ApiError:
    return ApiError(
        ErrorCode.internal,
        "The server failed; nothing was changed. Try again; if it persists, tell the administrator.",
    )


def busy(seconds: int) -> ApiError:
    return ApiError(
        ErrorCode.server_busy,
        "The server is busy; nothing was changed. Try again in {seconds} s.",
        details={"retry_after": seconds},
        seconds=seconds,
    )
