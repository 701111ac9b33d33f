"""Package data: everything the program reads ships inside the package and is found in one place.

The wheel test (tests/test_wheel.py) proves it for an installed copy; these check the source tree:
the files are there, ``pyproject.toml`` packs them, nothing else finds files on its own, and the web
map's reader of the compiled catalogues agrees with the translators' sources.
"""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from fnmatch import fnmatch
from pathlib import Path

import pyogrio
import pytest

from baytak_desktop import resources
from baytak_desktop.exhibits import webmap_text

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "baytak_desktop"
RESOURCES = PACKAGE / "resources"


def test_the_basemap_is_bundled_with_its_attribution() -> None:
    path = resources.basemap_path()
    assert path.is_file() and path.is_relative_to(RESOURCES)
    assert {"land", "lakes", "places"} <= {name for name, _ in pyogrio.list_layers(path)}
    assert "Made with Natural Earth" in path.with_name("README.md").read_text(encoding="utf-8")


def test_translations_fonts_and_web_assets_are_bundled() -> None:
    assert {resources.translation_file(lang).name for lang in ("kk", "ru", "en")} == {
        p.name for p in resources.translations_dir().glob("*.qm")
    }
    assert [p.name for p in resources.font_files()] == ["DejaVuSans-Bold.ttf", "DejaVuSans.ttf"]
    assert "Baytak web map runtime" in resources.webmap_asset("baytak_webmap.js")
    assert resources.webmap_asset("baytak_webmap.css").strip()


def test_pyproject_packs_every_resource_file() -> None:
    """A file missing from package-data would be in a checkout and missing from every wheel."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["baytak_desktop.resources"]
    files = [p.relative_to(RESOURCES).as_posix() for p in RESOURCES.rglob("*") if p.is_file()]
    shipped = [f for f in files if not f.endswith((".py", ".pyc")) and "__pycache__" not in f]
    assert shipped and [f for f in shipped if not any(fnmatch(f, pattern) for pattern in patterns)] == []


def test_only_the_resources_module_finds_files() -> None:
    """No module finds a data file relative to its own source or to sys.prefix (which no wheel fills)."""
    finding = re.compile(r"Path\(__file__\)|sys\.prefix|share/baytak-desktop")
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.parent != RESOURCES and finding.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def _ts_catalogue(lang: str) -> dict[tuple[str, str], str]:
    """The finished, singular translations of the translators' source file."""
    found = {}
    for context in ET.parse(ROOT / "translations" / f"baytak_{lang}.ts").getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if message.get("numerus") == "yes" or translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            found[(context.findtext("name"), message.findtext("source"))] = translation.text
    return found


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_web_maps_reader_of_compiled_catalogues_agrees_with_the_sources(lang: str) -> None:
    compiled = webmap_text.read_qm(resources.translation_file(lang).read_bytes())
    sources = _ts_catalogue(lang)
    assert len(sources) > 500
    assert {key: compiled.get(key) for key in sources} == sources
    assert webmap_text.layer_title("quarries", lang) == {"kk": "Карьерлер", "ru": "Карьеры"}[lang]


def test_a_file_that_is_not_a_catalogue_gives_english() -> None:
    assert webmap_text.read_qm(b"not a qm file at all") == {}
    truncated = resources.translation_file("kk").read_bytes()[:2000]
    assert isinstance(webmap_text.read_qm(truncated), dict)  # no exception on a cut file
