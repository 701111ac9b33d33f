"""Attachment endpoints: HEAD to ask, PUT chunks to upload (resumable), GET to download."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Path, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from baytak_desktop.server import blobs, rights
from baytak_desktop.server.apierrors import ApiError
from baytak_desktop.server.limits import header_number
from baytak_desktop.server.routes import Db, Me, Settings, api
from baytak_desktop.sync.protocol import SHA256_PATTERN, BlobStatus, ErrorCode

SHA256_PATH = "/blobs/{sha256}"
Sha256Path = Annotated[str, Path(pattern=SHA256_PATTERN, description="SHA-256 of the bytes, 64 lowercase hex digits")]


@api.head(
    SHA256_PATH,
    tags=["blobs"],
    response_class=Response,
    responses={200: {"description": "the blob is complete"}, 404: {"description": "not (yet) complete"}},
)
def head_blob(sha256: Sha256Path, me: Me, db: Db) -> Response:
    """Does the server hold the whole blob? 200 yes, 404 no (ask /status for a partial upload)."""
    size = blobs.size_if_complete(db, blobs.check_name(sha256))
    return Response(status_code=404 if size is None else 200)


@api.get(SHA256_PATH + "/status", response_model=BlobStatus, tags=["blobs"])
def blob_status(sha256: Sha256Path, me: Me, db: Db) -> BlobStatus:
    """How many bytes of an upload arrived: the next chunk starts at ``received``."""
    return blobs.status(db, blobs.check_name(sha256))


@api.put(
    SHA256_PATH,
    response_model=BlobStatus,
    tags=["blobs"],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        },
        "parameters": [
            {
                "name": "Content-Range",
                "in": "header",
                "required": True,
                "schema": {"type": "string", "pattern": r"^bytes \d+-\d+/\d+$"},
            }
        ],
    },
)
async def put_blob(sha256: Sha256Path, request: Request, me: Me, db: Db, config: Settings) -> BlobStatus:
    """Upload one chunk: ``Content-Range: bytes START-END/TOTAL``, END inclusive."""
    blobs.check_name(sha256)
    refusal = rights.upload_refusal(me)
    if refusal is not None:
        raise ApiError(ErrorCode.forbidden, "Not allowed: {reason}.", reason=refusal)
    span = blobs.parse_range(request.headers.get("content-range"), config)
    length = header_number(request.headers.get("content-length", ""))
    if length is not None and length != span.length:
        raise _length_mismatch(length, span.length)
    data = bytearray()
    async for piece in request.stream():
        data += piece
        if len(data) > span.length:
            raise _length_mismatch(len(data), span.length, "at least ")
    return await run_in_threadpool(blobs.put_chunk, db, config, me, sha256, span, bytes(data))


def _length_mismatch(got: int, want: int, more: str = "") -> ApiError:
    """A body of another length than its Content-Range is a malformed chunk (400), not a large one."""
    return ApiError(
        ErrorCode.malformed_request,
        "The chunk has {more}{got} bytes but Content-Range says {want}.",
        status=400,
        more=more,
        got=got,
        want=want,
    )


@api.get(
    SHA256_PATH,
    tags=["blobs"],
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            "description": "the bytes",
        }
    },
)
def get_blob(sha256: Sha256Path, me: Me, db: Db) -> StreamingResponse:
    size = blobs.size_if_complete(db, blobs.check_name(sha256))
    if size is None:
        raise ApiError(ErrorCode.not_found, "The server has no complete attachment {sha256}.", sha256=sha256)
    chunks: Iterator[bytes] = blobs.read(db, sha256)
    return StreamingResponse(chunks, media_type="application/octet-stream", headers={"Content-Length": str(size)})
