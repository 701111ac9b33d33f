"""Split and merge areas (quarries, cleanup plans, shorelines): one feature cut in two, two made one.

A MultiPolygon's parts may not share an edge (OGC validity), so cutting a quarry along a line cannot
leave both pieces in one feature: the largest piece keeps the feature (its uuid, photos and history)
and each other piece becomes a new feature with the same attributes. Merging is the reverse: the
second feature's area joins the first (overlapping or touching parts dissolve; separate pits stay
separate parts) and the second feature is deleted. Either way it is one user action: one Batch
edit, one transaction, one undo step. The areas are read and the edit made on a reader thread
(``split_edit_at``, ``merge_edit``); the tool hands it to the session when it lands.
"""

from __future__ import annotations

from collections.abc import Callable

import shapely
from PySide6.QtCore import QCoreApplication, QObject, Qt
from shapely.ops import split

from baytak_desktop.errors import BaytakError, ValidationError
from baytak_desktop.mapdata.tool_reads import Picked, pick_feature
from baytak_desktop.store import Store, edits
from baytak_desktop.ui.edit.session import EditSession
from baytak_desktop.ui.edit.tools.base import PICK_TOLERANCE_PX, MapEvent, MapTool, problem_text
from baytak_desktop.ui.edit.tools.draw_shape import LINE, DrawShapeTool
from baytak_desktop.ui.edit.tools.snapping import Snapper
from baytak_desktop.ui.edit.undo_commands import EditCommand
from baytak_desktop.ui.messages import message_of


class SplitFeatureCommand(EditCommand):
    def describe(self, layer: str) -> str:
        return QCoreApplication.translate("EditCommand", "Split feature in {layer}").format(layer=layer)


class MergeFeaturesCommand(EditCommand):
    def describe(self, layer: str) -> str:
        return QCoreApplication.translate("EditCommand", "Merge features in {layer}").format(layer=layer)


# -- geometry ---------------------------------------------------------------------------------------------
def split_area(geometry: shapely.Geometry, line: shapely.LineString) -> list[shapely.MultiPolygon]:
    """The pieces of an area cut by ``line``, largest first, each a MultiPolygon ([] if the line misses)."""
    pieces: list[shapely.Polygon] = []
    for part in getattr(geometry, "geoms", [geometry]):
        pieces.extend(g for g in split(part, line).geoms if g.geom_type == "Polygon" and not g.is_empty)
    if len(pieces) <= len(getattr(geometry, "geoms", [geometry])):
        return []
    pieces.sort(key=lambda g: g.area, reverse=True)
    return [shapely.MultiPolygon([piece]) for piece in pieces]


def merge_areas(first: shapely.Geometry, second: shapely.Geometry) -> shapely.MultiPolygon:
    """One MultiPolygon covering both: touching or overlapping parts become one part."""
    merged = shapely.union_all([first, second])
    return merged if merged.geom_type == "MultiPolygon" else shapely.MultiPolygon([merged])


def split_edit(
    store: Store, layer: str, uuid: str, line: shapely.LineString, user: str | None = None
) -> edits.Batch | None:
    """The edit that cuts feature ``uuid`` along ``line`` (None if the line does not cut it)."""
    feature = store.get(layer, uuid)
    pieces = split_area(feature.geometry, line)
    if not pieces:
        return None
    attributes = {f.name: feature.attributes.get(f.name) for f in store.catalog.layer(layer).editable_fields}
    keep = edits.UpdateFeature(layer, uuid, {}, pieces[0], user=user)
    return edits.Batch((keep, *(edits.InsertFeature(layer, attributes, piece, user=user) for piece in pieces[1:])))


def split_edit_at(store: Store, layer: str, line: shapely.LineString, user: str | None = None) -> edits.Batch | None:
    """The edit that cuts the first area of ``layer`` that ``line`` cuts across (None if none)."""
    for feature in store.features(layer, bbox=line.bounds):
        if feature.geometry is not None and feature.geometry.intersects(line):
            batch = split_edit(store, layer, feature.uuid, line, user)
            if batch is not None:
                return batch
    return None


def merge_edit(store: Store, layer: str, keep_uuid: str, gone_uuid: str, user: str | None = None) -> edits.Batch:
    merged = merge_areas(store.get(layer, keep_uuid).geometry, store.get(layer, gone_uuid).geometry)
    return edits.Batch(
        (edits.UpdateFeature(layer, keep_uuid, {}, merged, user=user), edits.DeleteFeature(layer, gone_uuid))
    )


