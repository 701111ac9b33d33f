"""A library's reason inside a translated sentence is said in our words too (library_failures.py).

Every failure here is a real one: a file that is not a database, a database another connection holds
locked, a database opened read-only and written, a refused connection to a closed port on 127.0.0.1,
a coordinate system PROJ does not know. Each reached a Kazakh or Russian user as the library's English
inside our sentence; now our words come first, translated, and the library's text only after them.
"""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pyproj
import pytest

from baytak_desktop import i18n
from baytak_desktop.errors import BaytakError
from baytak_desktop.i18n import Sentence
from baytak_desktop.library_failures import library_reason
from baytak_desktop.store import Store
from baytak_desktop.sync.client import SyncClient
from baytak_desktop.sync.errors import NoConnection


def ours(lang: str, template: str, **params: object) -> str:
    """The translators' sentence for ``template`` in ``lang`` (from the package's catalogue), formatted."""
    text = i18n._catalog(lang).get(template)
    assert text and (text != template or template == "{reason} ({library}: {detail})"), (lang, template)
    return text.format(**params)


def notes_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.gpkg"
    path.write_text("Besagash brick factory, visited in May: closed.\n" * 40, encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_file_that_is_not_a_database_is_said_in_our_words(tmp_path: Path, lang: str) -> None:
    path = notes_file(tmp_path)
    with pytest.raises(BaytakError) as raised:
        Store.open(path)
    with i18n.speaking(lang):
        text = i18n.error_text(raised.value)
    reason = ours(lang, "it is not an SQLite database (or it is encrypted or damaged)")
    assert text == ours(
        lang,
        "{path} is not a GeoPackage: {reason}",
        path=str(path),
        reason=ours(
            lang, "{reason} ({library}: {detail})", reason=reason, library="SQLite", detail="file is not a database"
        ),
    )
    assert "not an SQLite" not in text  # the English stays only in the library's own words, after ours
    assert raised.value.message.endswith(
        "is not a GeoPackage: it is not an SQLite database (or it is encrypted or damaged) (SQLite: file is not a database)"
    )


def test_baytak_says_it_in_kazakh(tmp_path: Path) -> None:
    path = notes_file(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "baytak_desktop.cli", "--lang", "kk", "layers", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert ours("kk", "it is not an SQLite database (or it is encrypted or damaged)") in done.stderr, done.stderr
    assert "(SQLite: file is not a database)" in done.stderr


def locked_out(path: Path) -> sqlite3.OperationalError:
    """SQLite's real refusal of a read while another connection holds the database in a write."""
    with closing(sqlite3.connect(path, isolation_level=None)) as holder:
        holder.execute("PRAGMA journal_mode = DELETE")
        holder.execute("CREATE TABLE t (x)")
        holder.execute("BEGIN EXCLUSIVE")
        with closing(sqlite3.connect(path, timeout=0)) as other, pytest.raises(sqlite3.OperationalError) as raised:
            other.execute("SELECT * FROM t")
    return raised.value


def test_a_database_locked_by_another_connection(tmp_path: Path) -> None:
    error = locked_out(tmp_path / "held.sqlite")
    assert str(error) == "database is locked"
    sentence = Sentence("the server database cannot be used: {reason}", reason=library_reason(error))
    with i18n.speaking("ru"):
        text = i18n.said(sentence)
    why = ours("ru", "another program is writing to it; close it there (or wait for it), then try again")
    assert text == ours(
        "ru",
        "the server database cannot be used: {reason}",
        reason=ours("ru", "{reason} ({library}: {detail})", reason=why, library="SQLite", detail="database is locked"),
    )


def test_a_readonly_database_written(tmp_path: Path) -> None:
    path = tmp_path / "kept.sqlite"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE t (x)")
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn, pytest.raises(sqlite3.Error) as raised:
        conn.execute("INSERT INTO t VALUES (1)")
    reason = library_reason(raised.value)
    assert reason.startswith("the file or its folder is read-only") and reason.endswith(
        "(SQLite: attempt to write a readonly database)"
    )
    with i18n.speaking("kk"):
        assert i18n.said(reason).startswith(ours("kk", reason.params["reason"].template))


def closed_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again: nothing listens there


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_refused_connection_is_said_in_our_words(lang: str) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    with SyncClient(url, attempts=1, backoff=0) as client, pytest.raises(NoConnection) as raised:
        client.request("GET", "/healthz")
    with i18n.speaking(lang):
        text = i18n.error_text(raised.value)
    refused = ours(lang, "the server refused the connection: it is not running there, or the address or port is wrong")
    reason = ours(
        lang, "{reason} ({library}: {detail})", reason=refused, library="HTTP", detail="[Errno 111] Connection refused"
    )
    template = (
        "No connection to {server} ({reason}): your {count} edits are safe on this computer and will be sent next time."
    )
    assert text == ours(lang, template, server=url, reason=reason, count=0)


def test_a_coordinate_system_proj_does_not_know() -> None:
    with pytest.raises(pyproj.exceptions.CRSError) as raised:
        pyproj.CRS("EPSG:999999")
    reason = library_reason(raised.value)
    assert reason.params["library"] == "PROJ" and "crs not found" in reason
    with i18n.speaking("ru"):
        assert i18n.said(reason).startswith(ours("ru", reason.params["reason"].template))


def test_a_failure_not_recognised_keeps_the_library_text() -> None:
    assert library_reason(ValueError("odd\n  thing")) == "odd thing"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_command_line_names_the_programs_holding_a_store_in_its_language(lang: str) -> None:
    """What `baytak` prints while a write waits (TextProgress.waiting) and when it gives up names the
    programs in the language spoken: "QGIS (4242 процесі) және sqlite3 (77 процесі)"."""
    from baytak_desktop.store.holders import Holder, describe
    from tests.test_cli_language import translation

    found = [Holder(4242, "QGIS", writing=True), Holder(77, "sqlite3", reading=True), Holder(9, "ogr2ogr")]
    named = [translation(lang, "{program} (process {pid})").format(program=h.program, pid=h.pid) for h in found]
    with i18n.speaking(lang):
        assert i18n.said(describe(found[:1])) == named[0]
        assert i18n.said(describe(found[:2])) == translation(lang, "{first} and {second}").format(
            first=named[0], second=named[1]
        )
        three = translation(lang, "{first}, {second} and {third}").format(
            first=named[0], second=named[1], third=named[2]
        )
        assert i18n.said(describe(found)) == three
        assert i18n.tr(
            "Waiting for {program}, which has the store locked ({seconds} s)...", program=describe(found), seconds="3"
        ) == translation(lang, "Waiting for {program}, which has the store locked ({seconds} s)...").format(
            program=three, seconds="3"
        )
    assert str(describe(found[:2])) == "QGIS (process 4242) and sqlite3 (process 77)"  # --json and logs: English


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_alternatives_are_joined_in_the_language_spoken(lang: str) -> None:
    """ "layer quarries takes Polygon or MultiPolygon geometries": the " or " was English inside a
    Kazakh or Russian sentence; it is a part of its own (errors.either), said in the language spoken,
    and stays English in the stored English message."""
    import shapely

    from baytak_desktop.layers import builtin_catalog
    from baytak_desktop.layers.validation import prepare
    from tests.test_cli_language import translation

    schema = builtin_catalog().layer("quarries")
    (problem,) = [
        p
        for p in prepare(schema, {"name": "x", "status": "illegal"}, shapely.Point(77, 43)).problems
        if p.field == "geom"
    ]
    assert problem.message == "layer quarries takes Polygon or MultiPolygon geometries, not Point"
    allowed = translation(lang, "{first} or {second}").format(first="Polygon", second="MultiPolygon")
    with i18n.speaking(lang):
        said = i18n.problem_text(problem)
    assert allowed in said and " or " not in said, said
