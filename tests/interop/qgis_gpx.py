"""Run by tests/interop/test_qgis_gpx.py under the system Python that has QGIS (python3-qgis).

Opens each GPX track file given with QGIS's OGR provider (as a user drags it onto QGIS) and reports,
per file, whether the track points and tracks layers are valid, how many features they have, the first
point and its fields, among them our extension elements (GDAL's GPX_USE_EXTENSIONS). Prints JSON.
"""

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["GPX_USE_EXTENSIONS"] = "YES"  # a GDAL configuration option, read from the environment

from qgis.core import QgsApplication, QgsVectorLayer


def report(path: str) -> dict:
    points = QgsVectorLayer(f"{path}|layername=track_points", "track_points", "ogr")
    tracks = QgsVectorLayer(f"{path}|layername=tracks", "tracks", "ogr")
    first = next(points.getFeatures(), None) if points.isValid() else None
    point = first.geometry().asPoint() if first is not None else None
    return {
        "points_valid": points.isValid(),
        "points": points.featureCount(),
        "tracks_valid": tracks.isValid(),
        "tracks": tracks.featureCount(),
        "segments": sorted({f["track_seg_id"] for f in points.getFeatures()}) if points.isValid() else [],
        "first": [point.x(), point.y()] if point is not None else None,
        "first_fields": {
            k: (v if isinstance(v, (int, float, str)) or v is None else str(v))
            for k, v in zip(first.fields().names(), first.attributes(), strict=True)
        }
        if first is not None
        else {},
    }


if __name__ == "__main__":
    app = QgsApplication([], False)
    app.initQgis()
    print(json.dumps({path: report(path) for path in sys.argv[1:]}))
