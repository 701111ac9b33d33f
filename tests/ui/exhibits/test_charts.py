"""The Charts dock on the demo store: charts drawn, a click on a bar selects its features, export, and the
Export map dialog turning its choices into a checked spec."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from baytak_desktop.demo import build_demo
from baytak_desktop.exhibits.render_process import render_exhibit
from baytak_desktop.store import Store
from baytak_desktop.ui.exhibits.charts import STATUS, TREES, WATER, ChartsDock
from baytak_desktop.ui.exhibits.export_map_dialog import ExportMapDialog
from baytak_desktop.ui.selection import SelectionModel


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.gpkg"
    with Store.create(path) as store:
        build_demo(store)
    return path


@pytest.fixture
def dock(qtbot, demo_store):
    selection = SelectionModel()
    widget = ChartsDock(selection)
    qtbot.addWidget(widget)
    widget.resize(700, 420)
    widget.set_store(demo_store)
    return widget


def choose(dock: ChartsDock, chart: str) -> None:
    dock.chart_combo.setCurrentIndex(dock.chart_combo.findData(chart))


def fids_of(store_path: Path, layer: str, uuids) -> set[int]:
    with Store.open(store_path, readonly=True) as store:
        return {store.get(layer, u).fid for u in uuids}


def test_trees_per_month_bar_click_selects_those_plantings(dock, demo_store, qtbot):
    choose(dock, TREES)
    assert dock.bars and all(b.layer == "tree_plantings" for b in dock.bars)
    busiest = max(dock.bars, key=lambda b: len(b.uuids))
    with qtbot.waitSignal(dock.selection.sigChanged):
        dock.click_at(busiest.x + 0.2)
    assert dock.selection.selected("tree_plantings") == fids_of(demo_store, "tree_plantings", busiest.uuids)


def test_a_real_mouse_click_on_a_status_bar(dock, demo_store, qtbot):
    choose(dock, STATUS)
    dock.layer_combo.setCurrentIndex(dock.layer_combo.findData("quarries"))
    dock.show()
    qtbot.waitExposed(dock)
    illegal = next(b for b in dock.bars if len(b.uuids) == 2)
    scene = dock.scene_pos_of(illegal.x, 1.0)
    view_pos = dock.plot.mapFromScene(scene)
    with qtbot.waitSignal(dock.sigBarClicked) as blocker:
        qtbot.mouseClick(dock.plot.viewport(), Qt.MouseButton.LeftButton, pos=view_pos)
    assert blocker.args[0] == "quarries" and set(blocker.args[1]) == set(illegal.uuids)
    assert dock.selection.selected("quarries") == fids_of(demo_store, "quarries", illegal.uuids)


def test_per_branch_status_and_water_chart(dock):
    choose(dock, STATUS)
    dock.layer_combo.setCurrentIndex(dock.layer_combo.findData("sewage_outflows"))
    plain = len(dock.bars)
    dock.per_branch.setChecked(True)
    assert len(dock.bars) > plain  # active outflows split over Almaty, Almaty region, Karaganda, Astana
    choose(dock, WATER)
    assert any(b.layer == "shorelines" for b in dock.bars)


def test_export_png_and_svg(dock, tmp_path):
    choose(dock, TREES)
    png = dock.export_chart(tmp_path / "trees.png")
    assert QImage(str(png)).width() == 1600
    svg = dock.export_chart(tmp_path / "trees.svg")
    assert ET.parse(svg).getroot().tag.endswith("svg")


def test_export_dialog_makes_a_checked_spec_and_the_job_writes_it(qtbot, demo_store, tmp_path):
    dialog = ExportMapDialog(demo_store, (76.4, 43.1, 77.4, 44.0), ("quarries",), folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Ile district")
    dialog.page_combo.setCurrentText("A3")
    dialog.orientation_combo.setCurrentIndex(1)
    dialog.dpi_spin.setValue(100)
    dialog.format_combo.setCurrentText("PNG")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("kk"))
    spec = dialog.spec()
    assert (spec.page, spec.landscape, spec.dpi, spec.language, spec.format) == ("A3", True, 100, "kk", "png")
    assert spec.extent == (76.4, 43.1, 77.4, 44.0) and spec.layers == ("quarries",)
    dialog.chosen_radio.setChecked(True)
    dialog.extent_spins[2].setValue(76.0)  # east < west
    dialog.accept()
    assert "west < east" in dialog.error_label.text() and dialog.result() == 0
    dialog.extent_spins[2].setValue(77.5)
    out = render_exhibit(dialog.spec())
    assert out.suffix == ".png" and QImage(str(out)).width() == round(420 / 25.4 * 100)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_aral_decline_reads_beside_the_caspian_and_the_legend_is_clear_of_the_data(qtbot, demo_store, language):
    """Change since the first year: the Aral's loss spans most of the axis (on a shared km² axis it was a
    flat line); the legend sits in a cell of its own, clear of the data, in a small dock."""
    from baytak_desktop.ui.i18n import set_language

    set_language(language)
    dock = ChartsDock(SelectionModel())
    qtbot.addWidget(dock)
    dock.resize(460, 330)
    dock.set_store(demo_store)
    dock.show()
    qtbot.waitExposed(dock)
    choose(dock, WATER)
    assert len(dock.plot.plotItem.listDataItems()) >= 2
    lows = sorted(float(min(c.getData()[1])) for c in dock.plot.plotItem.listDataItems())
    assert lows[0] < -50  # the Aral: more than half of it gone
    assert lows[-1] > -20  # the Caspian: within a fifth of its first area
    _, (y_low, y_high) = dock.plot.plotItem.vb.viewRange()
    assert y_high - y_low < 150  # both lines on an axis of percentages, not km²
    legend = dock.legend
    assert legend is not None and legend.isVisible()
    texts = [label.text for _, label in legend.items]
    assert any(("Арал" in t) and ("км²" in t) for t in texts), texts
    data_box = dock.plot.plotItem.vb.sceneBoundingRect()
    assert not legend.sceneBoundingRect().intersects(data_box)
    assert legend.sceneBoundingRect().bottom() <= dock.plot.sceneRect().bottom() + 1  # not cut off


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("chart", [WATER, TREES, STATUS])
def test_in_the_dock_of_a_1366x768_window_the_data_keeps_most_of_the_plot(qtbot, demo_store, language, chart):
    """At 1366 x 768 the Charts dock is about 730 x 170 px: the title, the left axis's label and a legend
    row under the axis left the data about 10 px. A short plot drops the title (the chart list names it),
    keeps only a unit beside the axis and puts the legend where it takes least room; a tall one has them
    all, the legend under the axis. The bottom axis is labelled "Year" for the water chart only."""
    from baytak_desktop.ui.i18n import set_language

    set_language(language)
    dock = ChartsDock(SelectionModel())
    qtbot.addWidget(dock)
    dock.resize(730, 200)
    dock.set_store(demo_store)
    dock.show()
    qtbot.waitExposed(dock)
    choose(dock, chart)
    qtbot.waitUntil(lambda: dock.plot.height() < 200 and dock.compact())
    qtbot.wait(100)  # the graphics layout settles on the event loop
    item = dock.plot.plotItem
    data_box = item.vb.sceneBoundingRect().adjusted(1, 1, -1, -1)
    assert data_box.height() >= 0.45 * dock.plot.height(), (data_box.height(), dock.plot.height())
    assert not item.titleLabel.isVisible()
    if dock.legend is not None and dock.legend.isVisible():
        assert not dock.legend.sceneBoundingRect().intersects(data_box)
        assert dock.plot.sceneRect().contains(dock.legend.sceneBoundingRect())
    assert item.getAxis("bottom").label.isVisible() == (chart == WATER)
    dock.resize(730, 520)
    qtbot.waitUntil(lambda: not dock.compact())
    qtbot.wait(100)
    assert item.titleLabel.isVisible() and item.titleLabel.text
    if dock.legend is not None and dock.legend.isVisible():
        assert dock.legend.sceneBoundingRect().top() >= item.vb.sceneBoundingRect().bottom()


def test_a_chart_exported_from_a_short_dock_is_laid_out_as_a_tall_one(qtbot, demo_store, tmp_path):
    """The dock of a 1366 x 768 window is short: its export is still a chart with a title and its legend
    under the axis, 1600 x 1000, and the dock's own layout is back afterwards."""
    dock = ChartsDock(SelectionModel())
    qtbot.addWidget(dock)
    dock.resize(730, 200)
    dock.set_store(demo_store)
    dock.show()
    qtbot.waitExposed(dock)
    choose(dock, WATER)
    qtbot.waitUntil(dock.compact)
    qtbot.wait(100)  # the graphics layout settles on the event loop
    shown = dock.plot.plotItem.vb.sceneBoundingRect()
    image = QImage(str(dock.export_chart(tmp_path / "water.png")))
    assert (image.width(), image.height()) == (1600, 1000)
    top_rows = [image.pixelColor(x, y).lightness() for y in range(0, 90, 2) for x in range(600, 1000, 4)]
    assert min(top_rows) < 200  # the title's grey text across the top (nothing there in a strip)
    assert dock.compact() and dock.plot.plotItem.vb.sceneBoundingRect() == shown
