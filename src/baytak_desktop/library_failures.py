"""The common failures of SQLite, the system, httpx and PROJ, said in our own words.

A library explains in English: "file is not a database", "database is locked", "disk I/O error",
"[Errno 111] Connection refused". Put into a message's ``{reason}`` as it is, that text stayed English
inside a Kazakh or Russian sentence, and said nothing of what to do. As gdal_failures.py does for GDAL,
the common failures are recognised here and become a :class:`~baytak_desktop.i18n.Sentence` of ours
(collected and translated like every domain message), the library's text after ours only as a detail,
for whoever helps. The front ends translate a ``Sentence`` found among a message's parameters
(i18n.error_text, ui.messages.message_of), so the reason reads in the language of the sentence around it.

A failure not recognised keeps the library's text: better an English detail than none. The libraries
are recognised by their exceptions' names, so a module that only opens a store imports neither httpx
nor pyproj for it.
"""

from __future__ import annotations

import errno
import re

from baytak_desktop.i18n import Sentence

# (what SQLite says, our words): the first that matches wins. SQLite words "busy" as "locked".
_SQLITE: tuple[tuple[re.Pattern[str], Sentence], ...] = (
    (
        re.compile(r"file is not a database|file is encrypted", re.I),
        Sentence("it is not an SQLite database (or it is encrypted or damaged)"),
    ),
    (
        re.compile(r"database (table )?is locked|database is busy", re.I),
        Sentence("another program is writing to it; close it there (or wait for it), then try again"),
    ),
    (
        re.compile(r"disk I/O error", re.I),
        Sentence(
            "the disk or network folder it is on failed while reading or writing it; check that it is still "
            "connected, then try again"
        ),
    ),
    (
        re.compile(r"readonly database|read-only", re.I),
        Sentence("the file or its folder is read-only; copy it somewhere you may write, or ask for write access"),
    ),
    (
        re.compile(r"malformed|corrupt", re.I),
        Sentence("it is damaged (a copy or download that did not finish?); copy it again or restore a backup"),
    ),
    (re.compile(r"database or disk is full", re.I), Sentence("the disk is full; free some space, then try again")),
    (
        re.compile(r"unable to open database file", re.I),
        Sentence("it cannot be opened: its folder is missing, or you have no permission to read it"),
    ),
)
_SYSTEM: dict[int, Sentence] = {
    errno.ENOENT: Sentence("the file or folder was not found; check that it is still where it was"),
    errno.EACCES: Sentence("you have no permission for it; ask whoever shared it for access"),
    errno.EPERM: Sentence("you have no permission for it; ask whoever shared it for access"),
    errno.ENOSPC: Sentence("the disk is full; free some space, then try again"),
    errno.EROFS: Sentence("the disk it is on is read-only; copy it somewhere you may write"),
    errno.EISDIR: Sentence("it is a folder, not a file"),
    errno.EIO: Sentence(
        "the disk or network folder it is on failed while reading or writing it; check that it is still "
        "connected, then try again"
    ),
}
_OFFLINE = re.compile(
    r"Name or service not known|name resolution|nodename nor servname|getaddrinfo|No address associated|"
    r"Network is unreachable|No route to host",
    re.I,
)
_REFUSED = re.compile(r"Connection refused|actively refused", re.I)


def library_reason(error: BaseException) -> str:
    """Why ``error`` happened, in our words with the library's text as a detail when the failure is a
    common one (a translatable ``Sentence``), else the library's text as it is."""
    response = getattr(error, "response", None) if type(error).__name__ == "HTTPStatusError" else None
    detail = (
        f"{response.status_code} {response.reason_phrase}" if response is not None else " ".join(str(error).split())
    )
    ours = _ours(error, detail)
    if ours is None:
        return detail
    return Sentence("{reason} ({library}: {detail})", reason=ours, library=_library(error), detail=detail)


def _ours(error: BaseException, detail: str) -> Sentence | None:
    names = {cls.__name__ for cls in type(error).__mro__}
    module = type(error).__module__.split(".")[0]
    if module == "sqlite3":
        return next((said for pattern, said in _SQLITE if pattern.search(detail)), None)
    if module == "httpx":
        return _network(error, names, detail)
    if "CRSError" in names and module in ("pyproj", "rasterio", "pyogrio"):
        return Sentence(
            "the coordinate system is not one PROJ knows; use a standard one, such as EPSG:4326 or a UTM zone"
        )
    if isinstance(error, OSError) and error.errno is not None:
        return _SYSTEM.get(error.errno)
    return None


def _network(error: BaseException, names: set[str], detail: str) -> Sentence | None:
    """httpx's failures: no network, refused, too slow, cut short, or an HTTP status that is not success."""
    if "HTTPStatusError" in names:
        return _status(getattr(getattr(error, "response", None), "status_code", 0))
    if "TimeoutException" in names:
        return Sentence("the server did not answer in time (a slow or broken connection?); try again later")
    if _OFFLINE.search(detail):
        return Sentence("there is no network, or the server's name is mistyped")
    if _REFUSED.search(detail):
        return Sentence("the server refused the connection: it is not running there, or the address or port is wrong")
    if "RemoteProtocolError" in names or "ReadError" in names:
        return Sentence("the server closed the connection before it answered; try again later")
    return None


def _status(status: int) -> Sentence | None:
    """An HTTP status that is not success, in words."""
    if status == 404:
        return Sentence("the server has no such page (HTTP {status})", status=status)
    if status in (401, 403):
        return Sentence("the server refused access (HTTP {status})", status=status)
    if status == 429:
        return Sentence("the server is busy and asked to wait (HTTP {status})", status=status)
    if 500 <= status <= 599:
        return Sentence("the server failed to answer (HTTP {status}); try again later", status=status)
    if 400 <= status <= 499:
        return Sentence("the server refused the request (HTTP {status})", status=status)
    return None


def _library(error: BaseException) -> str:
    module = type(error).__module__.split(".")[0]
    return {"sqlite3": "SQLite", "httpx": "HTTP", "pyproj": "PROJ", "rasterio": "GDAL", "pyogrio": "GDAL"}.get(
        module, "OS" if isinstance(error, OSError) else module
    )
