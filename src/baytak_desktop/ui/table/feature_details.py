"""The feature details dock: everything about one feature, readable and copyable.

Shown when a feature is identified on the map or chosen in the table. Values read as in the table
(vocabulary labels in the UI language, locale numbers and dates); derived fields are marked, so no
one mistakes a computed area for a measured one; the sync state says whether the feature has local
edits the server has not seen; and each attachment shows its SHA-256, the evidence that the photo is
the one that was taken, and a flag when it was taken far from the site or the observation date. The text is selectable, to paste into a report.

In the window the feature is read on the window's reader threads (``set_readers``): the text shown
stays until the new one arrives, and another program's save never makes the UI thread read.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from baytak_desktop.errors import BaytakError
from baytak_desktop.io.coordinates import format_dms
from baytak_desktop.layers import Feature, Field, FieldType
from baytak_desktop.store import DatabaseError, Store
from baytak_desktop.store.attachments import Attachment
from baytak_desktop.store.changes import Change
from baytak_desktop.ui.i18n import current_language, field_title, format_position, layer_title, shown_catalog
from baytak_desktop.ui.photo_flags import FLAG_COLOUR, check_attachment, flag_text
from baytak_desktop.ui.sharing.readers import Readers
from baytak_desktop.ui.table.model import display_value, locale_for

_CSS = (
    "<style>th {text-align:left; font-weight:normal; color:#555; padding-right:10px; vertical-align:top}"
    " td {vertical-align:top} .derived {color:#777; font-style:italic} code {font-family:monospace}</style>"
)


class FeatureDetails(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self._shown: tuple[Store, str, int] | None = None
        self._readers: Readers | None = None  # the window's reader threads: no read on the UI thread then
        self._found: tuple[tuple[Store, str, int], _Found | Exception] | None = None  # shown, as last read
        self.retranslate()

    def set_readers(self, readers: Readers | None) -> None:
        """Read the feature shown on ``readers`` from now on (the window's)."""
        self._readers = readers

    # -- public API -------------------------------------------------------------------------------
    def show_feature(self, store: Store, layer: str, fid: int) -> None:
        self._shown = (store, layer, int(fid))
        self._render()

    def clear(self) -> None:
        self._shown = None
        self._render()

    def feature_changed(self, layer: str, uuid: str) -> None:
        """The store says a feature of ``layer`` changed: show the one on display as it is now, or
        nothing when it is gone."""
        if self._shown is None or self._shown[1] != layer:
            return
        self._render(clear_if_gone=True)

    def shown(self) -> tuple[str, int] | None:
        """(layer, fid) of the feature on display, or None."""
        return None if self._shown is None else self._shown[1:]

    def text(self) -> str:
        """What the dock says, as plain text (what a user gets by Select all, Copy)."""
        return self.browser.toPlainText()

    def retranslate(self) -> None:
        """The feature in the new language from what was read (its values are the same in every language):
        a language switch reads nothing."""
        if self._shown is not None and self._found is not None and self._found[0] == self._shown:
            self.browser.setHtml(_CSS + self._feature_html(self._shown[1], self._found[1]))
        else:
            self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- rendering --------------------------------------------------------------------------------
    def _render(self, *, clear_if_gone: bool = False) -> None:
        """Show the feature as stored (``clear_if_gone``: nothing, when it was deleted meanwhile)."""
        if self._shown is None:
            hint = self.tr("Click a feature on the map or a row in the table to see it here.")
            self.browser.setHtml(_CSS + f"<p>{escape(hint)}</p>")
            return
        shown = self._shown
        store, layer, fid = shown
        if self._readers is not None and self._readers.path() == store.path:
            self._readers.read(
                "details",
                lambda reading: _read_feature(reading, layer, fid),
                lambda found: self._show_read(shown, found, clear_if_gone),
                lambda error: self._show_read(shown, error, clear_if_gone),
            )
            return
        try:
            found: _Found | Exception = _read_feature(store, layer, fid)
        except (BaytakError, DatabaseError) as error:
            found = error
        self._show_read(shown, found, clear_if_gone)

    def _show_read(self, shown: tuple[Store, str, int], found: _Found | Exception, clear_if_gone: bool) -> None:
        if shown != self._shown:  # another feature was chosen meanwhile
            return
        if found is None and clear_if_gone:
            self.clear()
            return
        self._found = (shown, found)
        self.browser.setHtml(_CSS + self._feature_html(shown[1], found))

    def _feature_html(self, layer: str, found: _Found | Exception) -> str:
        if found is None:
            gone = self.tr("This feature no longer exists (deleted or moved to another store).")
            return f"<p>{escape(gone)}</p>"
        if isinstance(found, BaytakError):
            return f"<p>{escape(found.message)}</p>"
        if isinstance(found, Exception):  # e.g. the store was closed while its feature was on display
            closed = self.tr("The store of this feature is closed.")
            return f"<p>{escape(closed)}</p>"
        feature, change, attachments = found
        parts = [
            f"<h3>{escape(layer_title(layer))}</h3>",
            self._fields_html(feature),
            f"<p>{escape(self._sync_text(layer, change))}</p>",
            self._attachments_html(attachments, feature),
        ]
        return "".join(parts)

    def _fields_html(self, feature: Feature) -> str:
        lang = current_language()
        rows = []
        for field in shown_catalog().layer(feature.layer).fields:
            title = escape(field_title(feature.layer, field.name))
            if field.derived:
                computed = self.tr("computed from the geometry")
                title += f' <span class="derived">({escape(computed)})</span>'
            value = feature.get(field.name)
            full_text = field.type is FieldType.TEXT and field.vocabulary is None and value
            text = str(value) if full_text else display_value(field, value, lang)
            rows.append(_row(title, escape(text).replace("\n", "<br>")))
        rows.append(_row(escape(self.tr("Identifier (uuid)")), f"<code>{escape(feature.uuid)}</code>"))
        if feature.geometry is not None and feature.geometry.geom_type == "Point":
            lon, lat = feature.geometry.x, feature.geometry.y
            position = f"{format_position(lat, lon, 6)} ({format_dms(lat, True)} {format_dms(lon, False)})"
            rows.append(_row(escape(self.tr("Position (lat, lon)")), escape(position)))
        return "<table>" + "".join(rows) + "</table>"

    def _sync_text(self, layer: str, change: Change | None) -> str:
        if change is None:
            return self.tr("No local changes waiting to be synced.")
        if change.op == "insert":
            return self.tr("Added here; not yet synced.")
        names = [self.tr("geometry") if name == "geom" else field_title(layer, name) for name in change.fields]
        return self.tr("Changed here, not yet synced: {fields}.").format(fields=", ".join(names))

    def _attachments_html(self, attachments: list[Attachment], feature: Feature) -> str:
        heading = escape(self.tr("Attachments (%n)", "", len(attachments)))
        if not attachments:
            return f"<h4>{heading}</h4>"
        items = "".join(f"<li>{self._attachment_html(a, feature)}</li>" for a in attachments)
        return f"<h4>{heading}</h4><ul>{items}</ul>"

    def _attachment_html(self, attachment: Attachment, feature: Feature) -> str:
        locale = locale_for(current_language())
        name = escape(attachment.original_name or self.tr("(no file name)"))
        size = escape(self.tr("{size} bytes").format(size=locale.toString(attachment.size)))
        lines = [f"<b>{name}</b> — {escape(attachment.mime)}, {size}"]
        if attachment.taken_at:
            taken = _datetime_field_text(attachment.taken_at, current_language())
            lines.append(escape(self.tr("Taken (camera time): {time}").format(time=taken)))
        if attachment.camera:
            lines.append(escape(self.tr("Camera: {camera}").format(camera=attachment.camera)))
        if attachment.lat is not None and attachment.lon is not None:
            lines.append(
                escape(self.tr("Photo position: {lat:.6f}, {lon:.6f}").format(lat=attachment.lat, lon=attachment.lon))
            )
        lines.append(f"SHA-256: <code>{escape(attachment.sha256)}</code>")
        flag = flag_text(check_attachment(attachment, feature))
        if flag:
            lines.append(f'<b style="color:{FLAG_COLOUR}">{escape(flag)}</b>')
        return "<br>".join(lines)


_Found = tuple[Feature, Change | None, list[Attachment]] | None  # None: the feature is gone


def _read_feature(store: Store, layer: str, fid: int) -> _Found:
    """The feature, its unsynced change and its attachments (on a reader thread in the window)."""
    uuid = store.uuid_of(layer, fid)
    if uuid is None:
        return None
    return store.get(layer, uuid), store.local_change(layer, uuid), store.attachments(layer, uuid)


def _row(title: str, value: str) -> str:
    return f"<tr><th>{title}</th><td>{value}</td></tr>"


def _datetime_field_text(value: str, lang: str) -> str:
    """EXIF time is the camera's local time without a zone: shown as it is, in the locale's format."""
    return display_value(Field("taken_at", FieldType.DATETIME), value, lang)
