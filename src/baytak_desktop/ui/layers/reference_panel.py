"""The layer panel's "Basemaps and imagery" list: each OSM basemap and image the store registers.

A row per basemap or image, checked to show it; the slider below sets the opacity of the row chosen.
When images carry dates, "One date at a time" and the date slider show only the images of one date,
so moving the slider flips a quarry or a shoreline between before and after. What is shown is decided
by ``mapdata.reference.shown``; the panel announces it with ``sigChanged`` and the window hands it to
the canvas. A file missing on this device stays listed, greyed, with the reason in its tool tip.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop.mapdata.reference import IMAGE, ReferenceLayer, image_dates, keep_choices, shown

KEY_ROLE = Qt.ItemDataRole.UserRole


class ReferencePanel(QWidget):
    sigChanged = Signal(object)  # list[ReferenceLayer]: what the map should draw now, bottom first
    sigSwipe = Signal(object, float)  # the key of the image cut by the swipe (None: no swipe), its edge 0..1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layers: list[ReferenceLayer] = []
        self._building = False
        self.title = QLabel(self)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.opacity_label = QLabel(self)
        self.opacity = QSlider(Qt.Orientation.Horizontal, self)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(100)
        self.brightness_label = QLabel(self)
        self.brightness = QSlider(Qt.Orientation.Horizontal, self)
        self.brightness.setRange(-50, 50)
        self.one_date = QCheckBox(self)
        self.date = QSlider(Qt.Orientation.Horizontal, self)
        self.date.setPageStep(1)
        self.date_label = QLabel(self)
        self.swipe = QCheckBox(self)
        self.swipe_position = QSlider(Qt.Orientation.Horizontal, self)
        self.swipe_position.setRange(0, 100)
        self.swipe_position.setValue(50)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.tree)
        row = QHBoxLayout()
        row.addWidget(self.opacity_label)
        row.addWidget(self.opacity, 1)
        layout.addLayout(row)
        light = QHBoxLayout()
        light.addWidget(self.brightness_label)
        light.addWidget(self.brightness, 1)
        layout.addLayout(light)
        dates = QHBoxLayout()
        dates.addWidget(self.one_date)
        dates.addWidget(self.date, 1)
        dates.addWidget(self.date_label)
        layout.addLayout(dates)
        swipe = QHBoxLayout()
        swipe.addWidget(self.swipe)
        swipe.addWidget(self.swipe_position, 1)
        layout.addLayout(swipe)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(lambda *_: self._show_opacity())
        self.opacity.valueChanged.connect(self._opacity_changed)
        self.brightness.valueChanged.connect(self._brightness_changed)
        self.one_date.toggled.connect(lambda _: self._dates_changed())
        self.date.valueChanged.connect(lambda _: self._dates_changed())
        self.swipe.toggled.connect(lambda _: self._swipe_changed())
        self.swipe_position.valueChanged.connect(lambda _: self._swipe_changed())
        self.retranslate()
        self._rebuild()

    # -- public API --------------------------------------------------------------------------------
    def set_layers(self, layers: list[ReferenceLayer]) -> None:
        """What the store registers now (after opening it, or adding a basemap or an image)."""
        self._layers = keep_choices(layers, self._layers)
        self._rebuild()
        self._emit()

    def layers(self) -> list[ReferenceLayer]:
        return list(self._layers)

    def shown(self) -> list[ReferenceLayer]:
        return shown(self._layers, self.current_date())

    def current_date(self) -> str | None:
        dates = image_dates(self._layers)
        if not self.one_date.isChecked() or not dates:
            return None
        return dates[min(self.date.value(), len(dates) - 1)]

    def set_visible(self, key: str, visible: bool) -> None:
        self._update([replace(r, visible=visible) if r.key == key else r for r in self._layers])

    def set_brightness(self, key: str, brightness: float) -> None:
        self._update([replace(r, brightness=brightness) if r.key == key else r for r in self._layers])

    def set_opacity(self, key: str, opacity: float) -> None:
        self._update([replace(r, opacity=opacity) if r.key == key else r for r in self._layers])

    def select_date(self, date: str | None) -> None:
        """Show only the images of ``date`` (None: every date)."""
        dates = image_dates(self._layers)
        self.one_date.setChecked(date is not None)
        if date in dates:
            self.date.setValue(dates.index(date))

    # -- inside ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Basemaps and imagery"))
        self.opacity_label.setText(self.tr("Opacity"))
        self.brightness_label.setText(self.tr("Brightness"))
        self.one_date.setText(self.tr("One date at a time"))
        self.one_date.setToolTip(self.tr("Show only the images taken on the date chosen with the slider"))
        self.swipe.setText(self.tr("Swipe"))
        self.swipe.setToolTip(
            self.tr("Show the top image only left of the slider's position, to compare it with what is under it")
        )
        self._rebuild()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _rebuild(self) -> None:
        self._building = True
        try:
            selected = self.tree.currentItem()
            current = selected.data(0, KEY_ROLE) if selected is not None else None
            self.tree.clear()
            for layer in reversed(self._layers):  # the top of the list is drawn on top
                item = QTreeWidgetItem([self._text(layer)])
                item.setData(0, KEY_ROLE, layer.key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked)
                if not layer.present:
                    item.setForeground(0, Qt.GlobalColor.gray)
                    item.setToolTip(0, self.tr("Not on this device: {path}").format(path=str(layer.path)))
                else:
                    item.setToolTip(0, str(layer.path))
                self.tree.addTopLevelItem(item)
                if layer.key == current:
                    self.tree.setCurrentItem(item)
            first = self.tree.topLevelItem(0)
            if self.tree.currentItem() is None and first is not None:
                self.tree.setCurrentItem(first)
            row = max(self.tree.sizeHintForRow(0), self.fontMetrics().height() + 4)
            rows = min(max(self.tree.topLevelItemCount(), 1), 6)  # as tall as its rows, up to six
            self.tree.setFixedHeight(rows * row + 2 * self.tree.frameWidth() + 4)
            dates = image_dates(self._layers)
            self.date.setRange(0, max(0, len(dates) - 1))
            for widget in (self.one_date, self.date, self.date_label):
                widget.setVisible(len(dates) > 1)
            self.date_label.setText(dates[min(self.date.value(), len(dates) - 1)] if dates else "")
            images = sum(1 for layer in self.shown() if layer.kind == IMAGE)
            self.swipe.setVisible(images > 0)
            self.swipe_position.setVisible(images > 0)
            self.swipe_position.setEnabled(self.swipe.isChecked())
            self.setVisible(bool(self._layers))
        finally:
            self._building = False
        self._show_opacity()

    def _text(self, layer: ReferenceLayer) -> str:
        if layer.kind == IMAGE:
            title = self.tr("Image: {title}").format(title=layer.title)
            return f"{title} ({layer.date})" if layer.date else title
        return self.tr("OpenStreetMap: {title}").format(title=layer.title)

    def _layer(self, key: str | None) -> ReferenceLayer | None:
        return next((layer for layer in self._layers if layer.key == key), None)

    def _update(self, layers: list[ReferenceLayer]) -> None:
        self._layers = layers
        self._rebuild()
        self._emit()

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._building:
            return
        layer = self._layer(item.data(0, KEY_ROLE))
        visible = item.checkState(0) == Qt.CheckState.Checked
        if layer is not None and layer.visible != visible:  # the row shows it already: no rebuild under it
            self._layers = [replace(r, visible=visible) if r.key == layer.key else r for r in self._layers]
            self._emit()

    def _show_opacity(self) -> None:
        item = self.tree.currentItem()
        layer = self._layer(item.data(0, KEY_ROLE)) if item else None
        self.opacity.setEnabled(layer is not None)
        is_image = layer is not None and layer.kind == IMAGE
        for widget in (self.brightness_label, self.brightness):
            widget.setVisible(is_image)
        if layer is not None:
            for slider, value in ((self.opacity, layer.opacity), (self.brightness, layer.brightness)):
                slider.blockSignals(True)
                slider.setValue(round(value * 100))
                slider.blockSignals(False)

    def _opacity_changed(self, value: int) -> None:
        item = self.tree.currentItem()
        if item is not None and not self._building:
            key = item.data(0, KEY_ROLE)
            self._layers = [replace(r, opacity=value / 100) if r.key == key else r for r in self._layers]
            self._emit()

    def _emit(self) -> None:
        self.sigChanged.emit(self.shown())
        self.sigSwipe.emit(self.swiped_key(), self.swipe_position.value() / 100)

    def swiped_key(self) -> str | None:
        """The image the swipe cuts: the top one shown (the newest), when the swipe is on."""
        images = [layer for layer in self.shown() if layer.kind == IMAGE]
        return images[-1].key if self.swipe.isChecked() and images else None

    def set_swipe(self, on: bool, position: float = 0.5) -> None:
        self.swipe_position.setValue(round(position * 100))
        self.swipe.setChecked(on)

    def _swipe_changed(self) -> None:
        self.swipe_position.setEnabled(self.swipe.isChecked())
        self.sigSwipe.emit(self.swiped_key(), self.swipe_position.value() / 100)

    def _brightness_changed(self, value: int) -> None:
        item = self.tree.currentItem()
        if item is not None and not self._building:
            key = item.data(0, KEY_ROLE)
            self._layers = [replace(r, brightness=value / 100) if r.key == key else r for r in self._layers]
            self._emit()

    def _dates_changed(self) -> None:
        dates = image_dates(self._layers)
        self.date.setEnabled(self.one_date.isChecked())
        self.date_label.setText(dates[min(self.date.value(), len(dates) - 1)] if dates else "")
        if not self._building:
            self._emit()
