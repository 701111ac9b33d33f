"""Which other programs have the store open, and which of them holds its lock.

When a write has to wait, the person should read "waiting for QGIS", not "database is locked". On
Linux the kernel says it all: ``/proc/locks`` lists every POSIX lock with the process and the file's
inode (SQLite locks fixed bytes of the database file, and of the ``-shm`` file in WAL mode), and
``/proc/<pid>/fd`` links name the files a process has open. Elsewhere nothing is found and the
messages say "another program".

Only ``os.stat`` and ``/proc`` are read here, never the store itself: opening and closing the store's
file in this process would drop the POSIX locks of this process's own SQLite connections (see
``connection.check_is_geopackage``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from baytak_desktop.i18n import Sentence

PROC = Path("/proc")
# SQLite's lock bytes in the database file (os_unix.c) and in the -shm file of WAL mode (wal.c).
PENDING_BYTE = 0x40000000
RESERVED_BYTE = PENDING_BYTE + 1
SHARED_FIRST = PENDING_BYTE + 2
WAL_WRITE_LOCK = 120
SUFFIXES = ("", "-wal", "-shm", "-journal")
# Process names as the person knows the program.
KNOWN_PROGRAMS = {"qgis": "QGIS", "qgis.bin": "QGIS", "qgis-bin": "QGIS", "qgis_process": "QGIS"}


@dataclass(frozen=True)
class Holder:
    """Another process that has the store open: ``writing`` when it holds the write lock now."""

    pid: int
    program: str
    writing: bool = False
    reading: bool = False

    def __str__(self) -> str:
        return str(self.named())

    def named(self) -> Sentence:
        """ "QGIS (process 4242)", kept as a sentence so that each front end says it in its language."""
        return Sentence("{program} (process {pid})", program=self.program, pid=self.pid)


def holders(path: str | Path, *, idle: bool = True) -> list[Holder]:
    """Other processes with the store or its journal files open, the one holding the write lock first.

    ``idle=False`` looks only at the locks (/proc/locks, cheap: what a waiting write needs to name the
    program every slice); with idle processes too, every process's open files are listed (tens of ms).
    """
    path = Path(path)
    inodes = _inodes(path)
    if not inodes or not PROC.is_dir():
        return []
    own = os.getpid()
    locks = _locks(inodes)
    pids = (set(locks) | (_opened_by(path) if idle else set())) - {own}
    found = [
        Holder(pid, program_name(pid), writing="write" in locks.get(pid, ()), reading="read" in locks.get(pid, ()))
        for pid in sorted(pids)
    ]
    return sorted(found, key=lambda h: (not h.writing, not h.reading, h.pid))


def others_have_it_open(path: str | Path) -> bool:
    """Whether another process has the store open (False where /proc cannot tell)."""
    return bool(holders(path))


def describe(found: list[Holder]) -> str:
    """ "QGIS (process 4242)", or "QGIS (process 4242) and ogr2ogr (process 77)" (the first three);
    empty when unknown. A ``Sentence``: the command line and the window say it in their language
    ("QGIS (4242 процесі)"), and a message that names it is translated whole."""
    names = [h.named() for h in found[:3]]
    if len(names) < 2:
        return names[0] if names else ""
    if len(names) == 2:
        return Sentence("{first} and {second}", first=names[0], second=names[1])
    return Sentence("{first}, {second} and {third}", first=names[0], second=names[1], third=names[2])


def program_name(pid: int) -> str:
    """The program's name as a person knows it: a Python process running QGIS's libraries is QGIS."""
    try:
        comm = (PROC / str(pid) / "comm").read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return Sentence("process {pid}", pid=pid)
    if comm in KNOWN_PROGRAMS:
        return KNOWN_PROGRAMS[comm]
    if _maps_library(pid, "libqgis_core"):
        return "QGIS"
    return comm


def _maps_library(pid: int, name: str) -> bool:
    try:
        with (PROC / str(pid) / "maps").open(encoding="utf-8", errors="replace") as maps:
            return any(name in line for line in maps)
    except OSError:
        return False


def _inodes(path: Path) -> dict[int, str]:
    """inode -> "db" or "shm" for the store and its -shm file (the files SQLite locks)."""
    found = {}
    for suffix, kind in (("", "db"), ("-shm", "shm")):
        try:
            found[os.stat(f"{path}{suffix}").st_ino] = kind
        except OSError:
            continue
    return found


def _locks(inodes: dict[int, str]) -> dict[int, set[str]]:
    """pid -> {"write", "read"} from /proc/locks, for the store's inodes (waiters, "->", are skipped)."""
    found: dict[int, set[str]] = {}
    for pid, kind, inode, start in _lock_lines():
        role = inodes.get(inode)
        if role is None:
            continue
        if role == "db":
            what = "write" if kind == "WRITE" else ("read" if start >= SHARED_FIRST else "")
        else:
            what = "write" if kind == "WRITE" and start == WAL_WRITE_LOCK else ""
        if what:
            found.setdefault(pid, set()).add(what)
    return found


def _lock_lines() -> Iterator[tuple[int, str, int, int]]:
    """(pid, READ|WRITE, inode, first byte) of each POSIX lock the kernel lists."""
    try:
        text = (PROC / "locks").read_text(encoding="ascii", errors="replace")
    except OSError:
        return
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 8 or parts[1] == "->" or parts[1] != "POSIX":
            continue
        try:
            pid, inode, start = int(parts[4]), int(parts[5].rsplit(":", 1)[1]), int(parts[6])
        except (ValueError, IndexError):
            continue
        yield pid, parts[3], inode, start


def _opened_by(path: Path) -> set[int]:
    """Processes with an fd on the store or its journal files (only those whose /proc we may read)."""
    try:
        targets = {os.path.realpath(f"{path}{suffix}") for suffix in SUFFIXES}
    except OSError:
        return set()
    found = set()
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fds = list((entry / "fd").iterdir())
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(fd) in targets:
                    found.add(int(entry.name))
                    break
            except OSError:
                continue
    return found
