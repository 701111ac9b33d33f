"""A line layer categorised by status (irrigation canals: working, leaking, dry) is told apart by the
lines' own colours, widths and dashes everywhere it is drawn: the map, the legend swatch, a printed
exhibit, the web map and the style dialog (which offers no fill for a line)."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
import shapely
from layer_helpers import CANALS, publish_into
from PySide6.QtGui import QColor, QImage

from baytak_desktop.exhibits.print_spec import spec_from_options
from baytak_desktop.mapdata.projection import fit_view
from baytak_desktop.store import Store
from baytak_desktop.ui import i18n
from baytak_desktop.ui.paint.layer import LayerJob, render_store_layer
from baytak_desktop.ui.paint.print_layout import export_exhibit
from baytak_desktop.ui.paint.symbols import symbol_pixmap

WEST, EAST = 76.80, 77.20
LATITUDES = {"working": 43.40, "leaking": 43.30, "dry": 43.20}
COLOURS = {"working": "#1f78b4", "leaking": "#e66101", "dry": "#8c510a"}
EXTENT = (76.75, 43.10, 77.25, 43.50)


@pytest.fixture
def store(tmp_path):
    store = Store.create(tmp_path / "canals.gpkg")
    publish_into(store, CANALS)
    for status, lat in LATITUDES.items():
        store.insert(
            "canals", {"name": f"{status} canal", "status": status}, shapely.LineString([(WEST, lat), (EAST, lat)])
        )
    yield store
    store.close()


def close_to(colour: QColor, hex_colour: str, tolerance: int = 30) -> bool:
    other = QColor(hex_colour)
    return colour.alpha() > 200 and all(
        abs(a - b) <= tolerance for a, b in zip(colour.getRgb()[:3], other.getRgb()[:3], strict=True)
    )


def along(image: QImage, view, lat: float) -> list[QColor]:
    """The pixels of the row through latitude ``lat``, from the western to the eastern end of a canal."""
    xs, ys = view.pixels(np.array([WEST, EAST]), np.array([lat, lat]))
    return [image.pixelColor(x, int(ys[0])) for x in range(int(xs[0]) + 4, int(xs[1]) - 4)]


def thickness(image: QImage, view, lat: float) -> int:
    """How many pixels of the column through the middle of the canal at ``lat`` are drawn."""
    xs, ys = view.pixels(np.array([(WEST + EAST) / 2]), np.array([lat]))
    x, y = int(xs[0]), int(ys[0])
    return sum(image.pixelColor(x, row).alpha() > 128 for row in range(y - 8, y + 9))


def test_the_map_draws_each_status_in_its_line_colour_width_and_pattern(qapp, store):
    style = store.styles()["canals"]
    view = fit_view(EXTENT, 800, 600)
    image = render_store_layer(LayerJob(store.path, style), view).image
    assert image is not None
    for status, lat in LATITUDES.items():
        drawn = [c for c in along(image, view, lat) if c.alpha() > 200]
        assert drawn and all(close_to(c, COLOURS[status]) for c in drawn), status
    assert thickness(image, view, LATITUDES["working"]) > thickness(image, view, LATITUDES["leaking"])
    solid, dashed = along(image, view, LATITUDES["working"]), along(image, view, LATITUDES["dry"])
    assert all(c.alpha() > 200 for c in solid)  # whole
    gaps = sum(c.alpha() == 0 for c in dashed)
    assert 0.2 * len(dashed) < gaps < 0.5 * len(dashed)  # dashes of 4 widths, gaps of 2


def test_the_legend_swatch_is_the_line_not_a_fill(qapp, store):
    style = store.styles()["canals"]
    for status in ("working", "dry"):
        symbol = style.symbol_for(status)
        image = symbol_pixmap(symbol, "line", 16, 1.0).toImage()
        colours = [image.pixelColor(x, y) for x in range(16) for y in range(16)]
        assert any(close_to(c, symbol.stroke) for c in colours)
        assert not any(close_to(c, symbol.fill, 10) for c in colours if symbol.fill != symbol.stroke)


def test_a_printed_exhibit_draws_the_lines_in_their_colours_with_the_legend_in_kazakh(qapp, store, tmp_path):
    from PySide6.QtPdf import QPdfDocument

    i18n.set_language("kk")
    try:
        extent = ",".join(map(str, EXTENT))
        for out in (tmp_path / "canals.png", tmp_path / "canals.pdf"):
            export_exhibit(spec_from_options(store.path, out, layers="canals", extent=extent, lang="kk", dpi=100))
    finally:
        i18n.set_language("en")
    image = QImage(str(tmp_path / "canals.png")).convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    rgb = rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3).astype(int)
    for status, colour in COLOURS.items():
        wanted = np.array(QColor(colour).getRgb()[:3])
        assert (np.abs(rgb - wanted).max(axis=2) <= 12).sum() > 200, status  # a canal's length of its colour
    document = QPdfDocument()
    document.load(str(tmp_path / "canals.pdf"))
    text = document.getAllText(0).text()
    assert "Суару арналары" in text and "Құрғап қалған (1)" in text and "Жұмыс істейді (1)" in text


def test_the_web_map_draws_dashes_and_widths_and_its_legend_says_so(qapp, store):
    from baytak_desktop.exhibits.webmap import build_webmap

    html, result = build_webmap(store, ["canals"], "kk")
    assert result.layers["canals"] == 3
    config = json.loads(re.search(r"baytakWebmap\.configure\((.*?)\);</script>", html, re.S).group(1))
    categories = config["layers"]["canals"]["style"]["categories"]
    assert categories["dry"]["stroke"] == "#8c510a" and categories["dry"]["dash_array"] == "12 6"
    assert categories["working"]["stroke_width"] == 4 and categories["working"]["dash_array"] is None
    (section,) = [s for s in config["legend"] if s["layer"] == "canals"]
    dry = next(e for e in section["entries"] if e["label"] == "Құрғап қалған")
    assert dry["shape"] == "line" and dry["stroke"] == "#8c510a" and dry["dash"] == "dash" and dry["stroke_width"] == 3
    assert "dashArray: symbol.dash_array" in html  # the page's script draws the pattern


def test_the_style_dialog_edits_line_colour_width_and_pattern_per_category_without_fills(qtbot, store):
    from baytak_desktop.ui.layers.style_dialog import StyleDialog

    i18n.show_catalog(store.catalog)
    i18n.set_language("kk")
    try:
        dialog = StyleDialog(store.styles()["canals"], store)
        qtbot.addWidget(dialog)
        editor, table = dialog.symbol_editor, dialog.table
        assert not editor.form.isRowVisible(editor.fill) and editor.form.isRowVisible(editor.dash)
        assert table.line and table.columnCount() == 5
        assert table.horizontalHeaderItem(table.COLOUR).text() == "Сызық түсі"
        assert dict(table.categories()) == COLOURS  # the colours shown are the lines'
        row = next(r for r in range(table.rowCount()) if table.item(r, table.VALUE).text() == "leaking")
        table.cellWidget(row, table.WIDTH).setValue(5.0)
        dash = table.cellWidget(row, table.DASH)
        dash.setCurrentIndex(dash.findData("dot"))
        assert dash.currentText() == "Нүктелі"
        table.color_button("leaking").set_color("#ff0000")
        leaking = dialog.edited_style().symbol_for("leaking")
        assert (leaking.stroke, leaking.stroke_width, leaking.dash) == ("#ff0000", 5.0, "dot")
        # classifying again keeps what was set for each code
        dialog.classify()
        assert dialog.edited_style().symbol_for("leaking") == leaking
        assert dialog.edited_style().symbol_for("dry").dash == "dash"
    finally:
        i18n.set_language("en")
