"""Controls for the current layer, each bound to the styles model (napari's layer-controls pattern).

A control shows the current layer's value and writes the user's change to the model; when the model
changes (another widget, a loaded store) it shows the new value without writing it back.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget

from baytak_desktop.layers.style import LayerStyle
from baytak_desktop.ui.i18n import format_number
from baytak_desktop.ui.layers.style_model import StylesModel


class OpacityControl(QWidget):
    """ "Opacity [slider] 80 %" for the current layer; 0 % hides it without unticking it."""

    def __init__(self, model: StylesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.layer: str | None = None
        self.caption = QLabel(self)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, 100)
        self.slider.setPageStep(10)
        self.value_label = QLabel(self)
        self.value_label.setMinimumWidth(self.value_label.fontMetrics().horizontalAdvance("100 %") + 4)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.caption)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.value_label)
        self.slider.valueChanged.connect(self._slider_moved)
        model.sigStylesChanged.connect(self._model_changed)
        self.setEnabled(False)
        self.retranslate()

    def set_layer(self, layer: str | None) -> None:
        self.layer = layer
        self.setEnabled(layer is not None)
        if layer is not None:
            self._show(self.model.style(layer))

    def _slider_moved(self, value: int) -> None:
        self._show_value(value)
        if self.layer is not None:
            self.model.set_opacity(self.layer, value / 100)

    def _model_changed(self, styles: dict[str, LayerStyle]) -> None:
        if self.layer in styles:
            self._show(styles[self.layer])

    def _show(self, style: LayerStyle) -> None:
        value = round(style.opacity * 100)
        if value != self.slider.value():
            with QSignalBlocker(self.slider):
                self.slider.setValue(value)
        self._show_value(value)

    def _show_value(self, value: int) -> None:
        self.value_label.setText(self.tr("{value} %").format(value=format_number(value)))

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Opacity"))
        self.slider.setToolTip(self.tr("How opaque the current layer is drawn"))
        self._show_value(self.slider.value())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
