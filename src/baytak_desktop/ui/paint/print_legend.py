"""The legend of a printed exhibit: the real layer styles (legend_entries + paint_symbol), flowed in columns.

Only what the map shows is listed: a category with no feature in view would send a reader looking for
something that is not there. Each entry says how many features it stands for, so "Illegal (2)" on the
paper can be checked against the map. Basemap symbols (water, the late-1950s Aral shoreline, borders,
towns) follow the data, drawn the way the basemap draws them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from baytak_desktop.basemap import osm_style
from baytak_desktop.exhibits.print_text import text
from baytak_desktop.layers.style import Symbol, legend_entries
from baytak_desktop.ui.i18n import layer_title
from baytak_desktop.ui.paint import basemap as base
from baytak_desktop.ui.paint.print_map import MapContent
from baytak_desktop.ui.paint.symbols import SWATCH, paint_symbol

MAX_LINES = 3  # a label longer than this many lines of its column is cut with an ellipsis on the last


@dataclass(frozen=True)
class LegendItem:
    label: str
    heading: bool = False
    draw: Callable[[QPainter, QRectF], None] | None = None  # paints the swatch into a 96-dpi rect
    lines: tuple[str, ...] = ()  # the label wrapped to its column (wrapped_to); () is one row, the label

    @property
    def rows(self) -> int:
        return max(1, len(self.lines))


def _symbol_swatch(symbol: Symbol, shape: str) -> Callable[[QPainter, QRectF], None]:
    return lambda painter, rect: paint_symbol(painter, rect, symbol, shape)


def _line_swatch(
    colour: str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine, halo: str | None = None
) -> Callable[[QPainter, QRectF], None]:
    def draw(painter: QPainter, rect: QRectF) -> None:
        y = rect.center().y()
        for pen_colour, pen_width in (((halo, width + 2.3),) if halo else ()) + ((colour, width),):
            painter.setPen(QPen(QColor(pen_colour), pen_width, style))
            painter.drawLine(QPointF(rect.left() + 1, y), QPointF(rect.right() - 1, y))

    return draw


def _town_swatch(painter: QPainter, rect: QRectF) -> None:
    painter.setPen(QPen(QColor("#ffffff"), 1.2))
    painter.setBrush(QColor("#3a3a3a"))
    painter.drawEllipse(rect.center(), 2.6, 2.6)


def legend_items(content: MapContent, language: str, basemap_shown: set[str]) -> list[LegendItem]:
    """Headings and entries, top layer first, then the basemap's symbols that are in view."""
    items: list[LegendItem] = []
    for style in reversed(content.styles):
        counts = content.counts(style.layer)
        shape = content.catalog.layer(style.layer).shape
        title = layer_title(style.layer, content.catalog)
        entries = legend_entries(style, language, title, content.catalog)
        if style.kind != "categorized":
            if counts.sum():  # a layer of one symbol is its own heading, with its swatch: never read as an
                # entry of the group above it ("Shorelines (3)" under the quarries' statuses)
                items.append(LegendItem(f"{title} ({int(counts.sum())})", True, _symbol_swatch(style.symbol, shape)))
            continue
        rows = [
            (f"{label} ({int(counts[i + 1])})", symbol) for i, (label, symbol) in enumerate(entries) if counts[i + 1]
        ]
        if counts[0]:
            rows.append((f"{text('Other', language)} ({int(counts[0])})", style.symbol))
        if rows:
            items.append(LegendItem(title, True))
            items.extend(LegendItem(label, False, _symbol_swatch(symbol, shape)) for label, symbol in rows)
    items.extend(_image_items(content, language))
    items.extend(_osm_items(content, language))
    items.extend(_basemap_items(language, basemap_shown))
    return items


def _image_items(content: MapContent, language: str) -> list[LegendItem]:
    """Each image under the data as its own heading, "Image: title, date": the reader learns that the
    picture under the symbols is a photograph of that day (the notes add its file and SHA-256)."""
    items = []
    for layer in content.images:
        image = layer.image
        if image is not None:
            taken = f", {image.acquired_on}" if image.acquired_on else ""
            label = f"{text('Image', language)}: {image.title or image.path.name}{taken}"
            items.append(LegendItem(label, True, _image_swatch))
    return items


