"""``build_basemap``: an OpenStreetMap extract in, an offline field-map GeoPackage out.

One pass of GDAL's OSM driver per layer it needs (points for places, lines for roads, railways and
rivers, multipolygons for water, land cover, protected areas and buildings), streamed in batches:
each batch is classed (osm_classes), ranked by scale and written (gpkg_out) before the next is read,
so memory stays flat whether the extract is a district or the whole of Kazakhstan. Tables drawn at
small scales also get a generalised copy (``<table>_low``: only what shows from 1:250,000 on,
simplified to half a pixel there), so a 1:500,000 view never reads every village lane.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import shapely

from baytak_desktop import __version__
from baytak_desktop.basemap import osm_classes
from baytak_desktop.basemap.files import Scaled, file_sha256
from baytak_desktop.basemap.gpkg_out import BasemapWriter
from baytak_desktop.basemap.osm_classes import NAME_COLUMNS, OsmTable
from baytak_desktop.basemap.osm_read import BBox, FilePosition, check_extract, read_batches
from baytak_desktop.errors import SourceError
from baytak_desktop.jobs import NullProgress, Phase, Progress

PASSES = ("points", "lines", "multipolygons")
LOW_SUFFIX = "_low"
# Half a pixel at 1:250,000 (0.28 mm pixels): 35 m, in degrees of latitude.
LOW_TOLERANCE_DEG = 0.5 * 0.00028 * osm_classes.LOW_DETAIL_FROM / 111_320.0
_OSM_TYPES = {"points": "node", "lines": "way"}
_COLUMN_TYPES = {"population": "INTEGER", "ref": "TEXT"}
ATTRIBUTION = "© OpenStreetMap contributors (ODbL)"


@dataclass
class BasemapResult:
    """What was built: the file, rows per table, the area covered, where it came from."""

    path: Path
    source: Path
    source_sha256: str
    source_size: int
    counts: dict[str, int]
    bounds: tuple[float, float, float, float] | None
    seconds: float
    bbox: BBox | None = None
    info: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "source": str(self.source),
            "source_sha256": self.source_sha256,
            "source_size": self.source_size,
            "counts": self.counts,
            "bounds": self.bounds,
            "bbox": self.bbox,
            "seconds": round(self.seconds, 2),
        }


def default_output(store: Path, extract: Path) -> Path:
    """``kazakhstan-latest.osm.pbf`` beside ``field.gpkg`` -> ``kazakhstan-latest.basemap.gpkg`` there."""
    stem = extract.name
    for suffix in (".pbf", ".osm"):
        stem = stem.removesuffix(suffix)
    return store.parent / f"{stem}.basemap.gpkg"


def build_basemap(
    extract: Path, out: Path, bbox: BBox | None = None, progress: Progress | None = None
) -> BasemapResult:
    """Build ``out`` from ``extract`` (only features meeting ``bbox`` when given); atomic on ``out``."""
    progress = progress or NullProgress()
    started = time.perf_counter()
    extract, out = Path(extract), Path(out)
    check_extract(extract)
    check_output(out)
    sha256, size = file_sha256(extract, Scaled(progress, 0.0, 0.02))
    writer = BasemapWriter(out)
    try:
        _create_tables(writer)
        for index, layer in enumerate(PASSES):
            _read_pass(writer, extract, layer, bbox, progress, index)
        info = {
            "source": extract.name,
            "source_sha256": sha256,
            "source_size": str(size),
            "bbox": "" if bbox is None else ",".join(f"{v:g}" for v in bbox),
            "built_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "generator": f"baytak-desktop {__version__}",
            "attribution": ATTRIBUTION,
        }
        writer.add_info(info)
        counts, bounds = dict(writer.counts), _union(writer.extents.values())
        progress.update(0.99, Phase("Building the spatial indexes…"))
        writer.finish()
    except BaseException:
        writer.abort()
        raise
    progress.update(1.0, Phase("Basemap ready"))
    return BasemapResult(out, extract, sha256, size, counts, bounds, time.perf_counter() - started, bbox, info)


def check_output(out: Path) -> None:
    """Overwrite only a basemap built by us: never a store or someone's other GeoPackage."""
    if not out.parent.is_dir():
        raise SourceError("The folder {folder} does not exist.", folder=str(out.parent))
    if out.suffix.lower() != ".gpkg":
        raise SourceError("The basemap must be written to a .gpkg file, not {path}.", path=str(out))
    if out.exists() and not is_basemap(out):
        raise SourceError(
            "{path} exists and is not a basemap built by baytak; choose another name with --out.", path=str(out)
        )


def is_basemap(path: Path) -> bool:
    import sqlite3

    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'baytak_basemap_info'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return row is not None


def _create_tables(writer: BasemapWriter) -> None:
    for table in osm_classes.TABLES:
        columns = {
            "class": "TEXT",
            "max_scale": "INTEGER",
            **dict.fromkeys(NAME_COLUMNS, "TEXT"),
            **{c: _COLUMN_TYPES[c] for c in table.extra},
            "osm_id": "TEXT",
        }
        writer.create_table(table.name, table.geometry_type, columns, table.title)
        writer.add_index(table.name, "max_scale")
        if table.generalised:
            writer.create_table(
                table.name + LOW_SUFFIX,
                table.geometry_type,
                columns,
                f"{table.title}, generalised for 1:{osm_classes.LOW_DETAIL_FROM:,} and smaller",
            )


