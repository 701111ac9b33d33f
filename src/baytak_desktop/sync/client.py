"""The HTTP side of the sync client (httpx): retries, error mapping, resumable blob upload.

Every request the client makes is safe to repeat (pushes by changeset_id, blob chunks by offset,
pulls by revision), so a connection error, a timeout or a 5xx answer is retried with exponential
backoff. A 503 or 429 that says when to come back (``Retry-After``) is honoured: the client waits
that long, never longer than ``busy_wait`` seconds in all, then gives up with a message. What is
still failing after the last attempt becomes a domain error that says what to do. Every loop here is
bounded: an upload the server keeps refusing at the same offset stops after a few tries.

Every answer is checked here, for the command line and the window alike (``SyncClient.read``,
``_is_ours``): a field network's page in the server's place (a Wi-Fi sign-in page with 200, a redirect
to one, a 511, a filter's or proxy's page, an empty or foreign body) becomes ``NotBaytakAnswer``,
said in the person's language, never the JSON reader's English or a refusal "Found (302)".
"""

from __future__ import annotations

import json
import random
import ssl
import time
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

import httpx

from baytak_desktop.i18n import Sentence
from baytak_desktop.library_failures import library_reason
from baytak_desktop.sync.errors import (
    AccountDisabled,
    NoConnection,
    NotBaytakAnswer,
    ServerFailed,
    ServerRefused,
    SignInRequired,
    UploadStuck,
)
from baytak_desktop.sync.protocol import API_PREFIX, BLOB_CHUNK, BlobStatus
from baytak_desktop.sync.records import said_template

T = TypeVar("T")

RETRY_STATUSES = {500, 502, 503, 504}
WAIT_STATUSES = {429, 503}  # honoured when they say when to come back (Retry-After)
MAX_WAIT_EACH = 60.0  # one Retry-After is honoured up to this many seconds
STUCK_UPLOAD = 4  # offset refusals without the server taking a chunk before an upload gives up


