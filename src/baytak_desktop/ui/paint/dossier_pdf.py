"""The evidence dossier as a PDF: a rich-text document (searchable text, page breaks by Qt) with the site's map.

The content comes from ``exhibits.dossier`` (hashes recomputed there); this module only lays it out: a
QTextDocument in HTML, with the map (painted by ``print_map``, the site outlined) and each photo as image
resources, paginated here (no heading alone at a page's foot) and painted page by page onto a
QPdfWriter; title, author, subject and language go into the PDF's properties. Every label, unit and
number is in the dossier's language.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import os
from pathlib import Path

import shapely
from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
    QTextTable,
    QTextTableCell,
    QTextTableFormat,
)

from baytak_desktop.analysis.photo_check import PhotoCheck
from baytak_desktop.exhibits.dossier import Dossier, DossierSpec, PhotoEvidence, build_dossier
from baytak_desktop.exhibits.pdf_metadata import fill_metadata
from baytak_desktop.exhibits.print_text import (
    NATURAL_EARTH,
    area_text,
    distance_text,
    format_number,
    keys,
    position_text,
    text,
)
from baytak_desktop.layers import Catalog, LayerSchema, builtin_catalog
from baytak_desktop.mapdata.projection import fit_view
from baytak_desktop.resources import basemap_path
from baytak_desktop.store import Store
from baytak_desktop.ui.i18n import field_title, kazakh_font, layer_title
from baytak_desktop.ui.paint.print_layout import Geometry, paint_north_arrow, paint_scale_bar, searchable
from baytak_desktop.ui.paint.print_map import paint_map, read_content

MAP_PX = (1800, 1150)  # the site map: 620 document px (164 mm) wide on the page, so ~280 dpi
MAP_DPI = 280
MIN_PAD_DEG = 0.01  # ~1 km on each side of a single point: enough to recognise the place
KAZAKHSTAN = (46.5, 40.5, 87.4, 55.5)
PAGE_W, PAGE_H = 210 / 25.4 * 96, 297 / 25.4 * 96  # A4 in document pixels (1/96 inch)
PAGE_MARGIN = 2 / 2.54 * 96  # 2 cm
PDF_DPI = 300
OK_COLOUR, CHANGED_COLOUR, FLAG_COLOUR = "#1a7f37", "#c00000", "#b35900"


def export_dossier(spec: DossierSpec) -> Path:
    """Build the dossier's content and write the PDF atomically; returns ``spec.out``."""
    dossier = build_dossier(spec)
    document = dossier_document(dossier)
    paginate(document)
    partial = spec.out.with_name(f".{spec.out.stem}.partial.pdf")
    title = f"{text('Evidence dossier', spec.language)}: {site_name(dossier)}"
    try:
        writer = QPdfWriter(str(partial))
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
                QPageLayout.Unit.Millimeter,
            )
        )
        writer.setTitle(title)
        writer.setAuthor(spec.author)
        writer.setCreator("Baytak desktop")
        print_pages(document, writer)
        fill_metadata(partial, title, spec.author, subject(dossier), spec.language, feature_keywords(dossier))
        os.replace(partial, spec.out)
    finally:
        partial.unlink(missing_ok=True)
    return spec.out


def subject(dossier: Dossier) -> str:
    """The PDF's Subject: what the document is about, as an index would list it."""
    lang = dossier.spec.language
    return f"{text('Evidence dossier', lang)} — {layer_title(dossier.layer)}: {site_name(dossier)} ({dossier.feature.uuid})"


def feature_keywords(dossier: Dossier) -> str:
    return ", ".join(["Baytak", layer_title(dossier.layer), site_name(dossier), dossier.feature.uuid])


def paginate(document: QTextDocument) -> None:
    """A4 pages with 2 cm margins, laid out here (not by ``print_``) so that nothing is cut at a page's
    foot: a heading whose next block (or a table's first row, its header too) would not fit under it
    starts the next page; a table row that would run over the foot moves whole to the next page (its
    table's header row is repeated there). Blocks are visited in order and the document laid out again
    after each move, so what comes later is judged where it finally stands."""
    document.setDocumentMargin(PAGE_MARGIN)
    document.setPageSize(QSizeF(PAGE_W, PAGE_H))
    layout = document.documentLayout()
    seen_rows: set[tuple[int, int]] = set()
    block = document.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None:
            row = table.cellAt(block.position()).row()
            if (table.firstPosition(), row) not in seen_rows:
                seen_rows.add((table.firstPosition(), row))
                top, bottom = _row_span(layout, table, row)
                if _runs_over_the_foot(top, bottom) and bottom - top < PAGE_H - 2 * PAGE_MARGIN:
                    # the rows moved into a table of their own: go on from it (this block is gone)
                    block = document.findBlock(_move_row_to_next_page(document, table, row))
                    continue
        elif block.blockFormat().headingLevel() >= 2 and block.next().isValid():
            heading = layout.blockBoundingRect(block)
            if _runs_over_the_foot(heading.top(), heading.bottom() + _follow(layout, block.next())):
                _break_before(document, block)
        block = block.next()


