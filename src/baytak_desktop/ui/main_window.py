"""The main window: map canvas in the centre, a layers dock, and the status bar."""

from __future__ import annotations

from pathlib import Path

import pyogrio
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDockWidget, QLabel, QListWidget, QListWidgetItem, QMainWindow

from baytak_desktop.demo import basemap_path
from baytak_desktop.io.coordinates import format_dms
from baytak_desktop.layers import LAYERS
from baytak_desktop.store import Store
from baytak_desktop.ui.canvas import KAZAKHSTAN, MapCanvas
from baytak_desktop.ui.map_items import LayerItem

BASEMAP = [  # layer, fill, stroke
    ("land", "#f2efe6", "#d8d2c0"),
    ("seas", "#a9cce6", "#7fb1d6"),
    ("lakes", "#a9cce6", "#7fb1d6"),
    ("playas", "#e8dfc8", "#d1c4a0"),
    ("lakes_historic", "#00000000", "#2b6ca3"),
    ("rivers", "#00000000", "#6fa3cf"),
    ("countries", "#00000000", "#8f8f8f"),
]
LAYER_COLOURS = {  # fill, stroke; Qt reads 8-digit colours as #AARRGGBB
    "shorelines": ("#404f8fc9", "#1f5f99"),
    "cleanup_plans": ("#6658b368", "#2e7d32"),
    "quarries": ("#b0c0702b", "#7a3e0e"),
    "brick_factories": ("#b23a48", "#5a1d24"),
    "sewage_outflows": ("#6a4c93", "#2f1f45"),
    "tree_plantings": ("#2e9d4a", "#145224"),
}


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle(self.tr("Baytak — {name}").format(name=Path(store.path).name))
        self.canvas = MapCanvas(self)
        self.setCentralWidget(self.canvas)
        self.items: dict[str, LayerItem] = {}
        self._add_basemap()
        self._add_layers()
        self._add_layer_dock()
        self._add_status_bar()
        self.resize(1200, 800)

    def _add_basemap(self) -> None:
        path = basemap_path()
        for z, (layer, fill, stroke) in enumerate(BASEMAP):
            frame = pyogrio.read_dataframe(path, layer=layer)
            item = LayerItem(list(frame.geometry), QColor(fill), QColor(stroke))
            item.setZValue(z)
            self.canvas.scene().addItem(item)

    def _add_layers(self) -> None:
        for z, name in enumerate(LAYER_COLOURS, start=100):
            fill, stroke = LAYER_COLOURS[name]
            features = self.store.features(name)
            item = LayerItem([f.geometry for f in features], QColor(fill), QColor(stroke), point_size=9)
            item.setZValue(z)
            self.canvas.scene().addItem(item)
            self.items[name] = item

    def _add_layer_dock(self) -> None:
        self.layer_list = QListWidget()
        for name in reversed(list(LAYER_COLOURS)):
            entry = QListWidgetItem(f"{self.tr(LAYERS[name].title)} ({self.store.count(name)})")
            entry.setData(Qt.ItemDataRole.UserRole, name)
            entry.setCheckState(Qt.CheckState.Checked)
            self.layer_list.addItem(entry)
        self.layer_list.itemChanged.connect(self._toggle_layer)
        dock = QDockWidget(self.tr("Layers"), self)
        dock.setObjectName("layers")
        dock.setWidget(self.layer_list)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

    def _toggle_layer(self, entry: QListWidgetItem) -> None:
        name = entry.data(Qt.ItemDataRole.UserRole)
        self.items[name].setVisible(entry.checkState() == Qt.CheckState.Checked)

    def _add_status_bar(self) -> None:
        self.position_label = QLabel()
        self.changes_label = QLabel()
        self.statusBar().addWidget(self.position_label, 1)
        self.statusBar().addPermanentWidget(self.changes_label)
        self.canvas.sigCursorMoved.connect(self._show_position)
        self.refresh_changes()

    def _show_position(self, lon: float, lat: float) -> None:
        self.position_label.setText(
            f"{lat:.5f}, {lon:.5f}   {format_dms(lat, True)} {format_dms(lon, False)}")

    def refresh_changes(self) -> None:
        count = len(self.store.changes())
        self.changes_label.setText(self.tr("%n edit(s) not yet synced", "", count))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.canvas.zoom_to_lonlat(KAZAKHSTAN)
