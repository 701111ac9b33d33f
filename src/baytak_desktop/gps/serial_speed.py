"""Finding the speed (baud rate) of a serial receiver by listening at each usual one.

Receivers send NMEA unasked, typically at 4800 (the NMEA 0183 standard) or 9600 baud; others use
38400 or 115200. At the wrong speed the bytes are garbage, so no sentence passes its checksum; at the
right one, sentences with valid checksums arrive within a second or two. USB receivers that present a
CDC-ACM port (and pseudo-terminals) ignore the speed: the first one tried works.
"""

from __future__ import annotations

import threading
import time

from baytak_desktop.gps.nmea import parse_sentence

USUAL_BAUDS = (4800, 9600, 38400, 115200, 19200, 57600)
LISTEN_S = 2.5
NEEDED_SENTENCES = 2


def detect_baud(
    port: str,
    *,
    candidates: tuple[int, ...] = USUAL_BAUDS,
    prefer: int | None = None,
    listen_s: float = LISTEN_S,
    stop: threading.Event | None = None,
) -> int | None:
    """The first speed at which ``port`` gives valid NMEA sentences, or None (``prefer`` is tried first)."""
    order = ([prefer] if prefer else []) + [b for b in candidates if b != prefer]
    for baud in order:
        if stop is not None and stop.is_set():
            return None
        if _speaks_nmea(port, baud, listen_s, stop):
            return baud
    return None


def _speaks_nmea(port: str, baud: int, listen_s: float, stop: threading.Event | None) -> bool:
    import serial  # pyserial

    with serial.serial_for_url(port, baudrate=baud, timeout=0.2) as device:
        device.reset_input_buffer()
        valid, deadline, buffer = 0, time.monotonic() + listen_s, b""
        while time.monotonic() < deadline and not (stop is not None and stop.is_set()):
            buffer += device.read(max(1, min(device.in_waiting, 1024)))
            *lines, buffer = buffer.split(b"\n")
            valid += sum(parse_sentence(raw.decode("ascii", errors="replace")) is not None for raw in lines)
            if valid >= NEEDED_SENTENCES:
                return True
            buffer = buffer[-512:]
    return False
