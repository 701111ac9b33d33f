"""The central server's FastAPI application: ``create_app(database_url, **settings)``.

The app keeps no state of its own between requests: everything (accounts, tokens, failed sign-ins,
revisions, uploads) is in the database, so several processes on one PostgreSQL behave as one server.
Every error leaves as ``{"error": {"code", "message", "details"}}``, never as a traceback.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import psycopg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from baytak_desktop import __version__
from baytak_desktop.server import framework_refusals as refusals
from baytak_desktop.server import routes, routes_blobs  # noqa: F401  (routes_blobs adds the blob endpoints)
from baytak_desktop.server.apierrors import ApiError
from baytak_desktop.server.db import open_database
from baytak_desktop.server.db.busy import RETRY_AFTER_SECONDS, DatabaseBusy, is_busy
from baytak_desktop.server.db.migrations import migrate
from baytak_desktop.server.limits import BodyTooLarge, RequestLimits
from baytak_desktop.server.settings import ServerSettings
from baytak_desktop.server.strict_json import BodyRefused, refused_body
from baytak_desktop.sync.protocol import PROTOCOL_VERSION, ErrorBody, ErrorCode, ErrorResponse

log = logging.getLogger(__name__)
DESCRIPTION = f"""The central server of Baytak GIS, protocol **{PROTOCOL_VERSION}**.

Sign in with `POST /api/v1/login`, then send `Authorization: Bearer <token>`. Push changesets, pull changes by
server revision, resolve conflicts, upload attachments by SHA-256. See docs/sync-protocol.md.
"""
_HTTP_CODES = {
    401: ErrorCode.unauthorized,
    403: ErrorCode.forbidden,
    404: ErrorCode.not_found,
    413: ErrorCode.payload_too_large,
    415: ErrorCode.unsupported_media_type,
}


def create_app(database_url: str, **settings: Any) -> FastAPI:
    """The server on ``database_url`` (``sqlite:///FILE`` or ``postgresql://...``), its tables migrated."""
    config = ServerSettings.from_kwargs(**settings)
    db = open_database(database_url)
    gate = getattr(db, "gate", None)
    if gate is not None:
        gate.wait = config.write_wait_seconds
    migrate(db, config.now_text())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(title="Baytak sync server", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.db = db
    app.state.settings = config
    app.include_router(routes.router)
    app.include_router(routes.api)
    app.add_middleware(RequestLimits, settings=config)
    _install_error_handlers(app)
    app.add_exception_handler(BodyRefused, refused_body)
    return app


def error_response(status: int, body: ErrorBody, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(ErrorResponse(error=body).model_dump(mode="json"), status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        if exc.code is ErrorCode.rate_limited:
            headers = {"Retry-After": str(exc.details.get("retry_after", 1))}
        return error_response(exc.status, exc.body(), headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        refusal = refusals.validation_refusal(exc.errors())
        return error_response(refusal.status, refusal.body())

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        headers = dict(exc.headers or {})
        if exc.status_code == 405:  # Starlette names the methods of one route; a path may have several
            allowed = ", ".join(allowed_methods(app, request))
            headers["Allow"] = allowed
            if request.method == "OPTIONS":
                return Response(status_code=204, headers=headers)
            return error_response(405, refusals.method_refusal(request.method, allowed).body(), headers)
        if exc.status_code == 404:
            return error_response(404, refusals.unknown_path(request.method, request.url.path).body(), headers)
        if isinstance(exc, BodyTooLarge):
            return error_response(413, refusals.too_large(exc.limit).body(), headers)
        code = _HTTP_CODES.get(exc.status_code, ErrorCode.malformed_request)
        body = ErrorBody(code=code, message=str(exc.detail))  # none other is raised: the framework's words
        return error_response(exc.status_code, body, headers)

    async def busy_or_fault(request: Request, exc: Exception) -> JSONResponse:
        if is_busy(exc):
            return busy_response(exc)
        raise exc  # a fault: answered 500 by the handler below

    for busy_kind in (DatabaseBusy, sqlite3.OperationalError, psycopg.OperationalError):
        app.add_exception_handler(busy_kind, busy_or_fault)

    @app.exception_handler(Exception)
    async def fault(request: Request, exc: Exception) -> JSONResponse:
        if is_busy(exc):
            return busy_response(exc)
        log.exception("internal error on %s %s", request.method, request.url.path)
        return error_response(500, refusals.fault().body())


def allowed_methods(app: FastAPI, request: Request) -> list[str]:
    """Every method the API documents for the request's path (read from the OpenAPI paths, so a path
    served by several routes lists them all), and OPTIONS."""
    if not hasattr(app.state, "path_methods"):
        app.state.path_methods = [
            (re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "$"), set(operations))
            for path, operations in app.openapi()["paths"].items()
        ]
    methods = {"OPTIONS"}
    for pattern, operations in app.state.path_methods:
        if pattern.match(request.url.path):
            methods |= {m.upper() for m in operations}
            methods |= {"HEAD"} if "get" in operations else set()
    order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    return sorted(methods, key=lambda m: order.index(m) if m in order else len(order))


def busy_response(exc: BaseException) -> JSONResponse:
    """503 with Retry-After: the database was busy before anything was written."""
    seconds = exc.retry_after if isinstance(exc, DatabaseBusy) else RETRY_AFTER_SECONDS
    return error_response(503, refusals.busy(seconds).body(), {"Retry-After": str(seconds)})
