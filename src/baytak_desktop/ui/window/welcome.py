"""The first-run welcome page: what to open when a person starts Baytak for the first time.

Shown when the user has no settings yet (or with ``baytak-desktop --welcome``), in the system language
when it is Kazakh or Russian, with a language switch of its own. It offers four starts: the demo map
(the default store, made with the demo data), an empty store for the user's branch (a new file in the
user data folder, named after the branch), an existing GeoPackage, or a connection to the sync server
(into the branch's store, then the sign-in dialog). Choosing nothing and closing it quits without
creating or saving anything, so the next start shows it again.

Never shown offscreen unless asked: ``--screenshot`` and the tests must not wait for a click.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop.layers import BRANCHES
from baytak_desktop.store import Store
from baytak_desktop.ui.i18n import LANGUAGE_NAMES, current_language, set_language

DEMO, BRANCH, OPEN, CONNECT = "demo", "branch", "open", "connect"


@dataclass(frozen=True)
class WelcomeChoice:
    """What the user chose: ``kind`` is demo, branch, open or connect; ``path`` is None for the demo map."""

    kind: str
    path: Path | None = None
    branch: str = ""


def is_first_run(settings: QSettings) -> bool:
    """No settings at all: nobody has used Baytak on this account yet."""
    return not settings.allKeys()


def should_show(settings: QSettings, asked: bool, screenshot: bool) -> bool:
    """On a first run on a real display, or when asked (``--welcome``); never for a plain screenshot."""
    if asked:
        return True
    offscreen = QGuiApplication.platformName() in ("offscreen", "minimal")
    return is_first_run(settings) and not screenshot and not offscreen


def data_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def branch_store_path(branch: str, folder: Path | None = None) -> Path:
    return (folder or data_dir()) / f"{branch}.gpkg"


def ensure_branch_store(branch: str, folder: Path | None = None) -> Path:
    """The branch's store in the user data folder: created empty the first time, kept as it is after."""
    path = branch_store_path(branch, folder)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        Store.create(path).close()
    return path


class WelcomeDialog(QDialog):
    """``exec()`` it; ``choice`` is the user's WelcomeChoice, or None when the dialog was closed."""

    def __init__(self, parent: QWidget | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.folder = folder or data_dir()
        self.choice: WelcomeChoice | None = None
        self.title = QLabel()
        self.title.setObjectName("welcome_title")
        self.title.setStyleSheet("font-size:16pt; font-weight:600;")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.language = QComboBox()
        self.language.setObjectName("welcome_language")
        for lang, name in LANGUAGE_NAMES.items():  # each language named in itself: never translated
            self.language.addItem(name, lang)
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.branch = QComboBox()
        self.branch.setObjectName("welcome_branch")
        self.buttons = {kind: self._button(kind) for kind in (DEMO, BRANCH, OPEN, CONNECT)}
        self.close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_box.rejected.connect(self.reject)
        self._lay_out()
        self.retranslate()

    def _button(self, kind: str) -> QCommandLinkButton:
        button = QCommandLinkButton()
        button.setObjectName(f"welcome_{kind}")
        button.clicked.connect(lambda: self.choose(kind))
        return button

    def _lay_out(self) -> None:
        form = QFormLayout()
        self.language_label, self.branch_label = QLabel(), QLabel()
        self.language_label.setBuddy(self.language)
        self.branch_label.setBuddy(self.branch)
        form.addRow(self.language_label, self.language)
        form.addRow(self.branch_label, self.branch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        for button in self.buttons.values():
            layout.addWidget(button)
        layout.addStretch(1)
        layout.addWidget(self.close_box)
        self.resize(620, 460)

    def selected_branch(self) -> str:
        return self.branch.currentData() or BRANCHES.codes[0]

    def choose(self, kind: str) -> None:
        """Act on a button: make or find the store it names, then close with ``choice`` set."""
        if kind == DEMO:
            self.choice = WelcomeChoice(DEMO)
        elif kind == OPEN:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Open a GeoPackage"), str(Path.home()), self.tr("GeoPackage files (*.gpkg)")
            )
            if not path:
                return
            self.choice = WelcomeChoice(OPEN, Path(path))
        else:
            branch = self.selected_branch()
            self.choice = WelcomeChoice(kind, ensure_branch_store(branch, self.folder), branch)
        self.accept()

    def _language_chosen(self) -> None:
        set_language(self.language.currentData())  # Qt then sends LanguageChange: retranslate() follows

    def _fill_branches(self) -> None:
        chosen = self.branch.currentData()
        self.branch.blockSignals(True)
        self.branch.clear()
        lang = current_language()
        for term in sorted(BRANCHES.terms, key=lambda t: t.label(lang)):
            self.branch.addItem(term.label(lang), term.code)
        self.branch.setCurrentIndex(max(0, self.branch.findData(chosen)))
        self.branch.blockSignals(False)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Welcome to Baytak"))
        self.title.setText(self.tr("Welcome to Baytak"))
        self.intro.setText(
            self.tr(
                "Baytak keeps your sites (quarries, brick factories, sewage outflows, tree plantings, cleanups) "
                "on this computer and works without the Internet. How would you like to start?"
            )
        )
        self.language_label.setText(self.tr("&Language:"))
        self.branch_label.setText(self.tr("My &branch:"))
        self._fill_branches()
        texts = {
            DEMO: (
                self.tr("Open the demo map"),
                self.tr("Look around first: sample sites across Kazakhstan (illustrative positions)."),
            ),
            BRANCH: (
                self.tr("Create an empty store for my branch"),
                self.tr("A new store for the branch chosen above, saved in {folder}.").format(folder=self.folder),
            ),
            OPEN: (
                self.tr("Open an existing GeoPackage…"),
                self.tr("A store a colleague gave you, or any GeoPackage (.gpkg)."),
            ),
            CONNECT: (
                self.tr("Connect to a server…"),
                self.tr("Sign in to your party's sync server and get your branch's data."),
            ),
        }
        for kind, (text, description) in texts.items():
            self.buttons[kind].setText(text)
            self.buttons[kind].setDescription(description)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.language.blockSignals(True)
            self.language.setCurrentIndex(self.language.findData(current_language()))
            self.language.blockSignals(False)
        super().changeEvent(event)


def run_welcome(settings: QSettings, screenshot: Path | None = None) -> WelcomeChoice | None:
    """Show the welcome page and wait; with ``screenshot`` save a picture of it instead and return None.

    The language chosen on the page is remembered once the user has chosen how to start.
    """
    dialog = WelcomeDialog()
    if screenshot is not None:
        dialog.show()
        QGuiApplication.processEvents()
        saved = dialog.grab().save(str(screenshot))
        dialog.close()
        if not saved:
            raise OSError(f"cannot write {screenshot}")
        return None
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.exec()
    if dialog.choice is not None:
        settings.setValue("language", current_language())
    return dialog.choice
