"""The optional online XYZ tile source: chosen by the user, cached on disk, never needed.

No request is made until someone sets a source. Tiles fetched while online are kept in the user's cache
folder, so a map seen once in town still shows in the steppe. The choice is saved (``basemap/xyz_url``);
clearing the address turns the source off.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths
from PySide6.QtWidgets import QWidget

from baytak_desktop.errors import BaytakError
from baytak_desktop.ui import settings as saved
from baytak_desktop.ui.ask import ask_text
from baytak_desktop.ui.map.canvas import MapCanvas
from baytak_desktop.ui.window.message_bar import MessageBar

TEMPLATE_RE = re.compile(r"^https?://[^\s]+$")
PLACEHOLDERS = ("{z}", "{x}", "{y}")


def cache_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(base or Path.home() / ".cache" / "baytak-desktop") / "tiles"


def is_template(url: str) -> bool:
    """An http(s) address with the {z}, {x} and {y} places tile servers use."""
    return bool(TEMPLATE_RE.match(url)) and all(p in url for p in PLACEHOLDERS)


class OnlineTiles(QObject):
    """Applies the saved source at start and offers View > Online tiles…"""

    def __init__(self, settings: QSettings, canvas: MapCanvas, messages: MessageBar, parent: QWidget) -> None:
        super().__init__(parent)
        self.settings, self.canvas, self.messages, self.parent_widget = settings, canvas, messages, parent

    def restore(self) -> None:
        url = saved.read(self.settings, "basemap/xyz_url")
        if url and is_template(url):
            self.canvas.set_xyz_source(url, cache_dir())

    def apply(self, url: str) -> bool:
        """Use ``url`` (or nothing, when empty) and remember it; False, with a message, when it is not usable."""
        url = url.strip()
        if url and not is_template(url):
            self.messages.show_message(
                self.tr(
                    "“{url}” is not a tile address: it must start with http:// or https:// and contain "
                    "{{z}}, {{x}} and {{y}}."
                ).format(url=url),
                "warning",
                "xyz",
            )
            return False
        try:
            self.canvas.set_xyz_source(url or None, cache_dir() if url else None)
        except BaytakError as exc:
            self.messages.show_message(exc.message, "warning", "xyz")
            return False
        self.messages.dismiss("xyz")
        self.settings.setValue("basemap/xyz_url", url)
        return True

    def open_dialog(self, parent: QWidget | None = None) -> None:
        current = saved.read(self.settings, "basemap/xyz_url")
        url, ok = ask_text(
            parent or self.parent_widget,
            self.tr("Online tiles"),
            self.tr(
                "Address of an XYZ tile server, with {z}, {x} and {y} (tiles are kept on this computer "
                "for use without a connection; leave empty for none):"
            ),
            current,
        )
        if ok:
            self.apply(url)
