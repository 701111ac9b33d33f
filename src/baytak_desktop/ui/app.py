"""`baytak-desktop [STORE.gpkg] [--screenshot PNG ...]`: start the application.

With no store it opens the last store used, else the user's default store, creating it with the demo
data on first run, so a new user sees a map of their country with data on it at once.

``--screenshot`` is for docs and checks: the window opens offscreen, waits until the map has finished
drawing, saves itself as a PNG and exits 0 (1 if the store cannot be opened or the map never finishes).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from baytak_desktop.errors import BaytakError
from baytak_desktop.store import Store
from baytak_desktop.ui import settings as saved
from baytak_desktop.ui.collector import collect_on_ui_thread
from baytak_desktop.ui.fonts import add_bundled_fonts
from baytak_desktop.ui.gil import hand_over_often
from baytak_desktop.ui.messages import message_of

if TYPE_CHECKING:  # the window is imported only once a store is open: it takes a while
    from baytak_desktop.ui.map.canvas import KAZAKHSTAN
    from baytak_desktop.ui.window.main_window import MainWindow

SCREENSHOT_TIMEOUT_S = 60.0


def default_store_path() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder) / "baytak.gpkg"


def open_missing(path: Path) -> Store:
    """Open a store given by name that is not (or no longer) a file: the reason is said at once."""
    from baytak_desktop.ui.window.store_problems import open_store

    return open_store(path)


def open_first_store(window: MainWindow, failed: Callable[[Exception], None] | None = None) -> Path:
    """The first start: the user's default store, made with the demo data (names and notes in the
    language the user reads), shown by ``window``. Made, filled and read on the opener's thread like any
    store opened (``StoreOpener``): the window is on screen meanwhile, saying it is opening it, and its
    UI thread makes no database call for it (issue 14)."""
    from baytak_desktop.ui.i18n import current_language

    path = default_store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    window.open_store(path, failed, create=True, demo=current_language())
    return path


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="baytak-desktop", description="The Baytak desktop GIS.")
    parser.add_argument("store", nargs="?", type=Path, help="the GeoPackage store to open")
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="OUT.png",
        help="open offscreen, wait for the map to be drawn, save the window as PNG, exit",
    )
    parser.add_argument("--size", type=_size, metavar="WxH", help="window size, e.g. 1600x1000")
    parser.add_argument(
        "--extent",
        type=_extent,
        metavar="MINLON,MINLAT,MAXLON,MAXLAT",
        help="show this lon/lat box instead of Kazakhstan",
    )
    parser.add_argument(
        "--scale",
        type=_scale,
        metavar="N",
        help="show the map at 1:N (centred on --extent's centre, or on Kazakhstan's)",
    )
    parser.add_argument("--lang", choices=("kk", "ru", "en"), help="interface language (saved for next time)")
    parser.add_argument(
        "--gps",
        metavar="SOURCE",
        help="connect to a GPS source at start: gpsd, serial:///dev/ttyUSB0, tcp://HOST:PORT, udp://:PORT or an "
        "NMEA log (with --screenshot: wait for the first position)",
    )
    parser.add_argument(
        "--welcome",
        action="store_true",
        help="show the first-run welcome page (with --screenshot: save a picture of it)",
    )
    return parser.parse_args(argv)


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1600x1000") from None
    if not (200 <= width <= 10_000 and 200 <= height <= 10_000):
        raise argparse.ArgumentTypeError("width and height must be between 200 and 10000 pixels")
    return width, height


def _scale(text: str) -> float:
    try:
        value = float(text.replace(",", "").removeprefix("1:"))
    except ValueError:
        value = math.nan
    if not 100 <= value <= 50_000_000:
        raise argparse.ArgumentTypeError(f"{text!r} is not a scale denominator between 100 and 50,000,000, e.g. 20000")
    return value


def _extent(text: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError:
        west = south = east = north = math.nan  # refused just below
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise argparse.ArgumentTypeError(f"{text!r} is not minlon,minlat,maxlon,maxlat, e.g. 76.9,43.7,77.6,44.1")
    return west, south, east, north


def make_app() -> QApplication:
    if QApplication.instance() is None:  # QtWebEngine (the web map preview) must be set up before the app exists
        from baytak_desktop.ui.exhibits.web_preview import prepare_web_engine

        prepare_web_engine()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(saved.ORGANISATION)
    app.setApplicationName(saved.APPLICATION)
    app.setApplicationDisplayName("Baytak")
    add_bundled_fonts()
    from baytak_desktop.ui.i18n import kazakh_font

    app.setFont(kazakh_font(app.font()))
    collect_on_ui_thread()
    hand_over_often()  # the UI thread's callbacks wait at most about 1 ms for the GIL (ui.gil)
    return app


def choose_language(args: argparse.Namespace, settings: QSettings) -> str:
    from baytak_desktop.ui.i18n import system_language

    return args.lang or saved.read(settings, "language") or system_language()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.screenshot and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # QtWebEngine's sandbox cannot start as root
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    app = make_app()
    from baytak_desktop.ui.crash import install_crash_handler
    from baytak_desktop.ui.window.welcome import run_welcome, should_show

    crash_handler = install_crash_handler(dialogs=not args.screenshot)  # noqa: F841  (kept for the app's life)
    settings = saved.app_settings()
    welcome = args.store is None and should_show(settings, args.welcome, bool(args.screenshot))
    from baytak_desktop.ui.i18n import set_language

    set_language(choose_language(args, settings))
    if args.lang:
        settings.setValue("language", args.lang)
    last = saved.read(settings, "store/last")
    path = args.store or (Path(last) if last and Path(last).exists() else None)
    if welcome and args.screenshot:
        return 0 if run_welcome(settings, args.screenshot) is None else 1
    choice = run_welcome(settings) if welcome else None
    if welcome and choice is None:
        return 0  # closed without choosing: nothing created, nothing saved; it shows again next time
    path = choice.path if choice is not None else path
    existing = path if path is not None and path.is_file() else (None if path is not None else _default_if_made())
    store: Store | None = None
    if existing is None and path is not None:  # a file that is not there: said at once
        try:
            store = open_missing(path)
        except BaytakError as exc:
            return _cannot_open(args, exc.message)
    from baytak_desktop.ui.window.main_window import MainWindow

    if args.screenshot:  # a docs screenshot must not depend on, nor change, the user's saved layout
        settings = _scratch_settings()
    window = MainWindow(store, settings)
    failed: list[int] = []  # the exit code once the store given cannot be opened

    def cannot_open(error: Exception) -> None:
        failed.append(_cannot_open(args, message_of(error)))  # as before: the message, then the end
        window.close()
        app.exit(failed[0])

    # opened (or, the first time, made with the demo) off the UI thread: the window is shown meanwhile
    if existing is not None:
        window.open_store(existing, failed=cannot_open)
    elif store is None:
        open_first_store(window, failed=cannot_open)
    if args.size:
        window.resize(*args.size)
    window.show()
    _settle_after_first_draw(window)
    window.canvas.zoom_to_lonlat(args.extent) if args.extent else window.canvas.zoom_to_kazakhstan()
    if args.scale:
        west, south, east, north = args.extent or KAZAKHSTAN
        window.canvas.zoom_to_scale((west + east) / 2, (south + north) / 2, args.scale)
    if args.gps and not window.gps.connect_line(args.gps) and args.screenshot:
        print(f"error: {' '.join(window.message_bar.texts())}", file=sys.stderr)
        return 1
    if args.screenshot:
        code = _screenshot(app, window, args.screenshot, wait_for_gps=bool(args.gps))
        return failed[0] if failed else code
    if choice is not None and choice.kind == "connect":
        if window.opening():
            window.opener.sigOpened.connect(lambda *_: QTimer.singleShot(0, window.sync.open_connect))
        else:
            QTimer.singleShot(0, window.sync.open_connect)
    code = app.exec()
    return failed[0] if failed else code


def _default_if_made() -> Path | None:
    """The default store, when a first start has made it already (then it is opened like any other)."""
    path = default_store_path()
    return path if path.is_file() else None


def _settle_after_first_draw(window: MainWindow) -> None:
    """Once the map is first drawn, start-up's objects are frozen out of the collector (``settle``)."""
    collector = collect_on_ui_thread()

    def drawn() -> None:
        window.canvas.sigRenderFinished.disconnect(drawn)
        collector.settle()

    window.canvas.sigRenderFinished.connect(drawn)


