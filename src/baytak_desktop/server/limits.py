"""Request size and content type, checked before the body is read.

A plain ASGI middleware: a ``Content-Length`` over the limit is answered 413 at once (a 2 GB upload
is refused from its headers, not after two gigabytes arrived); a body without a length is counted as
it streams and cut off at the limit. JSON endpoints refuse any other content type with 415, and every
endpoint a compressed body (``Content-Encoding``, 415): bodies are read as sent, never inflated (a small
gzip can inflate to gigabytes), and a compressed body read as JSON was a bare 400. Blob
chunks have their own, smaller limit, and their total size is checked from ``Content-Range``.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from contextlib import nullcontext
from typing import Any

from starlette.exceptions import HTTPException

from baytak_desktop.server import collector
from baytak_desktop.server import framework_refusals as refusals
from baytak_desktop.server.apierrors import ApiError
from baytak_desktop.server.db.busy import DatabaseBusy
from baytak_desktop.server.settings import ServerSettings
from baytak_desktop.sync.protocol import API_PREFIX, ErrorCode, ErrorResponse

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
BLOBS_PREFIX = API_PREFIX + "/blobs/"
BEYOND_ANY_LIMIT = 10**18  # what a header number of more digits counts as
PUSH_PATH = API_PREFIX + "/changesets"


def header_number(text: str) -> int | None:
    """A byte count in a header: ASCII digits only (``str.isdigit`` and ``\\d`` also take "²" and "٣",
    which ``int`` then refuses or reads), and a number longer than 18 digits counts as 10**18, past
    every limit (``int`` refuses more than 4,300 digits: that was a 500); None when it is no number."""
    if not text.isascii() or not text.isdigit():
        return None
    return int(text) if len(text) <= 18 else BEYOND_ANY_LIMIT


class BodyTooLarge(HTTPException):
    """Raised while the body streams in; an HTTPException so FastAPI's body reader passes it through
    to the error handlers unchanged (it turns other exceptions into a 400)."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"The request is larger than the server accepts ({limit} bytes).")
        self.limit = limit


class RequestLimits:
    def __init__(self, app: ASGIApp, settings: ServerSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}
        limit = (
            self.settings.max_chunk_bytes if scope["path"].startswith(BLOBS_PREFIX) else self.settings.max_json_bytes
        )
        refusal = self._refusal(scope, headers, limit)
        if refusal is not None:
            await _answer(send, refusal)
            return
        if scope["method"] == "POST" and scope["path"] == PUSH_PATH:
            busy = _queue_too_long(scope)
            if busy is not None:
                await _answer(send, busy, {"retry-after": str(busy.details["retry_after"])})
                return
        started = False

        async def counting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                counting_receive.seen += len(message.get("body", b""))  # type: ignore[attr-defined]
                if counting_receive.seen > limit:  # type: ignore[attr-defined]
                    raise BodyTooLarge(limit)
            return message

        counting_receive.seen = 0  # type: ignore[attr-defined]

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        pushing = scope["method"] == "POST" and scope["path"] == PUSH_PATH
        try:
            with collector.paused() if pushing else nullcontext():
                await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _answer(send, refusals.too_large(limit))

    def _refusal(self, scope: Scope, headers: dict[str, str], limit: int) -> ApiError | None:
        length = header_number(headers.get("content-length", ""))
        if length is not None and length > limit:
            return refusals.too_large(limit)
        has_body = (length is not None and length > 0) or "transfer-encoding" in headers
        encoding = headers.get("content-encoding", "identity").strip().lower()
        if has_body and encoding not in ("", "identity"):  # read as sent: no inflating past the size limit
            return ApiError(
                ErrorCode.unsupported_media_type,
                "Send the body as it is, without Content-Encoding {encoding!r}; the server does not inflate.",
                encoding=encoding,
            )
        is_json_endpoint = scope["path"].startswith(API_PREFIX) and not scope["path"].startswith(BLOBS_PREFIX)
        if scope["method"] in ("POST", "PUT", "PATCH") and has_body and is_json_endpoint:
            media = headers.get("content-type", "").split(";")[0].strip().lower()
            if media != "application/json":
                return ApiError(
                    ErrorCode.unsupported_media_type,
                    "Send JSON with Content-Type: application/json, not {media!r}.",
                    media=media or "none",
                )
        return None


def _queue_too_long(scope: Scope) -> ApiError | None:
    """A push arriving while the SQLite writers' queue is longer than it would wait: 503 before its body
    is read (the database's gate knows the queue; PostgreSQL has no gate and queues on its own)."""
    app = scope.get("app")
    gate = getattr(getattr(getattr(app, "state", None), "db", None), "gate", None)
    if gate is None:
        return None
    try:
        gate.refuse_early()
    except DatabaseBusy as busy:
        return refusals.busy(busy.retry_after)
    return None


async def _answer(send: Send, error: ApiError, extra: dict[str, str] | None = None) -> None:
    body = json.dumps(ErrorResponse(error=error.body()).model_dump(mode="json"), ensure_ascii=False).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    headers += [(key.encode(), value.encode()) for key, value in (extra or {}).items()]
    await send({"type": "http.response.start", "status": error.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
