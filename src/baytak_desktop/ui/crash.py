"""Crash safety: an unexpected exception becomes a short message and a report file, not a vanished window.

``CrashHandler.install()`` replaces ``sys.excepthook`` (exceptions in Qt slots and on the UI thread end
there) and ``threading.excepthook`` (Python threads). Each exception is written to a report under the
user data folder, ``crash-reports/``: the traceback, the versions of the app and its libraries, the
platform and the last log lines, with anything that looks like a password, token or signed-in URL blanked
out, so the report can be sent to a coordinator as it is. A dialog then says, in the user's language,
that the data is safe and where the report is. The app keeps running: one failed action is not a
reason to lose the others.

Why the data is safe: every write runs inside ``with store.session():`` (one transaction per user
action); an exception that crosses it rolls the transaction back before it reaches this handler, so the
store holds the state before the action, never half of it. tests/ui/test_crash.py checks exactly that.
"""

from __future__ import annotations

import logging
import os
import platform
import re
import sys
import threading
import time
import traceback
from collections import deque
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QStandardPaths,
    Qt,
    QtMsgType,
    QUrl,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop import __version__
from baytak_desktop.store import SQLITE_VERSION

REPORT_FOLDER = "crash-reports"
LOG_LINES = 200
_SECRET_WORDS = r"password|passwd|pwd|token|secret|api[_-]?key|cookie|session[_-]?id"
_REDACTIONS = (
    (re.compile(r"(?i)\b(authorization['\"]?\s*[:=]\s*['\"]?)(?:(?:bearer|basic|token)\s+)?[^\s'\",;]+"), r"\1***"),
    (re.compile(rf"(?i)\b((?:{_SECRET_WORDS})\w*)(['\"]?\s*[:=]\s*['\"]?)([^\s'\",;&}}\)]+)"), r"\1\2***"),
    (re.compile(r"(?i)\b(bearer|basic)(\s+)[A-Za-z0-9._~+/=-]{6,}"), r"\1\2***"),
    (re.compile(r"(?i)(\w+://)[^/\s:@]+:[^/\s@]+@"), r"\1***:***@"),
)


def redact(text: str) -> str:
    """``text`` with secrets blanked: ``password=...``, ``token: ...``, ``Bearer ...``, ``https://u:p@``."""
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


