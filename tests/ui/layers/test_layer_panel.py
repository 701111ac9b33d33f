"""The layer panel on a real demo store, offscreen: click it, check the styles model and the file."""

from __future__ import annotations

from dataclasses import replace

import pytest
import shapely
from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QPointF, Qt
from PySide6.QtGui import QColor, QDropEvent
from PySide6.QtWidgets import QMenu

from baytak_desktop.demo import build_demo
from baytak_desktop.layers import LAYERS
from baytak_desktop.layers.style import default_styles, top_first
from baytak_desktop.store import Store
from baytak_desktop.store.styles import TABLE
from baytak_desktop.ui import i18n
from baytak_desktop.ui.layers.legend import LegendWidget
from baytak_desktop.ui.layers.panel import ITEM_MIME, LayerPanel


@pytest.fixture
def demo_store(tmp_path):
    store = Store.create(tmp_path / "demo.gpkg")
    build_demo(store)
    yield store
    store.close()


@pytest.fixture
def panel(qtbot, demo_store):
    widget = LayerPanel()
    qtbot.addWidget(widget)
    widget.set_store(demo_store)
    widget.resize(320, 640)
    widget.show()
    return widget


@pytest.fixture
def language():
    """Switch ``ui.i18n``'s language code for a test (no translator) and always come back to English."""

    def switch(code: str) -> None:
        i18n._LANGUAGE.code = code

    yield switch
    switch("en")


def rows(panel):
    tree = panel.tree
    return [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]


def legend_labels(panel, layer):
    item = panel.tree.layer_item(layer)
    return [item.child(i).text(0) for i in range(item.childCount())]


def test_lists_the_six_layers_top_first_with_counts_and_legends(panel, demo_store):
    names = [item.data(0, Qt.ItemDataRole.UserRole) for item in rows(panel)]
    assert names == top_first(default_styles()) and sorted(names) == sorted(LAYERS)
    quarries = panel.tree.layer_item("quarries")
    assert quarries.text(0) == "Quarries"
    assert quarries.text(1) == str(demo_store.count("quarries"))
    assert legend_labels(panel, "quarries") == [
        "active",
        "illegal",
        "abandoned",
        "under restoration",
        "restored",
        "closed",
    ]
    assert all(not quarries.child(i).icon(0).isNull() for i in range(quarries.childCount()))
    assert legend_labels(panel, "shorelines") == []  # single symbol: the swatch is on the layer row
    assert not panel.tree.layer_item("shorelines").icon(0).isNull()
    assert panel.current_layer() == names[0]


def test_unticking_a_layer_emits_hidden_and_saves_it(qtbot, panel, demo_store):
    item = panel.tree.layer_item("quarries")
    panel.tree.setCurrentItem(item)
    with qtbot.waitSignal(panel.sigStylesChanged) as changed:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Space)  # the keyboard toggles the check box
    assert item.checkState(0) == Qt.CheckState.Unchecked
    assert changed.args[0]["quarries"].visible is False
    assert changed.args[0]["brick_factories"].visible is True
    assert demo_store.styles()["quarries"].visible is False
    with qtbot.waitSignal(panel.sigStylesChanged) as changed:
        item.setCheckState(0, Qt.CheckState.Checked)
    assert changed.args[0]["quarries"].visible is True and demo_store.styles()["quarries"].visible


