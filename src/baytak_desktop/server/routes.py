"""The HTTP endpoints of baytak-sync/1 (see docs/sync-protocol.md). Thin: each checks the token,
calls one function of the server package and returns its model."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from baytak_desktop.layers import LAYERS
from baytak_desktop.server import accounts, audit, pull, push, resolve, rights
from baytak_desktop.server.accounts import Account
from baytak_desktop.server.apierrors import ApiError
from baytak_desktop.server.db import Database
from baytak_desktop.server.settings import ServerSettings
from baytak_desktop.server.strict_json import StrictJsonRoute
from baytak_desktop.sync.protocol import (
    API_PREFIX,
    DEFAULT_PAGE,
    MAX_PAGE,
    PROTOCOL_VERSION,
    ChangesetIn,
    ChangesetResult,
    ChangesPage,
    ConflictRecord,
    ErrorCode,
    ErrorResponse,
    FeatureState,
    LoginRequest,
    ResolveRequest,
    TokenResponse,
    UserInfo,
)

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": text}
    for status, text in {
        400: "malformed JSON or an unsupported protocol",
        401: "no valid token",
        403: "the role does not allow it",
        404: "no such thing",
        409: "a conflict with the server's state",
        413: "too large",
        415: "not JSON",
        422: "a value the rules refuse",
        429: "too many failed sign-ins, refused changes or open uploads; see Retry-After",
        500: "a server fault; nothing was changed",
        503: "the server is busy; nothing was changed, try again after Retry-After seconds",
    }.items()
}

bearer = HTTPBearer(auto_error=False, description="the token from POST /api/v1/login")
router = APIRouter(responses=ERROR_RESPONSES, route_class=StrictJsonRoute)
api = APIRouter(prefix=API_PREFIX, responses=ERROR_RESPONSES, route_class=StrictJsonRoute)


# A layer's name; an unknown one is answered with the list of layers (values.layer_schema), so the set
# of layers is read when a request comes, not fixed in the API's schema when the module is imported.
LayerName = Annotated[str, Path(pattern=r"^[a-z][a-z0-9_]{0,62}$", examples=list(LAYERS))]


class Health(BaseModel):
    status: Literal["ok"]
    protocol: str
    server_rev: int


def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def settings(request: Request) -> ServerSettings:
    config: ServerSettings = request.app.state.settings
    return config


Db = Annotated[Database, Depends(database)]
Settings = Annotated[ServerSettings, Depends(settings)]


def current_account(
    request: Request,
    db: Db,
    config: Settings,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Account:
    header = None if credentials is None else f"{credentials.scheme} {credentials.credentials}"
    with db.transaction() as tx:
        account, hashed = accounts.authenticate(tx, config, header)
    request.state.token_hash = hashed
    return account


Me = Annotated[Account, Depends(current_account)]


@router.get("/healthz", response_model=Health, tags=["server"])
def healthz(db: Db) -> Health:
    """Is the server up, which protocol does it speak, and its latest revision. No token needed."""
    with db.transaction() as tx:
        return Health(status="ok", protocol=PROTOCOL_VERSION, server_rev=pull.current_rev(tx))


@api.post("/login", response_model=TokenResponse, tags=["accounts"])
def login(body: LoginRequest, db: Db, config: Settings) -> TokenResponse:
    """Exchange a user name and password for a bearer token (failed attempts are rate-limited)."""
    with db.transaction(write=True) as tx:
        outcome = accounts.login(tx, config, body)
    if isinstance(outcome, ApiError):
        raise outcome
    return outcome


@api.post("/logout", status_code=204, response_class=Response, tags=["accounts"])
def logout(request: Request, me: Me, db: Db, config: Settings) -> Response:
    """Revoke the token this request was made with."""
    with db.transaction(write=True) as tx:
        accounts.logout(tx, config, request.state.token_hash)
    return Response(status_code=204)


@api.get("/me", response_model=UserInfo, tags=["accounts"])
def me(me: Me) -> UserInfo:
    return me.info()


@api.post("/changesets", response_model=ChangesetResult, tags=["sync"])
def post_changeset(body: ChangesetIn, me: Me, db: Db, config: Settings) -> Response:
    """Push: apply a changeset (idempotent by changeset_id), merging per field."""
    # The answer's JSON written once, by the model that made it: returned as a model, FastAPI would
    # validate the 10,000 results of a big push again before writing them.
    result = push.push(db, config, me, body)
    return Response(content=result.model_dump_json(), media_type="application/json")


@api.get("/changes", response_model=ChangesPage, tags=["sync"])
def get_changes(
    me: Me,
    db: Db,
    after: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
) -> ChangesPage:
    """Pull: what changed after revision ``after``, one page at a time."""
    return pull.changes_page(db, me, after, limit)


@api.get("/conflicts", response_model=list[ConflictRecord], tags=["sync"])
def get_conflicts(me: Me, db: Db, state: Literal["open", "all"] = "open") -> list[ConflictRecord]:
    return pull.list_conflicts(db, me, only_open=state == "open")


@api.post("/conflicts/{conflict_id}/resolve", response_model=ConflictRecord, tags=["sync"])
def post_resolve(
    conflict_id: Annotated[int, Path(ge=1, le=2**62)], body: ResolveRequest, me: Me, db: Db, config: Settings
) -> ConflictRecord:
    """Keep mine, theirs or an edited value; written as a new revision of the feature."""
    return resolve.resolve(db, config, me, conflict_id, body)


@api.get("/features/{layer}/{uuid}/history", response_model=list[FeatureState], tags=["sync"])
def get_history(layer: LayerName, uuid: UUID, me: Me, db: Db) -> list[FeatureState]:
    """Every revision of one feature, oldest first."""
    return pull.feature_history(db, layer, str(uuid))


@api.get("/audit", response_model=list[audit.AuditEntry], tags=["accounts"])
def get_audit(me: Me, db: Db, limit: Annotated[int, Query(ge=1, le=10_000)] = 100) -> list[audit.AuditEntry]:
    """Every action that changed data, newest first: pushes, resolutions, reviews, the console's account
    commands; who, when, from which device (the token's, and the one a push claimed), what came of it."""
    refusal = rights.audit_refusal(me)
    if refusal is not None:
        raise ApiError(ErrorCode.forbidden, "Not allowed: {reason}.", reason=refusal)
    return audit.recent(db, limit)
