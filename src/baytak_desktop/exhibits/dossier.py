"""The content of an evidence dossier for one site: what an auditor needs to check it, without Qt.

For the site: its attributes and geometry; for every attached photo or document: the SHA-256 recorded
when it was captured, the SHA-256 of the bytes stored now (recomputed here, not trusted), and the EXIF
time, position and camera read again from those bytes, and a flag when the photo was taken farther
from the site or further from the observation date than the spec allows (``analysis.photo_check``);
the edit history: when it was created and last changed and by whom, the local edits not yet synced
(from the change journal) and, when the store has been synced and a sign-in is saved, every revision
the server holds. The PDF is painted by
``ui.dossier_pdf`` in the child process started by :func:`render_dossier`.
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from baytak_desktop.analysis.photo_check import MAX_DAYS, MAX_DISTANCE_KM, PhotoCheck, check_photo, observation_date
from baytak_desktop.errors import BaytakError, FeatureNotFound
from baytak_desktop.exhibits.print_spec import unreadable_spec
from baytak_desktop.layers import Catalog, Feature
from baytak_desktop.layers.measure import area_m2
from baytak_desktop.store import Store
from baytak_desktop.store.attachments import PhotoMetadata, read_photo_metadata

SERVER_TIMEOUT_S = 8.0


class DossierError(BaytakError):
    """A dossier that cannot be made (no such site, unreadable store)."""


@dataclass(frozen=True)
class DossierSpec:
    store: Path
    uuid: str
    out: Path
    language: str = "en"
    layer: str | None = None  # found by uuid when not given
    author: str = ""
    server: bool = True  # ask the server for the full history when the store was synced and signed in
    photo_max_km: float = MAX_DISTANCE_KM  # photos farther from the site are flagged (setting evidence/...)
    photo_max_days: int = MAX_DAYS  # photos further from the observation date are flagged

    def to_json(self) -> str:
        data = asdict(self)
        data["store"], data["out"] = str(self.store), str(self.out)
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> DossierSpec:
        try:
            data = json.loads(text)
            known = {f.name for f in fields(cls)}
            data = {k: v for k, v in data.items() if k in known}
            return cls(**{**data, "store": Path(data["store"]), "out": Path(data["out"])})
        except (ValueError, TypeError, AttributeError, KeyError) as error:
            raise unreadable_spec(error) from error


@dataclass(frozen=True)
class PhotoEvidence:
    """One attachment as evidence: recorded hash, hash recomputed now, and EXIF read again from the bytes."""

    sha256: str  # recorded at capture (the attachment's identity)
    sha256_now: str  # of the bytes stored now
    mime: str
    size: int
    original_name: str | None
    caption: str | None
    exif: PhotoMetadata  # read again from the stored bytes
    data: bytes = field(repr=False)
    check: PhotoCheck | None = None  # taken far from the site or the observation date?

    @property
    def matches(self) -> bool:
        return self.sha256 == self.sha256_now


@dataclass(frozen=True)
class LocalEdit:
    at: str
    op: str  # insert, update, delete
    columns: tuple[str, ...]
    sent: bool  # sealed into a changeset, waiting for the server's answer


@dataclass(frozen=True)
class ServerRevision:
    rev: int
    at: str | None
    by: str | None
    deleted: bool
    changed: tuple[str, ...]  # fields different from the previous revision (empty for the first)


@dataclass
class Dossier:
    spec: DossierSpec
    feature: Feature
    photos: list[PhotoEvidence]
    local_edits: list[LocalEdit]
    server_history: list[ServerRevision] | None = None
    server_problem: str | None = None  # why there is no server history
    catalog: Catalog | None = None  # the layers of the feature's store (its layer may be a published one)

    @property
    def layer(self) -> str:
        return self.feature.layer

    def centre(self) -> tuple[float, float] | None:
        geom = self.feature.geometry
        if geom is None or geom.is_empty:
            return None
        point = geom.representative_point()
        return point.x, point.y

    def area_m2(self) -> float:
        return area_m2(self.feature.geometry)


def evidence_limits(max_km: str | float, max_days: str | int) -> tuple[float, int]:
    """The photo limits as numbers (the settings ``evidence/max_distance_km`` and ``evidence/max_days``,
    or the CLI's ``--max-distance-km`` and ``--max-days``); a DossierError naming the bad value, so a
    typo never makes a dossier that silently accepts every photo."""
    try:
        km = float(str(max_km).strip().replace(",", "."))
    except ValueError:
        km = math.nan
    if not math.isfinite(km) or km < 0:
        raise DossierError(
            "The photo distance limit must be a number of kilometres, 0 or more, not {value}.", value=str(max_km)
        )
    text = str(max_days).strip()
    if not text.isdigit():
        raise DossierError("The photo time limit must be a whole number of days, 0 or more, not {value}.", value=text)
    return km, int(text)


def find_layer(store: Store, uuid: str) -> str:
    """The layer holding ``uuid`` (a uuid is unique across the store's layers)."""
    for name in store.catalog:
        if store.conn.execute(f'SELECT 1 FROM "{name}" WHERE uuid = ?', (uuid,)).fetchone():
            return name
    raise DossierError(
        "No site with uuid {uuid} in {store}: copy it from the feature's details.", uuid=uuid, store=store.path.name
    )


def build_dossier(spec: DossierSpec) -> Dossier:
    with Store.open(spec.store, readonly=True) as store:
        layer = spec.layer or find_layer(store, spec.uuid)
        try:
            feature = store.get(layer, spec.uuid)
        except FeatureNotFound as error:
            raise DossierError(error.message) from error
        photos = [
            replace(
                photo,
                check=check_photo(
                    photo.exif.taken_at,
                    photo.exif.lat,
                    photo.exif.lon,
                    feature.geometry,
                    observation_date(feature.attributes),
                    spec.photo_max_km,
                    spec.photo_max_days,
                ),
            )
            for photo in photo_evidence(store.conn, layer, spec.uuid)
        ]
        edits = local_edits(store.conn, layer, spec.uuid)
        server_url, device_id = store.conn.execute("SELECT server_url, device_id FROM baytak_sync_state").fetchone()
        catalog = store.catalog
    dossier = Dossier(spec, feature, photos, edits, catalog=catalog)
    if spec.server:
        dossier.server_history, dossier.server_problem = server_history(server_url, device_id, layer, spec.uuid)
    else:
        dossier.server_problem = "not asked for (--no-server)"
    return dossier


def photo_evidence(conn: sqlite3.Connection, layer: str, uuid: str) -> list[PhotoEvidence]:
    """Every attachment of the feature, with its hash recomputed from the bytes stored now."""
    rows = conn.execute(
        "SELECT a.sha256, a.mime, a.size, a.original_name, l.caption, a.bytes FROM baytak_attachment_links l "
        "JOIN baytak_attachments a ON a.sha256 = l.sha256 WHERE l.layer = ? AND l.uuid = ? "
        "ORDER BY l.added_at, l.sha256",
        (layer, uuid),
    ).fetchall()
    found = []
    for sha, mime, size, name, caption, blob in rows:
        data = bytes(blob)
        exif = read_photo_metadata(data) if str(mime).startswith("image/") else PhotoMetadata()
        found.append(PhotoEvidence(sha, hashlib.sha256(data).hexdigest(), mime, size, name, caption, exif, data))
    return found


def local_edits(conn: sqlite3.Connection, layer: str, uuid: str) -> list[LocalEdit]:
    rows = conn.execute(
        "SELECT at, op, columns, changeset_id FROM baytak_journal WHERE layer = ? AND uuid = ? ORDER BY id",
        (layer, uuid),
    ).fetchall()
    return [
        LocalEdit(at, op, tuple(c for c in (columns or "").split(",") if c), changeset is not None)
        for at, op, columns, changeset in rows
    ]


def server_history(
    server_url: str | None, device_id: str, layer: str, uuid: str
) -> tuple[list[ServerRevision] | None, str | None]:
    """The server's revisions of the feature, or None and the reason (never synced, offline, signed out)."""
    if not server_url:
        return None, "the store was never synced with a server"
    from baytak_desktop.sync import credentials
    from baytak_desktop.sync.client import SyncClient

    saved = credentials.load(server_url, device_id)
    if saved is None:
        return None, f"not signed in to {server_url}"
    try:
        with SyncClient(server_url, saved.token, timeout=SERVER_TIMEOUT_S, attempts=1) as client:
            states = client.json("GET", f"/features/{layer}/{uuid}/history")
    except BaytakError as error:
        return None, error.message
    return revisions(states), None


def revisions(states: list[dict[str, Any]]) -> list[ServerRevision]:
    """Server feature states (oldest first) -> what each revision changed."""
    found, previous = [], None
    for state in sorted(states, key=lambda s: s["rev"]):
        values = state.get("fields") or {}
        changed = (
            ()
            if previous is None
            else tuple(sorted(k for k in set(values) | set(previous) if values.get(k) != previous.get(k)))
        )
        found.append(
            ServerRevision(
                state["rev"], state.get("changed_at"), state.get("changed_by"), bool(state.get("deleted")), changed
            )
        )
        previous = values
    return found


def render_dossier(spec: DossierSpec, timeout: float = 300.0) -> Path:
    """Write the dossier PDF in the painting child process; DossierError / ExhibitError on failure."""
    from baytak_desktop.exhibits.render_process import ExhibitError, run_child

    if spec.out.suffix.lower() != ".pdf":
        raise DossierError("{out}: a dossier is a PDF; name the file .pdf.", out=str(spec.out))
    if not spec.store.exists():
        raise ExhibitError("The store {path} does not exist.", path=str(spec.store))
    run_child("--dossier", spec.to_json(), spec.out, timeout)
    return spec.out
