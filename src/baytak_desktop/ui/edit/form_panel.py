"""The feature form dock: the form for a feature being created or edited, and its photos.

A new feature (a point placed, an outline drawn, a geotagged photo dropped) gets a form with its
geometry; Save creates it through the EditSession (one undo step) and the dock turns into the form of
the stored feature, so photos can be attached at once. A stored feature's form saves only the
values that changed. Refused input stays in the form with the reason next to Save; nothing is written.
In the window the write runs on the writer thread: the form shows what was submitted at once and is
filled from the store (on a reader thread) once the commit is announced; a write the store refuses
brings the form back as it was at Save, with the reason.
While an outline is still being drawn, Save first finishes the drawing (the same checks as a
double-click), so a user who fills in the form before closing the outline loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QToolButton, QVBoxLayout, QWidget

from baytak_desktop.errors import BaytakError, FeatureNotFound, ValidationError
from baytak_desktop.layers import Feature, LayerSchema
from baytak_desktop.layers.catalog import Catalog
from baytak_desktop.store import Store
from baytak_desktop.store.attachments import Attachment
from baytak_desktop.ui.edit.feature_form import FeatureForm
from baytak_desktop.ui.edit.photo_strip import PhotoStrip
from baytak_desktop.ui.edit.session import EditSession
from baytak_desktop.ui.messages import message_of
from baytak_desktop.ui.sharing.readers import Readers

Finisher = Callable[[], shapely.Geometry | None]
FormRead = tuple[str, Feature, list[Attachment], dict[str, bytes]]  # read_for_form: uuid, feature, photos, files


def read_for_form(store: Store, layer: str, fids: list[int]) -> FormRead | None:
    """What the form of the first of ``fids`` that still exists shows (on a reader thread in the window)."""
    for fid in fids:
        uuid = store.uuid_of(layer, fid)
        if uuid is None:
            continue
        try:
            feature = store.get(layer, uuid)
        except FeatureNotFound:
            continue
        photos = store.attachments(layer, uuid)
        return uuid, feature, photos, {photo.sha256: store.attachment_bytes(photo.sha256) for photo in photos}
    return None


@dataclass
class _Unwritten:
    """A new feature's form as it was at Save, while the writer thread writes it."""

    layer: str
    uuid: str
    values: dict[str, Any]
    geometry: shapely.Geometry | None
    photo: Path | None


