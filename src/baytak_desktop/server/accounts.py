"""Accounts, passwords, bearer tokens and the failed sign-in limit, all kept in the database.

Passwords are hashed with scrypt (stdlib ``hashlib.scrypt``, per-password salt, cost in the hash text
so it can grow later). Tokens are 256 random bits shown to the client once; the server keeps only
their SHA-256, so a copy of the database does not let anyone sign in. Failed sign-ins are rows, not
process memory: every server process sharing the database enforces the same limit.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass, replace
from typing import Any

from baytak_desktop.errors import BaytakError
from baytak_desktop.layers import BRANCHES
from baytak_desktop.server import usernames
from baytak_desktop.server.apierrors import ApiError
from baytak_desktop.server.db import Tx
from baytak_desktop.server.settings import ServerSettings, iso, parse_iso
from baytak_desktop.sync.protocol import ErrorCode, LoginRequest, Role, TokenResponse, UserInfo

_DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
BRANCH_ROLES = (Role.reporter, Role.editor, Role.coordinator)  # roles that belong to one branch


class AccountError(BaytakError):
    """An account command that cannot be done (a name taken, an unknown branch)."""


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    role: Role
    branch: str | None
    disabled: bool = False
    device_id: str | None = None  # the device the request's token was issued to (None off the wire)

    def info(self) -> UserInfo:
        return UserInfo(username=self.username, role=self.role, branch=self.branch)


_ACCOUNT_COLUMNS = "id, username, role, branch, disabled"
# A name in either Unicode spelling (an account made before names were kept in NFC may be in NFD), the
# NFC one first when both exist.
_NAMED = "username IN (?, ?) ORDER BY CASE WHEN username = ? THEN 0 ELSE 1 END LIMIT 1"


def _account(row: tuple[Any, ...]) -> Account:
    return Account(int(row[0]), row[1], Role(row[2]), row[3], bool(row[4]))


def hash_password(password: str, n: int = 2**14) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=8, p=1, dklen=32)
    return f"scrypt${n}$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(tx: Tx, settings: ServerSettings, username: str, password: str, role: Role, branch: str | None) -> Account:
    """Create an account. Reporters, editors and coordinators belong to a branch; admins need none."""
    username = usernames.spelled(username)
    if not username or len(username) > 200:
        raise AccountError("A user name must have 1 to 200 characters.")
    if unseen := usernames.unseen_character(username):
        raise AccountError("A user name cannot hold the character {code}, which nobody sees; remove it.", code=unseen)
    if branch is not None and branch not in BRANCHES.codes:
        raise AccountError(
            "{branch!r} is not a branch code; use one of: {codes}.", branch=branch, codes=", ".join(BRANCHES.codes)
        )
    if branch is None and role in BRANCH_ROLES:
        raise AccountError("A {role} belongs to a branch: give --branch CODE.", role=role.value)
    if len(password) < 8:
        raise AccountError("The password must have at least 8 characters.")
    if tx.one("SELECT 1 FROM baytak_users WHERE username = ?", (username,)):
        raise AccountError("There is already a user named {name!r}.", name=username)
    twin = next(
        (a.username for a in list_users(tx) if usernames.skeleton(a.username) == usernames.skeleton(username)), None
    )
    if twin is not None:
        raise AccountError(
            "The name {name!r} looks like the existing user {twin!r}; choose a name nobody can take for it.",
            name=username,
            twin=twin,
        )
    row = tx.one(
        f"INSERT INTO baytak_users (username, password_hash, role, branch, created_at) "
        f"VALUES (?, ?, ?, ?, ?) RETURNING {_ACCOUNT_COLUMNS}",
        (username, hash_password(password, settings.scrypt_n), role.value, branch, settings.now_text()),
    )
    assert row is not None
    return _account(row)


def list_users(tx: Tx) -> list[Account]:
    return [_account(row) for row in tx.query(f"SELECT {_ACCOUNT_COLUMNS} FROM baytak_users ORDER BY username")]


def find_user(tx: Tx, username: str) -> Account:
    row = tx.one(f"SELECT {_ACCOUNT_COLUMNS} FROM baytak_users WHERE {_NAMED}", usernames.lookup(username))
    if row is None:
        raise AccountError("There is no user named {name!r}.", name=username)
    return _account(row)


def set_disabled(tx: Tx, settings: ServerSettings, username: str, disabled: bool = True) -> Account:
    """Disable (or re-enable) an account. Disabling also revokes its tokens: re-enabling a person later
    must not bring back a token left on a lost or stolen laptop; they sign in afresh."""
    account = find_user(tx, username)
    tx.execute("UPDATE baytak_users SET disabled = ? WHERE id = ?", (int(disabled), account.id))
    if disabled:
        revoke_tokens(tx, settings, username)
    return find_user(tx, username)


def revoke_tokens(tx: Tx, settings: ServerSettings, username: str | None = None) -> int:
    """Revoke every live token of one user, or of everyone (``username=None``); returns how many."""
    now = settings.now_text()
    if username is None:
        return tx.execute("UPDATE baytak_tokens SET revoked_at = ? WHERE revoked_at IS NULL", (now,))
    account = find_user(tx, username)
    return tx.execute(
        "UPDATE baytak_tokens SET revoked_at = ? WHERE revoked_at IS NULL AND user_id = ?", (now, account.id)
    )


def login(tx: Tx, settings: ServerSettings, request: LoginRequest) -> TokenResponse | ApiError:
    """Check the password and issue a token, or return (not raise) the error, so that the failed
    attempt recorded in this transaction is committed before the error is answered."""
    now = settings.clock()
    request = request.model_copy(update={"username": usernames.spelled(request.username)})  # NFD signs in too
    limited = _rate_limited(tx, settings, request.username, now)
    if limited is not None:
        return limited
    row = tx.one(
        f"SELECT {_ACCOUNT_COLUMNS}, password_hash FROM baytak_users WHERE {_NAMED}", usernames.lookup(request.username)
    )
    if not verify_password(request.password, row[5] if row else _DUMMY_HASH) or row is None:
        tx.execute("INSERT INTO baytak_login_failures (username, at) VALUES (?, ?)", (request.username, iso(now)))
        return ApiError(ErrorCode.bad_credentials, "Wrong user name or password.")
    account = _account(row)
    if account.disabled:
        return ApiError(
            ErrorCode.account_disabled, "The account {name!r} is disabled; ask an administrator.", name=account.username
        )
    tx.execute("DELETE FROM baytak_login_failures WHERE username = ?", (request.username,))
    token = secrets.token_urlsafe(32)
    expires = now + dt.timedelta(days=settings.token_days)
    tx.execute(
        "INSERT INTO baytak_tokens (token_hash, user_id, device_id, device_name, created_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (token_hash(token), account.id, str(request.device_id), request.device_name, iso(now), iso(expires)),
    )
    return TokenResponse(token=token, expires_at=expires, user=account.info())


def _rate_limited(tx: Tx, settings: ServerSettings, username: str, now: dt.datetime) -> ApiError | None:
    window_start = iso(now - dt.timedelta(seconds=settings.login_window_seconds))
    tx.execute("DELETE FROM baytak_login_failures WHERE username = ? AND at < ?", (username, window_start))
    row = tx.one("SELECT count(*), min(at) FROM baytak_login_failures WHERE username = ?", (username,))
    assert row is not None  # an aggregate always gives one row
    count, oldest = row
    if count < settings.login_max_failures:
        return None
    retry = parse_iso(oldest) + dt.timedelta(seconds=settings.login_window_seconds) - now
    seconds = max(1, int(retry.total_seconds()) + 1)
    return ApiError(
        ErrorCode.rate_limited,
        "Too many failed sign-ins for {name!r}; try again in {seconds} s.",
        details={"retry_after": seconds},
        name=username,
        seconds=seconds,
    )


def authenticate(tx: Tx, settings: ServerSettings, authorization: str | None) -> tuple[Account, str]:
    """The account behind an ``Authorization: Bearer`` header, checked on every request."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(ErrorCode.unauthorized, "Sign in first: send Authorization: Bearer <token>.")
    hashed = token_hash(token.strip())
    row = tx.one(
        f"SELECT t.expires_at, t.revoked_at, t.device_id, {', '.join('u.' + c for c in _ACCOUNT_COLUMNS.split(', '))} "
        "FROM baytak_tokens t JOIN baytak_users u ON u.id = t.user_id WHERE t.token_hash = ?",
        (hashed,),
    )
    if row is None:
        raise ApiError(ErrorCode.unauthorized, "This token is unknown or was revoked; sign in again.")
    account = replace(_account(row[3:]), device_id=row[2])
    if account.disabled:  # before the revocation check: disabling revokes, and "disabled" is the useful answer
        raise ApiError(
            ErrorCode.account_disabled, "The account {name!r} is disabled; ask an administrator.", name=account.username
        )
    if row[1] is not None:
        raise ApiError(ErrorCode.unauthorized, "This token is unknown or was revoked; sign in again.")
    if parse_iso(row[0]) <= settings.clock():
        raise ApiError(ErrorCode.token_expired, "Your sign-in expired; sign in again.")
    return account, hashed


def logout(tx: Tx, settings: ServerSettings, hashed: str) -> None:
    tx.execute("UPDATE baytak_tokens SET revoked_at = ? WHERE token_hash = ?", (settings.now_text(), hashed))
