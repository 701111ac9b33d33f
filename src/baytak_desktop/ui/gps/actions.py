"""The GPS menu, the position on the map, follow mode, the GPS part of the status bar, track recording.

GPS › Connect… chooses a receiver (``connect_dialog``); its fixes arrive on the UI thread through
``GpsReceiver``'s queued signals, and a one-second timer keeps the age of the last fix counting when
none comes. The marker (``marker``) shows the position, its accuracy and heading, grey with its age
once the fix is lost. A receiver unplugged or a gpsd restarted is a message above the map and a
reconnect by the source itself (``gps.source``); the window never waits for it.

Follow mode moves the map only when the position nears the edge of the view (``gps.follow``) and
pauses when the person pans the map; choosing GPS › Follow my position again resumes it.

What the GPS wants of the editing part it asks with signals the window connects: a new point at the
averaged position with its accuracy line in the notes (``sigPlacePoint``), a corner of the outline
being drawn (``sigAddCorner``), a new outline from a recorded track (``sigNewShape``). The form then
opens as for any new feature: the person fills the name and status and saves, one undo step.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import shapely
from PySide6.QtCore import QLocale, QObject, QStandardPaths, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel

from baytak_desktop.errors import BaytakError
from baytak_desktop.gps import (
    AveragedPosition,
    Fix,
    FixQuality,
    RecorderState,
    SourceSpec,
    SourceState,
    SourceStatus,
    parse_source,
)
from baytak_desktop.gps.features import point_feature, track_feature
from baytak_desktop.gps.follow import should_recentre
from baytak_desktop.gps.live import PositionSnapshot
from baytak_desktop.gps.track import TrackRecorder
from baytak_desktop.layers import Catalog, builtin_catalog
from baytak_desktop.ui import settings as saved
from baytak_desktop.ui.actions import ActionSpec, MenuSpec
from baytak_desktop.ui.context import WindowContext
from baytak_desktop.ui.gps.averaging_dialog import AveragingDialog
from baytak_desktop.ui.gps.connect_dialog import GpsConnectDialog
from baytak_desktop.ui.gps.marker import PositionMarker
from baytak_desktop.ui.gps.receiver import GpsReceiver
from baytak_desktop.ui.gps.track_dialog import TrackSaveDialog
from baytak_desktop.ui.i18n import format_number
from baytak_desktop.ui.map.canvas import MapCanvas
from baytak_desktop.ui.messages import message_of, sentence_text

FOLLOW_RES = 0.4  # scene metres per pixel when following starts from far out: the accuracy circle shows
FAR_RES = 40.0  # farther out than this, starting to follow zooms in to FOLLOW_RES
STATE_KEY = "gps:state"  # the message bar's key of the receiver's state


class GpsActions(QObject):
    sigMessage = Signal(str, str, str)  # text, level, key ("" text: take the message of that key away)
    sigPlacePoint = Signal(str, float, float, dict)  # layer, lon, lat, values (notes): a new point's form
    sigAddCorner = Signal(float, float)  # lon, lat: the next corner of the outline being drawn
    sigNewShape = Signal(str, object, dict)  # layer, geometry, values: a new feature's form
    sigActionsChanged = Signal()

    def __init__(self, ctx: WindowContext, canvas: MapCanvas, layer_of: Callable[[], str | None]) -> None:
        super().__init__(ctx.dialog_parent())
        self.ctx, self.canvas, self.layer_of = ctx, canvas, layer_of
        self.receiver = GpsReceiver(self)
        self.marker = PositionMarker()
        canvas.scene().addItem(self.marker)
        self.recorder: TrackRecorder | None = None
        self.averaging: AveragingDialog | None = None
        self.last_position: AveragedPosition | None = None  # the last averaged position, and its fixes
        self.last_fixes: list[Fix] = []
        self._pause_said = False
        self._first_fix = False
        self.status_label = QLabel()
        self.status_label.setObjectName("gps_status")
        self.status_label.hide()
        ctx.add_status_widget(self.status_label)
        self.actions: dict[str, QAction] = ctx.add_actions(self.specs())
        self.timer = QTimer(self, interval=1000)
        self.timer.timeout.connect(self.refresh)
        self.receiver.sigFix.connect(self._fix)
        self.receiver.sigStatus.connect(self._status)
        canvas.sigUserPanned.connect(self._user_panned)
        canvas.sigScaleChanged.connect(lambda scale: self.marker.set_resolution(canvas.resolution()))

    def specs(self) -> list[ActionSpec | MenuSpec]:
        connected = self.receiver_connected
        return [
            MenuSpec("gps", lambda: self.tr("&GPS")),
            ActionSpec(
                "gps_connect",
                lambda: self.tr("&Connect…"),
                self.connect_dialog,
                lambda: self.tr("Read positions from a GPS receiver, gpsd, a phone or a recorded log"),
                menu="gps",
            ),
            ActionSpec(
                "gps_disconnect",
                lambda: self.tr("&Disconnect"),
                self.disconnect_receiver,
                lambda: self.tr("Stop reading the GPS receiver"),
                menu="gps",
                enabled_when=connected,
            ),
            ActionSpec(
                "gps_follow",
                lambda: self.tr("&Follow my position"),
                self.set_follow,
                lambda: self.tr("Keep your position in view; moving the map by hand pauses it"),
                menu="gps",
                section=1,
                checkable=True,
                checked=bool(saved.read(self.ctx.settings, "gps/follow")),
            ),
            ActionSpec(
                "gps_add_point",
                lambda: self.tr("Add &point at my position…"),
                self.add_point_here,
                lambda: self.tr("Average the next fixes and add a point of the edited layer there"),
                shortcut="Ctrl+Shift+G",
                menu="gps",
                section=2,
                enabled_when=connected,
            ),
            ActionSpec(
                "gps_add_corner",
                lambda: self.tr("Add &corner at my position"),
                self.add_corner_here,
                lambda: self.tr("Walk the outline of an area: each corner where you stand"),
                shortcut="Ctrl+Shift+K",
                menu="gps",
                section=2,
                enabled_when=connected,
            ),
            ActionSpec(
                "gps_record",
                lambda: self.tr("&Record track…"),
                self.start_recording,
                lambda: self.tr("Write your walk to a GPX file as you go"),
                menu="gps",
                section=3,
                enabled_when=lambda: connected() and self.recorder is None,
            ),
            ActionSpec(
                "gps_pause",
                lambda: self.tr("&Pause recording"),
                self.pause_recording,
                lambda: self.tr("Pause the track; going on starts a new segment"),
                menu="gps",
                section=3,
                checkable=True,
                enabled_when=lambda: self.recorder is not None,
            ),
            ActionSpec(
                "gps_stop",
                lambda: self.tr("&Stop recording…"),
                self.stop_recording,
                lambda: self.tr("Close the GPX file; the walked outline can become an area"),
                menu="gps",
                section=3,
                enabled_when=lambda: self.recorder is not None,
            ),
        ]

    def receiver_connected(self) -> bool:
        return self.receiver.connected

    # -- connecting ----------------------------------------------------------------------------------
    def connect_dialog(self) -> None:
        dialog = GpsConnectDialog(self.ctx.settings, self.ctx.dialog_parent())
        if dialog.exec() and dialog.spec is not None:
            self.connect_to(dialog.spec)

    def connect_line(self, line: str) -> bool:
        """Connect to a source line (``--gps`` at start); a bad line is a message, not an exception."""
        try:
            spec = parse_source(line)
        except BaytakError as error:
            self.sigMessage.emit(message_of(error), "error", STATE_KEY)
            return False
        self.connect_to(spec)
        return True

    def connect_to(self, spec: SourceSpec) -> None:
        self.receiver.connect_to(spec)
        self._first_fix = True
        self.timer.start()
        self.sigMessage.emit("", "info", STATE_KEY)
        self.refresh()
        self.sigActionsChanged.emit()

    def disconnect_receiver(self) -> None:
        if self.recorder is not None:
            self.stop_recording(ask=False)
        if self.averaging is not None:
            self.averaging.reject()
        self.receiver.disconnect_source()
        self.timer.stop()
        self.marker.show_position(None, self.canvas.resolution())
        self.sigMessage.emit("", "info", STATE_KEY)
        self.refresh()
        self.sigActionsChanged.emit()

    def close_down(self) -> None:
        """The window closes: the GPX is closed whole and the receiver's thread ends."""
        if self.recorder is not None:
            self.recorder.stop()
            self.receiver.remove_listener(self.recorder.add)
            self.recorder = None
        self.receiver.disconnect_source()
        self.timer.stop()

    # -- what arrives ---------------------------------------------------------------------------------
    def _fix(self, fix: object) -> None:
        self.refresh()
        first, self._first_fix = self._first_fix, False
        self.follow(force=first)  # the first position of a connection brings the map to it

    def _status(self, status: SourceStatus) -> None:
        if status.state is SourceState.DISCONNECTED:
            retry = format_number(status.retry_in_s or 0, 0)
            text = self.tr("The GPS receiver is not answering ({reason}); trying again in {seconds} s.").format(
                reason=sentence_text(status.detail), seconds=retry
            )
            self.sigMessage.emit(text, "warning", STATE_KEY)
        elif status.state in (SourceState.CONNECTED, SourceState.NO_FIX, SourceState.FIX):
            self.sigMessage.emit("", "info", STATE_KEY)
        elif status.state is SourceState.FINISHED:
            self.sigMessage.emit(self.tr("The NMEA log was replayed to its end."), "info", STATE_KEY)
        self.refresh()

    def refresh(self) -> None:
        """The marker and the status bar from the live position (its age counts on between fixes)."""
        if not self.receiver.connected:
            self.status_label.hide()
            return
        snapshot = self.receiver.snapshot()
        age = self.age_text(snapshot.age_s) if snapshot.lost and snapshot.age_s is not None else ""
        self.marker.show_position(snapshot, self.canvas.resolution(), age)
        self.status_label.setText(self.status_text(snapshot))
        self.status_label.show()

    def status_text(self, snapshot: PositionSnapshot) -> str:
        """GPS: quality · satellites · accuracy, or what the receiver is doing; and the recording."""
        fix, state = snapshot.fix, snapshot.state
        if state is SourceState.DISCONNECTED:
            text = self.tr("GPS: not answering, trying again")
        elif state in (None, SourceState.CONNECTING, SourceState.CONNECTED) and fix is None:
            text = self.tr("GPS: connecting…")
        elif fix is None or snapshot.lost:
            text = self.tr("GPS: no fix")
            if snapshot.age_s is not None:
                text += " · " + self.tr("last fix {age}").format(age=self.age_text(snapshot.age_s))
        else:
            parts = [self.tr("GPS: {quality}").format(quality=self.quality_name(fix.quality))]
            if fix.satellites_used is not None:
                parts.append(self.tr("%n satellite(s)", "", fix.satellites_used))
            if fix.horizontal_error_m is not None:
                parts.append(self.tr("±{metres} m").format(metres=_metres(fix.horizontal_error_m)))
            text = " · ".join(parts)
        if self.recorder is not None:
            points = self.recorder.points
            if self.recorder.state is RecorderState.PAUSED:
                text += " · " + self.tr("track paused, %n point(s)", "", points)
            else:
                text += " · " + self.tr("recording, %n point(s)", "", points)
        return text

    def quality_name(self, quality: FixQuality) -> str:
        names = {
            FixQuality.INVALID: self.tr("no fix"),
            FixQuality.GPS: self.tr("GPS fix"),
            FixQuality.DGPS: self.tr("DGPS fix"),
            FixQuality.PPS: self.tr("PPS fix"),
            FixQuality.RTK_FIXED: self.tr("RTK fixed"),
            FixQuality.RTK_FLOAT: self.tr("RTK float"),
            FixQuality.ESTIMATED: self.tr("estimated (dead reckoning)"),
            FixQuality.MANUAL: self.tr("manual input"),
            FixQuality.SIMULATION: self.tr("simulation"),
        }
        return names[quality]

    # -- follow mode ---------------------------------------------------------------------------------
    def following(self) -> bool:
        return self.actions["gps_follow"].isChecked()

    def set_follow(self, checked: bool) -> None:
        """The menu's Follow: on, the map comes to the position at once (zoomed in from far out)."""
        self.ctx.settings.setValue("gps/follow", bool(checked))
        self._pause_said = False
        if checked:
            self.follow(force=True)

    def follow(self, force: bool = False) -> None:
        snapshot = self.receiver.snapshot()
        fix = snapshot.fix
        if not self.following() or fix is None or not fix.has_position:
            return
        if force:
            res = FOLLOW_RES if self.canvas.resolution() > FAR_RES else None
            self.canvas.center_on(fix.lon, fix.lat, res)
            return
        pos = self.canvas.pos_of(fix.lon, fix.lat)
        size = self.canvas.viewport().size()
        if should_recentre(pos.x(), pos.y(), size.width(), size.height()):
            self.canvas.center_on(fix.lon, fix.lat)

    def _user_panned(self) -> None:
        """The person moved the map: follow mode steps aside until chosen again."""
        action = self.actions["gps_follow"]
        if action.isChecked() and self.receiver.connected:
            action.setChecked(False)  # not triggered: the saved choice stays on
            if not self._pause_said:
                self._pause_said = True
                self.sigMessage.emit(
                    self.tr("Following your position is paused: GPS › Follow my position resumes it."),
                    "info",
                    "gps:follow",
                )

    # -- log the site here ----------------------------------------------------------------------------
    def add_point_here(self) -> AveragingDialog | None:
        """Average the next N fixes (N remembered), then open the form of a new point there."""
        layer = self.layer_of()
        if layer is None or layer not in self.catalog() or self.catalog().layer(layer).geometry_type != "POINT":
            self.sigMessage.emit(
                self.tr("Choose a point layer as the edit layer to add a point at your position."), "warning", "gps:add"
            )
            return None
        target = int(saved.read(self.ctx.settings, "gps/average_fixes"))
        dialog = AveragingDialog(self.receiver, target, self.ctx.dialog_parent())
        self.averaging = dialog
        dialog.count.valueChanged.connect(lambda n: self.ctx.settings.setValue("gps/average_fixes", int(n)))
        dialog.finished.connect(lambda result: self._averaged(dialog, layer))
        dialog.open()
        return dialog

    def _averaged(self, dialog: AveragingDialog, layer: str) -> None:
        self.averaging = None
        position = dialog.position
        dialog.deleteLater()
        if position is None:
            return
        self.last_position, self.last_fixes = position, dialog.averager.fixes
        try:
            insert = point_feature(layer, position, catalog=self.catalog())
        except BaytakError as error:
            self.sigMessage.emit(message_of(error), "warning", "gps:add")
            return
        self.sigPlacePoint.emit(layer, position.lon, position.lat, dict(insert.attributes))

    def add_corner_here(self) -> None:
        snapshot = self.receiver.snapshot()
        fix = snapshot.fix
        if fix is None or snapshot.lost:
            self.sigMessage.emit(
                self.tr("No current GPS position: wait until the receiver has a fix."), "warning", "gps:add"
            )
            return
        self.sigAddCorner.emit(fix.lon, fix.lat)

    # -- track recording -----------------------------------------------------------------------------
    def start_recording(self, path: Path | None = None) -> bool:
        """Record to ``path`` (None: ask where); the GPX is whole after every point."""
        if self.recorder is not None:
            return False
        if path is None:
            path = self._ask_track_path()
            if path is None:
                return False
        try:
            recorder = TrackRecorder(Path(path), Path(path).stem, overwrite=True)
        except (BaytakError, OSError) as error:
            self.sigMessage.emit(message_of(error), "error", "gps:track")
            return False
        self.recorder = recorder
        self.ctx.settings.setValue("gps/tracks_folder", str(Path(path).parent))
        self.receiver.add_listener(recorder.add)  # written on the receiver's thread, never the UI's
        self.actions["gps_pause"].setChecked(False)
        self.refresh()
        self.sigActionsChanged.emit()
        return True

    def _ask_track_path(self) -> Path | None:
        folder = saved.read(self.ctx.settings, "gps/tracks_folder") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        name = time.strftime("track-%Y%m%d-%H%M%S.gpx")
        chosen, _ = QFileDialog.getSaveFileName(
            self.ctx.dialog_parent(), self.tr("Record the track to"), str(Path(folder) / name), self.tr("GPX (*.gpx)")
        )
        return Path(chosen) if chosen else None

    def pause_recording(self, paused: bool) -> None:
        if self.recorder is None:
            return
        if paused:
            self.recorder.pause()
        else:
            self.recorder.resume()
        self.refresh()

    def stop_recording(self, ask: bool = True, *, save_into: str | None = None, simplify_m: float = 1.0) -> Path | None:
        """Close the GPX; with ``ask``, offer the walked track as a new feature of the area or line layer the
        person chooses (a published one too), or save it into ``save_into``."""
        recorder, self.recorder = self.recorder, None
        if recorder is None:
            return None
        self.receiver.remove_listener(recorder.add)
        recorder.stop()
        self.actions["gps_pause"].setChecked(False)
        self.sigActionsChanged.emit()
        self.refresh()
        points, length = recorder.points, recorder.length_m
        self.sigMessage.emit(
            self.tr("Track saved to {path}: {points} points, {length} m.").format(
                path=recorder.path, points=points, length=format_number(length)
            ),
            "info",
            "gps:track",
        )
        if save_into is None and ask and points >= 3:
            dialog = TrackSaveDialog(points, length, self.layer_of(), self.catalog(), self.ctx.dialog_parent())
            if dialog.exec():
                save_into, simplify_m = dialog.chosen_layer(), dialog.simplify.value()
        if save_into is not None:
            self.save_track(recorder, save_into, simplify_m)
        return recorder.path

    def save_track(self, recorder: TrackRecorder, layer: str, simplify_m: float) -> bool:
        try:
            insert = track_feature(layer, recorder.segments, simplify_m=simplify_m, catalog=self.catalog())
        except BaytakError as error:
            self.sigMessage.emit(message_of(error), "warning", "gps:track")
            return False
        geometry = insert.geometry
        if isinstance(geometry, shapely.MultiPolygon) and len(geometry.geoms) == 1:
            geometry = geometry.geoms[0]  # the form and the drawing tools work with a single polygon
        self.sigNewShape.emit(layer, geometry, dict(insert.attributes))
        return True

    def catalog(self) -> Catalog:
        """The layers of the store shown (its published ones too): points and tracks go into those."""
        store = self.ctx.current_store()
        return store.catalog if store is not None else builtin_catalog()

    def age_text(self, seconds: float) -> str:
        """How long ago the last fix came: "12 s ago", "3 min ago"."""
        if seconds < 90:
            return self.tr("%n s ago", "", round(seconds))
        if seconds < 90 * 60:
            return self.tr("%n min ago", "", round(seconds / 60))
        return self.tr("%n h ago", "", round(seconds / 3600))

    # -- language ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.refresh()


def _metres(value: float) -> str:
    return QLocale().toString(value, "f", 1 if value < 100 else 0)
