"""The named features of an OpenStreetMap basemap with their ``max_scale``: what the overlay's name
cache reads once for a neighbourhood of the view and a range of scales, then filters per view.

``osm_view.read_features`` filters ``max_scale >= S`` in SQL for one scale; a pan north or south changes
the scale at the view's centre a little (1:20,000 becomes 1:20,004), and many roads have a
``max_scale`` of exactly 20,000, so a read for one scale cannot serve the next. Here the rows come with
their ``max_scale``, read for the smallest scale to serve, and each view keeps those reaching its own.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import shapely

from baytak_desktop.basemap.osm_view import (
    _NAMED_SQL,
    _ROWS_PER_FETCH,
    _WKB,
    BBox,
    FeatureSet,
    _connection,
    _labels,
    tables_for,
)


def read_named(
    path: Path, bbox: BBox, scale: float, language: str, only: tuple[str, ...], below: float | None = None
) -> dict[str, tuple[FeatureSet, np.ndarray]]:
    """``read_features(path, bbox, scale, language, only, named=True)`` with each row's ``max_scale``
    beside the features: a view at 1:S >= 1:``scale`` (and the same tables) keeps ``max_scale >= S``.
    With ``below``, only the rows whose ``max_scale`` is under it (what a zoom in adds to a read for
    1:``below``)."""
    conn = _connection(path)
    west, south, east, north = bbox
    out = {}
    for base, table in tables_for(scale):
        if base not in only:
            continue
        with_ref = base == "osm_roads"
        cursor = conn.execute(
            f"SELECT {_WKB} AS wkb, t.class, t.name, t.name_kk, t.name_ru, t.max_scale"
            f'{", t.ref" if with_ref else ""} FROM "{table}" t '
            f'JOIN "rtree_{table}_geom" r ON t.fid = r.id '
            "WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ? AND t.max_scale >= ?"
            + (" AND t.max_scale < ?" if below is not None else "")
            + _NAMED_SQL.format(ref=" OR t.ref <> ''" if with_ref else ""),
            (east, west, north, south, scale, *(() if below is None else (below,))),
        )
        rows: list[tuple[object, ...]] = []
        while chunk := cursor.fetchmany(_ROWS_PER_FETCH):
            rows.extend(chunk)
        blobs = np.array([row[0] for row in rows], dtype=object)
        geometries = np.empty(len(rows), dtype=object)
        for start in range(0, len(rows), _ROWS_PER_FETCH):
            geometries[start : start + _ROWS_PER_FETCH] = shapely.from_wkb(blobs[start : start + _ROWS_PER_FETCH])
        features = FeatureSet(
            base,
            geometries,
            np.array([row[1] for row in rows], dtype=object),
            _labels(rows, language),
            np.array([row[6] for row in rows], dtype=object) if with_ref else None,
        )
        out[base] = (features, np.array([row[5] if row[5] is not None else 0 for row in rows], dtype=np.float64))
    return out
