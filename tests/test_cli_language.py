"""`baytak` speaks Kazakh and Russian: errors, progress, results and help in the language of ``--lang`` or of
the environment, read from the same .ts files as the window's; ``--json`` the same in every language.

Expected sentences are taken from translations/baytak_{kk,ru}.ts themselves (not from the package's
catalogue), so a test fails if the command line's catalogue drifts from what the translators wrote.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import pty
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import closing
from functools import cache
from pathlib import Path

import pytest

from baytak_desktop import i18n
from baytak_desktop.cli import build_parser
from baytak_desktop.errors import BaytakError, NotAStore
from baytak_desktop.store import Store

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("update_translations", ROOT / "scripts" / "update_translations.py")
update_translations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(update_translations)
ROWS = "name,status,lat,lon\nBesagash,closed,43.10,76.90\nNarynkol,operating,42.72,80.17\nIssyk,unknown,43.35,77.45\n"


@cache
def translation(lang: str, source: str, context: str = "DomainMessages") -> str:
    """The translators' ``lang`` sentence for ``source`` in ``context`` of translations/baytak_<lang>.ts."""
    root = ET.parse(ROOT / "translations" / f"baytak_{lang}.ts").getroot()
    for found in root.iter("context"):
        if found.findtext("name") == context:
            for message in found.iter("message"):
                if message.findtext("source") == source:
                    text = message.find("translation").text
                    assert text and text != source, (lang, source)
                    return text
    raise AssertionError(f"{source!r} is not in {context} of baytak_{lang}.ts")


def said(lang: str, template: str, params: dict) -> str:
    """The translators' ``lang`` sentence with its parameters; a parameter that is a phrase of its own ("a, b
    or c": ``{"template": ..., "params": ...}``) is said in the same language."""
    words = {
        name: said(lang, value["template"], value["params"]) if isinstance(value, dict) else value
        for name, value in params.items()
    }
    return translation(lang, template).format(**words)


def environment(**values: str) -> dict[str, str]:
    """This process's environment without any language variable, then ``values``."""
    env = {k: v for k, v in os.environ.items() if k not in i18n.ENVIRONMENT}
    return {**env, **values}


def baytak(
    *args: object, env: dict[str, str] | None = None, stderr: int = subprocess.PIPE
) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "baytak_desktop.cli", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        env=env or environment(LANG="C.UTF-8"),
        timeout=120,
        check=False,
    )
    assert "Traceback" not in (done.stderr or "") + done.stdout, done.stderr
    return done


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store.gpkg"
    Store.create(path).close()
    return path


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    return path


@pytest.fixture
def sites(tmp_path: Path) -> Path:
    path = tmp_path / "sites.csv"
    path.write_text(ROWS, encoding="utf-8")
    return path


def _error_of_importing(store: Path, source: Path) -> BaytakError:
    """The domain error the import of ``source`` raises, caught in this process: its template and
    parameters are what the command line must say in another language."""
    from baytak_desktop.io.importer import import_file

    with Store.open(store) as opened, pytest.raises(BaytakError) as caught:
        import_file(opened, source, "quarries")
    return caught.value


def test_a_broken_file_is_said_in_kazakh_with_lang_kk(store: Path, broken: Path) -> None:
    error = _error_of_importing(store, broken)
    message = translation("kk", error.template).format(**error.params)
    expected = translation("kk", "error: {message}").format(message=message)
    done = baytak("--lang", "kk", "import", store, broken, "--layer", "quarries")
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == " ".join(expected.split()), done.stderr
    assert error.message not in done.stderr  # not the English sentence


