"""``baytak-desktop --self-check STORE.gpkg``: check, inside the built program, what a fresh machine needs.

A one-folder build fails in ways the source tree never does: a data folder left out (GDAL and PROJ then
cannot name a coordinate system), a translation catalogue pruned, QtWebEngineProcess or its resources
missing (the web preview stays blank). This opens each of them the way the app does and prints one JSON
object; the exit code is 0 only when every check passed. tests/test_build.py and docs/install.md use it.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

LOAD_TIMEOUT_MS = 60_000


def check_gdal_proj() -> dict:
    """GDAL writes and reads back a Web Mercator shapefile (.prj from proj.db); pyproj names the CRS."""
    import geopandas
    import pyogrio
    import pyproj
    import shapely

    frame = geopandas.GeoDataFrame({"name": ["Konaev"]}, geometry=[shapely.Point(8568000, 5430000)], crs="EPSG:3857")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "konaev.shp"
        pyogrio.write_dataframe(frame, path)
        crs = pyogrio.read_info(path)["crs"]
        lonlat = pyogrio.read_dataframe(path).to_crs(4326).geometry[0]
    return {
        "GDAL_DATA": os.environ.get("GDAL_DATA", ""),
        "PROJ_DATA": os.environ.get("PROJ_DATA", ""),
        "gdal_crs": crs,
        "pyproj_crs": pyproj.CRS("EPSG:3857").name,
        "lonlat": [round(lonlat.x, 2), round(lonlat.y, 2)],
    }


def check_translations() -> dict:
    from baytak_desktop.ui.i18n import set_language

    loaded = {lang: sorted(Path(p).name for p in set_language(lang)) for lang in ("kk", "ru")}
    set_language("en")
    return {"translations": loaded}


def check_web_engine(app, store_path: Path) -> dict:
    """The demo store's web map in the preview, offline: Leaflet must load from the page itself."""
    from PySide6.QtCore import QEventLoop, QTimer

    from baytak_desktop.exhibits.webmap import build_webmap
    from baytak_desktop.store import Store
    from baytak_desktop.ui.exhibits.web_preview import WebMapPreview

    with Store.open(store_path, readonly=True) as store:
        html, _ = build_webmap(store, None, "ru")
    preview = WebMapPreview()
    preview.resize(800, 600)
    preview.show()
    answer: dict = {}
    loop = QEventLoop()
    preview.sigLoaded.connect(
        lambda ok: (
            answer.update(loaded=ok),
            preview.page.runJavaScript(
                "typeof L === 'object' ? L.version : 'missing'", 0, lambda v: (answer.update(leaflet=v), loop.quit())
            ),
        )
    )
    QTimer.singleShot(LOAD_TIMEOUT_MS, loop.quit)
    preview.show_html(html)
    loop.exec()
    answer["blocked"] = preview.blocked_requests
    preview.release()
    return {"web": answer}


def check_country_names() -> dict:
    """The world's countries named in Kazakh and Russian: pycountry's ISO 3166 catalogues are bundled."""
    from baytak_desktop.mapdata.basemap_names import country_name

    return {"countries": {lang: country_name("IND", "India", lang) for lang in ("kk", "ru")}}


def main(args: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from baytak_desktop.ui.exhibits.web_preview import prepare_web_engine

    prepare_web_engine()
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    report: dict = {"frozen": bool(getattr(sys, "frozen", False))}
    report.update(check_gdal_proj())
    report.update(check_translations())
    report.update(check_country_names())
    if args:
        report.update(check_web_engine(app, Path(args[0])))
    report["ok"] = (
        report["gdal_crs"] == "EPSG:3857"
        and "Pseudo-Mercator" in report["pyproj_crs"]
        and all(
            "qtbase_" + lang + ".qm" in names and "baytak_" + lang + ".qm" in names
            for lang, names in report["translations"].items()
        )
        and all(report["countries"].values())
        and (not args or (report["web"].get("loaded") is True and report["web"].get("leaflet") != "missing"))
    )
    print(json.dumps(report, ensure_ascii=False))
    app.processEvents()
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
