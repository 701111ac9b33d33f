"""The user guide keeps up with the code: every command, option and setting documented, every link alive.

The pattern of sqlite-utils' tests/test_docs.py: walk the real argparse parsers (``baytak`` from
``baytak_desktop.cli.build_parser``, ``baytak-desktop`` from ``baytak_desktop.ui.app.parse_args``) and
the real settings lists, and fail, naming what is missing, when docs/guide/cli.md or settings.md does
not mention it. A new option added without a line in the guide fails here, not in a user's hands.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from baytak_desktop.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "guide"
CLI_DOC = GUIDE / "cli.md"
SETTINGS_DOC = GUIDE / "settings.md"
SRC = ROOT / "src" / "baytak_desktop"
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$", re.MULTILINE)
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
NOT_RELATIVE = ("http://", "https://", "mailto:")


# -- walking the parsers ---------------------------------------------------------------------------------
def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """("baytak server user add", parser) for every command and subcommand, depth first."""
    yield " ".join(path), parser
    for name, child in _subparsers(parser).items():
        yield from walk(child, (*path, name))


def documented_words(parser: argparse.ArgumentParser) -> list[str]:
    """What the guide must show for one command: its option strings, positional names and choices."""
    words: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
            continue
        if action.option_strings:
            words += [s for s in action.option_strings if s.startswith("--")] or action.option_strings
        else:
            choices = [str(choice) for choice in action.choices or ()]
            words += choices if choices and action.metavar is None else [action.metavar or action.dest, *choices]
    return words


def desktop_parser(monkeypatch: pytest.MonkeyPatch) -> argparse.ArgumentParser:
    """The parser ``baytak-desktop`` builds inside ``parse_args``: captured as it parses no arguments."""
    from baytak_desktop.ui import app

    captured: list[argparse.ArgumentParser] = []
    real_parse = argparse.ArgumentParser.parse_args

    def capture(self, args=None, namespace=None):
        captured.append(self)
        return real_parse(self, args, namespace)

    monkeypatch.setattr(argparse.ArgumentParser, "parse_args", capture)
    app.parse_args([])
    return captured[0]


def sections(text: str) -> dict[str, str]:
    """The text under each heading of the form ### `command`, keyed by the command."""
    found: dict[str, str] = {}
    heads = list(re.finditer(r"^#{2,4} `([^`]+)`\s*$", text, re.MULTILINE))
    for index, head in enumerate(heads):
        end = heads[index + 1].start() if index + 1 < len(heads) else len(text)
        found[head.group(1)] = text[head.end() : end]
    return found


# -- the CLI --------------------------------------------------------------------------------------------------
BAYTAK_COMMANDS = list(walk(build_parser(), ("baytak",)))


def test_the_walk_finds_the_commands_users_know() -> None:
    names = {name for name, _parser in BAYTAK_COMMANDS}
    assert {
        "baytak init",
        "baytak sync",
        "baytak exhibit",
        "baytak server user add",
        "baytak server token revoke",
        "baytak server audit",
        "baytak analyze",
        "baytak dossier",
    } <= names
    assert len(names) >= 20


@pytest.mark.parametrize("name, parser", BAYTAK_COMMANDS[1:], ids=[name for name, _ in BAYTAK_COMMANDS[1:]])
def test_every_baytak_command_and_option_is_in_cli_md(name: str, parser: argparse.ArgumentParser) -> None:
    documented = sections(CLI_DOC.read_text(encoding="utf-8"))
    if _subparsers(parser) and not documented_words(parser):
        return  # a bare group such as "baytak server user": its actions have their own sections
    assert name in documented, f"docs/guide/cli.md has no section ### `{name}`"
    missing = [word for word in documented_words(parser) if word not in documented[name]]
    assert not missing, f"docs/guide/cli.md, section `{name}`, does not mention {missing}"


def test_every_baytak_desktop_option_is_in_cli_md(monkeypatch: pytest.MonkeyPatch) -> None:
    section = sections(CLI_DOC.read_text(encoding="utf-8")).get("baytak-desktop")
    assert section is not None, "docs/guide/cli.md has no section ## `baytak-desktop`"
    missing = [word for word in documented_words(desktop_parser(monkeypatch)) if word not in section]
    assert not missing, f"docs/guide/cli.md, section `baytak-desktop`, does not mention {missing}"


# -- settings ------------------------------------------------------------------------------------------------
def app_settings() -> dict[str, tuple]:
    """ui.settings.SETTINGS, the one list of the desktop's settings."""
    from baytak_desktop.ui import settings

    return settings.SETTINGS


def test_settings_are_declared_in_one_place() -> None:
    assert {"language", "edit/snapping", "sync/auto_minutes", "exhibit/author"} <= set(app_settings())
    elsewhere = [
        str(path.relative_to(SRC))
        for path in sorted(SRC.rglob("*.py"))
        if path.name != "settings.py" and "SETTINGS.setdefault" in path.read_text(encoding="utf-8")
    ]
    assert elsewhere == [], "declare settings in ui/settings.py, not as an import side effect"


def test_every_app_setting_is_in_settings_md() -> None:
    text = SETTINGS_DOC.read_text(encoding="utf-8")
    missing = [key for key in app_settings() if f"`{key}`" not in text]
    assert not missing, f"docs/guide/settings.md does not document the settings {missing}"


def test_every_server_setting_is_in_settings_md() -> None:
    from baytak_desktop.server.settings import ServerSettings

    text = SETTINGS_DOC.read_text(encoding="utf-8")
    names = [f.name for f in dataclasses.fields(ServerSettings) if f.name != "clock"]  # tests' clock, not a setting
    missing = [name for name in names if f"`{name}`" not in text]
    assert not missing, f"docs/guide/settings.md does not document the server settings {missing}"


# -- links and images ------------------------------------------------------------------------------------------
GUIDE_PAGES = sorted(GUIDE.rglob("*.md"))


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped (letters of any script kept), spaces to -."""
    text = re.sub(r"[`*_]", "", heading).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    return {slug(match.group(2)) for match in HEADING.finditer(text)}


def links(page: Path) -> list[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    return [target for target in LINK.findall(text) if not target.startswith(NOT_RELATIVE)]


def test_the_guide_has_its_pages() -> None:
    names = {page.name for page in GUIDE_PAGES}
    assert {
        "index.md",
        "install.md",
        "field-work.md",
        "sync.md",
        "cleanup-planning.md",
        "exhibits.md",
        "server.md",
        "cli.md",
        "settings.md",
        "quickstart.kk.md",
        "quickstart.ru.md",
    } <= names


@pytest.mark.parametrize("page", GUIDE_PAGES, ids=[page.name for page in GUIDE_PAGES])
def test_every_relative_link_and_image_resolves(page: Path) -> None:
    broken = []
    for target in links(page):
        path_part, _, anchor = target.partition("#")
        resolved = (page.parent / path_part).resolve() if path_part else page
        if not resolved.exists():
            broken.append(f"{target} (no file {resolved.relative_to(ROOT) if ROOT in resolved.parents else resolved})")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            broken.append(f"{target} (no heading #{anchor} in {resolved.name})")
    assert not broken, f"{page.relative_to(ROOT)} has broken links: {broken}"


def test_every_guide_image_is_shown_somewhere() -> None:
    shown = {(page.parent / target.partition("#")[0]).resolve() for page in GUIDE_PAGES for target in links(page)}
    unused = [image.name for image in sorted((GUIDE / "img").glob("*.png")) if image.resolve() not in shown]
    assert not unused, f"docs/guide/img has pictures no page shows: {unused}"
