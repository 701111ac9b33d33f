"""Run by /usr/bin/python3 (QGIS): open a basemap GeoPackage, a store's imagery table and its images.

    python3 qgis_reference.py BASEMAP.gpkg STORE.gpkg

Prints one JSON line: per basemap layer whether QGIS finds it valid and its feature count; the rows
of the store's baytak_imagery table as QGIS reads them; for each image, whether QGIS opens it as a
raster layer, its CRS and whether it sees overviews (pyramids).
"""

import json
import os
import sys

from qgis.core import Qgis, QgsApplication, QgsProviderRegistry, QgsRasterLayer, QgsVectorLayer


def main(basemap, store):
    report = {"qgis": Qgis.QGIS_VERSION, "layers": {}, "images": {}}
    metadata = QgsProviderRegistry.instance().providerMetadata("ogr")
    for sublayer in metadata.querySublayers(basemap):
        name = sublayer.name()
        layer = QgsVectorLayer(f"{basemap}|layername={name}", name, "ogr")
        report["layers"][name] = {"valid": layer.isValid(), "count": layer.featureCount()}
    imagery = QgsVectorLayer(f"{store}|layername=baytak_imagery", "imagery", "ogr")
    report["imagery_valid"] = imagery.isValid()
    rows = [{f.name(): feature[f.name()] for f in imagery.fields()} for feature in imagery.getFeatures()]
    report["imagery_rows"] = [{"path": r["path"], "sha256": r["sha256"], "crs": r["crs"]} for r in rows]
    for row in rows:
        path = row["path"] if os.path.isabs(row["path"]) else os.path.join(os.path.dirname(store), row["path"])
        raster = QgsRasterLayer(path, row["title"] or "image")
        report["images"][row["path"]] = {
            "valid": raster.isValid(),
            "crs": raster.crs().authid(),
            "overviews": raster.dataProvider().hasPyramids() if raster.isValid() else False,
        }
    return report


if __name__ == "__main__":
    app = QgsApplication([], False)
    app.initQgis()
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
    app.exitQgis()