def _follow(layout: QAbstractTextDocumentLayout, block: QTextBlock) -> float:
    """How much must stay under a heading: the next block, or a table's header and first row, at most a
    quarter page."""
    table = QTextCursor(block).currentTable()
    if table is None:
        return min(layout.blockBoundingRect(block).height(), PAGE_H / 4)
    first = min(table.format().headerRowCount(), table.rows() - 1)
    top = _row_span(layout, table, 0)[0]
    return min(_row_span(layout, table, first)[1] - top, PAGE_H / 4)


def _runs_over_the_foot(top: float, bottom: float) -> bool:
    page_end = (math.floor(top / PAGE_H) + 1) * PAGE_H - PAGE_MARGIN
    return bottom > page_end + 0.5


def _row_cells(table: QTextTable, row: int) -> list[QTextTableCell]:
    cells = {}
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        if cell.isValid() and cell.row() == row:
            cells[cell.firstPosition()] = cell
    return list(cells.values())


def _row_span(layout: QAbstractTextDocumentLayout, table: QTextTable, row: int) -> tuple[float, float]:
    """The top and bottom of a row's text, in document pixels."""
    tops, bottoms = [], []
    for cell in _row_cells(table, row):
        block, last = cell.firstCursorPosition().block(), cell.lastCursorPosition().block()
        while block.isValid():
            rect = layout.blockBoundingRect(block)
            tops.append(rect.top())
            bottoms.append(rect.bottom())
            if block == last:
                break
            block = block.next()
    return (min(tops), max(bottoms)) if tops else (0.0, 0.0)


def _move_row_to_next_page(document: QTextDocument, table: QTextTable, row: int) -> int:
    """The row and those under it become a table of their own (the header row repeated) that starts the
    next page. A first row (or the one under the header) takes its whole table along: a header never
    stays behind alone. (A page break inside a cell would not do: Qt breaks the cell's text, drops the
    row, then breaks it again, leaving a blank page; padding the row above shrinks its own page.)
    Returns the position where the moved row now starts."""
    header = table.format().headerRowCount()
    moved = QTextTableFormat(table.format())
    moved.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    if row <= header:
        table.setFormat(moved)
        resume = table.cellAt(row, 0).firstPosition()
    else:
        kept = [*range(header), *range(row, table.rows())]
        cells = [[_cell_content(table, r, c) for c in range(table.columns())] for r in kept]
        cursor = QTextCursor(document)
        cursor.setPosition(table.lastPosition() + 1)
        rest = cursor.insertTable(len(kept), table.columns(), moved)
        for r, row_cells in enumerate(cells):
            for c, (fragment, cell_format) in enumerate(row_cells):
                cell = rest.cellAt(r, c)
                cell.setFormat(cell_format)
                cell.firstCursorPosition().insertFragment(fragment)
        table.removeRows(row, table.rows() - row)
        resume = rest.cellAt(header, 0).firstPosition()
    document.markContentsDirty(0, document.characterCount())
    return resume


def _cell_content(table: QTextTable, row: int, column: int) -> tuple[QTextDocumentFragment, QTextCharFormat]:
    cell = table.cellAt(row, column)
    cursor = cell.firstCursorPosition()
    cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    return QTextDocumentFragment(cursor), cell.format()


def _break_before(document: QTextDocument, block: QTextBlock) -> None:
    keep = QTextBlockFormat(block.blockFormat())
    keep.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(block).setBlockFormat(keep)
    # Qt re-lays out only the changed block; the ones after it would keep a height of 0
    document.markContentsDirty(0, document.characterCount())


