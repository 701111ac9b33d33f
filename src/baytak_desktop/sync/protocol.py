"""baytak-sync v1: the messages that cross the wire, shared by the sync client and the server.

One module so that the two ends cannot drift apart: the server validates requests with these models
(FastAPI turns them into the OpenAPI schema at ``/docs``) and the client builds its requests with them.

Values on the wire are JSON: text, numbers, ``null``; dates and times as ISO 8601 text exactly as the
GeoPackage holds them (the server never reinterprets a time zone); the geometry column ``geom`` as
hex-encoded ISO WKB (no GeoPackage header, EPSG:4326 lon/lat). A feature is named by its layer and
its uuid, never by a local fid.

Device clocks appear only for display (``made_at``); the server alone orders changes, by revision.
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Final, Literal
from uuid import UUID

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr

from baytak_desktop.layers.values import BAD_CHARACTER

PROTOCOL_VERSION: Final = "baytak-sync/1"
API_PREFIX = "/api/v1"
MAX_CHANGES_PER_CHANGESET = 20_000  # the client splits bigger pushes into several changesets
MAX_PAGE = 5_000  # largest pull page a client may ask for
DEFAULT_PAGE = 1_000
BLOB_CHUNK = 4 * 1024 * 1024  # the client uploads attachments in chunks of this size
SHA256_PATTERN = r"^[0-9a-f]{64}$"
SHA256_RE = re.compile(SHA256_PATTERN)

# A field value as JSON carries it. bool is left out on purpose: SQLite has no booleans and a JSON
# true must not silently become 1 on one backend and 't' on the other.
Value = str | int | float | None
# A value as a client sends it: any JSON scalar, kept exactly as it came (``true`` stays a boolean, a
# ``NaN`` stays NaN) so that the server refuses it per change, with a message, by the same rules the
# device applies (``layers.canonical``); a lax model would turn ``true`` into 1 and store it.
# Tried left to right, text first (most values are text): the same value as the default "smart" union
# gives (the strict types overlap nowhere: an int stays an int, ``true`` a boolean) at 60 % of its CPU,
# 2.7 µs per change of a push (bench/README.md).
SentValue = Annotated[StrictStr | StrictBool | StrictInt | StrictFloat | None, Field(union_mode="left_to_right")]
Sha256 = Annotated[str, Field(pattern=SHA256_PATTERN)]


def _plain_text(text: str) -> str:
    """No NUL, other control character, lone surrogate or noncharacter (the rule of every stored text)."""
    if BAD_CHARACTER.search(text):
        raise ValueError("holds a control character, a lone surrogate or a noncharacter")
    return text


# In the OpenAPI schema as a pattern too, so that generated clients and fuzzers know the rule (lone
# surrogates are left out of it: JSON Schema validators refuse a pattern naming them; JSON text cannot
# hold them anyway, and the validator above refuses them all the same).
PLAIN_TEXT_PATTERN = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ufdd0-\\ufdef\\ufffe\\uffff]*$"
PlainText = Annotated[str, AfterValidator(_plain_text), Field(json_schema_extra={"pattern": PLAIN_TEXT_PATTERN})]


class _Message(BaseModel):
    """Unknown keys are refused: a typo in a client is an error, not silently lost data."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Role(StrEnum):
    """What a signed-in person may do. Each role includes the rights of the ones above it."""

    viewer = "viewer"  # read everything they may see, change nothing
    reporter = "reporter"  # create features; edit only features they created themselves
    editor = "editor"  # create and edit features of their own branch
    coordinator = "coordinator"  # an editor who also resolves their branch's conflicts and plans cleanups
    admin = "admin"  # everything, every branch, accounts


class Op(StrEnum):
    insert = "insert"
    update = "update"
    delete = "delete"


class Outcome(StrEnum):
    """What the server did with one change of a changeset."""

    applied = "applied"  # every field applied as sent
    merged = "merged"  # applied, and the server kept other fields that changed meanwhile on the server
    unchanged = "unchanged"  # the server already had these values (same edit made twice, or a retry)
    conflict = "conflict"  # at least one field disagreed; the rest was applied; see conflict_ids
    rejected = "rejected"  # nothing applied: permission or validation; see error


