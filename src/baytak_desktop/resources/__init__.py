"""The one place that finds the files the program ships: package data read with ``importlib.resources``.

What lives here (each folder says where its files come from in its README or in the script that
writes it):

- ``basemap/``: the offline basemap, Natural Earth clipped to Central Asia (public domain);
- ``translations/``: the compiled UI catalogues ``baytak_{kk,ru,en}.qm`` and the command line's
  ``baytak_cli_{kk,ru}.json`` (baytak_desktop.i18n), written by scripts/update_translations.py from the
  sources in ``translations/*.ts`` at the repository root;
- ``fonts/``: DejaVu Sans, so Kazakh letters show on a machine with no font that has them;
- ``webmap/``: the web map's own JavaScript and CSS, inlined into every exported page;
- ``layers/``: the definitions of the six built-in layers (the JSON format of docs/layer-definitions.md).

The files are found inside the installed package, wherever it is: a checkout (``pip install -e``), a
wheel in any virtual environment, or the PyInstaller bundle, which keeps the package's folders. Nothing
is looked up through ``sys.prefix`` or the current directory. GDAL, SQLite and Qt need real paths, so
a resource in a zipped package would be extracted once for the life of the process.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

BASEMAP = "basemap/natural_earth_central_asia.gpkg"
TRANSLATIONS = "translations"
FONTS = "fonts"
WEBMAP = "webmap"
LAYERS = "layers"

_extracted = ExitStack()  # keeps extracted copies alive until the process ends (none for a plain install)
atexit.register(_extracted.close)


@cache
def path(name: str) -> Path:
    """A real file system path of the resource ``name`` ("folder/file"); callers check that it exists."""
    return _extracted.enter_context(as_file(files(__name__).joinpath(*name.split("/"))))


def basemap_path() -> Path:
    """The bundled Natural Earth GeoPackage: the offline basemap and the source of the demo shorelines."""
    return path(BASEMAP)


def translations_dir() -> Path:
    """The folder of the compiled catalogues ``baytak_<lang>.qm``."""
    return path(TRANSLATIONS)


def translation_file(lang: str) -> Path:
    """The compiled catalogue of one language (it may be missing for a language we do not ship)."""
    return translations_dir() / f"baytak_{lang}.qm"


def font_files() -> list[Path]:
    """The TrueType fonts to register with Qt, in a stable order."""
    return sorted(path(FONTS).glob("*.ttf"))


def webmap_asset(name: str) -> str:
    """The text of one of the web map's own files (``baytak_webmap.js``, ``baytak_webmap.css``)."""
    return files(__name__).joinpath(WEBMAP, name).read_text(encoding="utf-8")


def layer_definition(name: str) -> str:
    """The JSON text of a built-in layer's definition (``layers/<name>.json``)."""
    return files(__name__).joinpath(LAYERS, f"{name}.json").read_text(encoding="utf-8")