# -- tools ----------------------------------------------------------------------------------------------------
def _is_area(session: EditSession, layer: str) -> bool:
    """Whether ``layer`` of the store edited holds areas (the only ones to cut or merge)."""
    schema = session.store.catalog.get(layer) if session.store is not None else None
    return schema is not None and schema.is_polygon


class SplitTool(DrawShapeTool):
    """Draw a line across an area of the edited layer; double-click or Enter cuts it there."""

    def __init__(
        self,
        session: EditSession,
        layer_of: Callable[[], str | None],
        snapper: Snapper | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(LINE, snapper, parent)
        self.session = session
        self.layer_of = layer_of
        self.sigShapeFinished.connect(self._cut)

    def hint(self) -> str:
        return QCoreApplication.translate(
            "MapTool", "Draw a line across an area to cut it in two; double-click or Enter to cut, Esc cancels"
        )

    def _cut(self, line: shapely.LineString) -> None:
        """The line is drawn: read the area it cuts on a reader, cut it when that lands (the line stays
        shown meanwhile)."""
        layer, user = self.layer_of(), self.session.user
        if (
            not layer
            or not _is_area(self.session, layer)
            or not self.read_then(lambda store: split_edit_at(store, layer, line, user), self._split)
        ):
            self._split(None)

    def _split(self, batch: edits.Batch | None) -> None:
        try:
            if batch is None:
                self.sigMessage.emit(
                    QCoreApplication.translate("MapTool", "The line does not cut across an area of the edited layer"),
                    "warning",
                )
            else:
                self.session.perform(batch, SplitFeatureCommand)
        except ValidationError as invalid:
            self.sigMessage.emit(problem_text(invalid.problems), "error")
        except BaytakError as error:
            self.sigMessage.emit(message_of(error), "error")
        self.reset()


class MergeTool(MapTool):
    """Click the area to keep, then the area to merge into it (its attributes go; its outline joins)."""

    cursor_shape = Qt.CursorShape.PointingHandCursor
    snaps = False

    def __init__(self, session: EditSession, layer_of: Callable[[], str | None], parent: QObject | None = None) -> None:
        super().__init__(None, parent)
        self.session = session
        self.layer_of = layer_of
        self.first: tuple[str, str] | None = None

    def hint(self) -> str:
        if self.first is None:
            return QCoreApplication.translate("MapTool", "Click the area to keep (its attributes stay)")
        return QCoreApplication.translate("MapTool", "Click the area to merge into it; Esc starts again")

    def reset(self) -> None:
        self.first = None
        super().reset()
        self.sigHint.emit(self.hint())

    def click(self, event: MapEvent) -> bool:
        """Read the area under the click on a reader (and, for the second one, the merged edit)."""
        layer = self.layer_of()
        if layer is None or not _is_area(self.session, layer):
            return True
        canvas = self.active_canvas
        view, style = canvas.current_view(), canvas.layers.styles[layer]
        px, py, user = event.x * view.dpr, event.y * view.dpr, self.session.user
        first = self.first[1] if self.first is not None and self.first[0] == layer else None

        def read(store: Store) -> tuple[Picked, edits.Batch | None] | None:
            hit = pick_feature(store, style, view, px, py, PICK_TOLERANCE_PX)
            if hit is None:
                return None
            second = first is not None and hit.uuid != first
            return hit, merge_edit(store, layer, first, hit.uuid, user) if second and first else None

        self.read_then(read, self._picked)
        return True

    def _picked(self, found: tuple[Picked, edits.Batch | None] | None) -> None:
        if found is None:
            return
        hit, batch = found
        if self.first is None or self.first[0] != hit.layer:
            self.first = (hit.layer, hit.uuid)
            self.band.set_geometry(hit.geometry)
            self.sigHint.emit(self.hint())
        elif batch is not None:
            self._merge(batch)

    def _merge(self, batch: edits.Batch) -> None:
        try:
            self.session.perform(batch, MergeFeaturesCommand)
        except ValidationError as invalid:
            self.sigMessage.emit(problem_text(invalid.problems), "error")
        except BaytakError as error:
            self.sigMessage.emit(message_of(error), "error")
        self.reset()
