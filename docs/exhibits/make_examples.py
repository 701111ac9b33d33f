"""Make the example exhibits of docs/exhibits/ from the demo data, in English, Kazakh and Russian.

    .venv/bin/python docs/exhibits/make_examples.py

Builds the demo store (demo.build_demo) in a temporary folder, adds two illustrative geotagged photos to
the Abat pits, and writes print layouts (PDF + PNG preview) and an evidence dossier (PDF + PNG preview of
its first page) through the same functions the `baytak exhibit` and `baytak dossier` commands use.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import replace
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw

from baytak_desktop.demo import build_demo
from baytak_desktop.exhibits.dossier import DossierSpec, render_dossier
from baytak_desktop.exhibits.print_spec import spec_from_options
from baytak_desktop.exhibits.render_process import render_exhibit
from baytak_desktop.store import Store

HERE = Path(__file__).resolve().parent
DATE = "2025-06-30"
COUNTRY = "49.0,38.6,85.5,55.2"
ALMATY = "76.45,43.12,77.3,43.98"
TITLES = {
    "en": (
        "Environmental sites monitored by Baytak",
        "Quarries, brick factories, sewage outflows, tree plantings, cleanup plans and the Aral and Caspian shorelines",
        "Baytak expert group",
    ),
    "kk": (
        "Байтақ бақылайтын экологиялық нысандар",
        "Карьерлер, кірпіш зауыттары, сарқынды су төгінділері, ағаш "
        "отырғызу, тазалау жоспарлары, Арал мен Каспий жағалаулары",
        "Байтақ сарапшылар тобы",
    ),
    "ru": (
        "Экологические объекты под наблюдением Baytak",
        "Карьеры, кирпичные заводы, сбросы сточных вод, посадки деревьев, планы уборки и берега Арала и Каспия",
        "Экспертная группа Baytak",
    ),
}
ALMATY_TITLES = {
    "en": ("Ile district quarries and Almaty's sewage", "Almaty region: illegal quarries, Sorbulak and the outflows"),
    "kk": (
        "Іле ауданының карьерлері және Алматының сарқынды сулары",
        "Алматы облысы: заңсыз карьерлер, Сорбұлақ және төгінділер",
    ),
    "ru": (
        "Карьеры Илийского района и стоки Алматы",
        "Алматинская область: незаконные карьеры, Сорбулак и сбросы",
    ),
}


def demo_photo(lat: float, lon: float, when: str, shade: int) -> bytes:
    """A drawn, clearly labelled stand-in for a field photo, geotagged like a phone would."""

    def dms(value: float) -> tuple[float, float, float]:
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        return degrees, minutes, round(((value - degrees) * 60 - minutes) * 60, 4)

    image = Image.new("RGB", (960, 640), (190 - shade, 165 - shade, 120 - shade))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 960, 250], fill=(170, 200, 225))
    for step in range(0, 390, 26):
        draw.line([(0, 250 + step), (960, 300 + step * 0.8)], fill=(140 - shade, 115 - shade, 80 - shade), width=9)
    draw.rectangle([24, 24, 560, 84], fill=(255, 255, 255))
    draw.text((40, 44), "ILLUSTRATIVE PHOTO (demo data, not evidence)", fill=(0, 0, 0))
    exif = Image.Exif()
    exif[0x0110] = "Demo FieldCam"
    exif.get_ifd(0x8769)[0x9003] = when
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", dms(lat), "E", dms(lon)
    out = BytesIO()
    image.save(out, "JPEG", exif=exif, quality=88)
    return out.getvalue()


def build(folder: Path) -> tuple[Path, str]:
    store_path = folder / "demo.gpkg"
    with Store.create(store_path) as store:
        build_demo(store)
        abat = next(f for f in store.features("quarries") if f["name"].startswith("Abat"))
        for index, (lat, when) in enumerate(((43.4617, "2025:05:14 07:42:10"), (43.4589, "2025:05:14 07:51:37"))):
            photo = folder / f"abat_pit_{index + 1}.jpg"
            photo.write_bytes(demo_photo(lat, 76.8602 + index * 0.0035, when, 20 * index))
            store.attach("quarries", abat.uuid, photo, caption="Pit wall, looking north-east" if index == 0 else None)
    return store_path, abat.uuid


def preview_pdf(pdf: Path, png: Path, width: int = 1240) -> None:
    """The first page of a PDF as a PNG, rendered by QtPdf in a child process (this script stays Qt-free)."""
    code = (
        "import sys; from PySide6.QtGui import QGuiApplication; from PySide6.QtPdf import QPdfDocument;"
        "from PySide6.QtCore import QSize; app = QGuiApplication([]); d = QPdfDocument(); d.load(sys.argv[1]);"
        "s = d.pagePointSize(0); w = int(sys.argv[3]);"
        "d.render(0, QSize(w, round(w * s.height() / s.width()))).save(sys.argv[2])"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(pdf), str(png), str(width)],
        check=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store, abat = build(Path(tmp))
        for lang in ("en", "kk", "ru"):
            title, subtitle, author = TITLES[lang]
            spec = spec_from_options(
                store,
                HERE / f"kazakhstan_{lang}.pdf",
                title=title,
                subtitle=subtitle,
                extent=COUNTRY,
                landscape=True,
                lang=lang,
                author=author,
                date=DATE,
            )
            render_exhibit(spec)
            render_exhibit(replace(spec, out=HERE / f"kazakhstan_{lang}.png", dpi=150))
            title, subtitle = ALMATY_TITLES[lang]
            spec = spec_from_options(
                store,
                HERE / f"almaty_region_{lang}.pdf",
                title=title,
                subtitle=subtitle,
                extent=ALMATY,
                lang=lang,
                author=author,
                date=DATE,
            )
            render_exhibit(spec)
            preview_pdf(spec.out, HERE / f"almaty_region_{lang}.png")
            dossier = render_dossier(
                DossierSpec(store, abat, HERE / f"dossier_abat_{lang}.pdf", lang, author=author, server=False)
            )
            preview_pdf(dossier, HERE / f"dossier_abat_{lang}.png")
    print("\n".join(sorted(p.name for p in HERE.iterdir() if p.suffix in (".pdf", ".png"))))


if __name__ == "__main__":
    main()
