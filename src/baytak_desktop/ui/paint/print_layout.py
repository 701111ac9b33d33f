"""A map exhibit page: title, map at print resolution, legend, scale bar, north arrow, attribution, author, date.

One paint routine (:func:`paint_page`) draws onto any QPainter, so the PDF (QPdfWriter: vector paths,
text as text that can be searched and copied), the SVG (QSvgGenerator) and the PNG (QImage) are the
same picture. Everything is laid out in millimetres and converted with the spec's dpi; sizes grow with
the page (an A1 poster is read from further away than an A4 sheet). Words printed on the page come in
the spec's language (exhibits.print_text, the domain's vocabulary labels, the layer titles' .ts).
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QTextOption,
)
from PySide6.QtSvg import QSvgGenerator

from baytak_desktop.exhibits.pdf_metadata import fill_metadata
from baytak_desktop.exhibits.print_spec import ExhibitSpec
from baytak_desktop.exhibits.print_text import NATURAL_EARTH, format_number, text
from baytak_desktop.mapdata.projection import View, fit_view, to_lonlat
from baytak_desktop.mapdata.scale import metres_per_pixel, nice_length
from baytak_desktop.ui.i18n import kazakh_font, layer_title
from baytak_desktop.ui.paint.print_legend import (
    LegendFonts,
    LegendItem,
    columns_of,
    legend_items,
    paint_legend,
    wrap_lines,
    wrapped_to,
)
from baytak_desktop.ui.paint.print_map import MapContent, basemap_shows, paint_map, read_content
from baytak_desktop.ui.paint.print_sources import ExhibitSources, gather_sources

INK, RULE, FRAME = "#1a1a1a", "#9a9a9a", "#4a4a4a"
PAGE_SIZES = {
    "A4": QPageSize.PageSizeId.A4,
    "A3": QPageSize.PageSizeId.A3,
    "A2": QPageSize.PageSizeId.A2,
    "A1": QPageSize.PageSizeId.A1,
}


@dataclass(frozen=True)
class Geometry:
    """Where things go on the page, in device pixels; ``k`` device px per mm, ``s`` the page's size factor."""

    k: float
    s: float
    header: QRectF
    map: QRectF
    legend: QRectF
    notes: QRectF

    def mm(self, value: float) -> float:
        return value * self.k * self.s

    def font(self, points: float, bold: bool = False, base: QFont | None = None) -> QFont:
        font = QFont(base) if base is not None else kazakh_font(QFont())
        font.setPixelSize(max(1, round(points * self.s * self.k * 25.4 / 72)))
        font.setBold(bold)
        return searchable(font)


def searchable(font: QFont) -> QFont:
    """No ligatures: a PDF reader searching "outflows" must not meet an "ﬂ" glyph."""
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def layout(width: float, height: float, dpi: int, landscape: bool, notes_lines: int) -> Geometry:
    """Header on top; map, with the legend and notes below it (portrait) or beside it (landscape)."""
    k = dpi / 25.4
    s = min(width, height) / k / 210.0
    margin, gap = 12 * k * s, 4 * k * s
    inner = QRectF(margin, margin, width - 2 * margin, height - 2 * margin)
    header = QRectF(inner.left(), inner.top(), inner.width(), 19 * k * s)
    body_top = header.bottom() + gap
    notes_h = notes_lines * 3.6 * k * s
    if landscape:
        panel_w = 70 * k * s
        map_rect = QRectF(inner.left(), body_top, inner.width() - panel_w - gap, inner.bottom() - body_top)
        panel = QRectF(map_rect.right() + gap, body_top, panel_w, map_rect.height())
        notes = QRectF(panel.left(), panel.bottom() - notes_h * 2.2, panel.width(), notes_h * 2.2)
        legend = QRectF(panel.left(), panel.top(), panel.width(), notes.top() - gap - panel.top())
    else:
        notes = QRectF(inner.left(), inner.bottom() - notes_h, inner.width(), notes_h)
        legend = QRectF(inner.left(), notes.top() - gap - 44 * k * s, inner.width(), 44 * k * s)
        map_rect = QRectF(inner.left(), body_top, inner.width(), legend.top() - gap - body_top)
    return Geometry(k, s, header, map_rect, legend, notes)