def print_pages(document: QTextDocument, writer: QPdfWriter) -> None:
    """Each page of the laid-out document onto the PDF, scaled from document pixels (1/96 in) to the
    writer's dots; text stays text (searchable, with its fonts embedded)."""
    scale = writer.resolution() / 96
    painter = QPainter(writer)
    try:
        for page in range(document.pageCount()):
            if page:
                writer.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.translate(0, -page * PAGE_H)
            document.drawContents(painter, QRectF(0, page * PAGE_H, PAGE_W, PAGE_H))
            painter.restore()
    finally:
        painter.end()


def site_name(dossier: Dossier) -> str:
    feature = dossier.feature
    return str(feature.get("name") or feature.get("title") or feature.uuid)


def dossier_document(dossier: Dossier) -> QTextDocument:
    document = QTextDocument()
    font = kazakh_font(QFont())
    font.setPointSizeF(9.5)
    document.setDefaultFont(searchable(font))
    document.setDefaultStyleSheet(STYLE)
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl("baytak:map"), site_map(dossier))
    for index, photo in enumerate(dossier.photos):
        image = QImage.fromData(photo.data)
        if not image.isNull():
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"baytak:photo{index}"), image)
    document.setHtml(dossier_html(dossier))
    return document


STYLE = """
h1 { font-size: 17pt; margin-bottom: 2px; }
h2 { font-size: 12.5pt; margin-top: 16px; margin-bottom: 4px; border-bottom: 1px solid #999; }
td, th { padding: 2px 6px; vertical-align: top; }
th { text-align: left; background-color: #eeeeee; }
.key { color: #444444; }
.hash { font-family: 'DejaVu Sans Mono', monospace; font-size: 8pt; }
.note { color: #444444; font-size: 8.5pt; }
"""


def dossier_html(dossier: Dossier) -> str:
    lang = dossier.spec.language
    parts = [
        f"<h1>{esc(text('Evidence dossier', lang))}: {esc(site_name(dossier))}</h1>",
        _summary(dossier),
        f'<p><img src="baytak:map" width="620"><br><span class="note">{esc(text("Map of the site", lang))}. '
        f"{esc(text(NATURAL_EARTH, lang))}.</span></p>",
        f"<h2>{esc(text('Attributes', lang))}</h2>",
        _attributes(dossier),
        f"<h2>{esc(text('Photos and documents', lang))}</h2>",
        _photos(dossier),
        f"<h2>{esc(text('Edit history', lang))}</h2>",
        _history(dossier),
    ]
    return "\n".join(parts)


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _rows(pairs: list[tuple[str, str]], raw: bool = False) -> str:
    cells = "".join(f'<tr><td class="key">{esc(k)}</td><td>{v if raw else esc(v)}</td></tr>' for k, v in pairs)
    return f'<table cellspacing="0">{cells}</table>'


def _schema(dossier: Dossier) -> LayerSchema:
    """The feature's layer as its store defines it (a dossier made elsewhere: the built-in layer)."""
    return (dossier.catalog or builtin_catalog()).layer(dossier.layer)


def _summary(dossier: Dossier) -> str:
    lang, feature = dossier.spec.language, dossier.feature
    pairs = [
        (text("Layer", lang), layer_title(dossier.layer, dossier.catalog)),
        (text("Identifier (UUID)", lang), feature.uuid),
    ]
    centre = dossier.centre()
    if centre is not None:
        pairs.append((text("Position", lang), f"{position_text(centre[1], centre[0], lang)} (WGS 84)"))
    if _schema(dossier).is_polygon:
        square_metres = f"{format_number(dossier.area_m2(), lang)} {text('m²', lang)}"
        pairs.append((text("Area", lang), f"{area_text(dossier.area_m2(), lang)} ({square_metres}, WGS 84)"))
    prepared = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z")
    signed = f"{prepared}, {dossier.spec.author}" if dossier.spec.author else prepared
    pairs.append(
        (text("Prepared", lang), f"{signed} · {text('Baytak store {name}', lang, name=dossier.spec.store.name)}")
    )
    return _rows(pairs)


def _attributes(dossier: Dossier) -> str:
    lang, feature, schema = dossier.spec.language, dossier.feature, _schema(dossier)
    pairs = []
    for f in schema.fields:
        value = feature.get(f.name)
        if value in (None, ""):
            shown = "—"
        elif f.vocabulary:
            shown = f.vocabulary.label(str(value), lang)
        elif isinstance(value, float):
            shown = format_number(value, lang, 2 if abs(value) >= 1 or value == 0 else 4)
        elif isinstance(value, int) and not isinstance(value, bool):
            shown = format_number(value, lang)
        else:
            shown = str(value)
        pairs.append((field_title(dossier.layer, f.name, dossier.catalog), shown))
    return _rows(pairs)


