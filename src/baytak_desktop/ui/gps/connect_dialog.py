"""GPS › Connect…: choose where positions come from; the choice is a source line (``gps.spec``).

One page per kind of source: gpsd (host and port), a serial receiver (port and speed, or "detect"), a
phone sharing NMEA over TCP (address and port) or UDP (this computer's port), and a recorded NMEA log
(replayed at its pace, faster, or looped). The line is checked by ``gps.parse_source`` before the dialog
closes, so a typo is a one-line message here, not a thread that fails later. Each kind's last line is
remembered (``gps/gpsd``, ``gps/serial``, ...) and the kind chosen last opens first (``gps/source``).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop.errors import BaytakError
from baytak_desktop.gps import SourceKind, SourceSpec, parse_source
from baytak_desktop.gps.gpsd import DEFAULT_PORT
from baytak_desktop.gps.spec import BAUDS, DEFAULT_UDP_PORT
from baytak_desktop.ui import settings as saved
from baytak_desktop.ui.messages import message_of

KINDS = (SourceKind.GPSD, SourceKind.SERIAL, SourceKind.TCP, SourceKind.UDP, SourceKind.FILE)
SPEEDS = (1.0, 10.0, None)  # None: as fast as it reads


class GpsConnectDialog(QDialog):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gps_connect_dialog")
        self.settings = settings
        self.spec: SourceSpec | None = None
        self.kind = QComboBox()
        self.kind.setObjectName("gps_kind")
        self.pages = QStackedWidget()
        self._build_pages()
        self.error = QLabel()
        self.error.setObjectName("gps_connect_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.kind_label = QLabel()
        layout.addWidget(self.kind_label)
        layout.addWidget(self.kind)
        layout.addWidget(self.pages)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for kind in KINDS:
            self.kind.addItem("", kind.value)
        self.kind.currentIndexChanged.connect(self.pages.setCurrentIndex)
        self.kind.currentIndexChanged.connect(lambda index: self.error.clear())
        self.retranslate()
        self._restore()

    # -- pages ---------------------------------------------------------------------------------------
    def _build_pages(self) -> None:
        self.gpsd_host, self.gpsd_port = QLineEdit("127.0.0.1"), _port(DEFAULT_PORT)
        self.serial_port, self.serial_baud = QComboBox(), QComboBox()
        self.serial_port.setEditable(True)
        self.serial_baud.addItem("", None)
        for baud in BAUDS:
            self.serial_baud.addItem(str(baud), baud)
        self.tcp_host, self.tcp_port = QLineEdit(), _port(11123)
        self.udp_port = _port(DEFAULT_UDP_PORT)
        self.file_path, self.file_speed, self.file_loop = QLineEdit(), QComboBox(), QCheckBox()
        for speed in SPEEDS:
            self.file_speed.addItem("", speed)
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.forms: list[QFormLayout] = []
        self._labels: list[tuple[QLabel, str]] = []
        pages: list[list[tuple[str, QWidget]]] = [
            [("Host:", self.gpsd_host), ("Port:", self.gpsd_port)],
            [("Port:", self.serial_port), ("Speed (baud):", self.serial_baud)],
            [("Address of the phone:", self.tcp_host), ("Port:", self.tcp_port)],
            [("Port on this computer:", self.udp_port)],
            [("NMEA log:", _row(self.file_path, self.browse)), ("Replay:", self.file_speed), ("", self.file_loop)],
        ]
        for rows in pages:
            page = QWidget()
            form = QFormLayout(page)
            for text, widget in rows:
                label = QLabel()
                self._labels.append((label, text))
                form.addRow(label, widget)
            self.pages.addWidget(page)
        for name, widget in (
            ("gps_gpsd_host", self.gpsd_host),
            ("gps_gpsd_port", self.gpsd_port),
            ("gps_serial_port", self.serial_port),
            ("gps_serial_baud", self.serial_baud),
            ("gps_tcp_host", self.tcp_host),
            ("gps_tcp_port", self.tcp_port),
            ("gps_udp_port", self.udp_port),
            ("gps_file_path", self.file_path),
            ("gps_file_speed", self.file_speed),
            ("gps_file_loop", self.file_loop),
        ):
            widget.setObjectName(name)

    def _label_text(self, key: str) -> str:
        texts = {
            "Host:": self.tr("Host:"),
            "Port:": self.tr("Port:"),
            "Speed (baud):": self.tr("Speed (baud):"),
            "Address of the phone:": self.tr("Address of the phone:"),
            "Port on this computer:": self.tr("Port on this computer:"),
            "NMEA log:": self.tr("NMEA log:"),
            "Replay:": self.tr("Replay:"),
            "": "",
        }
        return texts[key]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Connect to a GPS receiver"))
        self.kind_label.setText(self.tr("Where do positions come from?"))
        names = {
            SourceKind.GPSD: self.tr("gpsd (the GPS service of this or another computer)"),
            SourceKind.SERIAL: self.tr("USB or Bluetooth receiver (serial port)"),
            SourceKind.TCP: self.tr("Phone sharing its GPS over the network (TCP)"),
            SourceKind.UDP: self.tr("Phone sending its GPS to this computer (UDP)"),
            SourceKind.FILE: self.tr("Recorded NMEA log (replay)"),
        }
        for index, kind in enumerate(KINDS):
            self.kind.setItemText(index, names[kind])
        for label, key in self._labels:
            label.setText(self._label_text(key))
        self.serial_baud.setItemText(0, self.tr("Detect"))
        speeds = [self.tr("As recorded"), self.tr("10 times faster"), self.tr("As fast as possible")]
        for index, text in enumerate(speeds):
            self.file_speed.setItemText(index, text)
        self.file_loop.setText(self.tr("Start again at the end"))
        self.browse.setText(self.tr("Browse…"))
        self.tcp_host.setPlaceholderText("192.168.43.1")
        editor = self.serial_port.lineEdit()
        if editor is not None:
            editor.setPlaceholderText("/dev/ttyUSB0, COM3")

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose an NMEA log"),
            self.file_path.text(),
            self.tr("NMEA logs (*.nmea *.log *.txt);;All files (*)"),
        )
        if name:
            self.file_path.setText(name)

    # -- the line ----------------------------------------------------------------------------------------
    def source_line(self) -> str:
        """The source line the chosen page describes (not yet checked)."""
        kind = KINDS[self.kind.currentIndex()]
        if kind is SourceKind.GPSD:
            return f"gpsd://{self.gpsd_host.text().strip() or '127.0.0.1'}:{self.gpsd_port.value()}"
        if kind is SourceKind.SERIAL:
            baud = self.serial_baud.currentData()
            return f"serial://{self.serial_port.currentText().strip()}" + (f"?baud={baud}" if baud else "")
        if kind is SourceKind.TCP:
            return f"tcp://{self.tcp_host.text().strip()}:{self.tcp_port.value()}"
        if kind is SourceKind.UDP:
            return f"udp://0.0.0.0:{self.udp_port.value()}"
        path = self.file_path.text().strip()
        if not path:
            return ""
        return str(
            SourceSpec(SourceKind.FILE, path=path, speed=self.file_speed.currentData(), loop=self.file_loop.isChecked())
        )

    def accept(self) -> None:
        try:
            spec = parse_source(self.source_line())
        except BaytakError as error:
            self.error.setText(message_of(error))
            return
        self.spec = spec
        self.settings.setValue("gps/source", str(spec))
        self.settings.setValue(f"gps/{spec.kind.value}", str(spec))
        super().accept()

    def _restore(self) -> None:
        """Each page from its kind's last line; the kind used last is shown."""
        self._fill_serial_ports()
        for kind in KINDS:
            line = saved.read(self.settings, f"gps/{kind.value}")
            spec = _parsed(line)
            if spec is not None:
                self._show(spec)
        current = _parsed(saved.read(self.settings, "gps/source"))
        if current is not None:
            self._show(current)
        kind = current.kind if current is not None else SourceKind.GPSD
        self.kind.setCurrentIndex(KINDS.index(kind))
        self.pages.setCurrentIndex(KINDS.index(kind))

    def _show(self, spec: SourceSpec) -> None:
        if spec.kind is SourceKind.GPSD:
            self.gpsd_host.setText(spec.host)
            self.gpsd_port.setValue(spec.port)
        elif spec.kind is SourceKind.SERIAL:
            self.serial_port.setCurrentText(spec.path)
            self.serial_baud.setCurrentIndex(max(0, self.serial_baud.findData(spec.baud)) if spec.baud else 0)
        elif spec.kind is SourceKind.TCP:
            self.tcp_host.setText(spec.host)
            self.tcp_port.setValue(spec.port)
        elif spec.kind is SourceKind.UDP:
            self.udp_port.setValue(spec.port)
        else:
            self.file_path.setText(spec.path)
            self.file_speed.setCurrentIndex(SPEEDS.index(spec.speed) if spec.speed in SPEEDS else 0)
            self.file_loop.setChecked(spec.loop)

    def _fill_serial_ports(self) -> None:
        try:
            from serial.tools import list_ports

            ports = sorted(port.device for port in list_ports.comports())
        except Exception:  # no serial support on this system: the port is typed
            ports = []
        self.serial_port.addItems(ports)


def _parsed(line: str) -> SourceSpec | None:
    """A remembered line, or None when it no longer parses (a log file since deleted)."""
    if not line:
        return None
    try:
        return parse_source(line)
    except BaytakError:
        return None


def _port(value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, 65535)
    box.setValue(value)
    return box


def _row(*widgets: QWidget) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return row