# -- the page ------------------------------------------------------------------------------------------
def paint_page(
    painter: QPainter, spec: ExhibitSpec, width: float, height: float, sources: ExhibitSources | None = None
) -> MapContent:
    """Draw the whole exhibit into a ``width`` x ``height`` device-pixel page; returns what the map showed."""
    sources = sources or gather_sources(spec)
    notes = note_lines(spec, sources)
    geo = layout(width, height, spec.dpi, spec.landscape, len(notes) + 1)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(QRectF(0, 0, width, height), QColor("#ffffff"))
    view = map_view(spec, sources, geo.map)
    content = read_content(spec.store, sources.styles, view, sources.basemap, spec.reference)
    painter.save()
    painter.translate(geo.map.topLeft())
    paint_map(
        painter, content, view, spec.language, spec.store, sources.tiles(view), sources.highlight, furniture_boxes(geo)
    )
    painter.restore()
    painter.setPen(QPen(QColor(FRAME), geo.mm(0.35)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(geo.map)
    paint_header(painter, geo, spec.title or text("Baytak map", spec.language), spec.subtitle)
    paint_scale_bar(painter, geo, view, spec.language)
    paint_north_arrow(painter, geo, spec.language)
    items = legend_items(content, spec.language, basemap_shows(content.basemap, view))
    paint_legend_block(painter, geo, items, spec)
    paint_notes(painter, geo, notes)
    return content


def map_view(spec: ExhibitSpec, sources: ExhibitSources, frame: QRectF) -> View:
    """The view of the map frame, at the spec's dpi, that shows the extent whole."""
    dpr = spec.dpi / 96
    return fit_view(sources.extent, max(1, round(frame.width())), max(1, round(frame.height())), dpr)


def furniture_boxes(geo: Geometry) -> tuple[QRectF, QRectF]:
    """Where the scale bar (bottom left) and north arrow (top right) go, relative to the map: kept free of labels."""
    width, height = geo.map.width(), geo.map.height()
    return (
        QRectF(0, height - geo.mm(18), geo.mm(85), geo.mm(18)),
        QRectF(width - geo.mm(16), 0, geo.mm(16), geo.mm(24)),
    )


def paint_header(painter: QPainter, geo: Geometry, title: str, subtitle: str) -> None:
    """Title and subtitle, each shrunk until it fits the width (past a readable size the subtitle takes a
    second line, and what still does not fit is elided rather than run off the page), with a rule under
    them."""
    font, title = _fitted(geo, title, 20.0, 11.0, bold=True)
    painter.setFont(font)
    painter.setPen(QColor(INK))
    title_h = QFontMetricsF(font).height()
    painter.drawText(
        QRectF(geo.header.left(), geo.header.top(), geo.header.width(), title_h),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        title,
    )
    if subtitle:  # on two lines when it does not fit on one at a readable size
        small, _ = _fitted(geo, subtitle, 11.5, 9.0)
        metrics = QFontMetricsF(small)
        painter.setFont(small)
        painter.setPen(QColor("#444444"))
        for row, line in enumerate(wrap_lines(subtitle, metrics, geo.header.width(), most=2)):
            top = geo.header.top() + title_h + geo.mm(0.8) + row * metrics.height()
            painter.drawText(
                QRectF(geo.header.left(), top, geo.header.width(), metrics.height()),
                int(Qt.AlignmentFlag.AlignLeft),
                line,
            )
    painter.setPen(QPen(QColor(RULE), geo.mm(0.3)))
    y = geo.header.bottom()
    painter.drawLine(QPointF(geo.header.left(), y), QPointF(geo.header.right(), y))


def _fitted(geo: Geometry, line: str, size: float, smallest: float, bold: bool = False) -> tuple[QFont, str]:
    """The font, from ``size`` down to ``smallest`` points, at which ``line`` fits the header's width, and
    the line (elided only when even the smallest size is too wide)."""
    font = geo.font(size, bold=bold)
    while QFontMetricsF(font).horizontalAdvance(line) > geo.header.width() and size > smallest:
        size -= 0.5
        font = geo.font(size, bold=bold)
    return font, QFontMetricsF(font).elidedText(line, Qt.TextElideMode.ElideRight, geo.header.width())


# -- scale bar and north arrow -------------------------------------------------------------------------
def scale_figures(view: View, dpi: int, target_px: float) -> tuple[float, float, int]:
    """(round length in metres, its length in device px, scale denominator) at the map's centre, geodesically."""
    lon, lat = to_lonlat((view.x0 + view.x1) / 2, (view.y0 + view.y1) / 2)
    per_px = metres_per_pixel(lon, lat, math.degrees(view.res / 6378137.0))
    length = nice_length(per_px * target_px)
    denominator = per_px / (0.0254 / dpi)
    return length, length / per_px if per_px > 0 else 0.0, _round_significant(denominator, 3)


def _round_significant(value: float, digits: int) -> int:
    if value <= 0 or not math.isfinite(value):
        return 0
    power = 10 ** (math.floor(math.log10(value)) - digits + 1)
    return int(round(value / power) * power)


def format_distance(metres: float, language: str) -> str:
    """A scale bar length: "2,5 км" in Kazakh and Russian, "2.5 km" in English."""
    value, unit = (metres / 1000, "km") if metres >= 1000 else (metres, "m")
    decimals = 0 if value == int(value) else len(f"{value:g}".split(".")[1])
    return f"{format_number(value, language, decimals)} {text(unit, language)}"


def format_integer(value: int, language: str) -> str:
    return format_number(value, language)


def paint_scale_bar(painter: QPainter, geo: Geometry, view: View, language: str) -> None:
    """A four-segment bar, 0 / half / full length labelled, over a white box at the map's bottom left."""
    length, bar_px, denominator = scale_figures(view, round(geo.k * 25.4), geo.mm(38))
    if not bar_px:
        return
    font = geo.font(7.5)
    metrics = QFontMetricsF(font)
    caption = text("Scale 1:{n} at the map centre", language, n=format_integer(denominator, language))
    pad, bar_h = geo.mm(2), geo.mm(1.6)
    end_label = format_distance(length, language)
    box_w = max(
        bar_px + metrics.horizontalAdvance(end_label) / 2 + pad * 2, metrics.horizontalAdvance(caption) + 2 * pad
    )
    box = QRectF(geo.map.left() + geo.mm(3), geo.map.bottom() - geo.mm(3) - geo.mm(13), box_w, geo.mm(13))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 225))
    painter.drawRect(box)
    left, top = box.left() + pad, box.top() + pad + metrics.height()
    for segment in range(4):
        painter.setBrush(QColor(INK if segment % 2 == 0 else "#ffffff"))
        painter.setPen(QPen(QColor(INK), geo.mm(0.2)))
        painter.drawRect(QRectF(left + segment * bar_px / 4, top, bar_px / 4, bar_h))
    painter.setFont(font)
    painter.setPen(QColor(INK))
    for x, label in scale_bar_labels(length, bar_px, language, metrics, geo.mm(1.5)):
        painter.drawText(QPointF(max(box.left() + geo.mm(0.5), left + x), top - geo.mm(0.8)), label)
    painter.drawText(QPointF(left, top + bar_h + metrics.ascent() + geo.mm(0.8)), caption)


