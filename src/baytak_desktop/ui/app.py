"""`baytak-desktop [STORE.gpkg] [--screenshot PNG]`: start the application.

With no store it opens the user's default store, creating it with the demo data on first run, so a new
user sees a map of their country with data on it at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from baytak_desktop.errors import BaytakError
from baytak_desktop.store import Store


def default_store_path() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder) / "baytak.gpkg"


def open_or_create(path: Path | None) -> Store:
    """Open the given store; the default one is created with the demo data when it does not exist."""
    if path is not None:
        return Store.open(path)
    path = default_store_path()
    if path.exists():
        return Store.open(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    from baytak_desktop.demo import build_demo

    store = Store.create(path)
    build_demo(store)
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="baytak-desktop", description="The Baytak desktop GIS.")
    parser.add_argument("store", nargs="?", type=Path, help="the GeoPackage store to open")
    parser.add_argument("--screenshot", type=Path, help="save a PNG of the main window and exit")
    args = parser.parse_args(argv)
    if args.screenshot and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("Baytak")
    app.setApplicationName("baytak-desktop")
    try:
        store = open_or_create(args.store)
    except BaytakError as exc:
        if args.screenshot:
            print(f"error: {exc.message}", file=sys.stderr)
        else:
            QMessageBox.critical(None, "Baytak", exc.message)
        return 1
    from baytak_desktop.ui.main_window import MainWindow

    window = MainWindow(store)
    window.show()
    if args.screenshot:
        QTimer.singleShot(300, lambda: (window.grab().save(str(args.screenshot)), app.quit()))
    code = app.exec()
    store.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
