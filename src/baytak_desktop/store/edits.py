"""Edits as values: each user action is one store transaction that returns the edit that undoes it.

An undo is not a rollback: the user may undo a save made an hour ago, after other saves. So undo is
an edit like any other, written through the same triggers, and the journal sees every step. The
inverse restores the exact stored values (same uuid, same fid, same timestamps, same photo links),
so a create then its undo, or a delete then its undo, leaves no pending change: ``changes.net_change``
compares the feature with its last-synced base, not the journal's history.

Everything a person typed or drew is checked before the transaction begins (``Edit.check``), so
invalid input never reaches the store; what can only be known inside (the feature was deleted by a
sync meanwhile) raises inside the transaction, which then rolls back whole.

    inverse = apply(store, InsertFeature("quarries", {...}, polygon))   # Save
    redo = apply(store, inverse)                                         # Undo
    apply(store, redo)                                                   # Redo: the same uuid again
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely

from baytak_desktop.errors import FeatureNotFound, Problem, ValidationError
from baytak_desktop.layers import Catalog, builtin_catalog, new_uuid, prepare
from baytak_desktop.layers import geometry as blobs
from baytak_desktop.layers.schema import LayerSchema
from baytak_desktop.store import attachments, gpkg, rows
from baytak_desktop.store.attachments import MAX_ATTACHMENT_BYTES, AttachmentError
from baytak_desktop.store.catalog import catalog_of
from baytak_desktop.store.store import Store, utc_now

PHOTO_TYPES = ("image/jpeg", "image/png", "image/tiff", "image/webp")


class GeometryNeedsFix(ValidationError):
    """A polygon whose outline crosses itself; ``fixed`` is what ``shapely.make_valid`` makes of it,
    for the UI to offer ("fix it" or "keep editing")."""

    def __init__(self, problems: list[Problem], fixed: shapely.Geometry | None) -> None:
        self.fixed = fixed
        super().__init__(problems)


# -- checks that need no store ------------------------------------------------------------------------
def polygon_from_vertices(vertices: list[tuple[float, float]]) -> shapely.Polygon:
    """The polygon a person clicked, or a ValidationError when it has fewer than 3 corners (shapely
    would raise a bare "A linearring requires at least 4 coordinates")."""
    distinct = _distinct_corners(vertices)
    if distinct < 3:
        raise ValidationError([_too_few_corners(distinct)])
    return shapely.Polygon(vertices)


def check_feature(
    schema: LayerSchema, attributes: dict[str, Any], geometry: shapely.Geometry | None, *, partial: bool = False
) -> list[Problem]:
    """Every problem of a feature as the form would save it; raises on errors, returns the warnings.

    Geometry is checked first and on its own terms (corners, self-intersection with a proposed fix),
    then ``layers.validation.prepare`` checks the rest with the same rules an import uses.
    """
    if geometry is not None:
        check_geometry(schema, geometry)
    prepared = prepare(schema, attributes, geometry, partial=partial)
    if not prepared.ok:
        raise ValidationError(prepared.problems)
    return [p for p in prepared.problems if p.severity != "error"]


def check_geometry(schema: LayerSchema, geometry: shapely.Geometry) -> None:
    """Polygons: at least 3 distinct corners per ring, and no self-intersection (offering a fix)."""
    if not schema.is_polygon or not isinstance(geometry, shapely.Geometry) or geometry.is_empty:
        return
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        return  # prepare() names the wrong type
    parts = geometry.geoms if geometry.geom_type == "MultiPolygon" else [geometry]
    for part in parts:
        for ring in (part.exterior, *part.interiors):
            corners = _distinct_corners(list(ring.coords))
            if corners < 3:
                raise ValidationError([_too_few_corners(corners)])
    if not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        problem = Problem.of(
            "the outline crosses itself ({reason}): fix it automatically, or keep editing", field="geom", reason=reason
        )
        raise GeometryNeedsFix([problem], fixed=make_valid_polygon(geometry))


def make_valid_polygon(geometry: shapely.Geometry) -> shapely.Geometry | None:
    """``shapely.make_valid`` keeping only the area (a bow-tie becomes two triangles, not a line)."""
    repaired = shapely.make_valid(geometry)
    polygons = [g for g in getattr(repaired, "geoms", [repaired]) if g.geom_type in ("Polygon", "MultiPolygon")]
    if not polygons:
        return None
    merged = shapely.union_all(polygons)
    return merged if merged.geom_type == "MultiPolygon" else shapely.MultiPolygon([merged])


def check_photo(path: Path) -> None:
    """A file that can be a photo: exists, at most MAX_ATTACHMENT_BYTES, an image by its bytes."""
    path = Path(path)
    if not path.is_file():
        raise AttachmentError("{name} was not found.", name=path.name)
    size = path.stat().st_size  # before reading: a 200 MB video must not be loaded to be refused
    if size > MAX_ATTACHMENT_BYTES:
        raise AttachmentError(
            "{name} is {size_mb:.0f} MB; attachments may be at most {limit_mb} MB.",
            name=path.name,
            size_mb=size / 2**20,
            limit_mb=MAX_ATTACHMENT_BYTES // 2**20,
        )
    with path.open("rb") as file:
        head = file.read(16)
    if attachments.sniff_mime(head, path.name) not in PHOTO_TYPES:
        raise AttachmentError("{name} is not a photo: choose a JPEG, PNG, TIFF or WebP image.", name=path.name)


def _distinct_corners(vertices: Sequence[tuple[float, ...]]) -> int:
    return len({(float(v[0]), float(v[1])) for v in vertices})


def _too_few_corners(count: int) -> Problem:
    return Problem.of("a polygon needs at least 3 corners; this one has {count}", field="geom", count=count)


# -- the edits ------------------------------------------------------------------------------------------
class Edit:
    """One user action on one feature. ``check`` validates without the store; ``write`` runs inside
    the transaction and returns the inverse edit."""

    layer: str
    uuid: str

    def check(self, catalog: Catalog | None = None) -> list[Problem]:
        """Validate against ``catalog`` (the store's layers; the built-in ones when not given)."""
        return []

    def write(self, store: Store, conn: sqlite3.Connection) -> Edit:
        raise TypeError(f"{type(self).__name__} must define write()")


@dataclass(frozen=True)
class InsertFeature(Edit):
    """A new feature from the form; the uuid is fixed here so that undo then redo brings back the same one."""

    layer: str
    attributes: dict[str, Any]
    geometry: shapely.Geometry | None
    uuid: str = field(default_factory=new_uuid)
    user: str | None = None

    def check(self, catalog: Catalog | None = None) -> list[Problem]:
        return check_feature(_layers(catalog).layer(self.layer), self.attributes, self.geometry)

    def write(self, store: Store, conn: sqlite3.Connection) -> Edit:
        store.insert(self.layer, self.attributes, self.geometry, uuid=self.uuid, user=self.user)
        return DeleteFeature(self.layer, self.uuid)


@dataclass(frozen=True)
class UpdateFeature(Edit):
    """Some attributes and/or the geometry of one feature (derived fields follow the geometry)."""

    layer: str
    uuid: str
    attributes: dict[str, Any] = field(default_factory=dict)
    geometry: shapely.Geometry | None = None
    user: str | None = None

    def check(self, catalog: Catalog | None = None) -> list[Problem]:
        return check_feature(_layers(catalog).layer(self.layer), self.attributes, self.geometry, partial=True)

    def write(self, store: Store, conn: sqlite3.Connection) -> Edit:
        schema = catalog_of(conn).layer(self.layer)
        prepared = prepare(schema, self.attributes, self.geometry, partial=True)
        values = dict(prepared.attributes, updated_at=utc_now(), updated_by=self.user or store.author)
        if prepared.geometry is not None:
            values["geom"] = blobs.from_shapely(prepared.geometry)
        return _set_columns(conn, schema, self.uuid, values)


@dataclass(frozen=True)
class RestoreColumns(Edit):
    """Stored column values put back as they were (the inverse of an update); no validation: these
    are values the store already held."""

    layer: str
    uuid: str
    values: dict[str, Any]

    def write(self, store: Store, conn: sqlite3.Connection) -> Edit:
        return _set_columns(conn, catalog_of(conn).layer(self.layer), self.uuid, self.values)


@dataclass(frozen=True)
class DeleteFeature(Edit):
    layer: str
    uuid: str

    def write(self, store: Store, conn: sqlite3.Connection) -> Edit:
        schema = catalog_of(conn).layer(self.layer)
        row = _raw_row(conn, schema, self.uuid)
        links = tuple(
            conn.execute(
                "SELECT sha256, caption, added_at FROM baytak_attachment_links WHERE layer = ? AND uuid = ? "
                "ORDER BY added_at, sha256",
                (self.layer, self.uuid),
            )
        )
        # links first: their trigger saves the feature's base while the row still exists
        conn.execute("DELETE FROM baytak_attachment_links WHERE layer = ? AND uuid = ?", (self.layer, self.uuid))
        conn.execute(f'DELETE FROM "{schema.name}" WHERE uuid = ?', (self.uuid,))
        return RestoreFeature(self.layer, self.uuid, row, links)


@dataclass(frozen=True)
class RestoreFeature(Edit):
    """A deleted feature back exactly as it was: uuid, fid (the map and table name it by fid), every
    stored value and its photo links."""

    layer: str
    uuid: str
    row: dict[str, Any]
    links: tuple[tuple[str, str | None, str], ...] = ()

    def write(self, store: Store, conn: sqlite3.Connection) -> Edit:
        schema = catalog_of(conn).layer(self.layer)
        row = dict(self.row)
        taken = conn.execute(f'SELECT 1 FROM "{schema.name}" WHERE fid = ?', (row.get("fid"),)).fetchone()
        if taken:
            row.pop("fid")
        names = ", ".join(f'"{c}"' for c in row)
        conn.execute(f'INSERT INTO "{schema.name}" ({names}) VALUES ({", ".join("?" * len(row))})', tuple(row.values()))
        conn.executemany(
            "INSERT OR IGNORE INTO baytak_attachment_links (layer, uuid, sha256, caption, added_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [(self.layer, self.uuid, *link) for link in self.links],
        )
        _extend(conn, schema.name, row.get("geom"))
        return DeleteFeature(self.layer, self.uuid)


@dataclass(frozen=True)
class AttachPhoto(Edit):
    """A photo file stored once by SHA-256 (with its EXIF time and position) and linked to a feature."""

    layer: str
    uuid: str
    path: Path
    caption: str | None = None

    def check(self, catalog: Catalog | None = None) -> list[Problem]:
        check_photo(self.path)
        return []

    def write(self, store: Store, conn: sqlite3.Connection) -> Edit:
        _require(conn, catalog_of(conn).layer(self.layer), self.uuid)
        stored = attachments.add_attachment_file(conn, Path(self.path))
        return _link(conn, self.layer, self.uuid, stored.sha256, self.caption)


@dataclass(frozen=True)
class LinkAttachment(Edit):
    """An attachment already in the store linked (back) to a feature: the inverse of a detach."""

    layer: str
    uuid: str
    sha256: str
    caption: str | None = None

    def write(self, store: Store, conn: sqlite3.Connection) -> Edit:
        _require(conn, catalog_of(conn).layer(self.layer), self.uuid)
        attachments.get_attachment(conn, self.sha256)
        return _link(conn, self.layer, self.uuid, self.sha256, self.caption)


@dataclass(frozen=True)
class DetachPhoto(Edit):
    """Unlink a photo from a feature; its bytes stay in the store (evidence is never thrown away)."""

    layer: str
    uuid: str
    sha256: str

    def write(self, store: Store, conn: sqlite3.Connection) -> Edit:
        row = conn.execute(
            "SELECT caption FROM baytak_attachment_links WHERE layer = ? AND uuid = ? AND sha256 = ?",
            (self.layer, self.uuid, self.sha256),
        ).fetchone()
        if row is None:
            raise AttachmentError("That photo is not attached to this feature.")
        attachments.unlink(conn, self.layer, self.uuid, self.sha256)
        return LinkAttachment(self.layer, self.uuid, self.sha256, row[0])


@dataclass(frozen=True)
class Batch(Edit):
    """Several edits as one user action (a site placed from a photo: create it, attach the photo);
    one transaction, undone in reverse order."""

    edits: tuple[Edit, ...]

    @property
    def layer(self) -> str:  # type: ignore[override]
        return self.edits[0].layer if self.edits else ""

    @property
    def uuid(self) -> str:  # type: ignore[override]
        return self.edits[0].uuid if self.edits else ""

    def check(self, catalog: Catalog | None = None) -> list[Problem]:
        return [problem for edit in self.edits for problem in edit.check(catalog)]

    def write(self, store: Store, conn: sqlite3.Connection) -> Edit:
        return Batch(tuple(reversed([edit.write(store, conn) for edit in self.edits])))


def apply(store: Store, edit: Edit) -> Edit:
    """Check ``edit``, then write it in one transaction; returns the edit that undoes it. Once it is
    committed, the store's events name each feature and each layer it changed."""
    edit.check(store.catalog)
    parts = edit.edits if isinstance(edit, Batch) else (edit,)
    with store.session() as conn:
        undo = edit.write(store, conn)
        for layer, uuid in dict.fromkeys((part.layer, part.uuid) for part in parts):
            store.announce(store.events.feature_changed, layer, uuid)
        for layer in dict.fromkeys(part.layer for part in parts):
            store.announce(store.events.layer_changed, layer)
    return undo


# -- helpers --------------------------------------------------------------------------------------------
def _layers(catalog: Catalog | None) -> Catalog:
    return catalog or builtin_catalog()


def _raw_row(conn: sqlite3.Connection, schema: LayerSchema, uuid: str) -> dict[str, Any]:
    row = rows.row_dict(conn, schema, uuid)
    if row is None:
        raise FeatureNotFound(layer=schema.name, uuid=uuid)
    return row


def _require(conn: sqlite3.Connection, schema: LayerSchema, uuid: str) -> None:
    if conn.execute(f'SELECT 1 FROM "{schema.name}" WHERE uuid = ?', (uuid,)).fetchone() is None:
        raise FeatureNotFound(layer=schema.name, uuid=uuid)


def _set_columns(conn: sqlite3.Connection, schema: LayerSchema, uuid: str, values: dict[str, Any]) -> Edit:
    """Write ``values`` and return the RestoreColumns that puts the previous ones back."""
    before = _raw_row(conn, schema, uuid)
    rows.update_row(conn, schema, uuid, values)
    _extend(conn, schema.name, values.get("geom"))
    return RestoreColumns(schema.name, uuid, {name: before[name] for name in values})


def _link(conn: sqlite3.Connection, layer: str, uuid: str, sha256: str, caption: str | None) -> Edit:
    exists = conn.execute(
        "SELECT 1 FROM baytak_attachment_links WHERE layer = ? AND uuid = ? AND sha256 = ?", (layer, uuid, sha256)
    ).fetchone()
    if exists:
        raise AttachmentError("This photo is already attached to this feature (SHA-256 {sha256}).", sha256=sha256)
    attachments.link(conn, layer, uuid, sha256, caption)
    return DetachPhoto(layer, uuid, sha256)


def _extend(conn: sqlite3.Connection, table: str, blob: bytes | None) -> None:
    envelope = blobs.envelope(blob) if blob is not None else None
    if envelope is not None:
        minx, maxx, miny, maxy = envelope
        gpkg.extend_extent(conn, table, (minx, miny, maxx, maxy))


def feature_from_photo(
    layer: str, attributes: dict[str, Any], path: Path, *, user: str | None = None, catalog: Catalog | None = None
) -> Batch:
    """A site placed at a geotagged photo's EXIF position, its date from the EXIF time, the photo
    attached: one user action (dropping the photo on the map with the add tool)."""
    check_photo(path)
    schema = _layers(catalog).layer(layer)
    if not schema.is_point:
        raise AttachmentError("A photo gives a point; draw the outline of the {layer} feature instead.", layer=layer)
    with Path(path).open("rb") as file:
        meta = attachments.read_photo_metadata(file.read())
    if meta.lat is None or meta.lon is None:
        raise AttachmentError(
            "{name} has no GPS position in its EXIF data: place the site on the map or type its coordinates.",
            name=Path(path).name,
        )
    values = dict(attributes)
    dates = [f for f in schema.editable_fields if f.type.value == "DATE"]
    # the day the photo was taken is when the site was seen (observed_on), else the layer's own date
    date_field = next((f.name for f in dates if f.name == "observed_on"), dates[0].name if dates else None)
    if meta.taken_at and date_field and not values.get(date_field):
        values[date_field] = meta.taken_at[:10]
    create = InsertFeature(layer, values, shapely.Point(meta.lon, meta.lat), user=user)
    return Batch((create, AttachPhoto(layer, create.uuid, Path(path))))