class FeatureFormPanel(QWidget):
    sigSaved = Signal(str, str)  # layer, uuid: created or updated
    sigClosed = Signal()  # cancelled, or the feature went away: the tool forgets its rubber band
    sigGeometryFixed = Signal(object)  # the repaired outline the user accepted in the form

    def __init__(self, session: EditSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.form: FeatureForm | None = None
        self.layer: str | None = None
        self.uuid: str | None = None  # None while the feature is new
        self.feature_geometry: shapely.Geometry | None = None
        self.photo: Path | None = None  # a dropped photo that places the new feature
        self.finish_drawing: Finisher | None = None
        self._original: dict[str, Any] = {}
        self.readers: Readers | None = None  # the window's reader threads: a re-read after a save runs there
        # A new feature saved while its write waits on the writer thread: what the form held, brought back
        # (with the store's reason) if the store refuses it.
        self._unwritten: _Unwritten | None = None
        # A new feature's branch: the signed-in account's, else the one last saved here. The server
        # refuses an editor's feature of no branch, so an empty default only defers a refusal to the sync.
        self.account_branch: str | None = None
        self._last_branch: str | None = None
        self._awaited: object | None = None  # the form being read on a reader (await_feature)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#b00020;")
        self.error.setVisible(False)
        self.photos = PhotoStrip(session)
        self.photos.sigError.connect(self._show_error)
        self.photos.setVisible(False)
        # The photos fold away below the fields, so that a 768 px screen shows the fields first.
        self.photos_toggle = QToolButton()
        self.photos_toggle.setObjectName("photos_toggle")
        self.photos_toggle.setCheckable(True)
        self.photos_toggle.setAutoRaise(True)
        self.photos_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.photos_toggle.toggled.connect(self._show_photos)
        for signal in (self.photos.list.model().rowsInserted, self.photos.list.model().rowsRemoved):
            signal.connect(self._count_photos)
        self.photos.list.model().modelReset.connect(self._count_photos)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self._layout.addWidget(self.empty)
        self._layout.addWidget(self.error)
        self._layout.addWidget(self.photos_toggle)
        self._layout.addWidget(self.photos)
        session.signals.sigFeatureChanged.connect(self._feature_changed)
        session.sigRefused.connect(self._refused)
        self.retranslate()
        self.clear()

    # -- public API -----------------------------------------------------------------------------------
    def set_readers(self, readers: Readers | None) -> None:
        """Read the stored feature again on ``readers`` (the window's) once a save was written."""
        self.readers = readers
        self.photos.set_readers(readers)

    def new_feature(
        self,
        layer: str,
        geometry: shapely.Geometry | None,
        *,
        values: dict[str, Any] | None = None,
        photo: Path | None = None,
        finish: Finisher | None = None,
    ) -> FeatureForm:
        """An empty form for a new feature of ``layer`` at ``geometry`` (Save creates it)."""
        form = self._show_form(layer)
        self.uuid, self.photo, self.finish_drawing, self._original = None, photo, finish, {}
        branch = self.account_branch or self._last_branch
        filled = {"branch": branch} if branch else {}
        if filled or values:
            form.set_values({**filled, **(values or {})})
        self.set_geometry(geometry)
        self.photos.set_feature(None, None)
        return form

    def edit_feature(self, layer: str, uuid: str) -> FeatureForm | None:
        """The form of a stored feature, filled with its values (Save writes what changed)."""
        try:
            feature = self.session.require_store().get(layer, uuid)
        except FeatureNotFound:
            self.clear()
            return None
        form = self._show_form(layer)
        self.uuid, self.photo, self.finish_drawing = uuid, None, None
        self._original = {name: feature.attributes.get(name) for name in form.editors}
        form.set_values(self._original)
        self.set_geometry(feature.geometry)
        self.photos.set_feature(layer, uuid)
        return form

    def loading(self) -> bool:
        """A feature's form is waiting for its read (``edit_read``): "Loading…", greyed, no form."""
        return self._awaited is not None

    def await_feature(self, layer: str) -> object:
        """The form of a feature of ``layer`` is being read on a reader thread: the previous form goes
        (it is not the feature chosen) and the dock says "Loading…" until ``edit_read`` is given the
        returned token; a form shown meanwhile (a new feature, another one) makes the token stale."""
        self.clear()
        self._awaited = token = object()
        self.empty.setText(self.tr("Loading…"))
        self.empty.setEnabled(False)
        return token

    def edit_read(self, token: object, layer: str, read: FormRead | None) -> FeatureForm | None:
        """Fill the form of a feature read on a reader (``read_for_form``): no store call here. None when
        the feature is gone or another form was shown since ``await_feature``."""
        if token is not self._awaited:
            return None
        self.clear()
        if read is None:
            return None
        uuid, feature, attachments, files = read
        form = self._show_form(layer)
        self.uuid, self.photo, self.finish_drawing = uuid, None, None
        self._original = {name: feature.attributes.get(name) for name in form.editors}
        form.set_values(self._original)
        self.set_geometry(feature.geometry)
        self.photos.show_read(layer, uuid, feature, attachments, files)
        return form

    def set_geometry(self, geometry: shapely.Geometry | None, corners: shapely.Geometry | None = None) -> None:
        """The outline being drawn or edited: the form's derived area and checks follow it (``corners``:
        while drawing, the corners placed so far, which the checks look at; see ``FeatureForm``)."""
        self.feature_geometry = geometry
        if self.form is not None:
            self.form.set_geometry(geometry, corners)

    def catalog_changed(self, catalog: Catalog) -> None:
        """A sync brought new fields or codes for the layer on show: the form is made again from the new
        definition. What the user typed and has not saved stays in its fields (the new ones are empty, or
        hold what the pull brought for a stored feature, read on the window's reader), the geometry being
        drawn stays, and so does the field being typed in; the undo history is the session's and is not
        touched."""
        if self.form is None or self.layer is None or catalog.get(self.layer) in (None, self.form.schema):
            return
        layer, uuid = self.layer, self.uuid
        if uuid is None:  # a new feature: nothing stored to show in the new fields
            self._remake(catalog, layer, None, None)
        elif self.readers is not None and self.readers.path() is not None:
            self.readers.read(
                "form-catalog",
                lambda store: _stored_or_none(store, layer, uuid),
                lambda feature: self._remake(catalog, layer, uuid, feature),
            )
        else:  # no reader threads (a test's bare panel): read here
            self._remake(catalog, layer, uuid, _stored_or_none(self.session.require_store(), layer, uuid))

    def _remake(self, catalog: Catalog, layer: str, uuid: str | None, stored: Feature | None) -> None:
        """The form of ``layer`` made again from ``catalog``; the new fields hold ``stored``'s values."""
        if (
            self.form is None
            or (self.layer, self.uuid) != (layer, uuid)
            or catalog.get(layer) in (None, self.form.schema)
        ):
            return  # another form shown meanwhile, or this one made already
        typed, focused = self.form.values(), self._focused_field()
        photo, finish = self.photo, self.finish_drawing
        form = self._show_form(layer, catalog.layer(layer))
        self.uuid, self.photo, self.finish_drawing = uuid, photo, finish
        attributes = stored.attributes if stored is not None else {}
        arrived = {name: attributes.get(name) for name in form.editors if name not in typed}
        self._original.update(arrived)
        form.set_values({**arrived, **typed})
        self.set_geometry(self.feature_geometry)
        if focused in form.editors:
            form.editors[focused].focus_widget().setFocus()

    def _focused_field(self) -> str | None:
        focus = QApplication.focusWidget()
        if self.form is None or focus is None:
            return None
        return next((name for name, editor in self.form.editors.items() if editor.isAncestorOf(focus)), None)

    def is_new(self) -> bool:
        return self.form is not None and self.uuid is None

    def _drop_form(self) -> None:
        """Take the form away at once (its deletion waits for the event loop, and until then it would
        still be shown beside the next one)."""
        if self.form is not None:
            self.form.hide()
            self._layout.removeWidget(self.form)
            self.form.deleteLater()

    def clear(self) -> None:
        self._drop_form()
        if self._awaited is not None:
            self._awaited = None
            self.empty.setEnabled(True)
            self.retranslate()
        self.form, self.layer, self.uuid, self.feature_geometry, self.photo, self.finish_drawing = (
            None,
            None,
            None,
            None,
            None,
            None,
        )
        self.error.setVisible(False)
        self.empty.setVisible(True)
        self.photos.set_feature(None, None)
        self.photos_toggle.setVisible(False)
        self.photos.setVisible(False)

    # -- building ---------------------------------------------------------------------------------------
    def _show_form(self, layer: str, schema: LayerSchema | None = None) -> FeatureForm:
        if self._awaited is not None:  # a form shown while one was read: the read is no longer wanted
            self._awaited = None
            self.empty.setEnabled(True)
            self.retranslate()
        self._drop_form()
        self.layer = layer
        self.form = FeatureForm(schema or self.session.require_store().catalog.layer(layer), self)
        self.form.setObjectName("feature_form")
        self.form.sigSaveRequested.connect(self.save)
        self.form.sigCancelled.connect(self.cancel)
        self.form.sigGeometryFixed.connect(self._geometry_fixed)
        self._layout.insertWidget(0, self.form, 1)
        self.empty.setVisible(False)
        self.error.setVisible(False)
        self.photos_toggle.setVisible(True)
        self._show_photos(self.photos_toggle.isChecked())
        return self.form

    # -- saving -----------------------------------------------------------------------------------------
    def save(self, values: dict[str, Any] | None = None) -> str | None:
        """Create or update the feature from the form; returns its uuid, or None when refused."""
        if self.form is None or self.layer is None:
            return None
        layer = self.layer
        values = self.form.values() if values is None else values
        try:
            uuid = self._create(layer, values) if self.uuid is None else self._update(layer, self.uuid, values)
        except ValidationError as invalid:
            self._show_error("\n".join(self.form.problem_text(p) for p in invalid.problems))
            return None
        except BaytakError as error:
            self._show_error(message_of(error))
            return None
        if uuid is None:
            return None
        self._last_branch = values.get("branch") or self._last_branch
        if self.session.writer is None:  # written already: show it as stored
            self.edit_feature(layer, uuid)
        else:
            self._saved_unwritten(layer, uuid, values)
        self.sigSaved.emit(layer, uuid)
        return uuid

    def _saved_unwritten(self, layer: str, uuid: str, values: dict[str, Any]) -> None:
        """The save went to the writer thread: the form shows what was submitted as the stored feature
        at once (no read), and is filled again from the store once the writer reports the commit (the
        store's event, ``_feature_changed``); a refused save comes back as it was (``_refused``)."""
        assert self.form is not None
        if self.uuid is None:
            self._unwritten = _Unwritten(layer, uuid, values, self.feature_geometry, self.photo)
        self.uuid, self.photo, self.finish_drawing = uuid, None, None
        self._original = {name: values.get(name) for name in self.form.editors}
        self.error.setVisible(False)
        self.photos.set_feature(layer, uuid)

    def _create(self, layer: str, values: dict[str, Any]) -> str | None:
        if self.finish_drawing is not None:
            geometry = self.finish_drawing()  # emits the finished shape back into set_geometry
            if geometry is None:
                return None
            self.finish_drawing = None
        if self.photo is not None:
            return self.session.create_feature_from_photo(layer, values, self.photo)
        return self.session.create_feature(layer, values, self.feature_geometry)

    def _update(self, layer: str, uuid: str, values: dict[str, Any]) -> str:
        changed = {name: value for name, value in values.items() if self._original.get(name) != value}
        if changed:
            self.session.update_attributes(layer, uuid, changed)
        return uuid

    def cancel(self) -> None:
        self.clear()
        self.sigClosed.emit()

    def _geometry_fixed(self, geometry: shapely.Geometry) -> None:
        self.feature_geometry = geometry
        self.sigGeometryFixed.emit(geometry)

    def _show_photos(self, shown: bool) -> None:
        self.photos_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.photos.setVisible(shown and self.form is not None)

    def _count_photos(self) -> None:
        count = self.photos.list.count()
        self.photos_toggle.setText(self.tr("Photos ({count})").format(count=count) if count else self.tr("Photos"))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _feature_changed(self, layer: str, uuid: str) -> None:
        """A save, undo or redo touched the feature on show: show it as stored, or close when it is gone
        (read on the window's readers: the UI thread does not wait on the database)."""
        if self.form is None or (layer, uuid) != (self.layer, self.uuid):
            return
        if self._unwritten is not None and self._unwritten.uuid == uuid:
            self._unwritten = None  # written
        if self.readers is None:
            try:
                self.session.require_store().get(layer, uuid)
            except FeatureNotFound:
                self.cancel()
                return
            self.edit_feature(layer, uuid)
            return
        self.readers.read(
            "form-feature", lambda store: _stored_or_none(store, layer, uuid), lambda f: self._reread(layer, uuid, f)
        )

    def _reread(self, layer: str, uuid: str, feature: Feature | None) -> None:
        """The stored feature, read again after a write: the form shows it, keeping what the person typed
        since (a field whose value differs from what the form last had as stored)."""
        if self.form is None or (layer, uuid) != (self.layer, self.uuid):
            return
        if feature is None:
            if self._unwritten is None:  # deleted (an undo of its creation, a delete): the form goes
                self.cancel()
            return
        typed = self.form.values()
        kept = {name: value for name, value in typed.items() if value != self._original.get(name)}
        self._original = {name: feature.attributes.get(name) for name in self.form.editors}
        self.form.set_values({**self._original, **kept})
        self.set_geometry(feature.geometry)

    def _refused(self, layer: str, uuid: str, message: str) -> None:
        """A save the store refused on the writer thread: nothing was written. A new feature's form comes
        back as it was before Save (values, geometry, photo), with the reason next to Save; a stored
        feature's form is read again (the store as before) with the reason."""
        unwritten, self._unwritten = self._unwritten, None
        if self.form is None or (layer, uuid) != (self.layer, self.uuid):
            return
        if unwritten is not None and unwritten.uuid == uuid:
            self.uuid, self.photo, self._original = None, unwritten.photo, {}
            self.photos.set_feature(None, None)
            self.form.set_values(unwritten.values)
            self.set_geometry(unwritten.geometry)
        else:
            self._feature_changed(layer, uuid)
        self._show_error(message)

    # -- language ---------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self._count_photos()
        self.photos_toggle.setToolTip(self.tr("Show or hide the photos of this feature"))
        if self._awaited is not None:
            self.empty.setText(self.tr("Loading…"))
            return
        self.empty.setText(
            self.tr(
                "Choose an edit tool and place a feature on the map, or select a feature "
                "and choose Edit > Edit attributes."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _stored_or_none(store: Store, layer: str, uuid: str) -> Feature | None:
    """On a reader thread: the feature as stored, or None when it is not (deleted, or not yet written)."""
    try:
        return store.get(layer, uuid)
    except FeatureNotFound:
        return None