def _photos(dossier: Dossier) -> str:
    lang = dossier.spec.language
    if not dossier.photos:
        return f"<p>{esc(text('No photos or documents are attached.', lang))}</p>"
    blocks = [_photo(index, photo, lang) for index, photo in enumerate(dossier.photos)]
    limits = text(
        "flag_note",
        lang,
        km=format_number(
            dossier.spec.photo_max_km, lang, 0 if dossier.spec.photo_max_km == int(dossier.spec.photo_max_km) else 1
        ),
        days=dossier.spec.photo_max_days,
    )
    blocks.append(
        f'<p class="note"><b>{esc(text("How to check a photo", lang))}.</b> {esc(text("check_note", lang))} '
        f"{esc(limits)}</p>"
    )
    return "\n".join(blocks)


def _photo(index: int, photo: PhotoEvidence, lang: str) -> str:
    missing = text("not recorded", lang)
    exif = photo.exif
    position = position_text(exif.lat, exif.lon, lang) if exif.lat is not None and exif.lon is not None else missing
    verdict = (
        f'<b style="color:{OK_COLOUR}">✓ {esc(text("Verified: matches", lang))}</b>'
        if photo.matches
        else f'<b style="color:{CHANGED_COLOUR}">✗ {esc(text("CHANGED: the stored bytes no longer match the recorded SHA-256", lang))}</b>'
    )
    rows = [
        (text("File", lang), esc(photo.original_name or "—") + (f" — {esc(photo.caption)}" if photo.caption else "")),
        (text("Taken at (EXIF)", lang), esc(exif.taken_at or missing)),
        (text("Position (EXIF)", lang), esc(position)),
        (text("Camera", lang), esc(exif.camera or missing)),
        (text("Size", lang), esc(f"{format_number(photo.size, lang)} {text('bytes', lang)}, {photo.mime}")),
        (text("SHA-256 recorded at capture", lang), f'<span class="hash">{esc(photo.sha256)}</span>'),
        (text("SHA-256 recomputed now", lang), f'<span class="hash">{esc(photo.sha256_now)}</span>'),
        ("", verdict),
    ]
    flag = flag_line(photo.check, lang) if photo.check is not None else ""
    if flag:
        rows.append((text("Evidence check", lang), f'<b style="color:{FLAG_COLOUR}">⚠ {esc(flag)}</b>'))
    image = QImage.fromData(photo.data)
    picture = ""
    if not image.isNull():
        # at most 320 px wide and 300 px tall: a portrait photo must not push its heading off the page
        width = min(320, image.width(), round(300 * image.width() / max(1, image.height())))
        picture = f'<p><img src="baytak:photo{index}" width="{width}"></p>'
    return picture + _rows(rows, raw=True)


def flag_line(check: PhotoCheck, lang: str) -> str:
    """What is doubtful about a photo as evidence, with the distance and the days; empty when nothing is."""
    parts = []
    if check.far and check.distance_m is not None:
        parts.append(text("Taken {distance} from the site", lang, distance=distance_text(check.distance_m, lang)))
    if check.off_date and check.days_apart is not None:
        key = (
            "{days} days before the observation ({date})"
            if check.days_apart < 0
            else ("{days} days after the observation ({date})")
        )
        parts.append(text(key, lang, days=format_number(abs(check.days_apart), lang), date=check.observed_on))
    return " · ".join(parts)


def _history(dossier: Dossier) -> str:
    lang, feature = dossier.spec.language, dossier.feature
    by = text("by", lang)
    created = f"{feature.get('created_at') or '—'} {by} {feature.get('created_by') or '—'}"
    updated = f"{feature.get('updated_at') or '—'} {by} {feature.get('updated_by') or '—'}"
    parts = [_rows([(text("Created", lang), created), (text("Last updated", lang), updated)])]
    parts.append(f"<h3>{esc(text('Local edits not yet synced', lang))}</h3>")
    if dossier.local_edits:
        header = [text("When", lang), text("Change", lang), text("Field", lang), ""]
        rows = [
            [
                e.at,
                text(e.op, lang),
                _edited(dossier.layer, e.columns, e.op, lang, dossier.catalog),
                text("sent, awaiting confirmation" if e.sent else "waiting to be sent", lang),
            ]
            for e in dossier.local_edits
        ]
        parts.append(_table(header, rows))
    else:
        parts.append(f"<p>{esc(text('No local edits are waiting to be synced.', lang))}</p>")
    parts.append(f"<h3>{esc(text('Server history', lang))}</h3>")
    parts.append(_server_history(dossier))
    return "\n".join(parts)


