"""The Charts dock (pyqtgraph): water area by year, trees planted per month, sites by status.

The numbers come from ``exhibits.charts_data`` (plain values, each bar carrying the uuids it counts), so
a click on a bar selects exactly those features in the shared SelectionModel and the map highlights
them. A chart can be exported as PNG or SVG with pyqtgraph's exporters.

In the window the dock is made hidden (a tab behind the table) with ``draw_when_shown``: until it is
first shown it has no plot at all (pyqtgraph's PlotItem, its axes and view box: 150-250 ms of the UI
thread once, in the middle of a store's opening), and while hidden a new store, a chart chosen or a
language switch only marks it stale; it reads and draws once shown. A redraw keeps its pyqtgraph items
(the bars, the curves, the zero line, the legend when its entries are the same) and gives them the new
values, as pyqtgraph's own plots are updated with ``setData``, instead of making them anew.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QResizeEvent
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop.analysis.summary import branch_label
from baytak_desktop.errors import BaytakError
from baytak_desktop.exhibits import charts_data
from baytak_desktop.layers import Catalog, builtin_catalog
from baytak_desktop.store import Store
from baytak_desktop.ui.i18n import current_language, format_number, layer_title
from baytak_desktop.ui.selection import SelectionModel
from baytak_desktop.ui.sharing.readers import Readers

WATER, TREES, STATUS = "water", "trees", "status"
COLOURS = {"aral": "#1f78b4", "caspian": "#33a02c", "other": "#8c6d46"}
# Below this height the plot keeps its room for the data: no title (the chart list above names it), no
# label beside the left axis, and the legend to the right instead of under the axis. At 1366 x 768 the
# dock is about 170 px high, and title, axis label and a two-line legend left the data 10 px.
COMPACT_HEIGHT_PX = 320
LEGEND_BELOW, LEGEND_RIGHT = (4, 1), (2, 3)  # cells of pyqtgraph's PlotItem grid
EXPORT_SIZE_PX = (800, 500)  # the chart's layout when exported (a PNG is then scaled to 1600 px wide)


@dataclass(frozen=True)
class Bar:
    """One clickable bar or point: its x position, the layer and the uuids it stands for."""

    x: float
    layer: str
    uuids: tuple[str, ...]


class ChartsDock(QDockWidget):
    sigBarClicked = Signal(str, object)  # layer, tuple of uuids (after the selection was made)

    def __init__(
        self, selection: SelectionModel | None = None, parent: QWidget | None = None, *, draw_when_shown: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("charts_dock")
        self.selection = selection
        self.store_path: Path | None = None
        self.bars: list[Bar] = []
        self.legend: pg.LegendItem | None = None
        self._title = ""
        self._title_is_error = False
        self._left_label = ("", "")  # beside the left axis: in full, and for a short plot (a unit, or nothing)
        self._compact = False
        self.readers: Readers | None = None  # the window's reader threads: no read on the UI thread then
        self.chart_combo, self.layer_combo = QComboBox(), QComboBox()
        self.per_branch = QCheckBox()
        self.export_button = QPushButton()
        self._plot: pg.PlotWidget | None = None  # made when first needed (shown, exported, clicked)
        self._items: dict[str, Any] = {}  # the plot's items by role, kept from one redraw to the next
        self._used: set[str] = set()  # the roles the redraw under way drew
        self._legend_entries: list[tuple[int, str]] = []  # (id of the item, text) of the legend's rows
        self._draw_when_shown = draw_when_shown
        self._stale = False  # a refresh was asked while hidden: done when shown
        self._drawn: tuple[tuple[Path | None, str, bool], tuple[Catalog, Any]] | None = None  # key, values
        self._on_screen = False  # as Qt's visibilityChanged last said (False for a tab behind another)
        self.visibilityChanged.connect(self._visibility_changed)
        # a language switch redraws the chart once Qt has retranslated and laid out the window: in the same
        # turn, the plot's redraw and repaint made that one stop of the window longer by 40-100 ms
        self._relabel_timer = QTimer(self, singleShot=True, interval=0)
        self._relabel_timer.timeout.connect(self._redraw_in_language)
        self.catalog = builtin_catalog()  # the layers of the store charted, read at each refresh
        self._list_status_layers(self.catalog)
        top = QHBoxLayout()
        for widget in (self.chart_combo, self.layer_combo, self.per_branch, self.export_button):
            top.addWidget(widget)
        body = QWidget()
        self._body = QVBoxLayout(body)
        self._body.addLayout(top)
        self.setWidget(body)
        self.retranslate()
        for signal in (
            self.chart_combo.currentIndexChanged,
            self.layer_combo.currentIndexChanged,
            self.per_branch.toggled,
        ):
            signal.connect(self.refresh)
        self.export_button.clicked.connect(self._export_clicked)

    @property
    def plot(self) -> pg.PlotWidget:
        """The plot, made on first use: a dock never shown has none."""
        if self._plot is None:
            self._plot = pg.PlotWidget(background="w")
            self._plot.showGrid(y=True, alpha=0.25)
            self._plot.scene().sigMouseClicked.connect(self._clicked)
            self._plot.installEventFilter(self)
            self._body.addWidget(self._plot)
        return self._plot

    def shown(self) -> bool:
        """On screen: a tab behind another dock is "visible" to Qt (moved off screen), not shown."""
        return self.isVisible() and self._on_screen

    def _visibility_changed(self, visible: bool) -> None:
        self._on_screen = visible
        if visible and self._stale:
            self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Charts"))
        index = max(0, self.chart_combo.currentIndex())
        self.chart_combo.blockSignals(True)
        self.chart_combo.clear()
        self.chart_combo.addItem(self.tr("Aral and Caspian water area by year"), WATER)
        self.chart_combo.addItem(self.tr("Trees planted per month"), TREES)
        self.chart_combo.addItem(self.tr("Sites by status"), STATUS)
        self.chart_combo.setCurrentIndex(index)
        self.chart_combo.blockSignals(False)
        for i in range(self.layer_combo.count()):
            self.layer_combo.setItemText(i, layer_title(self.layer_combo.itemData(i), self.catalog))
        self.per_branch.setText(self.tr("Per branch"))
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save the chart as PNG or SVG"))
        self._relabel_timer.start()  # after Qt's pass over every widget, in an event-loop turn of its own

    def _redraw_in_language(self) -> None:
        """The chart shown, labelled in the new language from the values it was drawn from: they do not
        change with the language (read again, "sites by status" of 100,000 features kept a reader thread
        busy 380 ms at each switch, taking the GIL from the UI thread while it relaid the window out)."""
        if self._drawn is not None and self._drawn[0] == self._chart_key() and not self._stale:
            self._draw(self._drawn[0][1], self._drawn[1])
        else:
            self.refresh()

    def _chart_key(self) -> tuple[Path | None, str, bool]:
        """What a chart's values depend on: the store, the chart, per branch or not (not the language)."""
        return self.store_path, self.chart(), self.per_branch.isChecked()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._plot and isinstance(event, QResizeEvent):
            self._fit(event.size().height() < COMPACT_HEIGHT_PX)
        return super().eventFilter(watched, event)

    def _fit(self, compact: bool) -> None:
        """The title, the left axis's label and the legend's place for a tall or a short plot."""
        self._compact = compact
        item = self.plot.plotItem
        item.setTitle(None if compact and not self._title_is_error else (self._title or None))
        full, short = self._left_label
        self.plot.setLabel("left", short if compact else full)
        item.getAxis("left").showLabel(bool(short if compact else full))
        if self.legend is not None:
            item.layout.removeItem(self.legend)
            item.layout.addItem(self.legend, *self._legend_place(compact))
            item.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

    def _legend_place(self, compact: bool) -> tuple[int, int]:
        """Under the axis; for a short plot, to the right unless that leaves the data under 40 % of the
        width (a row of its own would take most of a short plot's height)."""
        if not compact or self.legend is None:
            return LEGEND_BELOW
        return LEGEND_RIGHT if self.legend.boundingRect().width() <= 0.6 * self.plot.width() else LEGEND_BELOW

    def _set_left_label(self, full: str, short: str = "") -> None:
        self._left_label = (full, short)
        self._fit(self._compact)

    def _set_title(self, title: str, *, error: bool = False) -> None:
        self._title, self._title_is_error = title, error
        self._fit(self._compact)

    def compact(self) -> bool:
        """The plot is laid out for a short dock (no title, legend to the right)."""
        return self._compact

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- data ------------------------------------------------------------------------------------
    def set_store(self, path: Path | None) -> None:
        self.store_path = Path(path) if path else None
        self.refresh()

    def chart(self) -> str:
        return self.chart_combo.currentData() or WATER

    def set_readers(self, readers: Readers | None) -> None:
        """Read on ``readers`` from now on (the window's): the chart shown stays until the new one is read."""
        self.readers = readers

    def refresh(self) -> None:
        """Redraw the chosen chart from the store (small SQL aggregates; the water areas are cached). In
        the window they are read on a reader thread and drawn when they arrive."""
        status_chart = self.chart() == STATUS
        self.layer_combo.setVisible(status_chart)
        self.per_branch.setVisible(status_chart)
        self._stale = self._draw_when_shown and not self.shown()
        if self._stale:  # read and drawn when shown
            return
        if self.store_path is None:
            self._clear()
            return
        key = self._chart_key()
        _path, chart, per_branch = key
        lang = current_language()
        if self.readers is not None:
            self.readers.read(
                "charts",
                lambda store: _chart_data(store, chart, lang, per_branch),
                lambda found: self._draw_read(key, found),
                self._failed,
            )
            return
        try:
            with Store.open(self.store_path, readonly=True) as store:
                found = _chart_data(store, chart, lang, per_branch)
        except BaytakError as error:
            self._failed(error)
            return
        self._draw_read(key, found)

    def _draw_read(self, key: tuple[Path | None, str, bool], found: tuple[Catalog, Any]) -> None:
        self._drawn = (key, found)
        self._draw(key[1], found)

    def _clear(self) -> None:
        self.bars = []
        self._drawn = None
        if self._plot is None:  # nothing drawn yet
            return
        self.plot.clear()
        self._items.clear()
        self._left_label = ("", "")
        self.plot.getAxis("bottom").showLabel(False)  # "Year" under months or statuses was wrong
        self._set_title("")
        if self.legend is not None:
            self.legend.clear()
            self.legend.setVisible(False)
        self._legend_entries = []

    def _failed(self, error: Exception) -> None:
        self._clear()
        if isinstance(error, BaytakError):
            self._set_title(error.message, error=True)

    def _draw(self, chart: str, found: tuple[Catalog, Any]) -> None:
        """Draw ``chart`` with the plot's items of the last redraw given the new values (new ones made only
        for a role not drawn before, those not drawn now removed)."""
        catalog, data = found
        self._list_status_layers(catalog)
        self.bars, self._used = [], set()
        legend: list[tuple[Any, str]] = []
        {WATER: self._water, TREES: self._trees, STATUS: self._status}[chart](data, legend)
        for role in set(self._items) - self._used:
            self.plot.removeItem(self._items.pop(role))
        self._show_legend(legend)
        self._fit(self._compact)  # the legend's place depends on its entries

    def _item(self, role: str, make: Any, ignore_bounds: bool = False) -> Any:
        """The plot's item for ``role`` (a curve, the bars), made and added the first time."""
        item = self._items.get(role)
        if item is None:
            item = self._items[role] = make()
            self.plot.addItem(item, ignoreBounds=ignore_bounds)
        self._used.add(role)
        return item

    def _show_legend(self, entries: list[tuple[Any, str]]) -> None:
        """The legend's entries, made again only when they changed (a label is a pyqtgraph text item)."""
        shown = [(id(item), text) for item, text in entries]
        if not entries:
            if self.legend is not None:
                self.legend.setVisible(False)
        elif shown != self._legend_entries or self.legend is None or not self.legend.isVisible():
            legend = self._legend_below()
            legend.clear()
            for item, text in entries:
                legend.addItem(item, text)
        self._legend_entries = shown

    def _list_status_layers(self, catalog: Catalog) -> None:
        """The layers "sites by status" offers: every layer whose status has a vocabulary, published ones
        too (the chosen one kept)."""
        self.catalog = catalog
        names = tuple(
            name
            for name, schema in catalog.items()
            if "status" in schema.field_names and schema.field("status").vocabulary is not None
        )
        if tuple(self.layer_combo.itemData(i) for i in range(self.layer_combo.count())) == names:
            return
        current = self.layer_combo.currentData()
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        for name in names:
            self.layer_combo.addItem(layer_title(name, catalog), name)
        self.layer_combo.setCurrentIndex(max(0, self.layer_combo.findData(current)))
        self.layer_combo.blockSignals(False)

    def _water(self, areas: Any, legend: list[tuple[Any, str]]) -> None:
        """Change since the first mapped year, in %, one line per water body; the legend (below the plot,
        never over it) gives each body's first and last area in km²."""
        changes = charts_data.water_change_since_first_year(areas)
        self._set_left_label(self.tr("Change since the first year, %"), "%")
        self.plot.setLabel("bottom", self.tr("Year"))
        axis = self.plot.getAxis("bottom")
        axis.setTicks(None)  # years, not the names another chart put there
        axis.showLabel(True)
        bodies = builtin_catalog().layer("shorelines").field("water_body").vocabulary  # the Aral chart's own
        for change in changes:
            name = bodies.label(change.water_body, current_language()) if bodies is not None else change.water_body
            colour = COLOURS.get(change.water_body, "#555555")
            style = {"symbol": "o", "pen": pg.mkPen(colour, width=2), "symbolBrush": colour}
            curve = self._item(f"water:{change.water_body}", pg.PlotDataItem)
            curve.setData(list(change.years), list(change.change_pct), **style)
            first, last = format_number(change.first_km2), format_number(change.last_km2)
            if len(change.years) > 1:
                entry = self.tr("{name}: {first} → {last} km² ({year0}–{year1})").format(
                    name=name, first=first, last=last, year0=change.years[0], year1=change.years[-1]
                )
            else:
                entry = self.tr("{name}: {first} km² ({year0})").format(name=name, first=first, year0=change.years[0])
            legend.append((curve, entry))
            self.bars += [Bar(y, "shorelines", (u,)) for y, u in zip(change.years, change.uuids, strict=True) if u]
        dashed = pg.mkPen("#888888", width=1, style=Qt.PenStyle.DashLine)
        self._item("zero", lambda: pg.InfiniteLine(angle=0, pos=0, pen=dashed), ignore_bounds=True)
        self.plot.plotItem.vb.enableAutoRange()
        self._set_title(self.tr("Aral and Caspian water area"))

    def _legend_below(self) -> pg.LegendItem:
        """A legend in the plot's layout, in a cell of its own (under the axis, or to the right of a short
        plot: :meth:`_fit`), so it never covers data."""
        if self.legend is None:
            self.legend = pg.LegendItem(colCount=1)
            self.legend.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)  # as tall as its entries
            self.plot.plotItem.layout.addItem(self.legend, *LEGEND_BELOW)
            self._fit(self._compact)
        self.legend.setVisible(True)
        return self.legend

    def _bars(self, xs: list[int], heights: list[int], brush: str) -> None:
        bars = self._item("bars", lambda: pg.BarGraphItem(x=xs, height=heights, width=0.7, brush=brush))
        bars.setOpts(x=xs, height=heights, width=0.7, brush=brush)

    def _trees(self, months: Any, legend: list[tuple[Any, str]]) -> None:
        xs = list(range(len(months)))
        self._bars(xs, [m.trees for m in months], "#33a02c")
        cumulative = self._item("cumulative", pg.PlotDataItem)
        style = {"pen": pg.mkPen("#155010", width=2), "symbol": "o", "symbolSize": 5}
        cumulative.setData(xs, [m.cumulative for m in months], **style)
        legend.append((cumulative, self.tr("Cumulative")))
        self._ticks([m.month for m in months])
        self._set_left_label(self.tr("Trees planted"))
        self._set_title(self.tr("Trees planted per month (bars) and in total (line)"))
        self.bars = [Bar(x, "tree_plantings", m.uuids) for x, m in zip(xs, months, strict=True)]

    def _status(self, all_counts: Any, legend: list[tuple[Any, str]]) -> None:
        layer = self.layer_combo.currentData()
        counts = [c for c in all_counts if c.layer == layer]
        xs = list(range(len(counts)))
        self._bars(xs, [c.count for c in counts], "#d55e00")
        schema = self.catalog.get(layer)
        vocabulary = schema.field("status").vocabulary if schema is not None else None
        lang = current_language()  # the values may have been read in another: labelled here

        def label(count: Any) -> str:
            status = vocabulary.label(count.status, lang) if vocabulary is not None else count.status_label
            return f"{branch_label(count.branch, lang)}: {status}" if count.branch_label else status

        labels = [label(c) for c in counts]
        self._ticks(labels)
        self._set_left_label(self.tr("Features"))
        self._set_title(layer_title(layer, self.catalog))
        self.bars = [Bar(x, layer, c.uuids) for x, c in zip(xs, counts, strict=True)]

    def _ticks(self, labels: list[str]) -> None:
        axis = self.plot.getAxis("bottom")
        axis.setTicks([[(i, label) for i, label in enumerate(labels)]])
        axis.showLabel(False)  # "Year" under months or statuses was wrong

    # -- interaction -----------------------------------------------------------------------------
    def _clicked(self, event: Any) -> None:  # pyqtgraph has no types: a MouseClickEvent
        point = self.plot.plotItem.vb.mapSceneToView(event.scenePos())
        self.click_at(point.x())

    def click_at(self, x: float) -> Bar | None:
        """Select the features of the bar (or point) nearest ``x`` within half a bar; returns it. In the
        window their fids are read on a reader thread: the plot shows a busy cursor until the selection is
        made, and ``sigBarClicked`` follows it; a bar clicked meanwhile overtakes this one."""
        near = [b for b in self.bars if abs(b.x - x) <= 0.45]
        if not near:
            return None
        bar = min(near, key=lambda b: abs(b.x - x))
        if self.selection is None or self.store_path is None:
            self.sigBarClicked.emit(bar.layer, bar.uuids)
        elif self.readers is not None and self.readers.path() == self.store_path:
            self.plot.setCursor(Qt.CursorShape.BusyCursor)
            layer, uuids = bar.layer, bar.uuids
            self.readers.read(
                "chart-bar",
                lambda store: store.fids_of(layer, uuids),
                lambda fids: self._select_bar(bar, fids),
                lambda error: self._select_bar(bar, None),
            )
        else:
            with Store.open(self.store_path, readonly=True) as store:
                self._select_bar(bar, store.fids_of(bar.layer, bar.uuids))
        return bar

    def selecting(self) -> bool:
        """A bar's features are being read (the busy cursor is on the plot)."""
        return self._plot is not None and self._plot.cursor().shape() == Qt.CursorShape.BusyCursor

    def _select_bar(self, bar: Bar, fids: list[int] | None) -> None:
        self.plot.unsetCursor()
        if fids is None:  # the store could not be read (closed meanwhile): nothing selected
            return
        if self.selection is not None:
            self.selection.select(bar.layer, fids)
        self.sigBarClicked.emit(bar.layer, bar.uuids)

    def scene_pos_of(self, x: float, y: float) -> QPointF:
        """The scene position of data point (x, y): tests click bars through it."""
        scene: QPointF = self.plot.plotItem.vb.mapViewToScene(QPointF(x, y))
        return scene

    def export_chart(self, path: Path) -> Path:
        """Save the chart as PNG or SVG (by the suffix), laid out as a tall plot (title, axis labels, the
        legend under the axis) whatever the dock's size: exported from a short dock it was a strip."""
        path = Path(path)
        with self._laid_out_for_export():
            if path.suffix.lower() == ".svg":
                try:
                    pg.exporters.SVGExporter(self.plot.plotItem).export(str(path))
                except ValueError:  # pyqtgraph 0.14 cannot parse the path data Qt 6.11 writes: Qt writes it
                    self._svg_by_qt(path)
                return path
            exporter = pg.exporters.ImageExporter(self.plot.plotItem)
            exporter.parameters()["width"] = 1600
            exporter.export(str(path))
        return path

    @contextlib.contextmanager
    def _laid_out_for_export(self) -> Iterator[None]:
        item = self.plot.plotItem
        shown = item.geometry()
        item.setGeometry(QRectF(0, 0, *EXPORT_SIZE_PX))
        self._fit(False)
        item.layout.activate()
        try:
            yield
        finally:
            item.setGeometry(shown)
            self._fit(self.plot.height() < COMPACT_HEIGHT_PX)
            item.layout.activate()

    def _svg_by_qt(self, path: Path) -> None:
        item = self.plot.plotItem
        rect = item.sceneBoundingRect()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(rect.size().toSize())
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle(self.chart_combo.currentText())
        painter = QPainter(generator)
        try:
            self.plot.scene().render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        finally:
            painter.end()

    def _export_clicked(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export chart"), "chart.png", self.tr("Images (*.png *.svg)")
        )
        if chosen:
            self.export_chart(Path(chosen))


def _chart_data(store: Store, chart: str, lang: str, per_branch: bool) -> tuple[Catalog, Any]:
    """What ``chart`` shows, read from ``store`` (on a reader thread in the window), with the catalog."""
    if chart == WATER:
        data: Any = charts_data.water_area_by_year(store)
    elif chart == TREES:
        data = charts_data.trees_by_month(store)
    else:
        data = charts_data.sites_by_status(store, lang, per_branch)
    return store.catalog, data
