"""What a user sees cut on a shown widget: texts wider than the room their widget has, and windows
larger than a 1366x768 laptop's screen. Measured with the widget's own font metrics against the rect
it paints in, as Qt lays them out; the walker in test_fits.py runs it over every window and dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QCommandLinkButton,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionGroupBox,
    QTabBar,
    QToolButton,
    QWidget,
)

LAPTOP = (1366, 768)
# The room a window has on that screen: a panel (taskbar) of ~32 px and a title bar of ~30 px.
ROOM = (LAPTOP[0], LAPTOP[1] - 62)
SLACK = 2  # px: rounding between the metrics and the layout


def plain(text: str) -> str:
    """The text as painted: rich text without its tags, a button's mnemonic '&' dropped."""
    if GuiQt.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def without_mnemonic(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def advance(widget: QWidget, text: str) -> int:
    metrics = QFontMetrics(widget.font())
    return max((metrics.horizontalAdvance(line) for line in text.splitlines() or [""]), default=0)


def name_of(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName() or ''})"


def _label(label: QLabel) -> str | None:
    text = plain(label.text())
    if label.buddy() is not None:
        text = without_mnemonic(text)
    if not text.strip() or not label.pixmap().isNull():
        return None
    room = label.contentsRect().width() - 2 * label.margin() - max(label.indent(), 0)
    if label.wordWrap():
        longest = max((advance(label, word) for word in text.split()), default=0)
        if longest > room + SLACK:
            return f"a word needs {longest} px, has {room}"
        needed = label.heightForWidth(label.width())
        if needed > label.height() + SLACK:
            return f"wrapped, needs {needed} px high, has {label.height()}"
        return None
    needed = advance(label, text)
    return f"needs {needed} px, has {room}" if needed > room + SLACK else None


def _button_need(button: QAbstractButton) -> int | None:
    text = without_mnemonic(button.text())
    if not text:
        return None
    if isinstance(button, QToolButton):
        shows_text = button.toolButtonStyle() != Qt.ToolButtonStyle.ToolButtonIconOnly or button.icon().isNull()
        return button.sizeHint().width() if shows_text else None
    if isinstance(button, QCheckBox | QRadioButton):
        return button.sizeHint().width()
    if isinstance(button, QCommandLinkButton):
        bold = QFontMetrics(button.font())
        return bold.horizontalAdvance(text) + button.iconSize().width() + 20
    if isinstance(button, QPushButton):
        icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
        margin = button.style().pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, button)
        return advance(button, text) + icon + 2 * margin
    return None


def _button(button: QAbstractButton) -> str | None:
    needed = _button_need(button)
    if needed is None or needed <= button.width() + SLACK:
        return None
    return f"needs {needed} px, has {button.width()}"


def _group(box: QGroupBox) -> str | None:
    if not box.title():
        return None
    option = QStyleOptionGroupBox()
    box.initStyleOption(option)
    label = box.style().subControlRect(
        QStyle.ComplexControl.CC_GroupBox, option, QStyle.SubControl.SC_GroupBoxLabel, box
    )
    return f"title ends at {label.right()} px, the box at {box.width()}" if label.right() > box.width() else None


def _tabs(bar: QTabBar) -> str | None:
    cut = []
    for i in range(bar.count()):
        if not bar.isTabVisible(i):
            continue
        rect, hint = bar.tabRect(i), bar.tabSizeHint(i)
        horizontal = bar.shape() in (QTabBar.Shape.RoundedNorth, QTabBar.Shape.RoundedSouth)
        short = rect.width() + SLACK < hint.width() if horizontal else rect.height() + SLACK < hint.height()
        if short or not bar.rect().contains(rect):
            cut.append(bar.tabText(i))
    return f"tabs cut or scrolled away: {cut}" if cut else None