class ErrorCode(StrEnum):
    """Every error the server answers with; documented one by one in docs/sync-protocol.md."""

    unauthorized = "unauthorized"  # no token, unknown token or revoked token (401)
    token_expired = "token_expired"  # sign in again (401)
    account_disabled = "account_disabled"  # (401 on login, 401 on a request with an old token)
    bad_credentials = "bad_credentials"  # wrong user name or password (401)
    rate_limited = "rate_limited"  # too many failed logins; retry_after seconds in details (429)
    forbidden = "forbidden"  # the role or branch does not allow this (403)
    not_found = "not_found"  # (404)
    malformed_request = "malformed_request"  # not JSON, or JSON of the wrong shape (400 / 422)
    unsupported_media_type = "unsupported_media_type"  # (415)
    payload_too_large = "payload_too_large"  # over the request size limit (413)
    unknown_layer = "unknown_layer"  # (422, or per change as a rejection)
    unknown_field = "unknown_field"
    invalid_value = "invalid_value"  # wrong type, out of range, not in the vocabulary, required missing
    invalid_geometry = "invalid_geometry"  # not valid WKB, wrong geometry type, invalid, outside the world
    demo_data = "demo_data"  # a feature of the demo (illustrative data), per change as a rejection (422)
    missing_blob = "missing_blob"  # a change names an attachment the server does not have yet (409)
    hash_mismatch = "hash_mismatch"  # uploaded bytes do not hash to the name they were sent under (422)
    upload_offset_mismatch = "upload_offset_mismatch"  # resumable upload chunk at the wrong offset (409)
    conflict_already_resolved = "conflict_already_resolved"  # (409)
    unsupported_protocol = "unsupported_protocol"  # client speaks another protocol version (400)
    internal = "internal"  # a server fault; the request changed nothing (500)
    server_busy = "server_busy"  # the database was busy; nothing changed; retry after details.retry_after (503)


class ErrorBody(_Message):
    """The JSON body of every error answer: ``{"error": {"code": ..., "message": ..., "details": ...}}``."""

    code: ErrorCode
    message: str
    details: dict[str, Value | list[str]] = Field(default_factory=dict)


class ErrorResponse(_Message):
    error: ErrorBody


# ---------------------------------------------------------------------------------------------- auth


class LoginRequest(_Message):
    username: PlainText = Field(min_length=1, max_length=200)
    password: PlainText = Field(min_length=1, max_length=1_000)
    device_id: UUID
    device_name: PlainText | None = Field(default=None, max_length=200)


class UserInfo(_Message):
    username: str
    role: Role
    branch: str | None  # a branch code from the BRANCHES vocabulary; None for admins of all branches


class TokenResponse(_Message):
    token: str  # opaque; only its hash is kept on the server
    expires_at: datetime
    user: UserInfo


# ---------------------------------------------------------------------------------------------- push


class FieldChange(_Message):
    """One field of one change: what the client last synced (``base``) and what it holds now (``new``).

    The server merges by comparing its current value with ``base``: equal, it applies ``new``; already
    ``new``, nothing to do; otherwise a conflict record keeps both values.
    """

    base: SentValue = None
    new: SentValue = None


class AttachmentRef(_Message):
    """A photo or document linked to a feature, named by the SHA-256 of its bytes."""

    sha256: Sha256
    # The descriptions' lengths are the server's door's to check, per change (server.values
    # ATTACHMENT_TEXT_LIMITS): a limit here refused the whole push, every other edit of it with the one
    # photo whose caption was too long.
    mime: str
    size: int = Field(ge=0)
    original_name: str | None = None
    caption: str | None = None
    taken_at: str | None = None  # EXIF time as the camera wrote it
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    camera: str | None = None


class ChangeIn(_Message):
    """The net local change of one feature since its last sync.

    ``insert`` sends every field in ``fields`` with ``base`` null. ``update`` sends only the changed
    fields. ``delete`` sends no fields. ``base_rev`` is the server revision the client last saw for the
    feature (null for an insert); when it equals the server's, no field can conflict.
    """

    layer: str  # an unknown name refuses this change only (unknown_layer), however odd it is
    uuid: UUID
    op: Op
    base_rev: int | None = Field(default=None, ge=0)
    fields: dict[str, FieldChange] = Field(default_factory=dict)
    attachments_added: list[AttachmentRef] = Field(default_factory=list)
    attachments_removed: list[Sha256] = Field(default_factory=list)
    made_at: datetime | None = None  # device clock, for display only