def _image_swatch(painter: QPainter, rect: QRectF) -> None:
    """A framed picture of a hill under the sun: the sign photo viewers use for an image."""
    painter.setPen(QPen(QColor("#555555"), 1))
    painter.setBrush(QColor("#cfe3f3"))
    painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#f2b01e"))
    painter.drawEllipse(QPointF(rect.left() + rect.width() * 0.72, rect.top() + rect.height() * 0.3), 2.0, 2.0)
    painter.setBrush(QColor("#5b8c3a"))
    w, h = rect.width(), rect.height()
    hill = [QPointF(rect.left() + 1, rect.bottom() - 1), QPointF(rect.left() + w * 0.4, rect.top() + h * 0.35)]
    hill += [QPointF(rect.left() + w * 0.65, rect.top() + h * 0.7), QPointF(rect.right() - 1, rect.bottom() - 1)]
    painter.drawPolygon(hill)


def _osm_items(content: MapContent, language: str) -> list[LegendItem]:
    """The OSM basemap's symbols that have a feature on the map, under the heading "OpenStreetMap"."""
    present: dict[str, set[str]] = {}
    for _, features in content.osm:
        for table, found in features.items():
            present.setdefault(table, set()).update(str(c) for c in found.classes)
    roads, rows = present.get("osm_roads", set()), []

    def road(name: str) -> Callable[[QPainter, QRectF], None]:
        look = osm_style.ROADS[name]
        return _line_swatch(look.colour, 3.0, halo=look.casing)

    def area(look: osm_style.AreaStyle) -> Callable[[QPainter, QRectF], None]:
        return _symbol_swatch(
            Symbol(fill=look.fill, stroke=look.outline or look.fill, fill_alpha=max(look.fill_alpha, 0.4)), "polygon"
        )

    main = [name for name in ("motorway", "trunk", "primary", "secondary", "tertiary") if name in roads]
    if main:
        rows.append(LegendItem(text("Main road", language), False, road(main[0])))
    if roads & {"minor", "service"}:
        rows.append(LegendItem(text("Street or minor road", language), False, road("minor")))
    if roads & {"path", "track"}:
        path = osm_style.ROADS["path"]
        rows.append(
            LegendItem(text("Footpath or track", language), False, _line_swatch(path.colour, 1.4, Qt.PenStyle.DotLine))
        )
    if present.get("osm_railways"):
        rows.append(LegendItem(text("Railway", language), False, _line_swatch(osm_style.RAILWAYS["rail"].colour, 2.2)))
    if present.get("osm_waterways"):
        rows.append(
            LegendItem(text("River or stream", language), False, _line_swatch(osm_style.WATERWAYS["river"].colour, 2.5))
        )
    if present.get("osm_water"):
        rows.append(LegendItem(text("Water", language), False, area(osm_style.WATER)))
    cover = present.get("osm_landcover", set())
    if "forest" in cover:
        rows.append(LegendItem(text("Forest", language), False, area(osm_style.LANDCOVER["forest"])))
    if cover & {"park", "grass", "farmland"}:
        rows.append(LegendItem(text("Park, meadow or farmland", language), False, area(osm_style.LANDCOVER["park"])))
    if present.get("osm_protected"):
        rows.append(LegendItem(text("Protected area", language), False, area(osm_style.PROTECTED)))
    if present.get("osm_buildings"):
        rows.append(LegendItem(text("Building", language), False, area(osm_style.BUILDINGS)))
    return [LegendItem("OpenStreetMap", True), *rows] if rows else []


def _basemap_items(language: str, shown: set[str]) -> list[LegendItem]:
    rows = []
    if shown & {"seas", "lakes"}:
        rows.append(
            LegendItem(
                text("Water", language),
                False,
                _symbol_swatch(Symbol(fill=base.WATER, stroke=base.WATER_EDGE, fill_alpha=1.0), "polygon"),
            )
        )
    if "playas" in shown:
        rows.append(
            LegendItem(
                text("Dry lake bed", language),
                False,
                _symbol_swatch(Symbol(fill=base.PLAYA, stroke=base.PLAYA_EDGE, fill_alpha=1.0), "polygon"),
            )
        )
    if "lakes_historic" in shown:
        rows.append(
            LegendItem(
                text("Aral Sea shoreline, late 1950s", language),
                False,
                _line_swatch(base.HISTORIC_ARAL, 1.4, Qt.PenStyle.DashLine),
            )
        )
    if "boundary_lines" in shown:
        rows.append(LegendItem(text("State border", language), False, _line_swatch(base.BORDER, 1.3, halo="#ffffff")))
    if "places" in shown:
        rows.append(LegendItem(text("Town", language), False, _town_swatch))
    return [LegendItem(text("Basemap", language), True), *rows] if rows else []


