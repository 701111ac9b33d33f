"""The desktop's import, export and preview jobs as plain functions: each opens its own Store on the worker thread.

SQLite connections belong to the thread that opened them, so the UI passes a path, not its ``Store``.
The functions are what ``JobRunner`` runs; tests call them directly too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyogrio
import pyogrio.errors

from baytak_desktop.errors import Problem, SourceError
from baytak_desktop.io.exporter import ExportResult, export_layer
from baytak_desktop.io.guard import refuse_store_file
from baytak_desktop.io.importer import FORMAT_COLUMNS, ImportOptions, ImportResult, import_file
from baytak_desktop.io.readers import ORIGIN_COLUMNS, read_source
from baytak_desktop.io.xml_sources import gml_copy
from baytak_desktop.jobs import Phase, Progress
from baytak_desktop.store import Store, StoreEvents


def import_job(
    store_path: Path,
    source: Path,
    layer: str,
    *,
    field_map: dict[str, str] | None = None,
    source_layer: str | None = None,
    skip_invalid: bool = False,
    options: ImportOptions | None = None,
    events: StoreEvents | None = None,
    author: str | None = None,
    new_feature_branch: str | None = None,
    progress: Progress,
) -> ImportResult:
    """Import ``source`` into ``layer``: one transaction, so a cancel leaves the store as it was. ``events``
    (those of the window that shows the store) hear the layer and journal the import changed; ``author``
    and ``new_feature_branch`` are the window store's (the account signed in), which a store opened here
    would not know: the import's features are the account's, in its branch, as the form's are."""
    with Store.open(store_path, events=events) as store:
        store.author = author or store.author
        store.new_feature_branch = new_feature_branch
        return import_file(
            store,
            source,
            layer,
            field_map=field_map,
            skip_invalid=skip_invalid,
            source_layer=source_layer,
            options=options,
            progress=progress,
        )


def export_job(store_path: Path, layer: str, out: Path, *, overwrite: bool = False, progress: Progress) -> ExportResult:
    """Write ``layer`` to ``out``; the writer stages to a temporary file, so a cancel leaves no half file."""
    with Store.open(store_path, readonly=True) as store:
        return export_layer(store, layer, out, progress, overwrite=overwrite)


@dataclass
class Preview:
    """The first rows of a source file as the importer reads it, for the import dialog."""

    columns: list[str]
    rows: list[list[str]]
    count: int
    kind: str
    layers: list[str]
    problems: int
    encoding: str | None = None  # the label of the encoding used (UTF-8, CP1251, ...)
    encoding_how: str | None = None  # chosen, declared, language driver, detected, ascii
    with_values: list[str] = field(default_factory=list)  # columns with at least one value
    plumbing: list[str] = field(default_factory=list)  # columns of the geometry or of the format itself
    notes: list[Problem] = field(default_factory=list)  # what the reading noted (heights dropped, ...)


def preview_job(
    source: Path,
    source_layer: str | None = None,
    *,
    encoding: str | None = None,
    rows: int = 20,
    store_path: Path | None = None,
    progress: Progress,
) -> Preview:
    """Read ``source`` with the importer's own reader, so the preview shows what would be imported."""
    refuse_store_file(source, store_path)
    progress.update(0.0, Phase("Reading the file…"))
    data = read_source(source, layer=source_layer, encoding=encoding if encoding_can_be_chosen(source) else None)
    frame = data.frame
    columns = [str(c) for c in frame.columns if c != frame.geometry.name]
    head = frame.head(rows)
    table = [[_cell(head[c].iloc[i]) for c in columns] + [_cell(head.geometry.iloc[i])] for i in range(len(head))]
    plumbing = [*data.geometry_columns, *FORMAT_COLUMNS.get(data.kind, ()), *([ORIGIN_COLUMNS[data.kind]]
                if data.kind in ORIGIN_COLUMNS else [])]  # fmt: skip
    return Preview(
        columns, table, len(frame), data.kind, source_layers(source, store_path), len(data.row_problems),
        data.encoding.label if data.encoding else None, data.encoding.how if data.encoding else None,
        [c for c in columns if any(_cell(v) for v in frame[c].tolist())], plumbing, data.notes,
    )  # fmt: skip


def encoding_can_be_chosen(source: Path) -> bool:
    """Every format but GeoPackage: their text may be in a legacy code page (a GeoPackage's is SQLite's UTF-8;
    a GeoJSON should be UTF-8 too, but old converters wrote CP1251)."""
    return Path(source).suffix.lower() in (
        ".shp", ".zip", ".dbf", ".tab", ".mif", ".csv", ".txt", ".kml", ".kmz", ".gpx", ".geojson", ".json",
    )  # fmt: skip


def source_layers(source: Path, store_path: Path | None = None) -> list[str]:
    """The layers of a GeoPackage, KML, GPX or GML file, or a spreadsheet's sheets (to choose from); empty
    for single-layer formats, and for the open store itself (GDAL must not open it, see io/guard.py)."""
    suffix = Path(source).suffix.lower()
    if suffix not in (".gpkg", ".kml", ".kmz", ".gpx", ".gml", ".xlsx", ".ods"):
        return []
    try:
        refuse_store_file(source, store_path)
    except SourceError:
        return []
    try:
        if suffix == ".gml":  # never beside the user's file: GDAL would write a .gfs there
            with gml_copy(Path(source)) as copy:
                return [str(name) for name, _ in pyogrio.list_layers(copy)]
        return [str(name) for name, _ in pyogrio.list_layers(source)]
    except (pyogrio.errors.DataSourceError, OSError):
        return []


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = value.wkt if hasattr(value, "wkt") else str(value)
    return text if len(text) <= 80 else text[:79] + "…"
