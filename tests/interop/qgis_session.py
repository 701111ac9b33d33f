"""A long-running QGIS that edits a store on command: run by tests/interop/programs.py (and the
sharing benchmark) under the system Python that has QGIS (python3-qgis).

Reads one JSON command per line on stdin and answers one JSON line on stdout, so a test can interleave
QGIS's opening, editing and closing of the store with the app's own actions, in any order:

    {"op": "open", "layer": "brick_factories"}           load the layer (QGIS's OGR provider)
    {"op": "count", "layer": ...}                          read every feature
    {"op": "add", "layer": ..., "n": 3, "attributes": {}}  add features through the edit buffer, commit
    {"op": "rename", "layer": ..., "uuid": ..., "name": ...}
    {"op": "begin", "layer": ...}                          start editing in a transaction group: QGIS holds
                                                           the store's write lock until "commit"/"rollback"
    {"op": "commit"} / {"op": "rollback"}
    {"op": "close"}                                        remove the layers (QGIS closes the file)
    {"op": "quit"}
"""

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer

PATH = sys.argv[1]
layers = {}
editing = []


def layer(name):
    if name not in layers:
        loaded = QgsVectorLayer(f"{PATH}|layername={name}", name, "ogr")
        if not loaded.isValid():
            raise RuntimeError(f"QGIS cannot load {name}")
        QgsProject.instance().addMapLayer(loaded)
        layers[name] = loaded
    return layers[name]


def new_features(target, n, name, attributes=None):
    made = []
    for i in range(n):
        feature = QgsFeature(target.fields())
        feature.setAttribute("name", f"{name} {i}")
        feature.setAttribute("status", "closed")
        for key, value in (attributes or {}).items():
            feature.setAttribute(key, value)
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(76.9 + i * 1e-4, 43.2)))
        made.append(feature)
    return made


def run(command):
    op = command["op"]
    if op == "open":
        return {"count": layer(command["layer"]).featureCount()}
    if op == "count":
        return {"count": sum(1 for _ in layer(command["layer"]).getFeatures())}
    if op == "add":
        target = layer(command["layer"])
        target.startEditing()
        made = new_features(
            target, command.get("n", 1), command.get("name", "Added in QGIS"), command.get("attributes")
        )
        target.addFeatures(made)
        return {"ok": target.commitChanges(), "errors": target.commitErrors()}
    if op == "rename":
        target = layer(command["layer"])
        fid = next(f.id() for f in target.getFeatures() if f["uuid"] == command["uuid"])
        target.startEditing()
        target.changeAttributeValue(fid, target.fields().indexOf("name"), command["name"])
        return {"ok": target.commitChanges(), "errors": target.commitErrors()}
    if op == "begin":
        QgsProject.instance().setAutoTransaction(True)
        target = layer(command["layer"])
        target.startEditing()
        target.addFeatures(new_features(target, 1, "In QGIS's open transaction", command.get("attributes")))
        editing.append(target)
        return {"editing": target.isEditable()}
    if op in ("commit", "rollback"):
        done = [t.commitChanges() if op == "commit" else t.rollBack() for t in editing]
        editing.clear()
        return {"ok": all(done)}
    if op == "close":
        QgsProject.instance().removeAllMapLayers()
        layers.clear()
        return {}
    raise ValueError(f"unknown op {op}")


def main():
    app = QgsApplication([], False)
    app.initQgis()
    print(json.dumps({"ready": True, "pid": os.getpid()}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        if command["op"] == "quit":
            break
        try:
            answer = run(command)
        except Exception as exc:  # reported to the test, which fails with it
            answer = {"exception": repr(exc)}
        print(json.dumps(answer), flush=True)
    QgsProject.instance().removeAllMapLayers()
    layers.clear()
    app.exitQgis()


if __name__ == "__main__":
    main()
