"""After a recording stops: keep the walked track as a new feature of an area (or line) layer, or only as the GPX."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop.gps.features import LINE_TYPES
from baytak_desktop.layers import Catalog
from baytak_desktop.ui.i18n import format_number, layer_title


class TrackSaveDialog(QDialog):
    def __init__(
        self, points: int, length_m: float, layer: str | None, catalog: Catalog, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("gps_track_save_dialog")
        self.catalog = catalog
        self.setWindowTitle(self.tr("Save the walked track"))
        text = QLabel(
            self.tr(
                "The track has {points} points, {length} m walked. Save it as a new feature: the outline of an "
                "area, or a line (a river bank, a canal)? The GPX file stays either way."
            ).format(points=points, length=format_number(length_m))
        )
        text.setWordWrap(True)
        self.layer = QComboBox()
        self.layer.setObjectName("gps_track_layer")
        for name, schema in catalog.items():  # the store's layers, a published outline or line layer too
            if schema.is_polygon or schema.geometry_type in LINE_TYPES:
                self.layer.addItem(layer_title(name, catalog), name)
        if layer is not None and self.layer.findData(layer) >= 0:
            self.layer.setCurrentIndex(self.layer.findData(layer))
        self.simplify = QDoubleSpinBox()
        self.simplify.setObjectName("gps_track_simplify")
        self.simplify.setRange(0.0, 50.0)
        self.simplify.setSingleStep(0.5)
        self.simplify.setValue(1.0)
        self.simplify.setSuffix(" " + self.tr("m"))
        self.simplify.setToolTip(
            self.tr("Corners closer than this to the outline are dropped: the footsteps' zig-zag goes")
        )
        form = QFormLayout()
        form.addRow(self.tr("Layer:"), self.layer)
        form.addRow(self.tr("Simplify:"), self.simplify)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Keep only the GPX"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.layer.currentIndexChanged.connect(self._name_save)
        self._name_save()
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen_layer(self) -> str:
        return str(self.layer.currentData())

    def _name_save(self) -> None:
        """The button says what the track becomes in the chosen layer: an outline, or a line."""
        schema = self.catalog.get(self.chosen_layer())
        line = schema is not None and schema.is_line
        self.save_button.setText(self.tr("Save as line") if line else self.tr("Save as outline"))
