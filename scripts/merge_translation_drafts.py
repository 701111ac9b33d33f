"""Fill translations/baytak_{kk,ru,en}.ts from the drafts in translations/drafts/*_{kk,ru,en}.ts.

    .venv/bin/python scripts/update_translations.py              # collect the new strings first
    .venv/bin/python scripts/merge_translation_drafts.py         # fill them from the drafts, recompile
    .venv/bin/python scripts/merge_translation_drafts.py --check # only count what a draft would fill

An engineer who adds strings while the translator is busy with the main files writes their
translations into a draft (same format, only their contexts); this copies every draft message into
the main file where that file has no finished translation yet (a finished one is never replaced),
then compiles the .qm files into the package (where scripts/update_translations.py writes them).
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "translations" / "drafts"


def _update_translations():
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "scripts" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def finished(translation: ET.Element) -> bool:
    forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
    return translation.get("type") not in ("unfinished", "obsolete", "vanished") and all(f and f.strip() for f in forms)


def draft_messages(lang: str) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for draft in sorted(DRAFTS.glob(f"*_{lang}.ts")):
        for context in ET.parse(draft).getroot().iter("context"):
            for message in context.iter("message"):
                found[(context.findtext("name"), message.findtext("source"))] = message.find("translation")
    return found


def merge(ts: Path, drafts: dict[tuple[str, str], ET.Element], write: bool) -> int:
    """Copy draft translations into ``ts`` where it has none; returns how many were filled."""
    tree = ET.parse(ts)
    filled = 0
    for context in tree.getroot().iter("context"):
        for message in context.iter("message"):
            draft = drafts.get((context.findtext("name"), message.findtext("source")))
            current = message.find("translation")
            if draft is None or finished(current) or not finished(draft):
                continue
            message.remove(current)
            message.append(copy.deepcopy(draft))
            filled += 1
    if write and filled:
        body = ET.tostring(tree.getroot(), encoding="unicode")
        ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return filled


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="count only, write nothing")
    args = parser.parse_args()
    tools = _update_translations()
    for lang in tools.LANGUAGES:
        ts = tools.TRANSLATIONS / f"baytak_{lang}.ts"
        filled = merge(ts, draft_messages(lang), write=not args.check)
        if filled and not args.check:
            tools.lrelease(ts)
        print(f"{ts.relative_to(ROOT)}: {filled} translation(s) {'to fill' if args.check else 'filled'} from drafts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