class SyncClient:
    """One server, one token. ``attempts`` tries per request, waiting ``backoff`` * 2**n between them."""

    def __init__(
        self,
        server_url: str,
        token: str | None = None,
        *,
        store: str = "STORE.gpkg",
        timeout: float = 30.0,
        attempts: int = 5,
        backoff: float = 0.5,
        pending: Callable[[], int] | None = None,
        busy_wait: float = 600.0,
    ) -> None:
        self.server_url = server_url.rstrip("/")
        self.store = store
        self.attempts = attempts
        self.backoff = backoff
        self.busy_wait = busy_wait
        self.pending = pending or (lambda: 0)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.http = httpx.Client(
            base_url=self.server_url,
            headers=headers,
            timeout=timeout,
            verify=tls_context() if self.server_url.startswith("https:") else False,
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """Send with retries; 2xx (and 404 for HEAD) come back, everything else is raised."""
        url = path if path.startswith("/healthz") else API_PREFIX + path
        attempt, waited = 0, 0.0
        while True:
            last = attempt >= self.attempts - 1
            try:
                response = self.http.request(method, url, **kwargs)
            except httpx.DecodingError as exc:  # a body whose Content-Encoding lies: no server of ours sent it
                raise NotBaytakAnswer(server=self.server_url) from exc
            except httpx.TransportError as exc:  # refused, reset, timed out, closed before answering
                if last:
                    raise NoConnection(
                        server=self.server_url, count=self.pending(), reason=library_reason(exc)
                    ) from exc
            else:
                wait = _retry_after(response)
                if wait is not None and waited + wait <= self.busy_wait:
                    waited += wait
                    time.sleep(wait)
                    continue  # the server said when: that is not a failed attempt
                if response.status_code not in RETRY_STATUSES:
                    return self._check(response)
                if last:
                    self._raise_server_failed(response)
            time.sleep(self.backoff * 2**attempt)
            attempt += 1

    def json(self, method: str, path: str, **kwargs: Any) -> Any:
        """The 2xx answer's JSON, or NotBaytakAnswer when it is none (a sign-in page, an empty body)."""
        return self.read(method, path, json.loads, **kwargs)

    def read(self, method: str, path: str, reader: Callable[[bytes], T], **kwargs: Any) -> T:
        """The 2xx answer read by ``reader`` (a model's ``model_validate_json``), through the check every
        answer goes through: what is no answer of ours becomes NotBaytakAnswer, never the reader's English."""
        return read_answer(self.server_url, reader, self.request(method, path, **kwargs).content)

    def _check(self, response: httpx.Response) -> httpx.Response:
        if response.is_success or (response.request.method == "HEAD" and response.status_code == 404):
            return response
        if not _is_ours(response):
            # a redirect to a sign-in page, a portal's 511, a proxy's 403 or 413 page: no refusal of ours
            raise NotBaytakAnswer(server=self.server_url)
        code, message, details = _error_of(response)
        if code == "account_disabled":  # not an expired sign-in: signing in again cannot help
            raise AccountDisabled(server=self.server_url, reason=message)
        if response.status_code == 401 and code != "bad_credentials":
            raise SignInRequired(server=self.server_url, store=self.store, reason=message)
        raise ServerRefused(
            server=self.server_url, code=code, reason=message, status=response.status_code, details=details
        )

    def _raise_server_failed(self, response: httpx.Response) -> None:
        code, message, _ = _error_of(response)
        raise ServerFailed(server=self.server_url, code=code or response.status_code, reason=message)

    # -- blobs ------------------------------------------------------------------------------------
    def has_blob(self, sha256: str) -> bool:
        return self.request("HEAD", f"/blobs/{sha256}").status_code == 200

    def upload_blob(self, sha256: str, data: bytes, chunk: int = BLOB_CHUNK) -> None:
        """Resumable upload: ask how much arrived, send the rest chunk by chunk with Content-Range.

        A server that answers a chunk with another offset is followed (to byte 0 when its partial
        upload disagrees with this file: the server then replaces it); one that refuses more than
        ``STUCK_UPLOAD`` chunks in a row without taking one is given up on with a message."""
        if self.has_blob(sha256):
            return
        total = len(data)
        received = self._received(sha256)
        received = 0 if received > total else received
        refusals = 0  # offset refusals since the server last took a chunk
        while received < total:
            end = min(received + chunk, total) - 1
            headers = {"Content-Type": "application/octet-stream", "Content-Range": f"bytes {received}-{end}/{total}"}
            try:
                status = self.read(
                    "PUT",
                    f"/blobs/{sha256}",
                    BlobStatus.model_validate_json,
                    content=data[received : end + 1],
                    headers=headers,
                )
            except ServerRefused as exc:
                if exc.code != "upload_offset_mismatch":
                    raise
                refusals += 1
                if refusals > STUCK_UPLOAD:
                    raise UploadStuck(server=self.server_url, sha256=sha256, offset=received) from exc
                offered = int(exc.details.get("received") or 0)
                # follow the server; if it names the offset just refused, start again from byte 0
                received = offered if 0 <= offered < total and offered != received else 0
                continue
            if status.complete:
                return
            refusals = 0
            received = status.received

    def _received(self, sha256: str) -> int:
        try:
            return self.read("GET", f"/blobs/{sha256}/status", BlobStatus.model_validate_json).received
        except ServerRefused as exc:
            if exc.status == 404:
                return 0
            raise

    def download_blob(self, sha256: str) -> bytes:
        return self.request("GET", f"/blobs/{sha256}").content


@lru_cache(maxsize=1)
def tls_context() -> ssl.SSLContext:
    """httpx's default verifying context, built once per process: loading the CA bundle holds the GIL
    for ~25 ms, which a sync on a worker thread must not do at every run (the UI thread waits). A
    plain-http server gets no TLS context at all (redirects are not followed, so no request can leave
    for an https address unverified)."""
    return httpx.create_ssl_context()


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds to wait before asking again, when a busy or rate-limiting answer says so (capped at
    ``MAX_WAIT_EACH``, with a little jitter so that a burst of clients does not come back at once)."""
    if response.status_code not in WAIT_STATUSES:
        return None
    header = response.headers.get("retry-after", "")
    if not header.strip().isdigit():
        return None
    seconds = float(header.strip())
    if seconds > MAX_WAIT_EACH:
        return None  # longer than a sync should sit waiting: say so instead
    return seconds + random.uniform(0, min(1.0, seconds / 2 + 0.1))


def read_answer(server: str, read: Callable[..., T], *args: Any) -> T:
    """``read(*args)`` (a model read from a 2xx answer), or NotBaytakAnswer when the answer is none of ours."""
    try:
        return read(*args)
    except ValueError as exc:  # pydantic's ValidationError and a JSON decoding error both are ValueErrors
        raise NotBaytakAnswer(server=server) from exc


def _said_message(message: str, details: dict[str, Any]) -> str:
    """The server's English message, kept as a sentence with the template and parameters its details
    carry (``details.template``/``details.params``), so that a refusal of a whole request (a viewer's
    upload, a resolve, "too many refused changes") is said in the reader's language where it is shown;
    the English as sent when there are none (an older server) or they do not give back that message."""
    template, params = said_template(details)
    if template is None or params is None:
        return message
    try:
        said = Sentence(template, **json.loads(params))
    except (TypeError, ValueError):
        return message
    return said if str(said) == message else message


NEVER_OURS = {407, 511}  # a proxy's or a network's sign-in: a Baytak server never asks for either


def _is_ours(response: httpx.Response) -> bool:
    """Whether an error answer is one a Baytak server sends: its ErrorBody, or the web framework's
    ``{"detail": ...}`` for a route or method it does not know. A Baytak server never redirects, and
    an answer to HEAD has no body to tell by."""
    if 300 <= response.status_code < 400 or response.status_code in NEVER_OURS:
        return False
    if response.request.method == "HEAD":
        return True
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and (isinstance(body.get("error"), dict) or "detail" in body)


def _error_of(response: httpx.Response) -> tuple[str, str, dict[str, Any]]:
    """(code, message, details) of an error answer, whatever its shape."""
    try:
        body = response.json()
        error = body.get("error") if isinstance(body, dict) else None
        if isinstance(error, dict):
            details = error.get("details")
            details = details if isinstance(details, dict) else {}
            return str(error.get("code", "")), _said_message(str(error.get("message", "")), details), details
        if isinstance(body, dict) and "detail" in body:
            return str(response.status_code), str(body["detail"]), {}
    except ValueError:
        pass
    # a proxy's or a portal's page: its status said in words, never the page's HTML
    return str(response.status_code), response.reason_phrase or httpx.codes.get_reason_phrase(response.status_code), {}