def reports_dir() -> Path:
    """``crash-reports/`` in the user data folder (next to the default store)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder) / REPORT_FOLDER


class LogTail(logging.Handler):
    """Keeps the last log lines (ours and Qt's messages) for the next crash report."""

    def __init__(self, size: int = LOG_LINES) -> None:
        super().__init__(logging.INFO)
        self.lines: deque[str] = deque(maxlen=size)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception:  # a broken log record must never become a second crash
            self.lines.append(str(record.msg))


def versions() -> dict[str, str]:
    """What a developer asks first; libraries are read only if already loaded (no import in a crash)."""
    found = {
        "baytak-desktop": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "frozen": str(bool(getattr(sys, "frozen", False))),
        "sqlite": SQLITE_VERSION,
    }
    from PySide6 import __version__ as pyside
    from PySide6.QtCore import qVersion

    found.update(pyside6=pyside, qt=qVersion())
    loaded = sys.modules
    if "pyogrio" in loaded:
        found["gdal"] = getattr(loaded["pyogrio"], "__gdal_version_string__", "?")
    if "pyproj" in loaded:
        found["proj"] = getattr(loaded["pyproj"], "proj_version_str", "?")
    if "shapely" in loaded:
        found["shapely"] = getattr(loaded["shapely"], "__version__", "?")
    return found


def report_text(
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    thread: str,
    log_lines: list[str],
) -> str:
    lines = [
        "Baytak crash report",
        f"time (UTC): {time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())}",
        f"thread: {thread}",
        "",
    ]
    lines += [f"{name}: {value}" for name, value in versions().items()]
    lines += ["", "Traceback:", "".join(traceback.format_exception(exc_type, exc, tb)).rstrip(), ""]
    lines += [f"Last {len(log_lines)} log lines:", *log_lines]
    return redact("\n".join(lines)) + "\n"


def write_report(folder: Path, text: str) -> Path:
    """Write the report whole or not at all (a temporary file renamed into place)."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}-{os.getpid()}-{time.monotonic_ns() % 1_000_000:06d}.txt"
    partial = path.with_suffix(".part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
    return path


class CrashHandler(QObject):
    """Installs the hooks; ``sigCrashed(report_path, summary)`` fires on the UI thread for each crash."""

    sigCrashed = Signal(str, str)
    _sigReport = Signal(str, str, str)  # path, summary, details: crosses from any thread to the UI thread

    def __init__(self, folder: Path | None = None, *, dialogs: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder or reports_dir()
        self.dialogs = dialogs
        self.tail = LogTail()
        self.reports: list[Path] = []
        self.dialog: CrashDialog | None = None
        self._previous: tuple[Any, Any, Any] | None = None  # the hooks before ours, put back by uninstall
        self._sigReport.connect(self._on_report, Qt.ConnectionType.QueuedConnection)

    def install(self, qt_messages: bool = True) -> CrashHandler:
        self._previous = (sys.excepthook, threading.excepthook, None)
        sys.excepthook = self.handle
        threading.excepthook = self._thread_hook
        root = logging.getLogger()
        root.addHandler(self.tail)
        logging.getLogger("baytak_desktop").setLevel(logging.INFO)
        if qt_messages:
            self._previous = (*self._previous[:2], qInstallMessageHandler(self._qt_message))
        return self

    def uninstall(self) -> None:
        if self._previous is None:
            return
        sys.excepthook, threading.excepthook, qt_handler = self._previous
        if qt_handler is not None:
            qInstallMessageHandler(qt_handler)
        logging.getLogger().removeHandler(self.tail)
        self._previous = None

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException | None,
        tb: TracebackType | None,
        thread: str | None = None,
    ) -> None:
        """The hook: report, tell the user, keep running. Ctrl+C still stops the program."""
        if issubclass(exc_type, KeyboardInterrupt) and exc is not None:
            sys.__excepthook__(exc_type, exc, tb)
            return
        thread = thread or threading.current_thread().name
        text = report_text(exc_type, exc, tb, thread, list(self.tail.lines))
        sys.stderr.write(text)
        try:
            path = str(write_report(self.folder, text))
        except OSError as error:  # a full disk: the dialog still appears, saying the report is missing
            sys.stderr.write(f"cannot write the crash report: {error}\n")
            path = ""
        if path:
            self.reports.append(Path(path))
        summary = redact("".join(traceback.format_exception_only(exc_type, exc)).strip())
        self._sigReport.emit(path, summary, text)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        self.handle(args.exc_type, args.exc_value, args.exc_traceback, thread=name)

    def _qt_message(self, mode: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        self.tail.lines.append(f"{time.strftime('%H:%M:%S')} Qt {mode.name}: {message}")
        sys.stderr.write(message + "\n")

    def _on_report(self, path: str, summary: str, details: str) -> None:
        if self.dialogs and QApplication.instance() is not None:
            self._show_dialog(path, details)
        self.sigCrashed.emit(path, summary)

    def _show_dialog(self, path: str, details: str) -> None:
        dialog = self.dialog
        if dialog is None:
            dialog = self.dialog = CrashDialog(self.folder)
            dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.add_report(path, details)
        dialog.show()
        dialog.raise_()


def install_crash_handler(dialogs: bool = True, folder: Path | None = None) -> CrashHandler:
    """What the app calls once its QApplication exists; the handler lives as long as the application."""
    handler = CrashHandler(folder, dialogs=dialogs, parent=QApplication.instance())
    return handler.install()


class CrashDialog(QDialog):
    """A short message, where the report is, and the report itself behind a Details button.

    Non-modal: the window behind it still works, and a second crash while it is open adds its report
    here instead of stacking another dialog on top.
    """

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crash_dialog")
        self.folder = folder
        self.paths: list[str] = []
        self.icon = QLabel()
        self.icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(32, 32))
        self.message = QLabel()
        self.message.setObjectName("crash_message")
        self.message.setWordWrap(True)
        self.where = QLabel()
        self.where.setObjectName("crash_report_path")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.open_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self.open_folder)
        self.details_button: QPushButton = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self.details.setVisible)
        layout = QVBoxLayout(self)
        for widget in (self.icon, self.message, self.where, self.details, self.buttons):
            layout.addWidget(widget)
        self.resize(520, 220)
        self.retranslate()

    def add_report(self, path: str, details: str) -> None:
        self.paths.append(path)
        self.details.appendPlainText(details)
        self.retranslate()

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Baytak: unexpected problem"))
        self.message.setText(
            self.tr(
                "Something went wrong in Baytak. Your data is safe: a change is saved whole or not at all, so "
                "if your last change is missing, please make it again. You can go on working."
            )
        )
        saved = [path for path in self.paths if path]
        if saved:
            self.where.setText(
                self.tr(
                    "A report was saved (it contains no passwords); please send it to your coordinator:\n{path}"
                ).format(path="\n".join(saved))
            )
        else:
            self.where.setText(self.tr("The report could not be saved: the disk may be full."))
        self.open_button.setText(self.tr("Open the reports folder"))
        self.details_button.setText(self.tr("Details"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
