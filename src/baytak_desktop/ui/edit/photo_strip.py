"""The photos of one feature: thumbnails from the store, added by file dialog or drag-and-drop.

Each photo shows its EXIF capture time and its SHA-256: the hash is the evidence that the picture is
the one that was taken, so it is shown in full and selectable, to quote in a complaint or a court
filing. A photo taken far from the site or far from its observation date gets a flag line under it
(``ui.photo_flags``): it stays attached, but is never silently taken as proof. Adding and removing go
through the ``EditSession``, so each is one undo step and journaled.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QDateTime, QEvent, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop.analysis.photo_check import PhotoCheck
from baytak_desktop.errors import BaytakError
from baytak_desktop.layers import Feature
from baytak_desktop.store import DatabaseError, Store
from baytak_desktop.store.attachments import Attachment
from baytak_desktop.ui.edit.session import EditSession
from baytak_desktop.ui.i18n import format_position
from baytak_desktop.ui.messages import message_of
from baytak_desktop.ui.photo_flags import FLAG_COLOUR, check_attachment, flag_text
from baytak_desktop.ui.sharing.readers import Readers

THUMBNAIL = QSize(96, 96)
SHA_ROLE = Qt.ItemDataRole.UserRole


class PhotoStrip(QWidget):
    sigError = Signal(str)  # a photo refused (not an image, too big), in the UI language

    def __init__(self, session: EditSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._feature: tuple[str, str] | None = None
        self._photos: dict[str, Attachment] = {}
        self._checks: dict[str, PhotoCheck] = {}
        self.readers: Readers | None = None  # the window's reader threads: the photos are read there
        self.list = QListWidget()
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(THUMBNAIL)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setFixedHeight(THUMBNAIL.height() + 48)
        self.list.setAcceptDrops(False)  # drops go to the strip as a whole
        self.list.currentItemChanged.connect(self._show_details)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.flag = QLabel()  # the photo may not be evidence of this site: too far, or another date
        self.flag.setObjectName("photo_flag")
        self.flag.setWordWrap(True)
        self.flag.setStyleSheet(f"color:{FLAG_COLOUR};")
        self.flag.setVisible(False)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#b00020;")
        self.error.setVisible(False)
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.list, self.details, self.flag, self.error):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.setAcceptDrops(True)
        session.signals.sigFeatureChanged.connect(self._feature_changed)
        self.retranslate()
        self.refresh()

    # -- public API -----------------------------------------------------------------------------------
    def set_readers(self, readers: Readers | None) -> None:
        """Read the photos on ``readers`` (the window's): the UI thread does not wait on the database."""
        self.readers = readers

    def set_feature(self, layer: str | None, uuid: str | None) -> None:
        """Show the photos of this feature (None: no feature yet, e.g. a form for a new one)."""
        self._feature = (layer, uuid) if layer and uuid else None
        self.error.setVisible(False)
        self.refresh()

    def photos(self) -> list[Attachment]:
        return list(self._photos.values())

    def add_files(self, paths: list[Path]) -> int:
        """Attach each file (one undo step each); refused ones are named in the error line. Returns how many."""
        if self._feature is None:
            return 0
        errors, added = [], 0
        for path in paths:
            try:
                self.session.attach_photo(*self._feature, Path(path))
                added += 1
            except BaytakError as exc:
                errors.append(message_of(exc))
        self.error.setText("\n".join(errors))
        self.error.setVisible(bool(errors))
        for text in errors:
            self.sigError.emit(text)
        return added

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Attach photos"), "", self.tr("Photos (*.jpg *.jpeg *.png *.tif *.tiff *.webp)")
        )
        self.add_files([Path(name) for name in names])

    def remove_current(self) -> None:
        item = self.list.currentItem()
        if item is not None and self._feature is not None:
            self.session.detach_photo(*self._feature, item.data(SHA_ROLE))

    def refresh(self) -> None:
        """The photos of the feature as stored: read on the window's readers when there are (the photos
        shown stay until they come), else here."""
        store, feature = self.session.store, self._feature
        if feature is None or store is None:
            self._show(None)
        elif self.readers is None:
            self._show(_read_photos(store, *feature))
        else:
            self.readers.read("photo-strip", lambda reading: _read_photos(reading, *feature), self._show)

    def _show(self, read: _Photos | None) -> None:
        if read is not None and read.feature_key != self._feature:
            return  # another feature's photos were asked for since
        self.list.clear()
        self._photos, self._checks = {}, {}
        for photo in read.photos if read is not None else []:
            self._photos[photo.sha256] = photo
            self._checks[photo.sha256] = check_attachment(photo, read.feature if read is not None else None)
            self.list.addItem(self._item(photo, read.data[photo.sha256] if read is not None else b""))
        enabled = self._feature is not None
        self.add_button.setEnabled(enabled)
        self.remove_button.setEnabled(enabled and self.list.count() > 0)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._show_details()

    # -- drag and drop --------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._feature is not None and _local_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _local_files(event)
        if files:
            event.acceptProposedAction()
            self.add_files(files)

    # -- drawing --------------------------------------------------------------------------------------
    def _item(self, photo: Attachment, data: bytes) -> QListWidgetItem:
        label = self._taken(photo) or photo.sha256[:12]
        check = self._checks.get(photo.sha256)
        flagged = check is not None and check.flagged
        item = QListWidgetItem(QIcon(_thumbnail(data)), f"⚠ {label}" if flagged else label)
        item.setData(SHA_ROLE, photo.sha256)
        tip = f"SHA-256 {photo.sha256}"
        item.setToolTip(f"{tip}\n{flag_text(check)}" if check is not None and flagged else tip)
        return item

    def _taken(self, photo: Attachment) -> str:
        if not photo.taken_at:
            return ""
        when = QDateTime.fromString(photo.taken_at, Qt.DateFormat.ISODate)
        return QLocale().toString(when, QLocale.FormatType.ShortFormat) if when.isValid() else photo.taken_at

    def _show_details(self, *_args: object) -> None:
        item = self.list.currentItem()
        photo = self._photos.get(item.data(SHA_ROLE)) if item is not None else None
        check = self._checks.get(photo.sha256) if photo is not None else None
        self.flag.setText(flag_text(check) if check is not None else "")
        self.flag.setVisible(bool(self.flag.text()))
        if photo is None:
            self.details.setText(
                self.tr("No photos yet: add them here or drop them onto this form.")
                if self._feature
                else self.tr("Save the feature to attach photos.")
            )
            return
        lines = [self.tr("SHA-256: {sha}").format(sha=photo.sha256)]
        lines.append(
            self.tr("Taken: {when}").format(when=self._taken(photo))
            if photo.taken_at
            else self.tr("Taken: unknown (no EXIF time)")
        )
        if photo.lat is not None and photo.lon is not None:
            lines.append(self.tr("Position: {position}").format(position=format_position(photo.lat, photo.lon)))
        self.details.setText("\n".join(lines))

    def _feature_changed(self, layer: str, uuid: str) -> None:
        if self._feature == (layer, uuid):
            self.refresh()

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add photos…"))
        self.remove_button.setText(self.tr("Remove photo"))
        self.setToolTip(self.tr("Drop photos here to attach them"))
        self._show_details()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _thumbnail(data: bytes) -> QPixmap:
    """Decoded at thumbnail size (JPEG scales while decoding), not at the camera's 20 megapixels."""
    array = QByteArray(data)  # kept in a name: the buffer does not keep it alive
    buffer = QBuffer(array)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(size.scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio))
    return QPixmap.fromImage(reader.read())


@dataclass
class _Photos:
    """One feature's photos as read: the feature (its geometry and date decide the flags), the photos
    and their bytes (decoded into thumbnails on the UI thread: a QPixmap lives there)."""

    feature_key: tuple[str, str]
    feature: Feature | None
    photos: list[Attachment]
    data: dict[str, bytes]


def _read_photos(store: Store, layer: str, uuid: str) -> _Photos:
    """The reads behind the strip (on a reader thread in the window)."""
    photos = store.attachments(layer, uuid)
    data = {photo.sha256: store.attachment_bytes(photo.sha256) for photo in photos}
    return _Photos((layer, uuid), _feature_or_none(store, layer, uuid), photos, data)


def _feature_or_none(store: Store, layer: str, uuid: str) -> Feature | None:
    """The feature the photos belong to (its geometry and date decide the flags); None if it is gone."""
    try:
        return store.get(layer, uuid)
    except (BaytakError, DatabaseError):
        return None


def _local_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
