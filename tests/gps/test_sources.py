"""Every source type that can run here, fed real receiver logs through the real transport.

A log file; a TCP server on 127.0.0.1; UDP datagrams to a local port; a pseudo-terminal standing in
for a serial receiver (with baud detection); gpsd fed by gpsfake (Debian's gpsd-clients; skipped with
the reason where it is not installed). What each delivers is compared with the log as read
independently (conftest.expected). Losing the connection is a state and a reconnect, never an
exception out of the thread.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pty
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from baytak_desktop.gps import AccuracyBasis, SourceState, parse_source
from baytak_desktop.gps.gpsd import GpsdSource
from baytak_desktop.gps.nmea_sources import FileSource, SerialSource, TcpSource, UdpSource
from baytak_desktop.gps.replay import ReplayServer, log_lines, send_udp
from baytak_desktop.gps.serial_speed import detect_baud

from .conftest import FAST, LOGS, Collector, assert_matches, expected, seconds_of

QUECTEL = LOGS / "quectel-L70.log"


def by_time(name: str):
    return {round(e.seconds, 2): e for e in expected(name)}


def all_epochs_seen(name: str):
    wanted = set(by_time(name))
    return lambda c: wanted <= {round(seconds_of(f), 2) for f in list(c.fixes) if f.time is not None}


def check_against_log(fixes, name: str) -> None:
    epochs = by_time(name)
    timed = [f for f in fixes if f.time is not None]
    assert timed
    for fix in timed:
        assert_matches(fix, epochs[round(seconds_of(fix), 2)])


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    with socket.socket(socket.AF_INET, kind) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- a log file -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["quectel-L70", "polarx2", "nmea-rtk", "neo-m8n"])
def test_a_log_file_replayed_as_fast_as_possible_delivers_every_epoch_then_finishes(name, running):
    got = Collector()
    source = running(FileSource(LOGS / f"{name}.log", got.on_fix, got.on_status, speed=None))
    assert got.wait(lambda c: "finished" in c.states, timeout=20)
    assert got.states == ["connecting", "connected", "fix", "finished"]
    epochs = expected(name)
    assert len(got.fixes) == len(epochs)
    for fix, epoch in zip(got.fixes, epochs, strict=True):
        assert_matches(fix, epoch)
    source.join(5)
    assert not source.running


def test_a_timed_replay_keeps_the_recorded_pace(running):
    got, arrived = Collector(), []

    def on_fix(fix):
        arrived.append(time.monotonic())
        got.on_fix(fix)

    running(FileSource(LOGS / "polarx2.log", on_fix, got.on_status, speed=4.0))  # epochs 1 s apart -> 0.25 s
    assert got.wait(lambda c: "finished" in c.states, timeout=20)
    # the first epoch closes only when the second begins (its end is not learned yet), then one per 0.25 s
    gaps = [b - a for a, b in itertools.pairwise(arrived[1:])]
    assert len(arrived) == 5 and all(gap >= 0.2 for gap in gaps), gaps


def test_a_looping_replay_starts_again_and_stops_when_asked(running):
    got = Collector()
    source = running(FileSource(QUECTEL, got.on_fix, got.on_status, speed=None, loop=True))
    assert got.wait(lambda c: len(c.fixes) >= 40)
    source.stop()
    assert not source.running and got.states[-1] == "stopped" and "finished" not in got.states


def test_a_failing_callback_does_not_silence_the_receiver(running):
    got = Collector()

    def fragile(fix):
        got.on_fix(fix)
        if len(got.fixes) == 1:
            raise RuntimeError("a consumer's bug")

    running(FileSource(QUECTEL, fragile, got.on_status, speed=None))
    assert got.wait(lambda c: "finished" in c.states)
    assert len(got.fixes) == 16


# -- TCP ------------------------------------------------------------------------------------------------------------
def test_tcp_from_a_receiver_on_127_0_0_1(running):
    with ReplayServer(QUECTEL, speed=None) as server:
        got = Collector()
        running(parse_source(f"tcp://127.0.0.1:{server.port}").open(got.on_fix, got.on_status, backoff=FAST))
        assert got.wait(lambda c: len(c.fixes) >= 16)
    first_pass = got.fixes[:16]
    for fix, epoch in zip(first_pass, expected("quectel-L70"), strict=True):
        assert_matches(fix, epoch)


def test_tcp_server_gone_is_a_state_then_a_reconnect(running):
    port = free_port()
    server = ReplayServer(QUECTEL, port=port, speed=20, loop=True).start()
    got = Collector()
    source = running(TcpSource("127.0.0.1", port, got.on_fix, got.on_status, backoff=FAST))
    assert got.wait(lambda c: len(c.fixes) >= 3)
    server.stop()
    assert got.wait(lambda c: "disconnected" in c.states)
    lost = next(s for s in got.statuses if s.state is SourceState.DISCONNECTED)
    assert lost.retry_in_s is not None and lost.detail  # the reason, and when the next try is
    assert got.wait(lambda c: c.states.count("disconnected") >= 2)  # still trying; the thread lives
    assert source.running
    before = len(got.fixes)
    with ReplayServer(QUECTEL, port=port, speed=None):
        assert got.wait(lambda c: len(c.fixes) >= before + 16)
    check_against_log(got.fixes, "quectel-L70")
    assert "fix" in got.states[got.states.index("disconnected") :]


def test_nothing_listening_is_disconnected_with_a_growing_pause(running):
    got = Collector()
    running(TcpSource("127.0.0.1", free_port(), got.on_fix, got.on_status, backoff=FAST))
    assert got.wait(lambda c: c.states.count("disconnected") >= 4)
    delays = [s.retry_in_s for s in got.statuses if s.state is SourceState.DISCONNECTED][:4]
    assert delays == [0.05, 0.1, 0.2, 0.2]
    assert not got.fixes and "connected" not in got.states


# -- UDP ------------------------------------------------------------------------------------------------------------
def test_udp_datagrams_to_a_local_port(running):
    port = free_port(socket.SOCK_DGRAM)
    got = Collector()
    running(UdpSource("127.0.0.1", port, got.on_fix, got.on_status, backoff=FAST))
    stop = threading.Event()
    sender = threading.Thread(target=lambda: _keep_sending(port, stop), daemon=True)
    sender.start()
    try:
        assert got.wait(all_epochs_seen("quectel-L70"))
    finally:
        stop.set()
        sender.join(5)
    check_against_log(got.fixes, "quectel-L70")


def _keep_sending(port: int, stop: threading.Event) -> None:
    while not stop.is_set():
        send_udp(QUECTEL, "127.0.0.1", port, speed=None, stop=stop)
        time.sleep(0.05)


# -- serial, through a pseudo-terminal ------------------------------------------------------------------------------
class FakeReceiver:
    """A pseudo-terminal whose far end writes a log over and over, as a receiver on a serial port would."""

    def __init__(self, path: Path, line_delay: float = 0.002) -> None:
        self.master, self.slave = pty.openpty()
        self.port = os.ttyname(self.slave)
        self.lines = [(line + "\r\n").encode() for line in log_lines(path)]
        self.delay = line_delay
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._write, daemon=True)

    def _write(self) -> None:
        while not self.stop.is_set():
            for line in self.lines:
                if self.stop.is_set():
                    return
                try:
                    os.write(self.master, line)
                except OSError:
                    return
                time.sleep(self.delay)

    def __enter__(self) -> FakeReceiver:
        self.thread.start()
        return self

    def unplug(self) -> None:
        self.stop.set()
        self.thread.join(5)
        for fd in (self.master, self.slave):
            with contextlib.suppress(OSError):
                os.close(fd)

    def __exit__(self, *exc: object) -> None:
        self.unplug()


def test_serial_receiver_on_a_pty_with_its_speed_detected(running):
    with FakeReceiver(QUECTEL) as receiver:
        assert detect_baud(receiver.port) == 4800  # a pty takes any speed: the first usual one answers
        got = Collector()
        source = running(parse_source(f"serial://{receiver.port}").open(got.on_fix, got.on_status, backoff=FAST))
        assert isinstance(source, SerialSource) and source.baud is None
        assert got.wait(all_epochs_seen("quectel-L70"))
        assert source.detected_baud == 4800
    check_against_log(got.fixes, "quectel-L70")


def test_serial_receiver_at_a_chosen_speed_then_unplugged(running):
    receiver = FakeReceiver(LOGS / "neo-m8n.log").__enter__()
    got = Collector()
    source = running(SerialSource(receiver.port, 9600, got.on_fix, got.on_status, backoff=FAST))
    assert got.wait(lambda c: len(c.fixes) >= 10)
    check_against_log([f for f in got.fixes if f.time and f.time.year == 2015], "neo-m8n")
    receiver.unplug()
    assert got.wait(lambda c: c.states.count("disconnected") >= 2)
    assert source.running  # trying again, not crashed
    source.stop()
    assert not source.running


def test_no_receiver_at_any_speed_is_a_clear_state(running, tmp_path):
    master, slave = pty.openpty()  # a port that stays silent
    try:
        got = Collector()
        source = SerialSource(os.ttyname(slave), None, got.on_fix, got.on_status, backoff=FAST, listen_s=0.2)
        source_detect = detect_baud(os.ttyname(slave), candidates=(4800, 9600), listen_s=0.3)
        assert source_detect is None
        running(source)
        assert got.wait(lambda c: "disconnected" in c.states, timeout=40)
        assert "no NMEA" in next(s.detail for s in got.statuses if s.state is SourceState.DISCONNECTED)
    finally:
        os.close(master)
        os.close(slave)


# -- gpsd, fed by gpsfake -------------------------------------------------------------------------------------------
GPSFAKE = shutil.which("gpsfake")
needs_gpsfake = pytest.mark.skipif(
    GPSFAKE is None or shutil.which("gpsd", path=os.environ.get("PATH", "") + ":/usr/sbin") is None,
    reason="gpsd and gpsfake are not installed (Debian packages gpsd and gpsd-clients; .ci/run installs them)",
)


class GpsFake:
    """gpsd on its own port with gpsfake feeding it a log over and over (its own process group, killed whole)."""

    def __init__(self, log: Path, port: int) -> None:
        self.log, self.port = log, port
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> GpsFake:
        # gpsfake adds its pseudo-terminal through gpsd's control socket as soon as the socket file
        # exists, and gives up silently when gpsd is not listening on it yet (seen under load): that
        # gpsd then serves no receiver at all. Started again until gpsd reports the receiver.
        for _ in range(5):
            self.process = subprocess.Popen(
                [str(GPSFAKE), "-q", "-P", str(self.port), "-c", "0.02", str(self.log)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            if _gpsd_reports_a_receiver(self.port, seconds=20):
                return self
            self.stop()
        pytest.fail("gpsd under gpsfake did not start with its receiver")

    def stop(self) -> None:
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
            self.process = None
        _wait_port_free(self.port)


def _gpsd_reports_a_receiver(port: int, seconds: float) -> bool:
    """Whether gpsd on ``port`` answers a WATCH with a receiver (a DEVICE or its data) within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as client:
                client.sendall(b'?WATCH={"enable":true,"json":true}\n')
                heard = b""
                while time.monotonic() < deadline and b'"class":"TPV"' not in heard:
                    chunk = client.recv(65536)
                    if not chunk:
                        break
                    heard += chunk
                if b'"class":"TPV"' in heard:
                    return True
        except OSError:  # not listening yet, or quiet for half a second: gpsd without a receiver
            time.sleep(0.1)
    return False


