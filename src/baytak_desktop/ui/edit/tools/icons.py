"""Pictograms of the edit tools, drawn here so they look the same on every system and need no files.

The edit tool bar shows pictograms (as QGIS's digitizing bar does) so that all its tools fit a 1366 px
window in Kazakh and Russian; each tool's name, key and purpose are in its tip and in the Edit menu.
The shapes follow QGIS's habits: a dot for a point, an outline with corner marks for an area, a line with corner marks for a line, a red
cross for deleting, a ruler for measuring.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

SIZE = 64  # drawn large, shown at the tool bar's icon size
INK = QColor("#2b2b2b")
FILL = QColor("#9cc3e6")
ADD = QColor("#1a7f37")
CUT = QColor("#c62828")
AREA = QPolygonF([QPointF(10, 50), QPointF(8, 20), QPointF(30, 8), QPointF(54, 18), QPointF(50, 52)])


def _pen(color: QColor = INK, width: float = 4.0) -> QPen:
    pen = QPen(color, width)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def _area(p: QPainter, fill: bool = True) -> None:
    p.setPen(_pen())
    p.setBrush(QBrush(FILL) if fill else Qt.BrushStyle.NoBrush)
    p.drawPolygon(AREA)


def _corners(p: QPainter, polygon: QPolygonF = AREA) -> None:
    p.setPen(_pen(INK, 2.5))
    p.setBrush(QBrush(QColor("white")))
    for index in range(polygon.count()):
        corner = polygon.at(index)
        p.drawRect(QRectF(corner.x() - 5, corner.y() - 5, 10, 10))


def _plus(p: QPainter, x: float, y: float) -> None:
    p.setPen(_pen(ADD, 6))
    p.drawLine(QLineF(x - 9, y, x + 9, y))
    p.drawLine(QLineF(x, y - 9, x, y + 9))


def _arrow_head(p: QPainter, tip: QPointF, dx: float, dy: float) -> None:
    """A filled head at ``tip`` pointing along (dx, dy), a unit step on one axis."""
    back, side = QPointF(tip.x() - 9 * dx, tip.y() - 9 * dy), QPointF(7 * dy, 7 * dx)
    p.setBrush(QBrush(p.pen().color()))
    p.drawPolygon(QPolygonF([tip, back + side, back - side]))


def _pan(p: QPainter) -> None:
    p.setPen(_pen(INK, 4))
    p.drawLine(QLineF(32, 8, 32, 56))
    p.drawLine(QLineF(8, 32, 56, 32))
    for tip, dx, dy in (
        (QPointF(32, 5), 0, -1),
        (QPointF(32, 59), 0, 1),
        (QPointF(5, 32), -1, 0),
        (QPointF(59, 32), 1, 0),
    ):
        _arrow_head(p, tip, dx, dy)


def _add_point(p: QPainter) -> None:
    p.setPen(_pen(INK, 3))
    p.setBrush(QBrush(FILL.darker(130)))
    p.drawEllipse(QPointF(26, 38), 14, 14)
    _plus(p, 48, 16)


def _draw_area(p: QPainter) -> None:
    _area(p)
    _corners(p)
    _plus(p, 48, 48)


LINE = QPolygonF([QPointF(8, 52), QPointF(24, 30), QPointF(40, 40), QPointF(56, 12)])


def _draw_line(p: QPainter) -> None:
    """A line with corner marks (QGIS's "add line feature"): a river, a canal, a road."""
    p.setPen(_pen(INK, 4))
    p.drawPolyline(LINE)
    _corners(p, LINE)


def _move_feature(p: QPainter) -> None:
    p.save()
    p.translate(-6, 6)
    p.scale(0.8, 0.8)
    _area(p)
    p.restore()
    p.setPen(_pen(ADD, 5))
    p.drawLine(QLineF(30, 30, 56, 12))
    _arrow_head(p, QPointF(58, 10), 1, -1)


def _edit_vertices(p: QPainter) -> None:
    _area(p, fill=False)
    _corners(p)
    p.setPen(_pen(CUT, 3))
    p.setBrush(QBrush(CUT))
    p.drawRect(QRectF(25, 3, 10, 10))


def _delete_feature(p: QPainter) -> None:
    _area(p)
    p.setPen(_pen(CUT, 7))
    p.drawLine(QLineF(18, 18, 46, 46))
    p.drawLine(QLineF(46, 18, 18, 46))


def _split(p: QPainter) -> None:
    _area(p)
    p.setPen(_pen(CUT, 5))
    p.drawLine(QLineF(22, 4, 42, 60))


def _merge(p: QPainter) -> None:
    p.setPen(_pen())
    p.setBrush(QBrush(FILL))
    path = QPainterPath()
    path.addRect(QRectF(6, 14, 26, 36))
    path.addRect(QRectF(32, 14, 26, 36))
    p.drawPath(path.simplified())
    dashed = _pen(INK, 2.5)
    dashed.setStyle(Qt.PenStyle.DashLine)
    p.setPen(dashed)
    p.drawLine(QLineF(32, 16, 32, 48))


def _ruler(p: QPainter) -> None:
    p.save()
    p.translate(32, 32)
    p.rotate(-35)
    p.setPen(_pen(INK, 3))
    p.setBrush(QBrush(QColor("#f2d16b")))
    p.drawRect(QRectF(-28, -9, 56, 18))
    for step in range(-20, 28, 8):
        p.drawLine(QLineF(step, -9, step, -9 + (9 if step % 16 == 4 else 5)))
    p.restore()


def _measure_distance(p: QPainter) -> None:
    _ruler(p)


def _measure_area(p: QPainter) -> None:
    p.save()
    p.scale(0.75, 0.75)
    _area(p, fill=False)
    p.restore()
    p.setPen(_pen(INK, 2))
    for offset in range(12, 44, 8):
        p.drawLine(QLineF(10, offset, offset - 2, 10 + offset // 4))
    p.save()
    p.translate(14, 18)
    p.scale(0.7, 0.7)
    _ruler(p)
    p.restore()


def _curved_arrow(p: QPainter, mirror: bool) -> None:
    if mirror:
        p.translate(SIZE, 0)
        p.scale(-1, 1)
    p.setPen(_pen(INK, 5))
    p.setBrush(Qt.BrushStyle.NoBrush)
    path = QPainterPath(QPointF(16, 22))
    path.cubicTo(QPointF(40, 14), QPointF(62, 30), QPointF(48, 52))
    p.drawPath(path)
    _arrow_head(p, QPointF(8, 24), -1, 0)


def _snapping(p: QPainter) -> None:
    """A magnet, as in QGIS's snapping bar."""
    p.setPen(_pen(CUT, 11))
    p.setBrush(Qt.BrushStyle.NoBrush)
    path = QPainterPath(QPointF(16, 10))
    path.lineTo(16, 34)
    path.arcTo(QRectF(16, 18, 32, 32), 180, 180)
    path.lineTo(48, 10)
    p.drawPath(path)
    p.setPen(_pen(QColor("#b0b0b0"), 11))
    p.drawLine(QLineF(16, 6, 16, 14))
    p.drawLine(QLineF(48, 6, 48, 14))


PAINTERS: dict[str, Callable[[QPainter], None]] = {
    "pan": _pan,
    "add_point": _add_point,
    "draw_polygon": _draw_area,
    "draw_line": _draw_line,
    "move_feature": _move_feature,
    "edit_vertices": _edit_vertices,
    "delete_feature": _delete_feature,
    "split": _split,
    "merge": _merge,
    "measure_distance": _measure_distance,
    "measure_area": _measure_area,
    "undo": lambda p: _curved_arrow(p, mirror=False),
    "redo": lambda p: _curved_arrow(p, mirror=True),
    "snapping": _snapping,
}


def tool_icon(key: str) -> QIcon:
    """The pictogram of the edit action ``key`` (one of ``PAINTERS``)."""
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    PAINTERS[key](painter)
    painter.end()
    return QIcon(pixmap)
