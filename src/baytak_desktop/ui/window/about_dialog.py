"""Help > About: what this is, the versions it runs on, and the attributions its data require."""

from __future__ import annotations

import pyogrio
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEvent, Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from baytak_desktop import __version__


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setOpenExternalLinks(True)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("About Baytak"))
        versions = self.tr("Version {app} · Qt {qt} · PySide6 {pyside} · GDAL {gdal}").format(
            app=__version__, qt=qVersion(), pyside=pyside_version, gdal=pyogrio.__gdal_version_string__
        )
        summary = self.tr("An offline-first desktop GIS for the Baytak green party of Kazakhstan.")
        data = self.tr("Data")
        natural_earth = self.tr("Free vector and raster map data @ naturalearthdata.com (public domain).")
        demo = self.tr("Demo sites are illustrative: their positions and figures are approximate.")
        licence = self.tr("Licence: GNU General Public License, version 3 or later.")
        self.label.setText(
            f"<h3>Baytak</h3><p>{summary}</p><p>{versions}</p><p><b>{data}</b><br>"
            f'<a href="https://www.naturalearthdata.com/">Made with Natural Earth.</a> {natural_earth}<br>'
            f"{demo}</p><p>{licence}</p>"
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
