"""Errors the server answers with: a domain error that knows its protocol code and HTTP status.

Raised anywhere below the routes (accounts, push, blobs); the app turns each into
``{"error": {"code", "message", "details"}}``. The message is a template with named parameters like
every other ``BaytakError``, so it says what to do, not only what went wrong.

The English ``message`` is said once for every reader; ``details["template"]`` and ``details["params"]``
(the parameters as JSON text, a sentence among them as ``{"template", "params"}``: ``errors.json_param``)
let a device say it in its person's language. A refusal for its values says each problem: its template
is ``{reasons}`` and ``reasons`` a list of problems (``errors.problem_json``), as a change held on the
device keeps them (sync/hold.py), and the device joins them in its language. Both are plain text, so a device that predates them still
validates the body (``ErrorBody`` forbids new fields, and its details hold no objects).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from baytak_desktop.errors import BaytakError, Problem, SchemaTooNew, json_param, problem_json
from baytak_desktop.sync.protocol import ErrorBody, ErrorCode

STATUS = {
    ErrorCode.unauthorized: 401,
    ErrorCode.token_expired: 401,
    ErrorCode.account_disabled: 401,
    ErrorCode.bad_credentials: 401,
    ErrorCode.rate_limited: 429,
    ErrorCode.forbidden: 403,
    ErrorCode.not_found: 404,
    ErrorCode.malformed_request: 422,
    ErrorCode.unsupported_media_type: 415,
    ErrorCode.payload_too_large: 413,
    ErrorCode.unknown_layer: 422,
    ErrorCode.unknown_field: 422,
    ErrorCode.invalid_value: 422,
    ErrorCode.invalid_geometry: 422,
    ErrorCode.demo_data: 422,
    ErrorCode.missing_blob: 409,
    ErrorCode.hash_mismatch: 422,
    ErrorCode.upload_offset_mismatch: 409,
    ErrorCode.conflict_already_resolved: 409,
    ErrorCode.unsupported_protocol: 400,
    ErrorCode.internal: 500,
    ErrorCode.server_busy: 503,
}


class ConfigError(BaytakError):
    """The server cannot start as configured (a bad database URL, an unreachable database)."""


class ServerSchemaTooNew(SchemaTooNew, ConfigError):
    template = (
        "The server database was written by a newer baytak server (schema {found}, this one knows {known}); "
        "update the server program."
    )


class ApiError(BaytakError):
    """An error answer. ``details`` holds machine-readable facts (``retry_after``, ``missing``...);
    ``problems`` (a refused value's) are what the device says one by one instead of the English summary."""

    def __init__(
        self,
        code: ErrorCode,
        template: str,
        *,
        status: int | None = None,
        details: dict[str, Any] | None = None,
        problems: Sequence[Problem] = (),
        **params: Any,
    ) -> None:
        self.code = code
        self.problems = list(problems)
        self.status = status or STATUS[code]
        self.details = details or {}
        super().__init__(template, **params)

    def body(self) -> ErrorBody:
        said_params: dict[str, object]
        if self.problems:
            template, said_params = "{reasons}", {"reasons": [problem_json(p) for p in self.problems]}
        else:
            template, said_params = self.template, {str(name): json_param(v) for name, v in self.params.items()}
        said = {"template": template, "params": json.dumps(said_params, ensure_ascii=False)}
        return ErrorBody(code=self.code, message=self.message, details={**self.details, **said})
