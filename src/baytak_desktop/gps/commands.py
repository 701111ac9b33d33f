"""``baytak gps ...``: a receiver from the command line, for field use without the map and for testing.

    baytak gps watch --source tcp://192.168.1.20:11123           print each fix as it comes
    baytak gps average --source gpsd -n 20                        stand still, average 20 fixes
    baytak gps add-point STORE.gpkg --layer sewage_outflows --source gpsd -n 20 --set name=...
    baytak gps record --source serial:///dev/ttyUSB0 --out walk.gpx   (Ctrl-C stops; --resume goes on)
    baytak gps save-track STORE.gpkg walk.gpx --layer quarries --set name=...
    baytak gps replay walk.nmea --tcp 11123                       be a receiver, from a log
    baytak gps ports --probe                                      serial ports and their speeds

Source lines are those of ``gps.spec``. Fixes and states come from the source's thread through a queue
and are handled here on the main thread; states go to stderr, results to stdout (``--json`` for
scripts: one JSON object per fix for ``watch``).
"""

from __future__ import annotations

import argparse
import json
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from baytak_desktop.arguments import account_branch_said
from baytak_desktop.errors import BaytakError, GpsSourceError
from baytak_desktop.gps.averaging import AveragedPosition, average_fixes
from baytak_desktop.gps.fix import Fix
from baytak_desktop.gps.notes import position_note
from baytak_desktop.gps.source import SourceState, SourceStatus
from baytak_desktop.gps.spec import parse_source
from baytak_desktop.i18n import said, tr

if TYPE_CHECKING:
    from baytak_desktop.store import Store

EXIT_OK, EXIT_USER_ERROR = 0, 1
Handler = Callable[[argparse.Namespace], int]


