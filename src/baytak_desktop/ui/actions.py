"""Actions declared as data: what a menu entry or tool button says, does, and where it goes.

Each part of the window (the window's own File/View/Help, edit, sync, exhibits) describes its actions as
``ActionSpec`` values and its submenus as ``MenuSpec`` values, in the order they appear; the window's
``ActionRegistry`` makes one QAction per spec, puts it in its menu and tool bar (a separator where the
section changes), and keeps texts and enabled states current in one loop each: ``retranslate()`` on a
language change, ``update_enabled()`` when a part says its state changed. As in napari's app model, a
spec says *what*; where a QAction lives and when it is redrawn is decided in one place.

Texts are functions (``lambda: self.tr("&Open store…")``) so they are read again in the new language and
lupdate still finds each string in its part's translation context. Actions are made once: shortcuts,
tool buttons and menu entries stay the same objects (saved tool bar state and tests rely on it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar, QWidget

Text = Callable[[], str]
# Qt's standard key, a key sequence ("Ctrl+I"), or a standard key and what to use where the platform has none
Shortcut = str | QKeySequence.StandardKey | tuple[QKeySequence.StandardKey, str]
# The menu bar, left to right; parts add their menus by these ids.
MENU_BAR = ("file", "edit", "view", "gps", "project", "sync", "help")


@dataclass(frozen=True)
class ActionSpec:
    """One action: ``id`` names the QAction ``action_<id>``, the key tests and the registry use."""

    id: str
    text: Text | None  # None: the action names itself (Undo and Redo name their step)
    callback: Callable[..., object] | None = None  # checkable actions get ``checked``
    tip: Text | None = None  # tool tip and status tip
    shortcut: Shortcut | None = None
    menu: str | None = None
    section: int = 0  # entries of a menu in different sections are set apart by a separator
    toolbar: str | None = None
    tool_section: int = 0  # the same, in the tool bar
    icon: QStyle.StandardPixmap | QIcon | None = None  # a pictogram drawn by the part, or the style's
    checkable: bool = False
    checked: bool = False
    group: str | None = None  # checkable actions of one group exclude each other
    enabled_when: Callable[[], bool] | None = None
    action: QAction | None = None  # a ready-made action (Undo, Redo) placed like the others


@dataclass(frozen=True)
class MenuSpec:
    """A menu: top level in the menu bar (``parent`` None, placed by ``MENU_BAR``) or a submenu."""

    id: str
    title: Text
    parent: str | None = None
    section: int = 0


@dataclass(frozen=True)
class ToolBarSpec:
    id: str
    title: Text
    object_name: str  # saveState() restores tool bars by name
    icons: bool = False  # pictograms with their names as tips (edit tools, as in QGIS); words otherwise
    new_row: bool = False  # below the tool bars before it, so none is cut into the overflow menu


class ActionRegistry(QObject):
    """Makes and places the actions of every part of ``window``; the one retranslate loop."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {}
        self.toolbars: dict[str, QToolBar] = {}
        self._specs: dict[str, ActionSpec] = {}
        self._menu_specs: list[MenuSpec] = []
        self._toolbar_specs: list[ToolBarSpec] = []
        self._groups: dict[str, QActionGroup] = {}
        self._last_section: dict[int, int] = {}  # id() of a menu or tool bar -> section of its last entry

    # -- declaring -------------------------------------------------------------------------------------
    def add(self, specs: Iterable[ActionSpec | MenuSpec]) -> dict[str, QAction]:
        """Make the actions and submenus of ``specs`` in order; returns the new actions by id."""
        made: dict[str, QAction] = {}
        for spec in specs:
            if isinstance(spec, MenuSpec):
                self.menu(spec)
            else:
                made[spec.id] = self._make(spec)
        self.retranslate()
        self.update_enabled()
        return made

    def menu(self, spec: MenuSpec) -> QMenu:
        """The menu ``spec`` describes, made on first use."""
        if spec.id in self.menus:
            return self.menus[spec.id]
        menu = QMenu(self.window)
        menu.setObjectName(f"menu_{spec.id}")
        if spec.parent is None:
            later = [self.menus[m] for m in MENU_BAR[MENU_BAR.index(spec.id) + 1 :] if m in self.menus]
            bar = self.window.menuBar()
            if later:
                bar.insertMenu(later[0].menuAction(), menu)
            else:
                bar.addMenu(menu)
        else:
            parent = self.menus[spec.parent]
            self._separate(parent, spec.section)
            parent.addMenu(menu)
        self.menus[spec.id] = menu
        self._menu_specs.append(spec)
        return menu

    def toolbar(self, spec: ToolBarSpec) -> QToolBar:
        """The tool bar ``spec`` describes, made and added on first use.

        Words by default: "Import…" reads the same to everyone, an arrow icon does not. A bar of many
        tools (editing) shows pictograms, each named in its tip, so that all of them fit a 1366 px
        window in Kazakh and Russian, whose words are long; an action without a pictogram keeps its
        words there too (Qt shows the text of a tool button that has no icon)."""
        if spec.id not in self.toolbars:
            toolbar = QToolBar(self.window)
            toolbar.setObjectName(spec.object_name)
            style = Qt.ToolButtonStyle.ToolButtonIconOnly if spec.icons else Qt.ToolButtonStyle.ToolButtonTextOnly
            toolbar.setToolButtonStyle(style)
            if spec.new_row:
                self.window.addToolBarBreak()
            self.window.addToolBar(toolbar)
            self.toolbars[spec.id] = toolbar
            self._toolbar_specs.append(spec)
        return self.toolbars[spec.id]

    def place(self, menu: str, actions: Sequence[QAction], section: int = 0) -> None:
        """Put actions made elsewhere (a dock's show/hide toggle) into ``menu``."""
        self._separate(self.menus[menu], section)
        self.menus[menu].addActions(list(actions))

    def add_tool_widget(self, toolbar: str, widget: QWidget, section: int = 0) -> None:
        """A widget in a tool bar (the edited layer's list, the snapping tolerance)."""
        self._separate(self.toolbars[toolbar], section)
        self.toolbars[toolbar].addWidget(widget)

    def _make(self, spec: ActionSpec) -> QAction:
        action = spec.action or QAction(self.window)
        action.setObjectName(f"action_{spec.id}")
        shortcut = spec.shortcut
        if isinstance(shortcut, tuple):
            standard, fallback = shortcut
            shortcut = standard if QKeySequence.keyBindings(standard) else fallback
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if isinstance(spec.icon, QIcon):
            action.setIcon(spec.icon)
        elif spec.icon is not None:
            action.setIcon(self.window.style().standardIcon(spec.icon))
        if spec.checkable:
            action.setCheckable(True)
            action.setChecked(spec.checked)
        if spec.group is not None:
            self._group(spec.group).addAction(action)
        if spec.callback is not None:
            callback = spec.callback
            action.triggered.connect(callback if spec.checkable else lambda checked=False: callback())
        if spec.menu is not None:
            self._separate(self.menus[spec.menu], spec.section)
            self.menus[spec.menu].addAction(action)
        if spec.toolbar is not None:
            toolbar = self.toolbars[spec.toolbar]
            self._separate(toolbar, spec.tool_section)
            toolbar.addAction(action)
        self.actions[spec.id] = action
        self._specs[spec.id] = spec
        return action

    def _group(self, name: str) -> QActionGroup:
        if name not in self._groups:
            self._groups[name] = QActionGroup(self.window)
            self._groups[name].setExclusive(True)
        return self._groups[name]

    def _separate(self, container: QWidget, section: int) -> None:
        """A separator before the first entry of a new section of ``container``."""
        last = self._last_section.get(id(container))
        if last is not None and last != section:
            container.addSeparator()  # type: ignore[attr-defined]  # QMenu and QToolBar both have it
        self._last_section[id(container)] = section

    # -- keeping them current ------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Every title, text and tip in the current language (on LanguageChange)."""
        for menu_spec in self._menu_specs:
            self.menus[menu_spec.id].setTitle(menu_spec.title())
        for toolbar_spec in self._toolbar_specs:
            self.toolbars[toolbar_spec.id].setWindowTitle(toolbar_spec.title())
        for spec in self._specs.values():
            action = self.actions[spec.id]
            if spec.text is None:
                retranslate = getattr(action, "retranslate", None)
                if retranslate is not None:
                    retranslate()
                continue
            action.setText(spec.text())
            if spec.tip is not None:
                action.setToolTip(tool_tip(action.text(), action.shortcut(), spec.tip()))
                action.setStatusTip(spec.tip())

    def update_enabled(self) -> None:
        """Ask every ``enabled_when`` again (a part said its state changed)."""
        for spec in self._specs.values():
            if spec.enabled_when is not None:
                self.actions[spec.id].setEnabled(bool(spec.enabled_when()))


def tool_tip(text: str, shortcut: QKeySequence, tip: str) -> str:
    """A tool button's tip: its name and key first (a pictogram says neither), then what it does."""
    name = text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")
    keys = shortcut.toString(QKeySequence.SequenceFormat.NativeText)
    return f"{name} ({keys})\n{tip}" if keys else f"{name}\n{tip}"


def menu_titles(window: QMainWindow) -> list[str]:
    """The menu bar's titles without the & markers: what a user reads (used by tests)."""
    return [action.text().replace("&", "") for action in window.menuBar().actions() if isinstance(action.menu(), QMenu)]
