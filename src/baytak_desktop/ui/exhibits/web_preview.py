"""The web map preview: the exported HTML shown in a QWebEngineView, offline, clickable.

The page is served through our own URL scheme (``baytak://webmap/<n>.html``) rather than ``setHtml``,
which Qt limits to 2 MB (DESIGN.md "Known pitfalls"); a web map of 10,000 features is several MB.
Every http(s) request is blocked by a request interceptor and recorded, so the preview shows exactly
what a person without a network sees, and a test can prove nothing was fetched. Clicking a feature
makes the page navigate to ``baytak://select/<layer>/<uuid>``; the page refuses that navigation and
emits ``sigFeatureClicked(layer, uuid)`` instead, so the app selects the feature.

Two things must happen before the QApplication exists, or QtWebEngine refuses: the custom scheme must
be registered, and the OpenGL contexts must be shared. ``prepare_web_engine()`` does both (and turns
off Chromium's sandbox when running as root, which it cannot start under); the application calls it
first thing. Importing this module does it too when no QApplication exists yet.
"""

from __future__ import annotations

import os
from urllib.parse import unquote

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QEvent, QIODevice, QObject, Qt, QUrl, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

SCHEME = b"baytak"
PAGE_HOST = "webmap"
SELECT_HOST = "select"
NETWORK_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp"})


def prepare_web_engine() -> None:
    """Call before creating the QApplication: sandbox setting, shared GL contexts, the baytak:// scheme."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")  # Chromium's sandbox will not run as root
    if QCoreApplication.instance() is not None:
        return  # too late to register; the scheme registered earlier (if any) stays
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    from PySide6.QtWebEngineCore import QWebEngineUrlScheme

    if scheme_registered():
        return
    scheme = QWebEngineUrlScheme(QByteArray(SCHEME))
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.LocalScheme
        | QWebEngineUrlScheme.Flag.LocalAccessAllowed
    )
    QWebEngineUrlScheme.registerScheme(scheme)


def scheme_registered() -> bool:
    from PySide6.QtWebEngineCore import QWebEngineUrlScheme

    return QWebEngineUrlScheme.schemeByName(QByteArray(SCHEME)).name() == QByteArray(SCHEME)


prepare_web_engine()

from PySide6.QtWebEngineCore import (  # noqa: E402  (after prepare_web_engine, as QtWebEngine requires)
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlSchemeHandler,
)
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: E402


class NetworkBlocker(QWebEngineUrlRequestInterceptor):
    """Blocks every request to the network and remembers it: the preview must work offline."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blocked: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        if url.scheme().lower() in NETWORK_SCHEMES:
            self.blocked.append(url.toString())
            info.block(True)


class PageServer(QWebEngineUrlSchemeHandler):
    """Serves the web map's HTML from memory at ``baytak://webmap/<name>``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pages: dict[str, bytes] = {}

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        data = self.pages.get(url.path()) if url.host() == PAGE_HOST else None
        if data is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        buffer = QBuffer(job)  # owned by the job: freed when the request is done
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(QByteArray(b"text/html"), buffer)


class _WebMapPage(QWebEnginePage):
    """Turns the page's ``baytak://select/<layer>/<uuid>`` navigations into a selection."""

    def __init__(self, profile: QWebEngineProfile, preview: WebMapPreview, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self._preview = preview

    def acceptNavigationRequest(
        self,
        url: QUrl | str,
        kind: QWebEnginePage.NavigationType,
        _is_main_frame: bool,
    ) -> bool:
        url = QUrl(url)
        if url.scheme() == SCHEME.decode() and url.host() == SELECT_HOST:
            parts = [unquote(p) for p in url.path(QUrl.ComponentFormattingOption.FullyEncoded).split("/") if p]
            if len(parts) == 2:
                self._preview.sigFeatureClicked.emit(parts[0], parts[1])
            return False
        return url.scheme().lower() not in NETWORK_SCHEMES

    def javaScriptConsoleMessage(
        self, level: QWebEnginePage.JavaScriptConsoleMessageLevel, message: str, line: int, source: str
    ) -> None:
        self._preview.console.append(f"{source}:{line}: {message}")


class WebMapPreview(QWidget):
    """A QWebEngineView showing a web map, offline; ``sigFeatureClicked(layer, uuid)`` on a click."""

    sigFeatureClicked = Signal(str, str)
    sigLoaded = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if not scheme_registered():
            raise RuntimeError(
                "baytak:// is not registered: call baytak_desktop.ui.exhibits.web_preview.prepare_web_engine() "
                "before the QApplication is created."
            )
        self.console: list[str] = []  # the page's JavaScript console, for diagnosing a blank preview
        self._serial = 0
        self.blocker = NetworkBlocker(self)
        self.server = PageServer(self)
        profile = QWebEngineProfile()  # off the record: nothing of the preview is written to disk
        profile.setUrlRequestInterceptor(self.blocker)
        profile.installUrlSchemeHandler(QByteArray(SCHEME), self.server)
        self.view = QWebEngineView(self)
        self.page = _WebMapPage(profile, self, self.view)
        self.view.setPage(self.page)
        # The profile must outlive its page: as the page's child it is deleted only once the page is gone.
        profile.setParent(self.page)
        self.profile = profile
        self.page.loadFinished.connect(self.sigLoaded)
        app = QCoreApplication.instance()
        if app is not None:  # a page still alive when the profile goes makes QtWebEngine complain and crash
            app.aboutToQuit.connect(self.release)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.retranslate()

    def retranslate(self) -> None:
        self.view.setAccessibleName(self.tr("Web map preview"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_html(self, html: str) -> QUrl:
        """Show a web map (the text ``build_webmap`` made); a fresh URL each time, so nothing is cached."""
        self._serial += 1
        path = f"/map-{self._serial}.html"
        self.server.pages = {path: html.encode("utf-8")}  # only the current page is kept in memory
        url = QUrl(f"{SCHEME.decode()}://{PAGE_HOST}{path}")
        self.view.load(url)
        return url

    def focus_feature(self, layer: str, uuid: str) -> None:
        """Zoom the preview to a feature selected in the app and open its popup."""
        import json

        self.page.runJavaScript(f"window.baytakWebmap && baytakWebmap.focus({json.dumps(layer)}, {json.dumps(uuid)})")

    def release(self) -> None:
        """End of life: delete the view now, and with it its page and then the page's profile, in the
        order QtWebEngine needs, while it is still running (not at interpreter exit)."""
        import shiboken6

        if shiboken6.isValid(self.view):
            shiboken6.delete(self.view)

    @property
    def blocked_requests(self) -> list[str]:
        return list(self.blocker.blocked)
