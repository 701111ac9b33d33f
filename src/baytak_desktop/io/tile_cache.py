"""Online XYZ tiles, fetched once and kept on disk, so a map seen in coverage still shows in the field.

The cache is a folder per source (named by a hash of the URL template, so two sources never mix) with
``z/x/y.tile`` files written atomically (a half-written tile is never read back). A fetch that fails is
remembered for a while, so an offline machine does not retry the same tile on every pan, and said in
our words (no network, refused, too slow, not found: library_failures.py) with the tile's address after. Nothing here
runs unless the user has set an XYZ source: the app needs no network to start or to view.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import time
from pathlib import Path

import httpx

from baytak_desktop.errors import TileSourceError
from baytak_desktop.i18n import Sentence
from baytak_desktop.library_failures import library_reason

USER_AGENT = "baytak-desktop (offline-first GIS; tiles cached on disk)"
RETRY_AFTER_S = 60.0
TIMEOUT_S = 10.0


def tile_url(template: str, z: int, x: int, y: int) -> str:
    """Fill ``{z}/{x}/{y}`` (and ``{-y}`` for TMS servers, ``{s}`` with subdomain a)."""
    return (
        template.replace("{z}", str(z))
        .replace("{x}", str(x))
        .replace("{-y}", str((1 << z) - 1 - y))
        .replace("{y}", str(y))
        .replace("{s}", "a")
    )


def check_template(template: str) -> None:
    if not template.startswith(("http://", "https://")) or "{z}" not in template or "{x}" not in template:
        raise TileSourceError(
            "The tile address {url} must start with http:// or https:// and contain {{z}}, {{x}} and {{y}}.",
            url=template,
        )


class TileCache:
    """Tiles of one URL template under ``folder``."""

    def __init__(self, folder: str | Path, template: str) -> None:
        self.template = template
        self.root = Path(folder) / hashlib.sha256(template.encode()).hexdigest()[:16]

    def path(self, z: int, x: int, y: int) -> Path:
        return self.root / str(z) / str(x) / f"{y}.tile"

    def get(self, z: int, x: int, y: int) -> bytes | None:
        try:
            return self.path(z, x, y).read_bytes()
        except OSError:
            return None

    def put(self, z: int, x: int, y: int, data: bytes) -> None:
        target = self.path(z, x, y)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)


class TileFetcher:
    """Cache first, then the network; thread-safe (one httpx client per thread)."""

    def __init__(self, cache: TileCache, timeout: float = TIMEOUT_S) -> None:
        self.cache = cache
        self.timeout = timeout
        self._failed: dict[tuple[int, int, int], float] = {}
        self._local = threading.local()
        self.errors: list[str] = []

    def _client(self) -> httpx.Client:
        client = getattr(self._local, "client", None)
        if client is None:
            client = httpx.Client(timeout=self.timeout, headers={"User-Agent": USER_AGENT}, follow_redirects=True)
            self._local.client = client
        return client

    def get(self, z: int, x: int, y: int) -> bytes | None:
        cached = self.cache.get(z, x, y)
        if cached is not None:
            return cached
        if time.monotonic() - self._failed.get((z, x, y), -RETRY_AFTER_S) < RETRY_AFTER_S:
            return None
        url = tile_url(self.cache.template, z, x, y)
        try:
            response = self._client().get(url)
            response.raise_for_status()
        except httpx.HTTPError as error:
            self._failed[(z, x, y)] = time.monotonic()
            self.errors.append(
                Sentence(
                    "A map tile could not be fetched: {reason}. Its address: {url}",
                    reason=library_reason(error),
                    url=url,
                )
            )
            del self.errors[:-20]
            return None
        self.cache.put(z, x, y, response.content)
        return response.content