class ChangesetIn(_Message):
    """A push. ``changeset_id`` is fixed on the device when the journal is sealed, before sending, so
    that a retry after a lost answer resends the same id and the server returns its stored result."""

    protocol: Literal["baytak-sync/1"] = PROTOCOL_VERSION
    changeset_id: UUID
    device_id: UUID
    changes: list[ChangeIn] = Field(max_length=MAX_CHANGES_PER_CHANGESET)


class ChangeResult(_Message):
    layer: str
    uuid: UUID
    outcome: Outcome
    rev: int | None = None  # the feature's server revision after this change (None when rejected)
    conflict_ids: list[int] = Field(default_factory=list)
    error: ErrorBody | None = None  # why it was rejected


class ChangesetResult(_Message):
    """The answer to a push; the same answer, byte for byte in content, for a repeated changeset_id."""

    changeset_id: UUID
    server_rev: int  # the highest revision on the server when this changeset was committed
    replayed: bool = False  # True when this is the stored answer to an earlier identical push
    results: list[ChangeResult]

    def count(self, outcome: Outcome) -> int:
        return sum(1 for result in self.results if result.outcome is outcome)


# ---------------------------------------------------------------------------------------------- pull


class FeatureState(_Message):
    """A feature as the server holds it at revision ``rev``: every field, or ``deleted``."""

    layer: str
    uuid: UUID
    rev: int
    deleted: bool = False
    fields: dict[str, Value] = Field(default_factory=dict)
    attachments: list[AttachmentRef] = Field(default_factory=list)
    changed_by: str | None = None
    changed_at: datetime | None = None  # server clock


class ConflictRecord(_Message):
    """A value the server did not apply, kept so that nothing is lost.

    ``field`` is a column name, or ``"*"`` for a whole-feature conflict (update against delete).
    ``theirs`` is the server's value when the conflict was made, ``mine`` the pushing client's.
    """

    id: int
    rev: int  # revision at which the conflict was recorded (or last changed, when resolved)
    layer: str
    uuid: UUID
    field: str
    base: Value = None
    theirs: Value = None
    mine: Value = None
    author: str  # who pushed the losing value
    device_id: UUID
    changeset_id: UUID
    created_at: datetime
    resolved: bool = False
    resolved_by: str | None = None
    resolution: Literal["mine", "theirs", "edited"] | None = None


class Rejection(_Message):
    """A change the server refused (permission or validation), shown to the person who made it."""

    id: int
    rev: int
    layer: str
    uuid: UUID
    author: str
    changeset_id: UUID
    error: ErrorBody
    created_at: datetime


class LayerRevision(_Message):
    """A schema revision: the whole definition of one layer as an administrator published it (a new
    layer, or an existing one with additions; docs/layer-definitions.md). ``revision`` counts the
    publications (1, 2, ...); ``rev`` is the server revision it took, which orders it with the data."""

    revision: int = Field(ge=1)
    rev: int = Field(ge=1)
    layer: str = Field(max_length=64)
    definition: dict[str, Any]
    published_by: str
    published_at: datetime


class ChangesPage(_Message):
    """One page of ``GET /api/v1/changes?after=REV&limit=N``: everything with a revision in
    ``(after, until]``. The client applies a page and stores ``until`` in the same transaction;
    the page's schema revisions first, so its features may use what they add."""

    after: int
    until: int
    more: bool  # True when a further page exists; ask again with after=until
    server_rev: int
    layer_revisions: list[LayerRevision] = Field(default_factory=list)
    features: list[FeatureState] = Field(default_factory=list)
    conflicts: list[ConflictRecord] = Field(default_factory=list)
    rejections: list[Rejection] = Field(default_factory=list)


class ResolveRequest(_Message):
    """Settle a conflict: keep the server's value, the client's, or an edited value."""

    keep: Literal["mine", "theirs", "edited"]
    value: SentValue = None  # only for "edited"


class BlobStatus(_Message):
    """Answer to ``HEAD``/``GET /api/v1/blobs/<sha256>/status``: how much of a resumable upload arrived."""

    sha256: Sha256
    complete: bool
    received: int  # bytes received so far; the next chunk starts here