def add_gps_command(sub: Any) -> argparse.ArgumentParser:
    """Register ``gps`` and its subcommands on the ``baytak`` command's subparsers."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "gps",
        help=tr("a GPS receiver: watch, average, log a site, record a track, replay a log"),
        description=tr("A GPS receiver from the command line: gpsd, a serial port, NMEA over TCP or UDP, a log."),
    )
    actions = parser.add_subparsers(dest="gps_command", metavar="ACTION", required=True)

    def action(name: str, function: Handler, text: str, source: bool = True) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=text, description=text)
        p.add_argument("--json", action="store_true", help=tr("print machine-readable JSON"))
        if source:
            p.add_argument(
                "--source",
                required=True,
                metavar="SOURCE",
                help=tr("gpsd, serial:///dev/ttyUSB0[?baud=N], tcp://HOST:PORT, udp://[HOST]:PORT or a log file"),
            )
        p.set_defaults(function=function)
        return p

    p = action("watch", cmd_watch, tr("print each fix and every change of state"))
    _limits(p)
    p = action("average", cmd_average, tr("stand still: average N fixes, print the position and its spread"))
    _averaging(p)
    p = action("add-point", cmd_add_point, tr("log the site here: a new point at the averaged position"))
    p.add_argument("store", type=Path, metavar="STORE.gpkg", help=tr("the local store (a GeoPackage)"))
    p.add_argument("--layer", required=True, help=tr("a point layer"))
    _averaging(p)
    _attributes(p)
    p = action("record", cmd_record, tr("record a track to a GPX file, written as it goes (Ctrl-C stops)"))
    p.add_argument("--out", required=True, type=Path, metavar="FILE.gpx", help=tr("the GPX file to write"))
    p.add_argument("--resume", action="store_true", help=tr("go on in an existing file, as a new segment"))
    p.add_argument("--force", action="store_true", help=tr("overwrite an existing file"))
    p.add_argument("--min-distance", type=float, default=0.0, metavar="M", help=tr("skip fixes closer than M metres"))
    p.add_argument("--name", default="", help=tr("the track's name in the file"))
    _limits(p)
    p = action("save-track", cmd_save_track, tr("a recorded track as a new outline (or line) in a layer"), source=False)
    p.add_argument("store", type=Path, metavar="STORE.gpkg", help=tr("the local store (a GeoPackage)"))
    p.add_argument("track", type=Path, metavar="TRACK.gpx", help=tr("the GPX file with the track"))
    p.add_argument("--layer", required=True, help=tr("an outline (polygon) or line layer"))
    p.add_argument(
        "--simplify", type=float, default=0.0, metavar="M", help=tr("drop corners within M metres of the line")
    )
    _attributes(p)
    p = action("replay", cmd_replay, tr("send an NMEA log as a receiver would, by TCP or UDP"), source=False)
    p.add_argument("log", type=Path, metavar="LOG", help=tr("the NMEA log"))
    p.add_argument("--tcp", type=int, metavar="PORT", help=tr("serve it to TCP clients on this port"))
    p.add_argument("--udp", metavar="HOST:PORT", help=tr("send it as datagrams to HOST:PORT"))
    p.add_argument("--host", default="127.0.0.1", help=tr("--tcp: the address to listen on (default 127.0.0.1)"))
    p.add_argument("--speed", default="1", help=tr("times the recorded pace (default 1), or max"))
    p.add_argument("--loop", action="store_true", help=tr("start again at the end"))
    p = action("ports", cmd_ports, tr("list the serial ports; --probe finds the speed of each"), source=False)
    p.add_argument("--probe", action="store_true", help=tr("listen at each usual speed for NMEA"))
    return parser


def _limits(p: argparse.ArgumentParser) -> None:
    p.add_argument("--count", type=int, metavar="N", help=tr("stop after N fixes"))
    p.add_argument("--seconds", type=float, metavar="S", help=tr("stop after S seconds"))


def _averaging(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-n", "--fixes", type=int, default=10, metavar="N", help=tr("how many fixes to average (default 10)")
    )
    p.add_argument(
        "--timeout", type=float, default=120.0, metavar="S", help=tr("give up after S seconds (default 120)")
    )


def _attributes(p: argparse.ArgumentParser) -> None:
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", help=tr("an attribute (repeatable)"))
    p.add_argument("--user", help=tr("who logged it (created_by)"))


# -- the commands ----------------------------------------------------------------------------------------
def cmd_watch(args: argparse.Namespace) -> int:
    seen = 0
    for event in _events(args.source, args.seconds):
        if isinstance(event, SourceStatus):
            _say_status(event)
            continue
        seen += 1
        print(json.dumps(fix_json(event)) if args.json else fix_text(event), flush=True)
        if args.count and seen >= args.count:
            break
    return EXIT_OK


def cmd_average(args: argparse.Namespace) -> int:
    position = _average(args)
    note = position_note(position)
    if args.json:
        print(json.dumps({**_jsonable(asdict(position)), "two_drms_m": position.two_drms_m, "note": note}, indent=2))
    else:
        print(position_text(position) + "\n  " + tr("notes line: {note}", note=note))
    return EXIT_OK


def cmd_add_point(args: argparse.Namespace) -> int:
    from baytak_desktop.gps.features import check_point_attributes, point_feature
    from baytak_desktop.store.edits import apply

    with _open(args) as store:
        attributes = _pairs(args.set)
        branch = store.branch_for(args.layer, attributes)  # the store gives it, when --set names none
        check_point_attributes(args.layer, attributes, store.catalog)  # before anyone stands still
        position = _average(args)
        edit = point_feature(args.layer, position, attributes, user=args.user, catalog=store.catalog)
        edit.check(store.catalog)
        apply(store, edit)
    payload = {"layer": args.layer, "uuid": edit.uuid, "lat": position.lat, "lon": position.lon}
    at = {"lat": f"{position.lat:.7f}", "lon": f"{position.lon:.7f}"}
    text = tr("Added {layer} {uuid} at {lat}, {lon}", layer=args.layer, uuid=edit.uuid, **at)
    text += "\n" + position_text(position) + _branch_note(branch)
    print(json.dumps({**payload, "note": position_note(position)}) if args.json else text)
    return EXIT_OK


def cmd_record(args: argparse.Namespace) -> int:
    from baytak_desktop.gps.track import TrackRecorder

    recorder = TrackRecorder(
        args.out, args.name, resume=args.resume, overwrite=args.force, min_distance_m=args.min_distance
    )
    try:
        for event in _events(args.source, args.seconds):
            if isinstance(event, SourceStatus):
                _say_status(event)
            elif recorder.add(event) and args.count and recorder.points >= args.count:
                break
    except KeyboardInterrupt:
        pass  # Ctrl-C is how a recording ends
    finally:
        recorder.stop()
    length = recorder.length_m
    payload = {"out": str(args.out), "points": recorder.points, "length_m": round(length, 1)}
    text = tr(
        "Recorded {points} points, {length} m, to {out}", points=recorder.points, length=f"{length:.0f}", out=args.out
    )
    print(json.dumps(payload) if args.json else text)
    return EXIT_OK


def cmd_save_track(args: argparse.Namespace) -> int:
    from baytak_desktop.gps.features import track_feature
    from baytak_desktop.gps.gpx import read_track
    from baytak_desktop.store.edits import apply

    segments = read_track(args.track)
    with _open(args) as store:
        attributes = _pairs(args.set)
        branch = store.branch_for(args.layer, attributes)  # the store gives it, when --set names none
        edit = track_feature(
            args.layer, segments, attributes, simplify_m=args.simplify, user=args.user, catalog=store.catalog
        )
        edit.check(store.catalog)
        apply(store, edit)
        feature = store.get(args.layer, edit.uuid)
    points = sum(len(s) for s in segments)
    payload = {"layer": args.layer, "uuid": edit.uuid, "points": points, "attributes": feature.attributes}
    text = tr(
        "Added {layer} {uuid} from {points} track points of {track}",
        layer=args.layer,
        uuid=edit.uuid,
        points=points,
        track=args.track,
    ) + _branch_note(branch)
    print(json.dumps(payload, ensure_ascii=False, default=str) if args.json else text)
    return EXIT_OK


def cmd_replay(args: argparse.Namespace) -> int:
    from baytak_desktop.gps.replay import ReplayServer, send_udp

    if not args.log.is_file():
        raise GpsSourceError("The NMEA log {path} was not found.", path=str(args.log))
    if (args.tcp is None) == (args.udp is None):
        raise GpsSourceError("Give either --tcp PORT or --udp HOST:PORT.")
    speed = _speed(args.speed)
    if args.udp is not None:
        host, _, port = args.udp.rpartition(":")
        if not port.isdigit() or not host:
            raise GpsSourceError("--udp takes HOST:PORT, not {text}.", text=args.udp)
        sent = 0
        try:
            while True:
                sent += send_udp(args.log, host, int(port), speed=speed)
                if not args.loop:
                    break
        except KeyboardInterrupt:
            pass
        print(
            json.dumps({"sent_lines": sent})
            if args.json
            else tr("Sent {count} lines to {address}", count=sent, address=args.udp)
        )
        return EXIT_OK
    server = ReplayServer(args.log, args.host, args.tcp, speed=speed, loop=args.loop).start()
    serving = tr(
        "Serving {log} on tcp://{host}:{port} (Ctrl-C stops)", log=args.log, host=server.host, port=server.port
    )
    print(serving, file=sys.stderr, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return EXIT_OK


def cmd_ports(args: argparse.Namespace) -> int:
    from serial.tools import list_ports

    from baytak_desktop.gps.serial_speed import detect_baud

    rows = []
    for port in sorted(list_ports.comports(), key=lambda p: p.device):
        row: dict[str, Any] = {"port": port.device, "description": port.description}
        if args.probe:
            try:
                row["baud"] = detect_baud(port.device)
            except OSError as exc:
                row["error"] = str(exc)
        rows.append(row)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            baud = tr("{baud} baud", baud=row["baud"]) if row.get("baud") else tr("no NMEA")
            extra = f"  {baud}" if "baud" in row else f"  {row.get('error', '')}"
            print(f"serial://{row['port']}  {row['description']}{extra if args.probe else ''}")
        if not rows:
            print(tr("No serial ports."))
    return EXIT_OK


# -- helpers --------------------------------------------------------------------------------------------
def _events(source_text: str, seconds: float | None) -> Iterator[Fix | SourceStatus]:
    """Fixes and states of a source, on this thread, until it finishes, ``seconds`` pass, or the caller stops."""
    spec = parse_source(source_text)
    events: queue.Queue[Fix | SourceStatus] = queue.Queue()
    source = spec.open(events.put, events.put)
    deadline = time.monotonic() + seconds if seconds else None
    source.start()
    try:
        while deadline is None or time.monotonic() < deadline:
            try:
                event = events.get(timeout=0.25)
            except queue.Empty:
                continue
            yield event
            if isinstance(event, SourceStatus) and event.state in (SourceState.FINISHED, SourceState.STOPPED):
                return
    finally:
        source.stop()


def _average(args: argparse.Namespace) -> AveragedPosition:
    if args.fixes < 1:
        raise GpsSourceError("Average at least 1 fix, not {target}.", target=args.fixes)
    fixes: list[Fix] = []
    for event in _events(args.source, args.timeout):
        if isinstance(event, SourceStatus):
            _say_status(event)
        else:
            fixes.append(event)
            if len(fixes) >= args.fixes:
                return average_fixes(fixes)
    raise GpsSourceError(
        "Only {got} of {wanted} fixes came from {source}; nothing was averaged.",
        got=len(fixes),
        wanted=args.fixes,
        source=args.source,
    )


def _say_status(status: SourceStatus) -> None:
    text = f"gps: {status.source}: {_state_text(status.state)}"
    if status.detail:
        text += f" ({said(status.detail)})"
    if status.retry_in_s is not None:
        text += "; " + tr("trying again in {seconds} s", seconds=f"{status.retry_in_s:.0f}")
    print(text, file=sys.stderr, flush=True)


def _state_text(state: SourceState) -> str:
    """A source's state as a person reads it, in the language spoken."""
    return {
        SourceState.CONNECTING: tr("connecting"),
        SourceState.CONNECTED: tr("connected"),
        SourceState.NO_FIX: tr("no fix"),
        SourceState.FIX: tr("fix"),
        SourceState.DISCONNECTED: tr("disconnected"),
        SourceState.FINISHED: tr("finished"),
        SourceState.STOPPED: tr("stopped"),
    }.get(state, state.value.replace("_", " "))


