"""Screenshots of the sync conflict dialog in English, Kazakh and Russian, into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/conflict_screenshots.py

A quarry both an activist (erlan, in the field) and the server (a coordinator's edit) changed: its
status, its operator and its outline, so base / theirs / mine and both outlines on the small map are
all visible, in each language, for a reviewer to check that every text is translated and fits.
While the sync UI's strings are not yet merged into translations/baytak_*.ts, the drafts in
translations/drafts/sync_ui_*.ts are compiled and installed on top.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
OUT = ROOT / "docs" / "screenshots"
BASE = [(61.05, 43.80), (61.10, 43.80), (61.11, 43.83), (61.05, 43.84)]
THEIRS = [(61.05, 43.80), (61.10, 43.80), (61.11, 43.83), (61.05, 43.84)]
MINE = [(61.05, 43.80), (61.12, 43.79), (61.14, 43.83), (61.08, 43.85), (61.05, 43.84)]


def records():
    import shapely

    from baytak_desktop.sync.records import LocalConflict

    uuid = "0190a3c4-5b6e-7d2f-8a1b-3c4d5e6f7a8b"

    def polygon(ring):
        return shapely.to_wkb(shapely.MultiPolygon([shapely.Polygon(ring)]), hex=True)

    def record(id_, field, base, theirs, mine):
        return LocalConflict(
            id_,
            41,
            "quarries",
            uuid,
            field,
            base,
            theirs,
            mine,
            "erlan",
            None,
            None,
            "2026-05-04T09:12:40Z",
            False,
            None,
            None,
        )

    return [
        record(11, "status", "active", "closed", "illegal"),
        record(12, "operator", None, "ТОО «Qum Invest»", "ИП Ахметов"),
        record(13, "geom", polygon(BASE), polygon(THEIRS), polygon(MINE)),
    ]


def draft_translator(app, lang: str, folder: Path):
    from PySide6.QtCore import QTranslator

    draft = ROOT / "translations" / "drafts" / f"sync_ui_{lang}.ts"
    if not draft.exists():
        return None
    qm = folder / f"sync_ui_{lang}.qm"
    tool = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(tool), str(draft), "-qm", str(qm)], check=True, capture_output=True)
    translator = QTranslator(app)
    translator.load(str(qm))
    app.installTranslator(translator)
    return translator


def main() -> None:
    import shapely
    from PySide6.QtWidgets import QApplication

    from baytak_desktop.ui import i18n
    from baytak_desktop.ui.sync.conflict_dialog import ConflictDialog

    app = QApplication.instance() or QApplication([])
    app.setFont(i18n.kazakh_font(app.font()))
    OUT.mkdir(parents=True, exist_ok=True)
    current = {"geom": shapely.MultiPolygon([shapely.Polygon(THEIRS)])}
    with tempfile.TemporaryDirectory() as folder:
        for lang in ("en", "kk", "ru"):
            i18n.set_language(lang)
            extra = draft_translator(app, lang, Path(folder))
            dialog = ConflictDialog(records(), current)
            dialog.resize(960, 470)
            dialog.show()
            for _ in range(5):
                app.processEvents()
            path = OUT / f"conflict_{lang}.png"
            dialog.grab().save(str(path))
            print(path.relative_to(ROOT))
            dialog.close()
            if extra is not None:
                app.removeTranslator(extra)


if __name__ == "__main__":
    main()
