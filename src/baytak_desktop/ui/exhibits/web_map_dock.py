"""The Web map preview dock: the store's offline web map in QtWebEngine, inside the app.

Chromium is started only when the dock is first shown (a start-up of the app must not pay for it), and
the web map is built again only while the dock is visible: a change while it is hidden just marks the
preview stale. The HTML is built on the worker (``build_webmap`` reads every layer) and served by
``web_preview.WebMapPreview`` through the baytak:// scheme with the network blocked. A click on a
feature in the preview comes out as ``sigFeatureClicked(layer, uuid)``; the window selects it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from baytak_desktop.exhibits.webmap import build_webmap
from baytak_desktop.jobs import Progress
from baytak_desktop.store import Store
from baytak_desktop.ui.exhibits.web_preview import WebMapPreview  # registers baytak:// if no QApplication exists yet
from baytak_desktop.ui.i18n import current_language
from baytak_desktop.ui.messages import message_of
from baytak_desktop.ui.worker import JobRunner


def preview_html_job(store_path: Path, lang: str, *, progress: Progress) -> str:
    """The worker's job: the web map of every layer with features, hidden layers off, as HTML text."""
    with Store.open(store_path, readonly=True) as store:
        html, _result = build_webmap(store, None, lang, progress)
    return html


class WebMapDock(QDockWidget):
    """``set_store(path)``, ``mark_stale()`` after changes; ``sigFeatureClicked(layer, uuid)``; ``sigShown(bool)``
    after each page load (the page loaded or not)."""

    sigFeatureClicked = Signal(str, str)
    sigShown = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("web_map_preview")  # saveState() restores docks by name
        self.store_path: Path | None = None
        self.preview: WebMapPreview | None = None  # made when the dock is first shown
        self.stale = True
        self.runner: JobRunner | None = None
        self.shown_language = ""
        self._status: Callable[[], str] | None = None  # what the status line says, in any language
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.rebuild)
        top = QHBoxLayout()
        top.addWidget(self.status_label, 1)
        top.addWidget(self.refresh_button)
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(2, 2, 2, 2)
        self.body_layout.addLayout(top)
        self.setWidget(body)
        self.visibilityChanged.connect(self._visibility_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Web map"))  # short on its tab beside the other right-hand panels
        self.toggleViewAction().setText(self.tr("Web map preview"))  # in full in View › Panels
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Build the web map again from the store"))
        if self.store_path is None:
            self._status = lambda: self.tr("No store is open.")
        self.status_label.setText(self._status() if self._status is not None else "")

    def _say(self, text: Callable[[], str]) -> None:
        """The status line, kept as a function of the language so a switch says it again."""
        self._status = text
        self.status_label.setText(text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.shown_language and self.shown_language != current_language():
                self.mark_stale()  # the popups and the legend are in the UI language
        super().changeEvent(event)

    # -- what to show ----------------------------------------------------------------------------------
    def set_store(self, path: Path | None) -> None:
        self.store_path = Path(path) if path else None
        self._status = None  # not "No store is open" any more; the build says what it does
        self.retranslate()
        self.mark_stale()

    def mark_stale(self) -> None:
        """The store changed: build the preview again now if it is on screen, else when it next is."""
        self.stale = True
        if self.isVisible():
            self.rebuild()

    def _visibility_changed(self, visible: bool) -> None:
        if visible and self.stale:
            self.rebuild()

    def rebuild(self) -> JobRunner | None:
        """Build the web map on the worker and show it; a build already running is left to finish."""
        if self.store_path is None or (self.runner is not None and self.runner.running):
            return None
        self.stale = False
        self.shown_language = current_language()
        self._say(lambda: self.tr("Building the web map…"))
        self.runner = JobRunner(self, "", preview_html_job, self.store_path, self.shown_language, show_dialog=False)
        self.runner.sigFinished.connect(self._show)
        self.runner.sigFailed.connect(self._failed)
        self.runner.start()
        return self.runner

    def _show(self, html: str) -> None:
        preview = self.ensure_preview()
        if preview is not None:
            self._say(lambda: self.tr("Offline: nothing is fetched from the internet. Click a feature to select it."))
            preview.show_html(html)
        if self.stale and self.isVisible():  # changed again while building
            self.rebuild()

    def _failed(self, error: Exception) -> None:
        """Said again at a language switch: the reason too (``message_of``, not the error's English)."""
        self._say(lambda: self.tr("The web map could not be built: {reason}").format(reason=message_of(error)))

    def ensure_preview(self) -> WebMapPreview | None:
        """The QWebEngineView, made on first use; None (and a message) if QtWebEngine cannot start."""
        if self.preview is None:
            try:
                preview = WebMapPreview()  # parented by the layout below, once it is whole
            except RuntimeError as error:  # QtWebEngine was not prepared before the QApplication
                reason = str(error)
                self._say(lambda: self.tr("The preview is not available here: {reason}").format(reason=reason))
                self.sigShown.emit(False)
                return None
            preview.sigFeatureClicked.connect(self.sigFeatureClicked)
            preview.sigLoaded.connect(self.sigShown)
            self.body_layout.addWidget(preview, 1)
            self.preview = preview
        return self.preview

    def release(self) -> None:
        """Closing the window: QtWebEngine wants its page deleted while it still runs."""
        if self.preview is not None:
            import shiboken6

            self.preview.release()
            shiboken6.delete(self.preview)  # a widget whose view is gone must get no more events (LanguageChange)
            self.preview = None
