"""The main window's actions, menus and toolbar, with their texts in one ``retranslate()``.

Actions are made once and only their texts change with the language, so shortcuts, toolbar buttons
and menu entries stay the same objects (tests and saved toolbar state rely on that). Shortcuts are Qt's
standard keys where one exists, so they follow the platform's conventions.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

from baytak_desktop.ui.i18n import LANGUAGE_NAMES, current_language

Key = QKeySequence.StandardKey


class WindowActions(QObject):
    """Builds the File, View and Help menus and the toolbar of ``window`` and connects them to it."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}
        self._make_actions()
        self._make_menus()
        self._make_toolbar()

    def _action(
        self, key: str, slot, shortcut=None, icon: QStyle.StandardPixmap | None = None, checkable: bool = False
    ) -> QAction:
        action = QAction(self.window)
        action.setObjectName(f"action_{key}")
        if isinstance(shortcut, tuple):  # a standard key, and what to use where the platform has none
            standard, fallback = shortcut
            shortcut = standard if QKeySequence.keyBindings(standard) else fallback
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.window.style().standardIcon(icon))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.actions[key] = action
        return action

    def _make_actions(self) -> None:
        w, SP = self.window, QStyle.StandardPixmap
        self._action("open", w.open_store_dialog, (Key.Open, "Ctrl+O"), SP.SP_DialogOpenButton)
        self._action("new", w.new_store_dialog, (Key.New, "Ctrl+N"), SP.SP_FileIcon)
        self._action("import", w.import_dialog, "Ctrl+I", SP.SP_ArrowDown)
        self._action("export", w.export_dialog, "Ctrl+E", SP.SP_ArrowUp)
        self._action("add_mbtiles", w.add_mbtiles_dialog)
        self._action("online_tiles", w.online_tiles.open_dialog)
        self._action("quit", w.close, (Key.Quit, "Ctrl+Q"))
        self._action("zoom_in", w.canvas.zoom_in, (Key.ZoomIn, "Ctrl++"))
        self._action("zoom_out", w.canvas.zoom_out, (Key.ZoomOut, "Ctrl+-"))
        self._action("zoom_kz", w.canvas.zoom_to_kazakhstan, "Ctrl+Home", SP.SP_DirHomeIcon)
        self._action("zoom_layer", w.zoom_to_current_layer, "Ctrl+L")
        self._action("basemap", w.set_basemap_visible, checkable=True).setChecked(True)
        self._action("about", w.about_dialog, (Key.HelpContents, "F1"))
        group = QActionGroup(w)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for lang, name in LANGUAGE_NAMES.items():
            action = QAction(name, w)  # each language named in itself: never translated
            action.setObjectName(f"action_language_{lang}")
            action.setCheckable(True)
            action.setChecked(lang == current_language())
            action.triggered.connect(lambda checked=False, lang=lang: w.switch_language(lang))
            group.addAction(action)
            self.language_actions[lang] = action

    def _make_menus(self) -> None:
        bar, a = self.window.menuBar(), self.actions
        self.file_menu = bar.addMenu("")
        self.file_menu.setObjectName("menu_file")
        self.file_menu.addActions([a["open"], a["new"]])
        self.file_menu.addSeparator()
        self.file_menu.addActions([a["import"], a["export"], a["add_mbtiles"]])
        self.file_menu.addSeparator()
        self.file_menu.addAction(a["quit"])
        self.view_menu = bar.addMenu("")
        self.view_menu.setObjectName("menu_view")
        self.view_menu.addActions([a["zoom_in"], a["zoom_out"], a["zoom_kz"], a["zoom_layer"]])
        self.view_menu.addSeparator()
        self.panels_menu = self.view_menu.addMenu("")
        self.view_menu.addActions([a["basemap"], a["online_tiles"]])
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.setObjectName("menu_language")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.help_menu = bar.addMenu("")
        self.help_menu.setObjectName("menu_help")
        self.help_menu.addAction(a["about"])

    def add_dock_toggles(self, toggles: list[QAction]) -> None:
        self.panels_menu.addActions(toggles)

    def _make_toolbar(self) -> None:
        self.toolbar = QToolBar(self.window)
        self.toolbar.setObjectName("main_toolbar")  # saveState() needs a name
        # Words, not pictograms: "Import…" reads the same to everyone, an arrow icon does not.
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        a = self.actions
        self.toolbar.addActions([a["open"], a["import"], a["export"]])
        self.toolbar.addSeparator()
        self.toolbar.addActions([a["zoom_in"], a["zoom_out"], a["zoom_kz"], a["zoom_layer"], a["basemap"]])
        self.window.addToolBar(self.toolbar)

    def set_language_checked(self, lang: str) -> None:
        self.language_actions[lang].setChecked(True)

    def retranslate(self) -> None:
        a = self.actions
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.panels_menu.setTitle(self.tr("Panels"))
        self.language_menu.setTitle(self.tr("Language"))
        self.toolbar.setWindowTitle(self.tr("Toolbar"))
        texts = {
            "open": (self.tr("&Open store…"), self.tr("Open a GeoPackage store")),
            "new": (self.tr("&New store…"), self.tr("Create a new, empty store")),
            "import": (self.tr("&Import…"), self.tr("Import a file into a layer")),
            "export": (self.tr("&Export…"), self.tr("Export a layer to a file")),
            "add_mbtiles": (self.tr("Add &basemap (MBTiles)…"), self.tr("Show raster tiles from an MBTiles file")),
            "quit": (self.tr("&Quit"), self.tr("Close Baytak")),
            "zoom_in": (self.tr("Zoom &in"), self.tr("Zoom in")),
            "zoom_out": (self.tr("Zoom &out"), self.tr("Zoom out")),
            "zoom_kz": (self.tr("Zoom to &Kazakhstan"), self.tr("Show the whole of Kazakhstan")),
            "zoom_layer": (self.tr("Zoom to &layer"), self.tr("Show the whole of the current layer")),
            "basemap": (self.tr("&Basemap"), self.tr("Show or hide the basemap")),
            "online_tiles": (
                self.tr("Online &tiles…"),
                self.tr("Show tiles from an online XYZ server, kept on this computer for offline use"),
            ),
            "about": (self.tr("&About Baytak"), self.tr("Versions and data attributions")),
        }
        for key, (text, tip) in texts.items():
            a[key].setText(text)
            a[key].setToolTip(tip)
            a[key].setStatusTip(tip)


def menu_titles(window: QMainWindow) -> list[str]:
    """The menu bar's titles without the & markers: what a user reads (used by tests)."""
    return [action.text().replace("&", "") for action in window.menuBar().actions() if isinstance(action.menu(), QMenu)]