def _edited(layer: str, columns: tuple[str, ...], op: str, lang: str, catalog: Catalog | None) -> str:
    """The fields an edit changed; an update naming none is a photo or document linked or unlinked."""
    if op == "update" and not columns:
        return text("Photos and documents", lang)
    return ", ".join(_field(layer, c, lang, catalog) for c in columns)


def _field(layer: str, name: str, lang: str, catalog: Catalog | None) -> str:
    """A field's title, never its column name ("geom" is the site's shape and position)."""
    return text("Geometry", lang) if name == "geom" else field_title(layer, name, catalog)


def _server_history(dossier: Dossier) -> str:
    lang = dossier.spec.language
    if dossier.server_history is None:
        reason = dossier.server_problem or ""
        known = text(reason, lang) if reason in keys() else reason
        return f"<p>{esc(text('Server history is not available: {reason}', lang, reason=known))}</p>"
    rows = []
    for revision in dossier.server_history:
        if revision.deleted:
            change = text("deleted", lang)
        elif not revision.changed:
            change = text("created", lang)
        else:
            names = ", ".join(_field(dossier.layer, c, lang, dossier.catalog) for c in revision.changed)
            change = text("changed: {fields}", lang, fields=names)
        rows.append([str(revision.rev), revision.at or "—", revision.by or "—", change])
    return _table([text("Revision", lang), text("When", lang), text("Who", lang), text("Change", lang)], rows)


def _table(header: list[str], rows: list[list[str]]) -> str:
    """A table whose header row (``thead``) Qt repeats at the top of every page the table runs onto."""
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table cellspacing="0" border="0"><thead><tr>{head}</tr></thead>{body}</table>'


def site_map(dossier: Dossier) -> QImage:
    """The site outlined on the basemap and every visible layer, with a scale bar and north arrow."""
    geometry = dossier.feature.geometry
    west, south, east, north = geometry.bounds if geometry is not None else (66.9, 40.5, 87.4, 55.5)
    pad_x, pad_y = max((east - west) * 1.2, MIN_PAD_DEG), max((north - south) * 1.2, MIN_PAD_DEG)
    box = (west - pad_x, south - pad_y, east + pad_x, north + pad_y)
    view = fit_view(box, *MAP_PX, dpr=MAP_DPI / 96)
    with Store.open(dossier.spec.store, readonly=True) as store:
        styles = [s for s in store.styles().values() if s.visible]
    content = read_content(dossier.spec.store, styles, view, basemap_path())
    image = QImage(*MAP_PX, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(MAP_DPI / 0.0254))
    image.setDotsPerMeterY(round(MAP_DPI / 0.0254))
    painter = QPainter(image)
    try:
        paint_map(
            painter,
            content,
            view,
            dossier.spec.language,
            dossier.spec.store,
            highlight=geometry if isinstance(geometry, shapely.Geometry) else None,
        )
        if geometry is not None and not geometry.is_empty:
            paint_locator(painter, geometry, dossier.spec.language)
        frame = QRectF(0, 0, *MAP_PX)
        geo = Geometry(MAP_DPI / 25.4, 1.0, frame, frame, frame, frame)
        paint_scale_bar(painter, geo, view, dossier.spec.language)
        paint_north_arrow(painter, geo, dossier.spec.language)
        painter.setPen(QColor("#4a4a4a"))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(frame.adjusted(0, 0, -1, -1))
    finally:
        painter.end()
    return image


def paint_locator(painter: QPainter, geometry: shapely.Geometry, language: str) -> None:
    """A small map of Kazakhstan in the top-left corner with the site marked: where this is in the country."""
    width, height = 560, 330
    view = fit_view(KAZAKHSTAN, width, height, dpr=1.5)
    content = read_content(None, [], view, basemap_path())
    painter.save()
    painter.translate(12, 12)
    paint_map(painter, content, view, language, None, highlight=geometry.representative_point())
    painter.setPen(QColor("#4a4a4a"))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(0, 0, width, height))
    painter.restore()