def _wait_port_free(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        except OSError:
            return
        time.sleep(0.1)


@needs_gpsfake
def test_gpsd_fed_by_gpsfake_gives_the_logged_positions_and_gst_errors(running):
    fake = GpsFake(QUECTEL, free_port()).start()
    try:
        got = Collector()
        running(parse_source(f"gpsd://127.0.0.1:{fake.port}").open(got.on_fix, got.on_status, backoff=FAST))
        assert got.wait(all_epochs_seen("quectel-L70"), timeout=60)
    finally:
        fake.stop()
    check_against_log(got.fixes, "quectel-L70")
    # gpsd reports GST after the TPV of its epoch: the first fix goes out with what gpsd said (no GST
    # yet); once that order is seen, each fix waits for its epoch's GST (values: check_against_log)
    timed = [f for f in got.fixes if f.time is not None]
    assert len(timed) >= 16 and all(f.accuracy_basis is AccuracyBasis.GST for f in timed[1:])
    assert {f.satellites_used for f in got.fixes[-10:]} == {8}


@needs_gpsfake
def test_a_gpsd_restart_is_a_state_then_a_reconnect(running):
    port = free_port()
    fake = GpsFake(QUECTEL, port).start()
    got = Collector()
    source = running(parse_source(f"gpsd://127.0.0.1:{port}").open(got.on_fix, got.on_status, backoff=FAST))
    try:
        assert got.wait(lambda c: len(c.fixes) >= 3, timeout=60)
        fake.stop()
        assert got.wait(lambda c: "disconnected" in c.states, timeout=30)
        assert source.running
        before = len(got.fixes)
        fake.start()
        assert got.wait(lambda c: len(c.fixes) >= before + 5, timeout=60)
    finally:
        fake.stop()
    check_against_log(got.fixes, "quectel-L70")
    after = got.states[got.states.index("disconnected") :]
    assert after.count("connected") >= 1 and after.count("fix") >= 1


def test_a_transport_without_its_hook_fails_when_made():
    """``LineStream.lines``, ``ReceivedLines._receive`` and ``NmeaSource._stream`` are abstract: a
    transport that forgets to provide one is refused at construction, not on its first read in the field."""
    from baytak_desktop.gps.nmea_sources import NmeaSource
    from baytak_desktop.gps.streams import LineStream, ReceivedLines

    class Mute(LineStream):
        pass

    class Deaf(ReceivedLines):
        pass

    class Unwired(NmeaSource):
        pass

    with pytest.raises(TypeError, match="lines"):
        Mute()
    with pytest.raises(TypeError, match="_receive"):
        Deaf()
    with pytest.raises(TypeError, match="_stream"):
        Unwired("unwired")


class Gpsd:
    """gpsd with no receiver on its own port and control socket, as systemd starts it before a hotplug adds one."""

    def __init__(self) -> None:
        self.port = free_port()
        # a short folder of its own: a unix socket's path holds at most 107 bytes, less than pytest's tmp_path
        self.folder = tempfile.TemporaryDirectory(prefix="gpsd-")
        self.control = Path(self.folder.name) / "control.sock"
        gpsd = shutil.which("gpsd", path=os.environ.get("PATH", "") + ":/usr/sbin")
        assert gpsd is not None
        self.process = subprocess.Popen(
            [gpsd, "-N", "-b", "-S", str(self.port), "-F", str(self.control)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                if self.control.exists():
                    return
            time.sleep(0.05)
        self.stop()
        pytest.fail("gpsd did not start listening")

    def add_device(self, path: str) -> None:
        """What gpsdctl does when udev sees a receiver plugged in."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as control:
            control.connect(str(self.control))
            control.sendall(f"+{path}\r\n\x00".encode())
            assert control.recv(12).startswith(b"OK")

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(10)
        self.folder.cleanup()


@needs_gpsfake
def test_a_receiver_added_to_gpsd_after_the_app_connected_is_read(running):
    gpsd = Gpsd()
    got = Collector()
    try:
        running(parse_source(f"gpsd://127.0.0.1:{gpsd.port}").open(got.on_fix, got.on_status, backoff=FAST))
        assert got.wait(lambda c: "connected" in c.states, timeout=30)
        with FakeReceiver(QUECTEL) as receiver:
            os.chmod(receiver.port, 0o666)  # gpsd has dropped root: udev gives real receivers to its group
            gpsd.add_device(receiver.port)
            assert got.wait(lambda c: len(c.fixes) >= 3, timeout=30)
    finally:
        gpsd.stop()
    check_against_log(got.fixes, "quectel-L70")


@needs_gpsfake
def test_gpsd_with_no_receiver_is_asked_when_quiet_and_stays_connected(running):
    gpsd = Gpsd()
    got = Collector()
    try:
        running(GpsdSource("127.0.0.1", gpsd.port, got.on_fix, got.on_status, backoff=FAST, silence_s=0.3))
        assert got.wait(lambda c: "connected" in c.states, timeout=30)
        time.sleep(2.0)  # six quiet periods: each time asked, each time gpsd answers
    finally:
        gpsd.stop()
    before_stop = got.states[: got.states.index("disconnected")] if "disconnected" in got.states else got.states
    assert before_stop == ["connecting", "connected"]


class HungGpsd:
    """A server that greets as gpsd does, then never says anything again (hung, or half-open)."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.accepted = 0
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                connection, _ = self.server.accept()
                self.accepted += 1
                self.connections.append(connection)  # kept open, never read, never answered
                connection.sendall(b'{"class":"VERSION","release":"3.22","proto_major":3,"proto_minor":14}\r\n')

    def close(self) -> None:
        for connection in [*self.connections, self.server]:
            connection.close()


def test_a_gpsd_that_stops_answering_is_taken_as_lost_and_connected_again(running):
    hung = HungGpsd()
    got = Collector()
    try:
        running(GpsdSource("127.0.0.1", hung.port, got.on_fix, got.on_status, backoff=FAST, silence_s=0.3))
        assert got.wait(lambda c: hung.accepted >= 2, timeout=30)
    finally:
        hung.close()
    lost = next(s for s in got.statuses if s.state is SourceState.DISCONNECTED)
    assert "did not answer" in lost.detail
    assert got.states[:3] == ["connecting", "connected", "disconnected"]
