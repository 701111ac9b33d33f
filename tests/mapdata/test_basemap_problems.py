"""What the offline basemap could not give the map is said in sentences the window translates: each
problem keeps its template, the library's text only a detail after our words. The basemaps are real
files: the bundled one cut short, one missing, a GeoPackage without the basemap's layers."""

from __future__ import annotations

from pathlib import Path

import pyogrio
from test_cli_language import translation

from baytak_desktop import i18n
from baytak_desktop.mapdata.basemap import LAYERS, load_basemap
from baytak_desktop.resources import basemap_path

DAMAGED = (
    "The offline basemap {path} cannot be read (damaged, or not a GeoPackage); the map shows your data without "
    "it. Reinstall baytak-desktop to restore it ({library}: {detail})"
)
MISSING = (
    "The offline basemap {path} is missing; the map shows your data without it. Reinstall baytak-desktop to restore it."
)
NO_LAYER = "The offline basemap {file} has no layer '{name}'; it is left out."


def test_a_basemap_cut_short_is_said_damaged_in_kazakh(tmp_path: Path) -> None:
    cut = tmp_path / "basemap.gpkg"
    cut.write_bytes(basemap_path().read_bytes()[:4096])
    problems = load_basemap(cut).problems
    assert problems and problems[0].template == DAMAGED  # type: ignore[attr-defined]
    with i18n.speaking("kk"):
        said = i18n.said(problems[0])
    assert said == translation("kk", DAMAGED).format(**problems[0].params)  # type: ignore[attr-defined]
    assert said.endswith(problems[0].params["detail"] + ")")  # type: ignore[attr-defined]


def test_a_missing_basemap_and_missing_layers_are_said_in_russian(tmp_path: Path) -> None:
    missing = load_basemap(tmp_path / "gone.gpkg").problems
    assert [p.template for p in missing] == [MISSING]  # type: ignore[attr-defined]
    other = tmp_path / "one_layer.gpkg"
    kept = next(name for name, _ in pyogrio.list_layers(basemap_path()) if name in LAYERS)
    pyogrio.write_dataframe(pyogrio.read_dataframe(basemap_path(), layer=kept, max_features=3), other, layer=kept)
    problems = load_basemap(other).problems
    assert {p.params["name"] for p in problems} == set(LAYERS) - {kept}  # type: ignore[attr-defined]
    assert {p.template for p in problems} == {NO_LAYER}  # type: ignore[attr-defined]
    with i18n.speaking("ru"):
        assert i18n.said(missing[0]) == translation("ru", MISSING).format(path=str(tmp_path / "gone.gpkg"))
