"""Sign-in tokens, kept outside the GeoPackage.

A GeoPackage gets copied, mailed and opened in QGIS; a token inside it would travel with it. Tokens
live in ``$XDG_CONFIG_HOME/baytak/credentials.json`` (``~/.config`` when unset), readable by the user
only (0600, folder 0700), one entry per server URL and store device, written atomically so that a
crash mid-write never leaves a half file.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

FILE_NAME = "credentials.json"


@dataclass(frozen=True)
class Credentials:
    server_url: str
    device_id: str
    token: str
    username: str
    expires_at: str | None = None
    role: str | None = None
    branch: str | None = None


def normalize_url(url: str) -> str:
    return url.strip().rstrip("/")


def config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "baytak"


def credentials_path() -> Path:
    return config_dir() / FILE_NAME


def _key(server_url: str, device_id: str) -> str:
    return f"{normalize_url(server_url)} {device_id}"


def _read_all(path: Path) -> dict[str, dict[str, Any]]:
    """The entries of the credentials file; a file edited into another shape counts as empty."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        return {}
    return {key: entry for key, entry in entries.items() if isinstance(entry, dict)}


def load(server_url: str, device_id: str, path: Path | None = None) -> Credentials | None:
    entry = _read_all(path or credentials_path()).get(_key(server_url, device_id))
    if not entry:
        return None
    known = set(Credentials.__dataclass_fields__)
    return Credentials(**{k: v for k, v in entry.items() if k in known})


def save(credentials: Credentials, path: Path | None = None) -> Path:
    """Add or replace the entry for this server and device; returns the file written."""
    path = path or credentials_path()
    entries = _read_all(path)
    entries[_key(credentials.server_url, credentials.device_id)] = asdict(credentials)
    _write(path, {"entries": entries})
    return path


def forget(server_url: str, device_id: str, path: Path | None = None) -> None:
    path = path or credentials_path()
    entries = _read_all(path)
    if entries.pop(_key(server_url, device_id), None) is not None:
        _write(path, {"entries": entries})


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor, temporary = tempfile.mkstemp(prefix=".credentials-", dir=path.parent)
    try:
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
