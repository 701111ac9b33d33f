"""Collect the UI's strings into translations/baytak_{kk,ru,en}.ts and compile them to .qm in the package.

    .venv/bin/python scripts/update_translations.py          # lupdate + lrelease
    .venv/bin/python scripts/update_translations.py --check  # exit 1 if a string has no translation

New strings arrive in the .ts files marked unfinished; translate them (Qt Linguist:
``.venv/bin/pyside6-linguist translations/baytak_kk.ts``, or any text editor), run this again, and
commit both the .ts and the .qm files: the app, the web map and the tests read the committed .qm from
the package (src/baytak_desktop/resources/translations/, found through baytak_desktop.resources), so
nothing needs lrelease at install time. tests/ui/test_i18n.py fails while any string lacks a translation.

The ``baytak`` command has no Qt: it reads the "DomainMessages" context (the domain's messages and the
command line's own, collected by scripts/collect_domain_messages.py) from ``baytak_cli_<lang>.json``,
which this script exports from the same .ts files next to the .qm (tests/test_cli_language.py fails
when they differ).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "src" / "baytak_desktop" / "ui"
TRANSLATIONS = ROOT / "translations"  # the .ts sources, edited by translators
COMPILED = ROOT / "src" / "baytak_desktop" / "resources" / "translations"  # the .qm, package data
LANGUAGES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}
CLI_CONTEXT = "DomainMessages"  # what the command line translates (baytak_desktop/i18n.py)
# English is the source language: its .ts only gives the plural forms of "%n item(s)" strings.
SOURCE_LANGUAGE = "en"


def tool(name: str) -> str:
    """The pyside6 tool next to this Python (the venv's), else the one on PATH."""
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else name


def ui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in UI.rglob("*.py"))


def lupdate(ts_files: list[Path], *extra: str) -> None:
    subprocess.run(
        [tool("pyside6-lupdate"), *extra, *ui_sources(), "-ts", *map(str, ts_files)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )


def compiled(ts: Path) -> Path:
    """Where the package reads the catalogue compiled from ``ts``."""
    return COMPILED / ts.with_suffix(".qm").name


def lrelease(ts: Path, qm: Path | None = None) -> None:
    """Compile ``ts`` to ``qm``, by default where the package reads it."""
    qm = qm or compiled(ts)
    qm.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )


def cli_catalog(ts: Path) -> Path:
    """Where the package reads the command line's catalogue exported from ``ts``."""
    return COMPILED / f"{ts.stem.replace('baytak_', 'baytak_cli_')}.json"


def cli_messages(ts: Path) -> str:
    """The finished translations of the CLI_CONTEXT in ``ts`` as JSON (source: translation), sorted."""
    messages = {}
    for context in ET.parse(ts).getroot().iter("context"):
        if context.findtext("name") != CLI_CONTEXT:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source")
            if message.get("numerus") == "yes" or translation is None or not source:
                continue
            if (
                translation.get("type") in ("unfinished", "obsolete", "vanished")
                or not (translation.text or "").strip()
            ):
                continue
            messages[source] = translation.text
    return json.dumps(messages, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def untranslated(ts: Path, plurals_only: bool = False) -> list[str]:
    """``context: source`` of every string whose translation is missing, empty or unfinished."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            if plurals_only and message.get("numerus") != "yes":
                continue
            translation = message.find("translation")
            kind = translation.get("type", "")
            if kind in ("obsolete", "vanished"):
                continue
            forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
            if kind == "unfinished" or not all(f and f.strip() for f in forms):
                missing.append(f"{context.findtext('name')}: {message.findtext('source')}")
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report strings without a translation")
    args = parser.parse_args()
    TRANSLATIONS.mkdir(exist_ok=True)
    status = 0
    for lang, locale in LANGUAGES.items():
        ts = TRANSLATIONS / f"baytak_{lang}.ts"
        if not args.check:
            lupdate([ts], "-target-language", locale, "-no-obsolete", "-locations", "none")
            lrelease(ts)
            if lang != SOURCE_LANGUAGE:
                cli_catalog(ts).write_text(cli_messages(ts), encoding="utf-8")
        missing = untranslated(ts, plurals_only=lang == SOURCE_LANGUAGE)
        print(f"{ts.relative_to(ROOT)}: {len(missing)} untranslated")
        for text in missing:
            print(f"  {text!r}")
        status |= bool(missing)
    return status


if __name__ == "__main__":
    sys.exit(main())
