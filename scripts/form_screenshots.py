"""Screenshots of the main window with a quarry's feature form open, at 1366x768, in one language.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/form_screenshots.py STORE.gpkg LANG OUT.png

What a field activist sees on the common laptop screen while logging a quarry: every edit tool on the
tool bar, the form beside the map with its fields (required marks, a message next to a field: an
observation date in the future, the live area of the outline) and, unfolded below them, the photo with
its SHA-256. STORE is changed (a photo is attached): pass a copy. docs/guide/make_screenshots.sh runs
this for English, Kazakh and Russian; look at each picture (text cut off, tools hidden: defects).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SIZE = (1366, 768)
QUARRY = {
    "en": "Abat sand and gravel pits",
    "kk": "Абат құм-қиыршықтас карьерлері",
    "ru": "Песчано-гравийные карьеры Абат",
}


def main(store_path: Path, lang: str, out: Path) -> None:
    from PIL import Image
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from baytak_desktop.store import Store
    from baytak_desktop.ui.app import make_app
    from baytak_desktop.ui.i18n import set_language
    from baytak_desktop.ui.window.main_window import MainWindow

    app = make_app()
    set_language(lang)
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(Store.open(store_path), settings)
        window.resize(*SIZE)
        window.show()
        store = window.store
        assert store is not None
        uuid = next(
            u for u in store.iter_uuids("quarries") if store.get("quarries", u).attributes["name"] in QUARRY.values()
        )
        photo = Path(folder) / "pit.jpg"
        exif = Image.Exif()
        exif.get_ifd(0x8769)[0x9003] = "2025:05:14 10:32:05"
        data = BytesIO()
        Image.new("RGB", (400, 300), (170, 140, 100)).save(data, "JPEG", exif=exif)
        photo.write_bytes(data.getvalue())
        window.edit_actions.session.attach_photo("quarries", uuid, photo)
        feature = store.get("quarries", uuid)
        window.zoom_to_features("quarries", [store.fid_of("quarries", uuid) or 0])
        window.open_table("quarries")
        window.edit_actions.set_edit_layer("quarries")
        panel = window.edit_actions.panel
        form = panel.edit_feature("quarries", uuid)
        assert form is not None
        form.set_values({"observed_on": (dt.date.today() + dt.timedelta(days=2)).isoformat()})
        form.set_geometry(feature.geometry)
        panel.photos_toggle.setChecked(True)
        window.edit_actions.show_form()
        window.edit_actions.choose_tool("edit_vertices")
        for _ in range(200):
            app.processEvents()
            if window.canvas.is_idle():
                break
            app.thread().msleep(25)
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out))
        print(f"{out}: {len(form.visible_fields())} fields shown without scrolling")
        window.close()
        QApplication.processEvents()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
