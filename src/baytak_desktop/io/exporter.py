"""Export a layer of the store to a file (GeoJSON, GeoPackage, Shapefile, KML, CSV).

Values are exported as stored: codes, not labels, so the file means the same in every language; the
uuid goes along so an exported feature can be traced back to the store.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from baytak_desktop.io.guard import refuse_store_file
from baytak_desktop.io.writers import write_frame
from baytak_desktop.jobs import NullProgress, Progress
from baytak_desktop.store import Store


def layer_frame(store: Store, layer: str) -> gpd.GeoDataFrame:
    """A layer as a GeoDataFrame: uuid, every field, geometry (EPSG:4326)."""
    schema = store.layer(layer)
    features = store.features(layer)
    data = {"uuid": [f.uuid for f in features]}
    for name in schema.field_names:
        data[name] = [f.attributes[name] for f in features]
    return gpd.GeoDataFrame(data, geometry=[f.geometry for f in features], crs="EPSG:4326")


def export_layer(store: Store, layer: str, out: str | Path, progress: Progress | None = None) -> int:
    """Write ``layer`` to ``out`` (format from the extension); returns the number of features."""
    progress = progress or NullProgress()
    refuse_store_file(out, store.path)
    progress.update(0.0, "reading")
    frame = layer_frame(store, layer)
    progress.update(0.5, "writing")
    write_frame(frame, out, layer_name=layer)
    progress.update(1.0, "done")
    return len(frame)
