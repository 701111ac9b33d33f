"""Signing in, and opening a client for a store that is signed in.

A store is tied to one server (``baytak_sync_state.server_url``) and has its own device id; its token
is looked up in the credentials file by both, so two stores on one laptop are two devices.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import SplitResult, urlsplit

from baytak_desktop.store import Store
from baytak_desktop.sync import credentials as tokens
from baytak_desktop.sync import outbox
from baytak_desktop.sync.client import SyncClient
from baytak_desktop.sync.credentials import Credentials, normalize_url
from baytak_desktop.sync.errors import DemoStore, NotAServer, NotSignedIn, WrongServer
from baytak_desktop.sync.protocol import MAX_PAGE, LoginRequest, TokenResponse


@dataclass(frozen=True)
class ClientOptions:
    """How patient the client is: attempts per request, first backoff (doubling), timeout in seconds;
    and how many feature states it asks for per pull page."""

    attempts: int = 5
    backoff: float = 0.5
    timeout: float = 30.0
    page_size: int = MAX_PAGE  # one transaction (one fsync) per page: big pages apply faster


def open_client(store: Store, credentials: Credentials, options: ClientOptions | None = None) -> SyncClient:
    """The one way from a store to its server (sync, resolve, history): never for a demo store."""
    refuse_demo(store)
    options = options or ClientOptions()
    return SyncClient(
        credentials.server_url,
        credentials.token,
        store=str(store.path),
        timeout=options.timeout,
        attempts=options.attempts,
        backoff=options.backoff,
        pending=lambda: _pending(store.conn),
    )


def _pending(conn: sqlite3.Connection) -> int:
    return outbox.pending_count(conn)


def server_url(store: Store) -> str | None:
    url = store.conn.execute("SELECT server_url FROM baytak_sync_state").fetchone()[0]
    return None if url is None else str(url)


def refuse_demo(store: Store) -> None:
    """Nothing of a demo store goes to a server: not a sign-in, not a sync (issue 14)."""
    if store.is_demo:
        raise DemoStore(store=str(store.path))


def signed_in(store: Store) -> Credentials:
    """The credentials of this store's device on its server, or NotSignedIn saying how to sign in."""
    url = server_url(store)
    found = tokens.load(url, store.device_id) if url else None
    if found is None:
        raise NotSignedIn(store=str(store.path))
    return found


def server_address(url: str) -> str:
    """``url`` without the slash at its end, checked to be an http(s) address with a host; with no scheme
    typed, https (as the sign-in dialog does: a party server is behind HTTPS)."""
    typed = url.strip()
    url = normalize_url(typed if "://" in typed else f"https://{typed}")
    try:
        parts = urlsplit(url)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and _port_ok(parts)
    except ValueError:  # a port that is not a number, brackets out of place
        valid = False
    if not valid or any(c.isspace() for c in url):
        raise NotAServer(server=typed)
    return url


def _port_ok(parts: SplitResult) -> bool:
    """Reading ``.port`` raises ValueError for a port that is no number or out of range."""
    return parts.port is None or parts.port > 0


def login(
    store_path: str | Path, url: str, username: str, password: str, options: ClientOptions | None = None
) -> Credentials:
    """Sign in; the token goes to the credentials file, the server URL into the store."""
    url = server_address(url)
    options = options or ClientOptions()
    with Store.open(store_path) as store:
        refuse_demo(store)
        known, pulled = store.conn.execute("SELECT server_url, last_pulled_rev FROM baytak_sync_state").fetchone()
        if known and normalize_url(known) != url and pulled > 0:
            raise WrongServer(store=str(store_path), known=known, server=url)
        request = LoginRequest(
            username=username, password=password, device_id=store.device_id, device_name=Path(store_path).name
        )
        with SyncClient(
            url, store=str(store_path), timeout=options.timeout, attempts=options.attempts, backoff=options.backoff
        ) as client:
            answer = client.read(
                "POST", "/login", TokenResponse.model_validate_json, json=request.model_dump(mode="json")
            )
        found = Credentials(
            url,
            store.device_id,
            answer.token,
            answer.user.username,
            answer.expires_at.isoformat(),
            answer.user.role.value,
            answer.user.branch,
        )
        tokens.save(found)
        with store.session() as conn:
            conn.execute("UPDATE baytak_sync_state SET server_url = ?", (url,))
    return found