def scale_bar_labels(
    length: float, bar_px: float, language: str, metrics: QFontMetricsF, gap: float
) -> list[tuple[float, str]]:
    """The bar's labels, each with its left edge from the bar's start: 0, the half and the full length.
    The half is left out when it would come nearer than ``gap`` to a neighbour: a bar rounded down to
    5,000 km is 15 mm long, and "2 500 км" and "5 000 км" printed over one another there."""
    labels = [(fraction, label, metrics.horizontalAdvance(label)) for fraction, label in (
        (0.0, "0"), (0.5, format_distance(length / 2, language)), (1.0, format_distance(length, language))
    )]  # fmt: skip
    placed = [(fraction * bar_px - width / 2, width, label) for fraction, label, width in labels]
    (zero_x, zero_w, _), (half_x, half_w, _), (end_x, _, _) = placed
    if half_x < zero_x + zero_w + gap or half_x + half_w + gap > end_x:
        del placed[1]
    return [(x, label) for x, _, label in placed]


def paint_north_arrow(painter: QPainter, geo: Geometry, language: str) -> None:
    """North is straight up everywhere in Web Mercator: a half-filled arrow with its letter, top right."""
    width, height = geo.mm(7), geo.mm(11)
    cx, top = geo.map.right() - geo.mm(6) - width / 2, geo.map.top() + geo.mm(5)
    font = geo.font(10, bold=True)
    letter_h = QFontMetricsF(font).height()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 225))
    painter.drawRoundedRect(
        QRectF(cx - width / 2 - geo.mm(1.5), top - geo.mm(1), width + geo.mm(3), height + letter_h + geo.mm(2)),
        geo.mm(1),
        geo.mm(1),
    )
    tip, base_y = QPointF(cx, top + letter_h), top + letter_h + height - geo.mm(1)
    left_half, right_half = QPainterPath(tip), QPainterPath(tip)
    left_half.lineTo(cx - width / 2, base_y)
    left_half.lineTo(cx, base_y - height * 0.28)
    left_half.closeSubpath()
    right_half.lineTo(cx + width / 2, base_y)
    right_half.lineTo(cx, base_y - height * 0.28)
    right_half.closeSubpath()
    painter.setPen(QPen(QColor(INK), geo.mm(0.25)))
    painter.setBrush(QColor(INK))
    painter.drawPath(left_half)
    painter.setBrush(QColor("#ffffff"))
    painter.drawPath(right_half)
    painter.setFont(font)
    painter.drawText(
        QRectF(cx - width, top, 2 * width, letter_h), int(Qt.AlignmentFlag.AlignCenter), text("N", language)
    )


