"""Server settings: each has a default and says why it is what it is.

Settings are data, passed to ``create_app(database_url, **settings)``; nothing is read from globals, so
two apps with different settings can run in one test process.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

from baytak_desktop.server.apierrors import ConfigError

SERVER_DIR_NAME = "baytak-server"
SQLITE_NAME = "server.sqlite"
GIB = 1024**3
MIB = 1024**2


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class ServerSettings:
    token_days: float = field(default=30, metadata={"help": "days a sign-in token stays valid"})
    max_json_bytes: int = field(
        default=64 * MIB,
        metadata={"help": "largest JSON request; a 20,000-change push of polygons fits with room to spare"},
    )
    max_chunk_bytes: int = field(
        default=16 * MIB,
        metadata={"help": "largest single blob chunk (the client sends 4 MiB); bigger files go in several chunks"},
    )
    max_blob_bytes: int = field(
        default=1 * GIB,
        metadata={"help": "largest attachment; a 2 GB upload is refused from its headers before a byte is read"},
    )
    login_max_failures: int = field(default=5, metadata={"help": "failed sign-ins of one name within the window"})
    login_window_seconds: int = field(default=900, metadata={"help": "the failed sign-in window, seconds"})
    scrypt_n: int = field(default=2**14, metadata={"help": "scrypt cost of a new password hash (a power of 2)"})
    partial_upload_hours: float = field(
        default=24,
        metadata={"help": "an attachment upload left unfinished this many hours is discarded (the app resumes sooner)"},
    )
    max_open_uploads: int = field(
        default=50,
        metadata={"help": "unfinished attachment uploads one account may have at a time"},
    )
    max_open_upload_bytes: int = field(
        default=4 * GIB,
        metadata={"help": "total size, in bytes, of the unfinished attachment uploads of one account"},
    )
    max_rejections_recorded: int = field(
        default=1_000,
        metadata={"help": "refused changes of one push kept for its author's other devices (the pushing one sees all)"},
    )
    max_refused_changes: int = field(
        default=100_000,
        metadata={"help": "refused changes one account may push within the window below; then its pushes wait"},
    )
    refused_window_seconds: int = field(default=3600, metadata={"help": "that window, in seconds"})
    write_wait_seconds: float = field(
        default=10,
        metadata={"help": "longest wait for the SQLite write lock before a request is answered 503, retry later"},
    )
    clock: Callable[[], dt.datetime] = field(
        default=utc_now, metadata={"help": "the server's clock (tests move it to expire tokens)"}
    )

    @classmethod
    def from_kwargs(cls, **settings: object) -> ServerSettings:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(settings) - known)
        if unknown:
            raise ConfigError(
                "Unknown server setting(s) {names}; known: {known}.",
                names=", ".join(unknown),
                known=", ".join(sorted(known)),
            )
        return cls(**settings)  # type: ignore[arg-type]

    def now_text(self) -> str:
        """The server's time as ISO 8601 UTC text with milliseconds, as the store writes times."""
        return iso(self.clock())


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"


def parse_iso(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def default_data_dir() -> Path:
    """The user data directory + ``baytak-server`` (XDG on Linux, AppData on Windows, macOS's own)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / SERVER_DIR_NAME


def database_url(data_dir: Path | None, url: str | None) -> str:
    """``--database-url`` when given, else the SQLite file in the data directory."""
    if url:
        return url
    directory = (data_dir or default_data_dir()).expanduser().resolve()
    return f"sqlite:///{directory / SQLITE_NAME}"
