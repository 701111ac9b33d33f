"""Run by tests/interop/test_other_tools.py under the system Python that has QGIS (python3-qgis).

Opens every layer of a baytak store in QGIS collecting every GDAL warning (a GeoPackage version QGIS's
GDAL does not know makes one per layer), then does what a QGIS user does to a quarry: reshapes one
(the area field is not touched: QGIS does not know it is derived) and draws a new one (area left
empty). Prints JSON.
"""

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from osgeo import gdal
from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsVectorLayer

LAYERS = ["quarries", "brick_factories", "sewage_outflows", "shorelines", "tree_plantings", "cleanup_plans"]
RESHAPED = "MULTIPOLYGON (((77.0 43.5, 77.05 43.5, 77.05 43.55, 77.0 43.55, 77.0 43.5)))"
DRAWN = "MULTIPOLYGON (((77.2 43.6, 77.22 43.6, 77.22 43.62, 77.2 43.6)))"


def main(path: str, reshape_uuid: str) -> dict:
    messages = []
    gdal.PushErrorHandler(lambda level, number, text: messages.append(f"{level}:{text}"))
    report = {"layers": {}}
    for name in LAYERS:
        layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        report["layers"][name] = {"valid": layer.isValid(), "count": layer.featureCount()}
    layer = QgsVectorLayer(f"{path}|layername=quarries", "quarries", "ogr")
    provider = layer.dataProvider()
    by_uuid = {f["uuid"]: f.id() for f in layer.getFeatures()}
    report["reshaped"] = provider.changeGeometryValues({by_uuid[reshape_uuid]: QgsGeometry.fromWkt(RESHAPED)})
    feature = QgsFeature(layer.fields())
    feature.setAttribute("name", "Drawn in QGIS")
    feature.setAttribute("status", "illegal")
    feature.setGeometry(QgsGeometry.fromWkt(DRAWN))
    report["drawn"] = provider.addFeatures([feature])[0]
    gdal.PopErrorHandler()
    report["gdal_messages"] = messages
    return report


if __name__ == "__main__":
    app = QgsApplication([], False)
    app.initQgis()
    print(json.dumps(main(*sys.argv[1:3])))
    app.exitQgis()