def _stamp_drawn() -> None:
    """For bench/bench_startup.py: the wall-clock moment the map was first fully drawn."""
    stamp = os.environ.get("BAYTAK_DRAWN_STAMP")
    if stamp:
        Path(stamp).write_text(repr(time.time()))


_SCRATCH: list[object] = []


def _scratch_settings() -> QSettings:
    """Settings in a folder of their own, removed when the process ends: a screenshot run (docs, tests,
    benchmarks, hundreds a day) must leave nothing behind in the temporary folder."""
    import tempfile

    folder = tempfile.TemporaryDirectory(prefix="baytak-screenshot-", ignore_cleanup_errors=True)
    _SCRATCH.append(folder)  # its finaliser removes it at exit; until then the window may write to it
    return QSettings(str(Path(folder.name) / "settings.ini"), QSettings.Format.IniFormat)


def _cannot_open(args: argparse.Namespace, message: str) -> int:
    if args.screenshot:
        print(f"error: {message}", file=sys.stderr)
    else:
        QMessageBox.critical(None, QApplication.translate("App", "This file cannot be opened"), message)
    return 1


def _screenshot(app: QApplication, window: MainWindow, out: Path, wait_for_gps: bool = False) -> int:
    """Wait until the canvas says it is idle (everything drawn), the views' reads have arrived and, with
    ``wait_for_gps``, the GPS position is on the map; grab the window, save it."""
    outcome: dict[str, int] = {}
    deadline = time.monotonic() + SCREENSHOT_TIMEOUT_S

    def poll() -> None:
        drawn = window.canvas.is_idle() and not window.readers.busy() and not window.opening()  # map, table, counts
        if not window.isVisible():  # closed: the store could not be opened (said already)
            outcome["code"] = 1
            app.quit()
        elif drawn and (not wait_for_gps or window.gps.marker.isVisible()):
            _stamp_drawn()
            app.processEvents()
            saved_ok = window.grab().save(str(out))
            if not saved_ok:
                print(f"error: cannot write {out}", file=sys.stderr)
            outcome["code"] = 0 if saved_ok else 1
            app.quit()
        elif time.monotonic() > deadline:
            print(f"error: the map was still drawing after {SCREENSHOT_TIMEOUT_S:.0f} s", file=sys.stderr)
            outcome["code"] = 1
            app.quit()
        else:
            QTimer.singleShot(25, poll)

    QTimer.singleShot(0, poll)
    app.exec()
    window.close()
    return outcome.get("code", 1)


if __name__ == "__main__":
    sys.exit(main())