def _read_pass(
    writer: BasemapWriter, extract: Path, layer: str, bbox: BBox | None, progress: Progress, index: int
) -> None:
    """Stream one driver layer into every table it feeds."""
    position, read = FilePosition(extract), 0
    tables = osm_classes.tables_of(layer)
    for batch in read_batches(extract, layer, osm_classes.layer_filter(layer), bbox, temp_folder=writer.path.parent):
        read += batch.num_rows
        _write_batch(writer, layer, tables, batch)
        within = position.fraction()
        if within is None:  # no way to know the position: creep towards the end of the pass
            within = 1.0 - 1.0 / (1.0 + read / 200_000)
        progress.update(min(0.02 + 0.97 * (index + within) / len(PASSES), 0.99), _pass_phase(layer, read))


def _pass_phase(layer: str, read: int) -> Phase:
    """What a pass reads, as a person says it (each template written out, for the translators)."""
    if layer == "points":
        return Phase("Reading places: {count} objects", count=read)
    if layer == "lines":
        return Phase("Reading roads, railways and rivers: {count} objects", count=read)
    return Phase("Reading water, land cover and buildings: {count} objects", count=read)


def _write_batch(writer: BasemapWriter, layer: str, tables: tuple[OsmTable, ...], batch: pa.RecordBatch) -> None:
    frame = batch.to_pandas()
    geometry_column = "wkb_geometry" if "wkb_geometry" in frame else frame.columns[-1]
    geometries = shapely.from_wkb(frame.pop(geometry_column).to_numpy(dtype=object), on_invalid="ignore")
    osm_ids = _osm_ids(frame, layer)
    areas = _areas_m2(geometries) if layer == "multipolygons" else np.zeros(len(frame))
    for table in tables:
        classes = table.classify(frame)
        chosen = classes.notna().to_numpy()
        if not chosen.any():
            continue
        subset = frame[chosen]
        values: dict[str, Any] = {
            "class": classes[chosen].to_numpy(dtype=object),
            "max_scale": table.max_scale(classes[chosen], areas[chosen]),
            **{c: _text(subset, c) for c in NAME_COLUMNS},
            "osm_id": osm_ids[chosen],
        }
        for column in table.extra:
            values[column] = _integers(subset, column) if _COLUMN_TYPES[column] == "INTEGER" else _text(subset, column)
        writer.append(table.name, geometries[chosen], values)
        if table.generalised:
            _write_low(writer, table, geometries[chosen], values)


def _write_low(writer: BasemapWriter, table: OsmTable, geometries: np.ndarray, values: dict[str, Any]) -> None:
    """The features still drawn at 1:250,000 and smaller, simplified to half a pixel at that scale."""
    small_scale = np.asarray(values["max_scale"]) >= osm_classes.LOW_DETAIL_FROM
    if not small_scale.any():
        return
    simple = shapely.simplify(geometries[small_scale], LOW_TOLERANCE_DEG, preserve_topology=True)
    if table.geometry_type == "MULTIPOLYGON":
        simple = np.array([_as_multipolygon(g) for g in simple], dtype=object)
    low = {k: np.asarray(v, dtype=object)[small_scale] for k, v in values.items()}
    writer.append(table.name + LOW_SUFFIX, simple, low)


def _as_multipolygon(geometry: shapely.Geometry) -> shapely.Geometry | None:
    if geometry is None or geometry.is_empty:
        return None
    if geometry.geom_type == "Polygon":
        return shapely.MultiPolygon([geometry])
    if geometry.geom_type == "MultiPolygon":
        return geometry
    parts = [g for g in getattr(geometry, "geoms", []) if g.geom_type == "Polygon"]
    return shapely.MultiPolygon(parts) if parts else None


def _osm_ids(frame: pd.DataFrame, layer: str) -> np.ndarray:
    """``node/123``, ``way/123`` or ``relation/123``: the feature on openstreetmap.org."""
    if layer == "multipolygons":
        way = frame.get("osm_way_id")
        relation = frame.get("osm_id")
        ways = ("way/" + way.astype("string")) if way is not None else None
        relations = ("relation/" + relation.astype("string")) if relation is not None else None
        if ways is None:
            return relations.to_numpy(dtype=object) if relations is not None else np.full(len(frame), None)
        return np.asarray(ways.fillna(relations) if relations is not None else ways, dtype=object)
    ids = frame.get("osm_id")
    if ids is None:
        return np.full(len(frame), None, dtype=object)
    return np.asarray(_OSM_TYPES[layer] + "/" + ids.astype("string"), dtype=object)


def _areas_m2(geometries: np.ndarray) -> np.ndarray:
    """Approximate areas in m² from degrees (enough to rank polygons for display, not to measure)."""
    bounds = shapely.bounds(geometries)
    latitude = np.nan_to_num((bounds[:, 1] + bounds[:, 3]) / 2)
    degrees = np.nan_to_num(shapely.area(geometries))
    return np.asarray(degrees * 111_320.0**2 * np.cos(np.radians(latitude)), dtype=float)


def _text(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame:
        return np.full(len(frame), None, dtype=object)
    values = frame[column].astype(object)
    return np.asarray(values.where(values.notna(), None), dtype=object)


def _integers(frame: pd.DataFrame, column: str) -> np.ndarray:
    """``population=12 000`` and ``~500`` are common; keep the digits, drop what is not a number."""
    if column not in frame:
        return np.full(len(frame), None, dtype=object)
    digits = frame[column].astype("string").str.replace(r"[\s,.~']", "", regex=True)
    numbers = pd.to_numeric(digits, errors="coerce")
    return np.array([None if pd.isna(v) else int(v) for v in numbers], dtype=object)


def _union(extents: Any) -> tuple[float, float, float, float] | None:
    boxes = [e for e in extents if e]
    if not boxes:
        return None
    array = np.array(boxes)
    return (
        float(array[:, 0].min()),
        float(array[:, 1].min()),
        float(array[:, 2].max()),
        float(array[:, 3].max()),
    )
