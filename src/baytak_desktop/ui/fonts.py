"""The fonts the built program ships, registered with Qt: Kazakh letters on machines without such fonts.

Kept apart from ``ui.app`` so the exhibit painter (``ui.paint.exhibit_main``, a QGuiApplication in a child
process) can register them without importing the widgets and the whole application.
"""

from __future__ import annotations


def add_bundled_fonts() -> None:
    """The fonts of baytak_desktop.resources, for the application or the exhibit child process."""
    from PySide6.QtGui import QFontDatabase

    from baytak_desktop.resources import font_files

    for font in font_files():
        QFontDatabase.addApplicationFont(str(font))