def test_an_exhibit_the_painter_refuses_is_said_in_kazakh_with_its_hint(tmp_path: Path) -> None:
    """The refusal is raised in the painting child process (the CLI only checks the store exists); it
    comes back as itself, so ``--lang kk`` translates it and adds its hint, like any other error."""
    plain = tmp_path / "plain.gpkg"
    Store.create(plain).close()
    with closing(sqlite3.connect(plain)) as conn:
        conn.execute("DROP TABLE baytak_migrations")  # a GeoPackage, but no longer a store
        conn.commit()
    error = NotAStore(path=str(plain))
    message = translation("kk", error.template).format(**error.params) + f" ({translation('kk', error.cli_hint)})"
    expected = translation("kk", "error: {message}").format(message=message)
    done = baytak("--lang", "kk", "exhibit", plain, "--out", tmp_path / "map.pdf")
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == " ".join(expected.split()), done.stderr
    assert "Baytak store" not in done.stderr and not (tmp_path / "map.pdf").exists()
    english = baytak("exhibit", plain, "--out", tmp_path / "map.pdf", "--json")
    assert json.loads(english.stdout) == {"error": f"{error.message} ({error.cli_hint})"}  # --json stays English


def test_lang_ru_environment_chooses_russian(store: Path, broken: Path) -> None:
    error = _error_of_importing(store, broken)
    russian = translation("ru", error.template).format(**error.params)
    done = baytak("import", store, broken, "--layer", "quarries", env=environment(LANG="ru_RU.UTF-8"))
    assert done.returncode == 1
    assert " ".join(russian.split()) in done.stderr, done.stderr


@pytest.mark.parametrize("variables", [{"LANG": "fr_FR.UTF-8"}, {"LANG": "C"}, {}, {"LANGUAGE": "de:fr"}])
def test_an_unknown_language_falls_back_to_english(store: Path, broken: Path, variables: dict[str, str]) -> None:
    error = _error_of_importing(store, broken)
    done = baytak("import", store, broken, "--layer", "quarries", env=environment(**variables))
    assert done.stderr.splitlines()[0] == "error: " + " ".join(error.message.split())


def test_gettext_order_decides_between_the_variables() -> None:
    assert i18n.environment_language({"LANGUAGE": "kk", "LANG": "ru_RU.UTF-8"}) == "kk"
    assert i18n.environment_language({"LC_ALL": "ru_RU.UTF-8", "LANG": "kk_KZ.UTF-8"}) == "ru"
    assert i18n.environment_language({"LC_MESSAGES": "kk_KZ", "LANG": "en_GB.UTF-8"}) == "kk"
    assert i18n.environment_language({"LANGUAGE": "de:ru:kk"}) == "ru"  # a list: the first we speak
    assert i18n.environment_language({"LANG": "ru_KZ.UTF-8@latin"}) == "ru"
    assert i18n.requested_language(["--lang", "kk", "layers", "s.gpkg"], {"LANG": "ru_RU.UTF-8"}) == "kk"
    assert i18n.requested_language(["--lang=en", "import"], {"LANG": "ru_RU.UTF-8"}) == "en"
    # a --lang after the command is the command's own (the dossier's language), not what baytak speaks
    assert i18n.requested_language(["dossier", "s.gpkg", "--lang", "kk"], {"LANG": "ru_RU.UTF-8"}) == "ru"


def test_the_result_is_said_in_russian(store: Path, sites: Path) -> None:
    done = baytak("--lang", "ru", "import", store, sites, "--layer", "brick_factories")
    assert done.returncode == 0, done.stderr
    template = "Imported {imported} of {rows} rows from {source} into {layer}."
    expected = translation("ru", template).format(imported=3, rows=3, source=sites.name, layer="Кирпичные заводы")
    assert done.stdout.splitlines()[0] == expected


def test_progress_is_drawn_in_russian_on_a_terminal(store: Path, sites: Path) -> None:
    """A real terminal (a pseudo-terminal as stderr): the bar's label and the job's phases in Russian."""
    reader, writer = pty.openpty()
    try:
        done = baytak("--lang", "ru", "import", store, sites, "--layer", "brick_factories", stderr=writer)
        os.close(writer)
        drawn = _read_all(reader)
    finally:
        os.close(reader)
    assert done.returncode == 0
    assert translation("ru", "import") in drawn
    assert translation("ru", "Checking every row…") in drawn
    assert "Checking every row" not in drawn


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the writer is closed: Linux says EIO
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def test_help_is_in_kazakh(store: Path) -> None:
    done = baytak("--lang", "kk", "import", "--help")
    assert done.returncode == 0
    for source in ("the layer to import into", "print machine-readable JSON", "show this help message and exit"):
        assert translation("kk", source) in " ".join(done.stdout.split()), source
    assert done.stdout.startswith(translation("kk", "usage: "))


