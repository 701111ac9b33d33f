"""What ``baytak`` says names a layer by its title in the language spoken ("Кірпіш зауыттары"), not by
the identifier ``brick_factories`` that only ``--layer`` and ``--json`` use: a real store, in Kazakh."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from baytak_desktop import i18n
from baytak_desktop.errors import FeatureNotFound
from baytak_desktop.layers import LAYERS
from baytak_desktop.store import Store

ROWS = "name,status,lat,lon\nBesagash,closed,43.10,76.90\nNarynkol,operating,42.72,80.17\n"
KK = LAYERS.layer("brick_factories").title_in("kk")


def baytak(*args: object) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in i18n.ENVIRONMENT}
    done = subprocess.run(
        [sys.executable, "-m", "baytak_desktop.cli", *map(str, args)],
        capture_output=True,
        text=True,
        env={**env, "LANG": "C.UTF-8"},
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store.gpkg"
    Store.create(path).close()
    (tmp_path / "sites.csv").write_text(ROWS, encoding="utf-8")
    return path


def test_import_and_export_name_the_layer_by_its_kazakh_title(store: Path, tmp_path: Path) -> None:
    done = baytak("--lang", "kk", "import", store, tmp_path / "sites.csv", "--layer", "brick_factories")
    assert done.returncode == 0, done.stderr
    assert KK in done.stdout and "brick_factories" not in done.stdout, done.stdout
    out = tmp_path / "out.geojson"
    done = baytak("--lang", "kk", "export", store, "--layer", "brick_factories", out)
    assert done.returncode == 0, done.stderr
    assert KK in done.stdout and "brick_factories" not in done.stdout, done.stdout
    as_json = baytak("--lang", "kk", "export", store, "--layer", "brick_factories", out, "--overwrite", "--json")
    assert json.loads(as_json.stdout)["layer"] == "brick_factories"  # --json keeps the identifier


def test_an_error_names_the_layer_by_its_title() -> None:
    error = FeatureNotFound(layer="brick_factories", uuid="0190")
    with i18n.speaking("kk"), i18n.naming_layers(lambda: LAYERS):
        text = i18n.error_text(error)
    assert KK in text and "brick_factories" not in text
    with i18n.speaking("kk"), i18n.naming_layers(lambda: LAYERS):
        unknown = i18n.error_text(FeatureNotFound(layer="their_table", uuid="0190"))
    assert "their_table" in unknown  # a table we do not know keeps its name
    assert "brick_factories" in error.message  # the English message (--json, the server) keeps it too


def test_a_published_layer_is_named_by_its_title_from_the_store(tmp_path: Path) -> None:
    """A layer the server published is not built in: its title comes from the store's own catalogue."""
    from layer_helpers import ILLEGAL_DUMPS

    from baytak_desktop.layers.definition import parse
    from baytak_desktop.store.layer_revisions import PublishedRevision, apply_revisions

    path = tmp_path / "published.gpkg"
    with Store.create(path) as store, store.session() as conn:
        apply_revisions(conn, [PublishedRevision(1, 5, parse(ILLEGAL_DUMPS, "dumps"))])
    source = tmp_path / "dumps.csv"
    source.write_text("name,status,lat,lon\nҮйінді,cleaned,43.25,76.95\n", encoding="utf-8")
    done = baytak("--lang", "kk", "import", path, source, "--layer", "illegal_dumps")
    assert done.returncode == 0, done.stderr
    assert ILLEGAL_DUMPS["title"]["kk"] in done.stdout and "illegal_dumps" not in done.stdout, done.stdout