def drop_on(panel, dragged, target, below):
    """Drop ``dragged`` on the upper or lower half of ``target``'s row, as a drag inside the tree would."""
    tree = panel.tree
    tree.setCurrentItem(tree.layer_item(dragged))
    rect = tree.visualItemRect(tree.layer_item(target))
    y = rect.bottom() - 2 if below else rect.top() + 2
    mime = QMimeData()
    mime.setData(ITEM_MIME, b"")
    event = QDropEvent(
        QPointF(rect.center().x(), y),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    tree.dropEvent(event)
    assert event.dropAction() == Qt.DropAction.IgnoreAction  # Qt must not also remove the dragged row


def test_dropping_a_layer_changes_the_drawing_order(qtbot, panel, demo_store):
    assert panel.tree.layer_order()[-1] == "shorelines"
    with qtbot.waitSignal(panel.sigStylesChanged) as changed:
        drop_on(panel, "shorelines", panel.tree.layer_order()[0], below=False)
    assert panel.tree.layer_order()[0] == "shorelines"
    styles = changed.args[0]
    assert max(styles.values(), key=lambda s: s.order).layer == "shorelines"
    assert top_first(demo_store.styles()) == panel.tree.layer_order()
    drop_on(panel, "shorelines", "quarries", below=True)
    order = panel.tree.layer_order()
    assert order.index("shorelines") == order.index("quarries") + 1
    assert panel.current_layer() == "shorelines"


def test_a_drop_below_a_legend_row_goes_after_that_layer(panel):
    tree = panel.tree
    first, second = tree.layer_order()[:2]
    tree.setCurrentItem(tree.layer_item("shorelines"))
    legend_row = tree.layer_item(first).child(0)
    row = tree.drop_row(tree.visualItemRect(legend_row).center(), "shorelines")
    assert row == 1
    panel.model.move("shorelines", row)
    assert tree.layer_order()[:3] == [first, "shorelines", second]


def test_the_order_survives_reopening_the_store(qtbot, panel, demo_store):
    panel.model.move("tree_plantings", 5)
    order = panel.tree.layer_order()
    path = demo_store.path
    demo_store.close()
    with Store.open(path) as again:
        other = LayerPanel()
        qtbot.addWidget(other)
        other.set_store(again)
        assert other.tree.layer_order() == order and order[-1] == "tree_plantings"


def test_the_opacity_slider_sets_and_saves_the_current_layers_opacity(qtbot, panel, demo_store):
    panel.tree.setCurrentItem(panel.tree.layer_item("quarries").child(2))  # a legend row selects its layer
    assert panel.current_layer() == "quarries" and panel.opacity.isEnabled()
    with qtbot.waitSignal(panel.sigStylesChanged) as changed:
        panel.opacity.slider.setValue(40)
    assert changed.args[0]["quarries"].opacity == pytest.approx(0.4)
    qtbot.keyClick(panel.opacity.slider, Qt.Key.Key_PageDown)
    assert demo_store.styles()["quarries"].opacity == pytest.approx(0.3)
    assert panel.opacity.value_label.text() == "30 %"
    panel.tree.setCurrentItem(panel.tree.layer_item("shorelines"))
    assert panel.opacity.slider.value() == 100  # the slider follows the current layer


def test_current_layer_signal(qtbot, panel):
    with qtbot.waitSignal(panel.sigCurrentLayerChanged) as changed:
        panel.tree.setCurrentItem(panel.tree.layer_item("sewage_outflows"))
    assert changed.args == ["sewage_outflows"] and panel.current_layer() == "sewage_outflows"


def test_legend_follows_the_language(qtbot, panel, language):
    language("kk")
    QCoreApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
    assert legend_labels(panel, "quarries")[:2] == ["жұмыс істеп тұр", "заңсыз"]
    assert legend_labels(panel, "tree_plantings") == ["жоспарланған", "отырғызылған", "тексерілген", "қурап қалған"]
    language("ru")
    QCoreApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
    assert legend_labels(panel, "quarries")[:2] == ["действующий", "незаконный"]
    assert legend_labels(panel, "sewage_outflows") == ["действующий", "ликвидирован", "неизвестно"]


def test_a_language_switch_relabels_the_legend_rows_without_painting_them_again(qtbot, panel, language):
    """The swatches do not change with the language: the same rows keep their icons (painting every
    swatch again was most of the panel's 20 ms a switch) and only their labels change."""
    item = panel.tree.layer_item("quarries")
    before = [item.child(i) for i in range(item.childCount())]
    icons = [child.icon(0).cacheKey() for child in before]
    language("ru")
    QCoreApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
    after = [item.child(i) for i in range(item.childCount())]
    assert after == before and [child.icon(0).cacheKey() for child in after] == icons
    assert legend_labels(panel, "quarries")[:2] == ["действующий", "незаконный"]
    assert after[1].toolTip(0) == "незаконный"


def test_switching_the_application_language_relabels_the_legend(qtbot, panel):
    try:
        i18n.set_language("kk")
        qtbot.waitUntil(lambda: legend_labels(panel, "quarries")[1] == "заңсыз")
    finally:
        i18n.set_language("en")
    qtbot.waitUntil(lambda: legend_labels(panel, "quarries")[1] == "illegal")


def test_context_menu_zooms_styles_labels_and_opens_the_table(qtbot, panel, demo_store):
    menu = panel.context_menu("brick_factories")
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert list(actions) == ["Zoom to layer", "Style…", "Labels", "Open attribute table"]
    with qtbot.waitSignal(panel.sigZoomToLayer) as zoom:
        actions["Zoom to layer"].trigger()
    assert zoom.args == ["brick_factories"]
    with qtbot.waitSignal(panel.sigOpenTable) as table:
        actions["Open attribute table"].trigger()
    assert table.args == ["brick_factories"]
    labels: QMenu = actions["Labels"].menu()
    choices = {a.text(): a for a in labels.actions()}
    assert choices["Name"].isChecked() and "No labels" in choices and "Operator" in choices
    choices["Operator"].trigger()
    assert demo_store.styles()["brick_factories"].label_field == "operator"
    panel.context_menu("brick_factories")  # a fresh menu shows the new choice
    choices["No labels"].trigger()
    assert panel.styles()["brick_factories"].label_field is None


def test_style_action_opens_the_dialog(qtbot, panel):
    actions = {a.text(): a for a in panel.context_menu("shorelines").actions()}
    actions["Style…"].trigger()
    dialogs = [w for w in panel.findChildren(object) if type(w).__name__ == "StyleDialog"]
    assert len(dialogs) == 1 and dialogs[0].isVisible() and dialogs[0].original.layer == "shorelines"
    dialogs[0].reject()


def test_refresh_counts_after_an_edit(panel, demo_store):
    before = demo_store.count("brick_factories")
    demo_store.insert("brick_factories", {"name": "New works", "status": "operating"}, shapely.Point(76.9, 43.3))
    panel.refresh_counts()
    assert panel.tree.layer_item("brick_factories").text(1) == str(before + 1)


def test_a_corrupt_saved_style_is_reported_and_the_default_shown(qtbot, demo_store):
    with demo_store.session() as conn:
        conn.execute(f"INSERT INTO {TABLE} (layer, style) VALUES ('quarries', '{{\"oops\": 1}}')")
    panel = LayerPanel()
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.sigProblem) as problem:
        panel.set_store(demo_store)
    assert "cannot be read" in problem.args[0]
    assert not panel.problem_label.isHidden()
    assert panel.styles()["quarries"] == default_styles()["quarries"]