@dataclass(frozen=True)
class LegendFonts:
    entry: QFont
    heading: QFont
    row: float  # device px per row
    dpr: float  # device px per 96-dpi px (the swatch's scale)


def wrapped_to(items: list[LegendItem], fonts: LegendFonts, column_width: float) -> list[LegendItem]:
    """Each label too wide for its column wrapped onto more rows, at words (at most MAX_LINES, the last
    elided): an image's title and date or a long Kazakh category are read whole, not cut after a few words."""
    result = []
    for item in items:
        metrics = QFontMetricsF(fonts.heading if item.heading else fonts.entry)
        width = column_width - _text_offset(item, fonts) - 4
        lines = wrap_lines(item.label, metrics, width) if metrics.horizontalAdvance(item.label) > width else ()
        result.append(replace(item, lines=tuple(lines)))
    return result


def wrap_lines(label: str, metrics: QFontMetricsF, width: float, most: int = MAX_LINES) -> list[str]:
    """``label`` in lines of ``width`` broken at spaces, at most ``most`` of them (the last elided)."""
    lines: list[str] = []
    for word in label.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > most:
        lines[most - 1 :] = [" ".join(lines[most - 1 :])]
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]


def columns_of(items: list[LegendItem], rows_per_column: int) -> list[list[LegendItem]]:
    """Items in columns of at most ``rows_per_column`` rows (a wrapped label takes several); a group (a
    heading and its entries) that fits in a column is never split, and a heading never ends a column, so no
    entry stands apart from its heading."""
    columns: list[list[LegendItem]] = [[]]
    used = 0
    for index, item in enumerate(items):
        if columns[-1] and (
            used + _group_rows(items, index) > rows_per_column
            and (_group_rows(items, index) <= rows_per_column or used + item.rows >= rows_per_column)
            if item.heading
            else used + item.rows > rows_per_column
        ):
            columns.append([])
            used = 0
        columns[-1].append(item)
        used += item.rows
    return [c for c in columns if c]


def _group_rows(items: list[LegendItem], start: int) -> int:
    """The rows of the heading at ``start`` and the entries under it (up to the next heading)."""
    end = start + 1
    while end < len(items) and not items[end].heading:
        end += 1
    return sum(item.rows for item in items[start:end])


def paint_legend(
    painter: QPainter, rect: QRectF, items: list[LegendItem], fonts: LegendFonts, column_width: float
) -> int:
    """Flow ``items`` into ``rect`` in columns of ``column_width``; returns how many items were drawn."""
    rows = max(1, int(rect.height() // fonts.row))
    drawn = 0
    for number, column in enumerate(columns_of(items, rows)):
        left = rect.left() + number * column_width
        if left + column_width > rect.right() + 1:
            break
        top = rect.top()
        for item in column:
            _paint_item(painter, QRectF(left, top, column_width, fonts.row), item, fonts)
            top += item.rows * fonts.row
            drawn += 1
    return drawn


def _text_offset(item: LegendItem, fonts: LegendFonts) -> float:
    """From the cell's left to the label's: entries sit under their heading, visibly, and after a swatch."""
    swatch = SWATCH * fonts.dpr
    return (0.0 if item.heading else swatch * 0.6) + (swatch * 1.5 if item.draw is not None else 0.0)


def _paint_item(painter: QPainter, cell: QRectF, item: LegendItem, fonts: LegendFonts) -> None:
    """The swatch beside the first row of ``cell`` (one row high) and the label's rows under each other."""
    swatch = SWATCH * fonts.dpr
    indent = 0.0 if item.heading else swatch * 0.6
    text_left = cell.left() + _text_offset(item, fonts)
    if item.draw is not None:
        painter.save()
        painter.translate(cell.left() + indent, cell.top() + (cell.height() - swatch) / 2)
        painter.scale(fonts.dpr, fonts.dpr)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        item.draw(painter, QRectF(0, 0, SWATCH, SWATCH))
        painter.restore()
    font = fonts.heading if item.heading else fonts.entry
    painter.setFont(font)
    painter.setPen(QColor("#1a1a1a"))
    width = cell.right() - text_left - 4
    lines = item.lines or (QFontMetricsF(font).elidedText(item.label, Qt.TextElideMode.ElideRight, width),)
    for row, line in enumerate(lines):
        painter.drawText(
            QRectF(text_left, cell.top() + row * cell.height(), width, cell.height()),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            line,
        )