def fix_text(fix: Fix) -> str:
    parts = [fix.time.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-4] + "Z" if fix.time else "-", f"{fix.lat:.7f} {fix.lon:.7f}"]
    if fix.horizontal_error_m is not None:
        parts.append(f"±{fix.horizontal_error_m:.1f} m ({fix.accuracy_basis})")
    parts.append(fix.quality.code)
    if fix.satellites_used is not None:
        parts.append(f"{fix.satellites_used} sat")
    if fix.altitude_m is not None:
        parts.append(f"{fix.altitude_m:.1f} m")
    if fix.speed_mps is not None:
        parts.append(f"{fix.speed_mps:.1f} m/s")
    if fix.course_deg is not None:
        parts.append(f"{fix.course_deg:.0f}°")
    return "  ".join(parts)


def fix_json(fix: Fix) -> dict[str, Any]:
    return _jsonable({name: getattr(fix, name) for name in fix.__dataclass_fields__})


def position_text(position: AveragedPosition) -> str:
    lines = [
        tr("Averaged {fixes} fixes: {lat}, {lon}", fixes=position.fixes, lat=f"{position.lat:.7f}",
           lon=f"{position.lon:.7f}")
        + (f", {position.altitude_m:.1f} m" if position.altitude_m is not None else ""),
        "  " + tr(
            "spread: 2DRMS {drms} m (sd north {north} m, east {east} m), farthest fix {farthest} m",
            drms=f"{position.two_drms_m:.2f}", north=f"{position.sd_north_m:.2f}", east=f"{position.sd_east_m:.2f}",
            farthest=f"{position.max_distance_m:.2f}",
        ),
    ]  # fmt: skip
    if position.receiver_error_m is not None:
        error = f"{position.receiver_error_m:.1f}"
        lines.append("  " + tr("receiver's error: ±{error} m ({basis})", error=error, basis=position.accuracy_basis))
    return "\n".join(lines)


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {key: _plain(value) for key, value in values.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if hasattr(value, "code"):  # FixQuality
        return value.code
    return value


def _branch_note(branch: str | None) -> str:
    """The line that says a new feature was given the signed-in account's branch (empty when it was not)."""
    return "\n" + account_branch_said(branch) if branch is not None else ""


def _open(args: argparse.Namespace) -> Store:
    """The store as the ``baytak`` parser opens it (cli.py): its edits record the signed-in user, its new
    features get the account's branch; a plain open where no opener was set."""
    from baytak_desktop.store import Store

    opener = getattr(args, "open_store", None)
    return opener(args.store) if opener is not None else Store.open(args.store)


def _pairs(items: list[str]) -> dict[str, str]:
    values = {}
    for item in items:
        if "=" not in item:
            raise BaytakError("--set takes FIELD=VALUE, not {text!r}.", text=item)
        name, value = item.split("=", 1)
        values[name.strip()] = value
    return values


def _speed(text: str) -> float | None:
    if text in ("max", "fast"):
        return None
    try:
        speed = float(text)
    except ValueError:
        speed = 0.0
    if not 0 < speed <= 1000:
        raise GpsSourceError("A replay speed is a number above 0 (1 = as recorded) or max, not {speed}.", speed=text)
    return speed