def _combo(combo: QComboBox) -> str | None:
    if combo.isEditable() or combo.count() == 0:
        return None
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    icon = combo.iconSize().width() + 4
    widest, text = 0, ""
    for i in range(combo.count()):
        need = advance(combo, combo.itemText(i)) + (icon if not combo.itemIcon(i).isNull() else 0)
        if need > widest:
            widest, text = need, combo.itemText(i)
    return f"item {text!r} needs {widest} px, has {field.width()}" if widest > field.width() + SLACK else None


def _placeholder(edit: QLineEdit) -> str | None:
    text = edit.placeholderText()
    if not text or edit.text():
        return None
    margins = edit.textMargins()
    room = edit.contentsRect().width() - margins.left() - margins.right() - 2 * 2 - 2 * 2  # frame, padding
    needed = advance(edit, text)
    return f"placeholder needs {needed} px, has {room}" if needed > room + SLACK else None


def _header(header: QHeaderView) -> str | None:
    model = header.model()
    if model is None or header.isHidden():
        return None
    orientation = header.orientation()
    if orientation != Qt.Orientation.Horizontal:
        return None
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    cut = []
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, orientation) or "")
        if text and advance(header, text) + 2 * margin > header.sectionSize(section) + SLACK:
            cut.append(text)
    return f"headers cut: {cut}" if cut else None


def _outside(widget: QWidget, top: QWidget) -> str | None:
    """Laid out beyond its window's edge (a layout larger than the window): never drawn."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent.parentWidget(), QAbstractScrollArea):
            return None  # scrolled content: the user scrolls to it
        parent = parent.parentWidget()
    at = widget.mapTo(top, QPoint(0, 0))
    inside = top.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK)
    if inside.contains(QRect(at, widget.size())):
        return None
    return (
        f"at {at.x()},{at.y()} size {widget.width()}x{widget.height()}, beyond the {top.width()}x{top.height()} window"
    )


CHECKS = (
    (QLabel, _label),
    (QAbstractButton, _button),
    (QGroupBox, _group),
    (QTabBar, _tabs),
    (QComboBox, _combo),
    (QLineEdit, _placeholder),
    (QHeaderView, _header),
)


def shown(widget: QWidget, top: QWidget) -> bool:
    """Visible in the window, and not parked outside it (as QMainWindow keeps its unused dock tab bars)."""
    if not widget.isVisibleTo(top) or widget.width() <= 0 or widget.height() <= 0:
        return False
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size()).intersects(top.rect())  # not parked away


def cut_texts(top: QWidget) -> list[str]:
    """Every shown text of ``top`` that does not fit where it is painted, as 'Class(name) 'text': why'."""
    found = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not shown(widget, top):
            continue
        for kind, check in CHECKS:
            if isinstance(widget, kind):
                why = check(widget)
                if why:
                    found.append(f"{name_of(widget)} {describe(widget)!r}: {why}")
        if isinstance(widget, QLabel | QAbstractButton | QComboBox | QLineEdit) and widget is not top:
            why = _outside(widget, top)
            if why:
                found.append(f"{name_of(widget)} {describe(widget)!r}: {why}")
    return found


def describe(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return plain(widget.text())[:60]
    if isinstance(widget, QAbstractButton):
        return widget.text()[:60]
    if isinstance(widget, QGroupBox):
        return widget.title()[:60]
    if isinstance(widget, QComboBox):
        return widget.currentText()[:60]
    if isinstance(widget, QLineEdit):
        return widget.placeholderText()[:60]
    return ""


def too_large(window: QWidget) -> str | None:
    """A window larger than the laptop's room (shown, or at the least its layout allows); a dialog wider
    than two thirds of the screen, the most Qt gives one it sizes by its content: wider, it is a line of
    text no eye follows (a question on one line made QInputDialog 1,342 px wide in Kazakh)."""
    width, height = ROOM
    if isinstance(window, QDialog):
        width = LAPTOP[0] * 2 // 3
    least = window.minimumSizeHint().expandedTo(window.minimumSize())
    for what, size in (("shown", window.size()), ("at least", least)):
        if size.width() > width or size.height() > height:
            return f"{name_of(window)} {what} {size.width()}x{size.height()} > {width}x{height}"
    return None
