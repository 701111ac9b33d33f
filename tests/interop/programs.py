"""Other programs that open the store beside the app, for the sharing tests and the sharing benchmark.

- :class:`Qgis`: a real QGIS (Debian's python3-qgis, under the system Python) kept running, driven
  line by line (qgis_session.py), so QGIS can open, edit and close the store at any point of a test;
- ``ogr2ogr`` / ``ogrinfo``: GDAL's command-line tools (Debian's gdal-bin), appending and updating;
- :class:`SqliteShell`: the sqlite3 command-line shell holding a write transaction open, the way a
  person who typed BEGIN and went for tea does.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

SYSTEM_PYTHON = "/usr/bin/python3"
QGIS_SESSION = Path(__file__).with_name("qgis_session.py")
OGR2OGR = shutil.which("ogr2ogr")
OGRINFO = shutil.which("ogrinfo")
SQLITE3 = shutil.which("sqlite3")
ANSWER_TIMEOUT_S = 120
# GDAL's SQLite drivers give up at once on a lock another program holds ("database is locked");
# docs/guide/field-work.md tells people to let GDAL wait, as here (and in QGIS's GDAL options).
WAIT_FOR_LOCKS = ["--config", "OGR_SQLITE_PRAGMA", "busy_timeout=30000"]


def qgis_available() -> bool:
    if not os.path.exists(SYSTEM_PYTHON):
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True).returncode == 0


class _LineProcess:
    """A child process answering one JSON (or text) line per command, read on a thread with a timeout."""

    def __init__(self, command: list[str], env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put("")

    def send(self, text: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()

    def answer(self, timeout: float = ANSWER_TIMEOUT_S) -> str:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"{self.process.args[0]} did not answer within {timeout} s") from None
        if not line:
            stderr = self.process.stderr.read() if self.process.stderr else ""
            raise RuntimeError(f"{self.process.args} ended ({self.process.poll()}): {stderr[-2000:]}")
        return line

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                self.process.stdin.close()  # type: ignore[union-attr]
                self.process.wait(30)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait(10)


class Qgis(_LineProcess):
    """QGIS with the store at ``path``: ``qgis(op="add", layer="brick_factories", n=3)`` -> its answer."""

    def __init__(self, path: Path, wait_for_locks: bool = False) -> None:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        if wait_for_locks:  # as the guide advises: QGIS's GDAL waits for the app instead of failing
            env["OGR_SQLITE_PRAGMA"] = WAIT_FOR_LOCKS[-1]
        super().__init__([SYSTEM_PYTHON, str(QGIS_SESSION), str(path)], env=env)
        ready = json.loads(self.answer())
        assert ready.get("ready"), ready

    def __call__(self, **command: Any) -> dict[str, Any]:
        self.send(json.dumps(command))
        answer = json.loads(self.answer())
        if "exception" in answer:
            raise RuntimeError(f"QGIS failed {command}: {answer['exception']}")
        return answer

    def quit(self) -> None:
        if self.process.poll() is None:
            self.send(json.dumps({"op": "quit"}))
        self.stop()

    def __enter__(self) -> Qgis:
        return self

    def __exit__(self, *exc: object) -> None:
        self.quit()


class SqliteShell(_LineProcess):
    """The sqlite3 shell on the store; ``hold()`` begins a write transaction and keeps it open."""

    def __init__(self, path: Path) -> None:
        assert SQLITE3 is not None
        super().__init__([SQLITE3, "-batch", str(path)])

    def run(self, sql: str) -> str:
        self.send(f"{sql}\nSELECT 'done';")
        lines = []
        while (line := self.answer().strip()) != "done":
            lines.append(line)
        return "\n".join(lines)

    def hold(self) -> None:
        self.run("BEGIN IMMEDIATE;")

    def release(self) -> None:
        self.run("ROLLBACK;")

    def __enter__(self) -> SqliteShell:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def ogr2ogr_append(store: Path, source: Path, layer: str) -> subprocess.CompletedProcess[str]:
    """``ogr2ogr -append``: GDAL adds the source's features to the layer (its own transaction)."""
    assert OGR2OGR is not None
    return subprocess.run(
        [OGR2OGR, *WAIT_FOR_LOCKS, "-append", "-f", "GPKG", "-nln", layer, str(store), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def ogrinfo_sql(store: Path, sql: str) -> subprocess.CompletedProcess[str]:
    """``ogrinfo STORE -sql``: GDAL opens the store for update and runs one statement."""
    assert OGRINFO is not None
    return subprocess.run(
        [OGRINFO, *WAIT_FOR_LOCKS, "-q", str(store), "-sql", sql], capture_output=True, text=True, timeout=300
    )


def gdal_lost_a_race(done: subprocess.CompletedProcess[str]) -> bool:
    """GDAL begins a deferred transaction, reads, then writes: when another program commits in between,
    SQLite refuses the write at once ("database is locked", no waiting can help) and the GDAL command
    fails having changed nothing. Running it again is the remedy (the guide says so)."""
    return "database is locked" in done.stderr