def test_a_read_only_store_keeps_changes_for_the_session_and_says_they_are_not_saved(qtbot, demo_store):
    path = demo_store.path
    demo_store.close()
    with Store.open(path, readonly=True) as readonly:
        panel = LayerPanel()
        qtbot.addWidget(panel)
        panel.set_store(readonly)
        with qtbot.waitSignal(panel.sigProblem) as problem:
            panel.tree.layer_item("quarries").setCheckState(0, Qt.CheckState.Unchecked)
        assert "could not be saved" in problem.args[0]
        assert panel.styles()["quarries"].visible is False


def test_a_saved_style_is_shown_when_the_store_is_opened(qtbot, demo_store):
    demo_store.save_style(replace(demo_store.styles()["cleanup_plans"], visible=False, opacity=0.25))
    panel = LayerPanel()
    qtbot.addWidget(panel)
    panel.set_store(demo_store)
    assert panel.tree.layer_item("cleanup_plans").checkState(0) == Qt.CheckState.Unchecked
    panel.tree.setCurrentItem(panel.tree.layer_item("cleanup_plans"))
    assert panel.opacity.slider.value() == 25


def test_legend_widget_paints_the_swatches_and_relabels(qtbot, language):
    style = default_styles()["sewage_outflows"]
    legend = LegendWidget(style)
    qtbot.addWidget(legend)
    legend.resize(legend.sizeHint())
    assert [label for label, _ in legend.entries()] == ["active", "eliminated", "unknown"]
    image = legend.grab().toImage()
    row = max(16, legend.fontMetrics().height()) + 4
    centre = image.pixelColor(2 + 8, 2 + row // 2)  # the first swatch's centre: the "active" red
    assert centre == QColor(style.categories[0].symbol.fill)
    language("kk")
    QCoreApplication.sendEvent(legend, QEvent(QEvent.Type.LanguageChange))
    assert [label for label, _ in legend.entries()] == ["белсенді", "жойылған", "белгісіз"]
