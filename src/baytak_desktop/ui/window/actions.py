"""The window's own actions, declared as data: the File, View and Help menus and the main tool bar.

Shortcuts are Qt's standard keys where one exists, so they follow the platform's conventions. The other
parts declare theirs the same way (``ui.actions``); the registry puts them all in place and retranslates
them in one loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle

from baytak_desktop.ui.actions import ActionRegistry, ActionSpec, MenuSpec, Text, ToolBarSpec
from baytak_desktop.ui.i18n import LANGUAGE_NAMES, current_language

Key = QKeySequence.StandardKey
SP = QStyle.StandardPixmap


class WindowCommands(Protocol):
    """What the File, View and Help actions do: the window's own commands."""

    def open_store_dialog(self) -> None: ...
    def new_store_dialog(self) -> None: ...
    def import_dialog(self) -> None: ...
    def export_dialog(self) -> None: ...
    def add_mbtiles_dialog(self) -> None: ...
    def add_osm_basemap_dialog(self) -> None: ...
    def add_imagery_dialog(self) -> None: ...
    def online_tiles_dialog(self) -> None: ...
    def close(self) -> bool: ...
    def zoom_in(self) -> None: ...
    def zoom_out(self) -> None: ...
    def zoom_to_kazakhstan(self) -> None: ...
    def zoom_to_current_layer(self) -> None: ...
    def set_basemap_visible(self, visible: bool) -> None: ...
    def about_dialog(self) -> None: ...
    def switch_language(self, lang: str) -> None: ...


class WindowActions(QObject):
    """Declares the File, View and Help menus, their actions and the main tool bar of the window."""

    def __init__(self, window: WindowCommands, registry: ActionRegistry) -> None:
        super().__init__(registry)
        self.window = window
        self.toolbar = registry.toolbar(ToolBarSpec("main", lambda: self.tr("Toolbar"), "main_toolbar"))
        self.actions: dict[str, QAction] = registry.add(self.specs())
        self.language_actions = {lang: self.actions[f"language_{lang}"] for lang in LANGUAGE_NAMES}

    def specs(self) -> list[ActionSpec | MenuSpec]:
        w = self.window
        return [
            MenuSpec("file", lambda: self.tr("&File")),
            ActionSpec(
                "open",
                lambda: self.tr("&Open store…"),
                w.open_store_dialog,
                lambda: self.tr("Open a GeoPackage store"),
                (Key.Open, "Ctrl+O"),
                "file",
                toolbar="main",
                icon=SP.SP_DialogOpenButton,
            ),
            ActionSpec(
                "new",
                lambda: self.tr("&New store…"),
                w.new_store_dialog,
                lambda: self.tr("Create a new, empty store"),
                (Key.New, "Ctrl+N"),
                "file",
                icon=SP.SP_FileIcon,
            ),
            ActionSpec(
                "import",
                lambda: self.tr("&Import…"),
                w.import_dialog,
                lambda: self.tr("Import a file into a layer"),
                "Ctrl+I",
                "file",
                1,
                toolbar="main",
                icon=SP.SP_ArrowDown,
            ),
            ActionSpec(
                "export",
                lambda: self.tr("&Export…"),
                w.export_dialog,
                lambda: self.tr("Export a layer to a file"),
                "Ctrl+E",
                "file",
                1,
                toolbar="main",
                icon=SP.SP_ArrowUp,
            ),
            ActionSpec(
                "add_osm_basemap",
                lambda: self.tr("Add basemap (.osm.pbf)…"),
                w.add_osm_basemap_dialog,
                lambda: self.tr("Build an offline basemap from an OpenStreetMap extract and add it to the store"),
                menu="file",
                section=1,
            ),
            ActionSpec(
                "add_imagery",
                lambda: self.tr("Add imagery…"),
                w.add_imagery_dialog,
                lambda: self.tr("Add a drone or satellite image (GeoTIFF, JPEG 2000, …) to the store"),
                menu="file",
                section=1,
            ),
            ActionSpec(
                "add_mbtiles",
                lambda: self.tr("Add &basemap (MBTiles)…"),
                w.add_mbtiles_dialog,
                lambda: self.tr("Show raster tiles from an MBTiles file"),
                menu="file",
                section=1,
            ),
            ActionSpec(
                "quit",
                lambda: self.tr("&Quit"),
                w.close,
                lambda: self.tr("Close Baytak"),
                (Key.Quit, "Ctrl+Q"),
                "file",
                2,
            ),
            *self._view_specs(),
            MenuSpec("help", lambda: self.tr("&Help")),
            ActionSpec(
                "about",
                lambda: self.tr("&About Baytak"),
                w.about_dialog,
                lambda: self.tr("Versions and data attributions"),
                (Key.HelpContents, "F1"),
                "help",
            ),
        ]

    def _view_specs(self) -> list[ActionSpec | MenuSpec]:
        w = self.window

        def zoom(key: str, text: Text, callback: Callable[..., object], tip: Text, **more: Any) -> ActionSpec:
            """An entry of View's first section that is also on the tool bar."""
            return ActionSpec(key, text, callback, tip, menu="view", toolbar="main", tool_section=1, **more)

        return [
            MenuSpec("view", lambda: self.tr("&View")),
            zoom(
                "zoom_in",
                lambda: self.tr("Zoom &in"),
                w.zoom_in,
                lambda: self.tr("Zoom in"),
                shortcut=(Key.ZoomIn, "Ctrl++"),
            ),
            zoom(
                "zoom_out",
                lambda: self.tr("Zoom &out"),
                w.zoom_out,
                lambda: self.tr("Zoom out"),
                shortcut=(Key.ZoomOut, "Ctrl+-"),
            ),
            zoom(
                "zoom_kz",
                lambda: self.tr("Zoom to &Kazakhstan"),
                w.zoom_to_kazakhstan,
                lambda: self.tr("Show the whole of Kazakhstan"),
                shortcut="Ctrl+Home",
                icon=SP.SP_DirHomeIcon,
            ),
            zoom(
                "zoom_layer",
                lambda: self.tr("Zoom to &layer"),
                w.zoom_to_current_layer,
                lambda: self.tr("Show the whole of the current layer"),
                shortcut="Ctrl+L",
            ),
            MenuSpec("panels", lambda: self.tr("Panels"), parent="view", section=1),
            zoom(
                "basemap",
                lambda: self.tr("&Basemap"),
                w.set_basemap_visible,
                lambda: self.tr("Show or hide the basemap"),
                section=1,
                checkable=True,
                checked=True,
            ),
            ActionSpec(
                "online_tiles",
                lambda: self.tr("Online &tiles…"),
                w.online_tiles_dialog,
                lambda: self.tr("Show tiles from an online XYZ server, kept on this computer for offline use"),
                menu="view",
                section=1,
            ),
            MenuSpec("language", lambda: self.tr("Language"), parent="view", section=2),
            *(
                ActionSpec(
                    f"language_{lang}",
                    _named(name),  # each language named in itself: never translated
                    _switch_to(w, lang),
                    menu="language",
                    checkable=True,
                    checked=lang == current_language(),
                    group="language",
                )
                for lang, name in LANGUAGE_NAMES.items()
            ),
        ]

    def set_language_checked(self, lang: str) -> None:
        self.language_actions[lang].setChecked(True)


def _named(name: str) -> Text:
    return lambda: name


def _switch_to(window: WindowCommands, lang: str) -> Callable[[bool], None]:
    def switch(_checked: bool) -> None:
        window.switch_language(lang)

    return switch