@pytest.mark.parametrize("command", ["good", "broken"])
def test_json_is_the_same_in_every_language(
    store: Path, sites: Path, broken: Path, tmp_path: Path, command: str
) -> None:
    outputs = {}
    for how in (["--lang", "en"], ["--lang", "kk"], ["--lang", "ru"], "LANG=ru_RU.UTF-8", "LANGUAGE=kk"):
        copy = tmp_path / f"{len(outputs)}.gpkg"
        shutil.copy(store, copy)
        options, env = (how, None) if isinstance(how, list) else ([], environment(**dict([how.split("=")])))
        source = sites if command == "good" else broken
        done = baytak(*options, "import", copy, source, "--layer", "brick_factories", "--json", env=env)
        outputs[str(how)] = (done.returncode, done.stdout.replace(copy.name, "STORE"))
    assert len(set(outputs.values())) == 1, outputs
    assert next(iter(outputs.values()))[0] == (0 if command == "good" else 1)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_catalogue_is_exported_from_the_committed_ts(lang: str) -> None:
    ts = update_translations.TRANSLATIONS / f"baytak_{lang}.ts"
    assert update_translations.cli_catalog(ts).read_text(encoding="utf-8") == update_translations.cli_messages(ts), (
        "the command line's catalogue is stale: run scripts/update_translations.py"
    )


def test_a_translation_that_does_not_format_says_the_english_sentence() -> None:
    """A translator's slip (a renamed {parameter}) must not lose the message."""
    with i18n.speaking("ru"):
        i18n._SPEAKING.catalog = {"Wrote {out}": "Записано {file}"}
        assert i18n.tr("Wrote {out}", out="a.pdf") == "Wrote a.pdf"
    assert i18n.language() == "en"


def _helps(parser: argparse.ArgumentParser, name: str = "baytak") -> Iterator[tuple[str, str]]:
    """(where, text) of every help and description of ``parser`` and of its subcommands."""
    if parser.description:
        yield name, parser.description
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command, sub in action.choices.items():
                yield from _helps(sub, f"{name} {command}")
        elif action.help and action.help != argparse.SUPPRESS:
            yield f"{name} {'/'.join(action.option_strings) or action.dest}", action.help


def test_every_help_text_of_every_command_is_translated() -> None:
    """Built in Kazakh, every option's help and every command's description differs from the English one:
    a help string added without ``tr()`` fails here."""
    english = dict(_helps(build_parser()))
    with i18n.speaking("kk"):
        kazakh = dict(_helps(build_parser()))
    assert english.keys() == kazakh.keys()
    same = [where for where, text in english.items() if kazakh[where] == text]
    assert same == []


def test_a_wrong_command_line_is_said_in_russian(store: Path) -> None:
    """argparse's own message for a left-out option, with our usage line and exit code 1."""
    done = baytak("--lang", "ru", "import", store)
    assert done.returncode == 1
    required = translation("ru", "the following arguments are required: {arguments}").format(
        arguments="SOURCE, --layer"
    )
    said = translation("ru", "{program}: error: {message}").format(program="baytak import", message=required)
    assert done.stderr.splitlines()[-1] == said, done.stderr
    assert done.stderr.startswith(translation("ru", "usage: "))


def test_quantities_are_written_as_each_language_writes_them() -> None:
    assert i18n.number(12480.5, 1) == "12,480.5"
    for lang in ("kk", "ru"):
        with i18n.speaking(lang):
            assert i18n.number(12480.5, 1) == "12\u00a0480,5"  # not "12,480.5": a comma is the decimal sign
            assert i18n.number(1234567) == "1\u00a0234\u00a0567"