# -- legend and notes ----------------------------------------------------------------------------------
def paint_legend_block(painter: QPainter, geo: Geometry, items: list[LegendItem], spec: ExhibitSpec) -> None:
    """ "Legend" and the items in columns; the rows shrink (to 70 %) before anything is left out. No items
    (no feature, image or basemap symbol in view): no heading over an empty space."""
    if not items:
        return
    title_font = geo.font(9.5, bold=True)
    painter.setFont(title_font)
    painter.setPen(QColor(INK))
    title_h = QFontMetricsF(title_font).height()
    painter.drawText(
        QRectF(geo.legend.left(), geo.legend.top(), geo.legend.width(), title_h),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        text("Legend", spec.language),
    )
    area = QRectF(
        geo.legend.left(),
        geo.legend.top() + title_h + geo.mm(1),
        geo.legend.width(),
        geo.legend.height() - title_h - geo.mm(1),
    )
    columns = max(1, int(area.width() // geo.mm(60)))
    for shrink in (1.0, 0.9, 0.8, 0.7):
        row = geo.mm(5.0) * shrink
        fonts = LegendFonts(geo.font(8 * shrink), geo.font(8 * shrink, bold=True), row, spec.dpi / 96 * geo.s * shrink)
        rows = wrapped_to(items, fonts, area.width() / columns)
        if len(columns_of(rows, max(1, int(area.height() // row)))) <= columns:
            break
    paint_legend(painter, area, rows, fonts, area.width() / columns)


def note_lines(spec: ExhibitSpec, sources: ExhibitSources) -> list[str]:
    lang = spec.language
    attribution = [text(NATURAL_EARTH, lang)] if spec.basemap else []
    attribution += [text(line, lang) for line in sources.tile_attribution]
    lines = [
        f"{text('Data', lang)}: {text('Baytak store {name}', lang, name=spec.store.name)}"
        + (f". {text('Basemap attribution', lang)}: {'; '.join(attribution)}" if attribution else ""),
        text(
            "Projection: Web Mercator (EPSG:3857); the scale bar is measured on the WGS 84 ellipsoid at the "
            "map centre.",
            lang,
        ),
    ]
    for image in sources.images:  # the evidence: which file, taken when, and its fingerprint
        taken = f", {image.acquired_on}" if image.acquired_on else ""
        title = image.title or image.path.name
        lines.append(f"{text('Image', lang)}: {title}{taken}, {image.path.name}, SHA-256 {image.sha256}")
    signed = [f"{text('Author', lang)}: {spec.author}"] if spec.author else []
    lines.append("    ".join([*signed, f"{text('Date', lang)}: {spec.printed_date()}"]))
    if sources.illustrative:
        lines.append(text("Contains illustrative demo data: positions and figures are approximate.", lang))
    return lines


def paint_notes(painter: QPainter, geo: Geometry, lines: list[str]) -> None:
    """The notes, wrapped at words, and anywhere in a word wider than the column: an image's SHA-256 is
    64 letters with no space, and the evidence must be on the paper whole, not cut at the page's edge."""
    painter.setFont(geo.font(7))
    painter.setPen(QColor("#333333"))
    option = QTextOption(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    painter.drawText(geo.notes, "\n".join(lines), option)


# -- output --------------------------------------------------------------------------------------------
def export_exhibit(spec: ExhibitSpec) -> Path:
    """Write the exhibit to ``spec.out`` (PDF, PNG or SVG by its suffix), atomically: all or nothing."""
    spec.validate()
    sources = gather_sources(spec)
    partial = spec.out.with_name(f".{spec.out.stem}.partial{spec.out.suffix}")
    try:
        {"pdf": _write_pdf, "png": _write_png, "svg": _write_svg}[spec.format](spec, partial, sources)
        os.replace(partial, spec.out)
    finally:
        partial.unlink(missing_ok=True)
    return spec.out


def plain_title(spec: ExhibitSpec) -> str:
    return spec.title or text("Baytak map", spec.language)


def _write_pdf(spec: ExhibitSpec, path: Path, sources: ExhibitSources) -> None:
    writer = QPdfWriter(str(path))
    writer.setResolution(spec.dpi)
    orientation = QPageLayout.Orientation.Landscape if spec.landscape else QPageLayout.Orientation.Portrait
    writer.setPageLayout(QPageLayout(QPageSize(PAGE_SIZES[spec.page]), orientation, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(plain_title(spec))
    writer.setAuthor(spec.author)
    writer.setCreator("Baytak desktop")
    painter = QPainter(writer)
    try:
        paint_page(painter, spec, writer.width(), writer.height(), sources)
    finally:
        painter.end()
    fill_metadata(path, plain_title(spec), spec.author, exhibit_subject(spec, sources), spec.language)


def exhibit_subject(spec: ExhibitSpec, sources: ExhibitSources) -> str:
    """The PDF's Subject: the subtitle when there is one, else the layers shown and the printed date."""
    if spec.subtitle:
        return spec.subtitle
    layers = ", ".join(layer_title(s.layer) for s in reversed(sources.styles))
    return f"{text('Baytak map', spec.language)}: {layers} ({spec.printed_date()})"


def _write_png(spec: ExhibitSpec, path: Path, sources: ExhibitSources) -> None:
    width, height = spec.page_pixels()
    image = QImage(width, height, QImage.Format.Format_RGB32)
    dots_per_metre = round(spec.dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    try:
        paint_page(painter, spec, width, height, sources)
    finally:
        painter.end()
    image.setText("Title", plain_title(spec))
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]  # the stub says bytes; PySide6 takes str
        raise OSError(f"cannot write {path}")


def _write_svg(spec: ExhibitSpec, path: Path, sources: ExhibitSources) -> None:
    width, height = spec.page_pixels()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRect(0, 0, width, height))
    generator.setResolution(spec.dpi)
    generator.setTitle(plain_title(spec))
    generator.setDescription(re.sub(r"\s+", " ", spec.subtitle))
    painter = QPainter(generator)
    try:
        paint_page(painter, spec, width, height, sources)
    finally:
        painter.end()
