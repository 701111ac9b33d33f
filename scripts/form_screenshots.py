"""Screenshots of the feature form (a quarry being logged) in English, Kazakh and Russian, into docs/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/form_screenshots.py

Shows what a field activist sees while logging a quarry: required marks, a message next to a field
(an observation date in the future), the live area of the outline, the photo strip with one photo and
its SHA-256, so a reviewer can check that every text is translated and fits its widget.
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


def main() -> None:
    import shapely
    from PIL import Image
    from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

    from baytak_desktop.layers.schema import QUARRIES
    from baytak_desktop.store import Store
    from baytak_desktop.ui import i18n
    from baytak_desktop.ui.edit.feature_form import FeatureForm
    from baytak_desktop.ui.edit.photo_strip import PhotoStrip
    from baytak_desktop.ui.edit.session import EditSession

    app = QApplication.instance() or QApplication([])
    app.setFont(i18n.kazakh_font(app.font()))
    outline = shapely.Polygon([(77.05, 43.85), (77.10, 43.85), (77.11, 43.87), (77.05, 43.88)])
    with tempfile.TemporaryDirectory() as folder:
        store = Store.create(Path(folder) / "form.gpkg")
        session = EditSession(store)
        uuid = session.create_feature("quarries", {"name": "Abat", "status": "illegal"}, outline)
        photo = Path(folder) / "pit.jpg"
        exif = Image.Exif()
        exif.get_ifd(0x8769)[0x9003] = "2025:06:14 10:32:05"
        out = BytesIO()
        Image.new("RGB", (400, 300), (170, 140, 100)).save(out, "JPEG", exif=exif)
        photo.write_bytes(out.getvalue())
        session.attach_photo("quarries", uuid, photo)
        for lang in ("en", "kk", "ru"):
            i18n.set_language(lang)
            window = QWidget()
            layout = QVBoxLayout(window)
            form = FeatureForm(QUARRIES)
            strip = PhotoStrip(session)
            strip.set_feature("quarries", uuid)
            layout.addWidget(form, 1)
            layout.addWidget(strip)
            form.set_values(
                {
                    "name": "Abat",
                    "status": "illegal",
                    "legal_status": "unlicensed",
                    "branch": "almaty_region",
                    "observed_on": (dt.date.today() + dt.timedelta(days=2)).isoformat(),
                }
            )
            form.set_geometry(outline)
            window.resize(460, 900)
            window.show()
            app.processEvents()
            target = ROOT / "docs" / "screenshots" / f"feature_form_{lang}.png"
            window.grab().save(str(target))
            print(target.relative_to(ROOT))
            window.close()
        store.close()


if __name__ == "__main__":
    main()