def server(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``python -m baytak_desktop.server`` as a person runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "baytak_desktop.server", *map(str, args)],
        capture_output=True,
        text=True,
        env=env or environment(LANG="C.UTF-8"),
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    return done


@pytest.mark.parametrize(
    ("how", "lang"),
    [(["--lang", "kk"], "kk"), (["--lang=ru"], "ru"), ("LANG=kk_KZ.UTF-8", "kk"), ("LANGUAGE=ru", "ru")],
)
def test_the_server_command_line_speaks_like_baytak(how: list[str] | str, lang: str) -> None:
    """``python -m baytak_desktop.server --help`` (and its usage errors) in the language of ``--lang`` or
    of the environment, as ``baytak --help`` is: it was English, usage line, description and all."""
    options, env = (how, None) if isinstance(how, list) else ([], environment(**dict([how.split("=")])))
    done = server(*options, "--help", env=env)
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    assert done.stdout.startswith(translation(lang, "usage: "))
    for source in (
        "Run the central sync server (no subcommand), or manage it.",
        "show this help message and exit",
        "print machine-readable JSON",
    ):
        assert " ".join(translation(lang, source).split()) in text, source
    wrong = server(*options, "user", "add", env=env)
    assert wrong.returncode == 1
    required = translation(lang, "the following arguments are required: {arguments}").format(arguments="NAME, --role")
    program = "python -m baytak_desktop.server user add"
    assert wrong.stderr.splitlines()[-1] == translation(lang, "{program}: error: {message}").format(
        program=program, message=required
    ), wrong.stderr


def test_every_help_text_of_the_server_command_is_translated() -> None:
    from baytak_desktop.server.commands import server_parser

    english = dict(_helps(server_parser(), "server"))
    with i18n.speaking("kk"):
        kazakh = dict(_helps(server_parser(), "server"))
    assert english.keys() == kazakh.keys()
    assert [where for where, text in english.items() if kazakh[where] == text] == []


def test_what_a_command_writes_is_in_the_language_spoken_unless_its_own_lang_says_otherwise(tmp_path: Path) -> None:
    """``baytak --lang kk exhibit`` made an English exhibit: a command's own ``--lang`` (the language of
    the titles, labels and demo data it writes) defaulted to English whatever the person spoke. Left out,
    it is the language spoken; given, it wins; with ``--json`` it stays English, so scripts' output does
    not follow the machine's locale."""
    store = tmp_path / "demo.gpkg"
    assert baytak("--lang", "kk", "init", store, "--demo").returncode == 0
    with Store.open(store, readonly=True) as opened:
        titles = {lang: opened.catalog["quarries"].title_in(lang) for lang in ("kk", "ru", "en")}
    with closing(sqlite3.connect(store)) as conn:
        notes = " ".join(row[0] for row in conn.execute("SELECT notes FROM tree_plantings"))
    assert len(set(titles.values())) == 3, titles
    assert "Illustrative position" not in notes, notes  # the demo's notes are written in Kazakh

    def title_shown(*args: str, env: dict[str, str] | None = None) -> str:
        done = baytak(*args, env=env)
        assert done.returncode == 0, done.stderr
        if "--json" in args:
            return next(item["title"] for item in json.loads(done.stdout) if item["layer"] == "quarries")
        return next(line.split(None, 3)[3] for line in done.stdout.splitlines() if line.startswith("quarries "))

    assert title_shown("--lang", "kk", "layers", str(store)) == titles["kk"]
    assert title_shown("layers", str(store), env=environment(LANG="ru_RU.UTF-8")) == titles["ru"]
    assert title_shown("--lang", "kk", "layers", str(store), "--lang", "ru") == titles["ru"]
    assert title_shown("--lang", "kk", "layers", str(store), "--json") == titles["en"]
    assert title_shown("layers", str(store), "--json", env=environment(LANG="ru_RU.UTF-8")) == titles["en"]

    web = tmp_path / "map.html"
    assert baytak("--lang", "kk", "exhibit", store, "--out", web, "--layers", "quarries").returncode == 0
    html = web.read_text(encoding="utf-8")
    assert titles["kk"] in html and titles["en"] not in html
