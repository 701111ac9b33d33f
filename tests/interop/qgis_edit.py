"""Run by tests/interop/test_qgis.py under the system Python that has QGIS (python3-qgis).

Opens every layer of a baytak store with QGIS's OGR provider, reports validity and counts, then adds,
updates and deletes features the way a QGIS user's edits reach the file. Prints JSON.
"""

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

LAYERS = ["quarries", "brick_factories", "sewage_outflows", "shorelines", "tree_plantings", "cleanup_plans"]


def main(path: str, update_uuid: str, delete_uuid: str) -> dict:
    report = {"layers": {}}
    for name in LAYERS:
        layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        report["layers"][name] = {"valid": layer.isValid(), "count": layer.featureCount(), "geometry": layer.wkbType()}
    layer = QgsVectorLayer(f"{path}|layername=brick_factories", "brick_factories", "ogr")
    provider = layer.dataProvider()
    feature = QgsFeature(layer.fields())
    feature.setAttribute("name", "Added in QGIS")
    feature.setAttribute("status", "closed")
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(76.95, 43.25)))
    report["added"] = provider.addFeatures([feature])[0]
    by_uuid = {f["uuid"]: f.id() for f in layer.getFeatures()}
    name_index = layer.fields().indexOf("name")
    report["updated"] = provider.changeAttributeValues({by_uuid[update_uuid]: {name_index: "Renamed in QGIS"}})
    report["deleted"] = provider.deleteFeatures([by_uuid[delete_uuid]])
    return report


if __name__ == "__main__":
    app = QgsApplication([], False)
    app.initQgis()
    print(json.dumps(main(*sys.argv[1:4])))
    app.exitQgis()
