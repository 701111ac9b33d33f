"""Run under the system Python that has QGIS (python3-qgis): a published layer as a QGIS user meets it.

    /usr/bin/python3 qgis_new_layer.py SOURCE LAYER [NAME [BRANCH]]

SOURCE is a GeoPackage path or a PostgreSQL connection string ("dbname=... host=..."). Opens LAYER
with QGIS's OGR provider (or its PostgreSQL provider), reports validity, geometry type, count, each
field's type and the editor QGIS chooses for it (a value list for a vocabulary, a range for a number
with limits), and with NAME adds one feature (of BRANCH, "almaty" unless given) the way a QGIS user's
edit reaches the file. Prints JSON.
"""

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer, QgsWkbTypes


def open_layer(source: str, name: str) -> QgsVectorLayer:
    if source.endswith(".gpkg"):
        return QgsVectorLayer(f"{source}|layername={name}", name, "ogr")
    return QgsVectorLayer(f'{source} key=\'fid\' table="public"."{name}" (geom)', name, "postgres")


def main(source: str, name: str, added: str | None, branch: str = "almaty") -> dict:
    layer = open_layer(source, name)
    report = {
        "valid": layer.isValid(),
        "count": layer.featureCount(),
        "geometry": QgsWkbTypes.displayString(layer.wkbType()),
        "fields": {},
    }
    for index, field in enumerate(layer.fields()):
        setup = layer.editorWidgetSetup(index)
        config = setup.config()
        values = [value for item in config.get("map", []) for value in item.values()]
        report["fields"][field.name()] = {"type": field.typeName(), "editor": setup.type(), "values": values}
    if added and layer.isValid():
        feature = QgsFeature(layer.fields())
        feature.setAttribute("name", added)
        feature.setAttribute("status", "active")
        feature.setAttribute("burning", True)
        feature.setAttribute("branch", branch)
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(76.91, 43.31)))
        report["added"] = layer.dataProvider().addFeatures([feature])[0]
    return report


if __name__ == "__main__":
    app = QgsApplication([], False)
    app.initQgis()
    print(json.dumps(main(*sys.argv[1:3], *(sys.argv[3:5] or [None])), ensure_ascii=False))
    app.exitQgis()
