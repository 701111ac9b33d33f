"""`baytak import/export/validate` with the options issue 13 added, as a terminal user meets them: one-line
messages that name the option to use, no tracebacks, no raw library warnings, a closed pipe ends quietly."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from baytak_desktop.store import Store
from baytak_desktop.store.connection import register_functions

CRAFTED = Path(__file__).resolve().parents[1] / "data" / "crafted"
REAL = Path(__file__).resolve().parents[1] / "data" / "real"


def baytak(*args: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "baytak_desktop.cli", *map(str, args)], capture_output=True, text=True, timeout=300,
        check=False,
    )  # fmt: skip
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    assert "site-packages" not in done.stderr and ".py:" not in done.stderr, done.stderr
    return done


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    path = tmp_path / "s.gpkg"
    Store.create(path).close()
    return path


def test_encoding_is_reported_refused_when_unsure_and_chosen_with_encoding(store_file: Path) -> None:
    done = baytak("import", store_file, CRAFTED / "agency_quarries_cp1251_ldid0.zip", "--layer", "quarries",
                  "--map-field", "НАЗВАНИЕ=name", "--map-field", "СТАТУС=status")  # fmt: skip
    assert done.returncode == 0 and "text read as CP1251, told from the text" in done.stdout
    assert "columns not imported (no field of that name): ЛИЦЕНЗИЯ" in done.stdout
    unsure = baytak("import", store_file, CRAFTED / "ambiguous_short_names.shp", "--layer", "quarries",
                    "--set", "status=active", "--map-field", "NAME=name")  # fmt: skip
    assert unsure.returncode == 1 and len(unsure.stderr.strip().splitlines()) == 1
    assert "ambiguous_short_names.shp" in unsure.stderr and "--encoding" in unsure.stderr
    chosen = baytak("import", store_file, CRAFTED / "ambiguous_short_names.shp", "--layer", "quarries",
                    "--set", "status=active", "--map-field", "NAME=name", "--encoding", "cp1251", "--json")  # fmt: skip
    assert json.loads(chosen.stdout)["encoding"] == "CP1251"
    with Store.open(store_file, readonly=True) as store:
        assert {"ДОМ", "НЕТ", "Карьер у Абата"} <= {f["name"] for f in store.features("quarries")}


def test_set_and_swap_xy(store_file: Path) -> None:
    refused = baytak("import", store_file, CRAFTED / "survey_xy_almaty.csv", "--layer", "sewage_outflows")
    assert refused.returncode == 1 and "(add --swap-xy)" in refused.stderr
    done = baytak("import", store_file, CRAFTED / "survey_xy_almaty.csv", "--layer", "sewage_outflows",
                  "--swap-xy", "--set", "discharge=untreated")  # fmt: skip
    assert done.returncode == 0, done.stderr
    with Store.open(store_file, readonly=True) as store:
        sorbulak = next(f for f in store.features("sewage_outflows") if f["name"] == "Sorbulak")
    assert (round(sorbulak.geometry.x, 2), round(sorbulak.geometry.y, 2)) == (76.98, 43.66)
    assert sorbulak["discharge"] == "untreated"
    bad = baytak("import", store_file, CRAFTED / "survey_xy_almaty.csv", "--layer", "sewage_outflows", "--swap-xy",
                 "--set", "discharge=plenty")  # fmt: skip
    assert bad.returncode == 1 and "The value 'plenty' given for the field discharge" in bad.stderr


def test_skip_invalid_that_imports_nothing_exits_1(store_file: Path, tmp_path: Path) -> None:
    source = tmp_path / "k.csv"
    source.write_text("name,status,lat,lon\nA,bogus,43.2,76.9\n")
    done = baytak("import", store_file, source, "--layer", "brick_factories", "--skip-invalid")
    assert done.returncode == 1 and "none of its 1 rows is valid" in done.stderr


def test_export_overwrite_and_the_store_that_is_never_overwritten(store_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "q.geojson"
    assert baytak("export", store_file, "--layer", "quarries", out).returncode == 0
    again = baytak("export", store_file, "--layer", "quarries", out)
    assert again.returncode == 1 and "(add --overwrite to replace it)" in again.stderr
    assert baytak("export", store_file, "--layer", "quarries", out, "--overwrite").returncode == 0
    other = tmp_path / "other.gpkg"
    Store.create(other).close()
    before = other.read_bytes()
    never = baytak("export", store_file, "--layer", "quarries", other, "--overwrite")
    assert never.returncode == 1 and "is a Baytak store" in never.stderr and other.read_bytes() == before


def test_validate_fix_exit_codes(store_file: Path) -> None:
    with Store.open(store_file) as store:
        import shapely

        store.insert("brick_factories", {"name": "A", "status": "closed"}, shapely.Point(76.9, 43.2))
    conn = sqlite3.connect(store_file)
    register_functions(conn)
    conn.execute("UPDATE brick_factories SET status = 'закрыт', observed_on = '01.02.2024'")
    conn.commit()
    conn.close()
    found = baytak("validate", store_file)
    assert found.returncode == 2 and "2 error(s), 2 repairable with --fix" in found.stdout
    fixed = baytak("validate", store_file, "--fix", "--json")
    assert fixed.returncode == 0
    payload = json.loads(fixed.stdout)
    assert payload["ok"] and {f["field"] for f in payload["fixed"]} == {"status", "observed_on"}


def test_a_closed_pipe_ends_quietly(store_file: Path) -> None:
    reader = subprocess.Popen(["head", "-c", "1"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    done = subprocess.run(
        [sys.executable, "-m", "baytak_desktop.cli", "layers", str(store_file), "--json"],
        stdout=reader.stdin, stderr=subprocess.PIPE, text=True, timeout=60, check=False,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )  # fmt: skip
    reader.stdin.close()
    reader.wait()
    assert done.returncode == 0 and done.stderr == ""


def test_library_warnings_become_one_line_report_warnings(store_file: Path) -> None:
    done = baytak("import", store_file, CRAFTED / "gpx_version_1_2.gpx", "--layer", "brick_factories",
                  "--set", "status=closed")  # fmt: skip
    assert done.returncode == 0
    assert "  warning: gpx_version_1_2.gpx does not say it is GPX 1.0 or 1.1; it was read as GPX 1.1" in done.stdout
    assert done.stderr == ""


def test_a_file_name_beginning_with_an_exclamation_mark_is_found(store_file: Path, tmp_path: Path) -> None:
    done = baytak("import", store_file, REAL / "!test.geojson", "--layer", "quarries", "--set", "status=active",
                  "--set", "name=Grenada")  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = tmp_path / "!out" / "!квартал.gpkg"
    out.parent.mkdir()
    assert baytak("export", store_file, "--layer", "quarries", out).returncode == 0
    assert baytak("import", store_file, out, "--layer", "quarries").returncode == 0


@pytest.mark.parametrize(("lang", "said"), [("kk", "мыналардың бірі емес: active"), ("ru", "не входит в: active")])
def test_why_a_set_value_is_refused_is_said_in_the_language_spoken(store_file: Path, lang: str, said: str) -> None:
    """A value given with --set that the field does not take: its reason is translated with the sentence."""
    done = baytak("--lang", lang, "import", store_file, CRAFTED / "survey_xy_almaty.csv", "--layer",
                  "sewage_outflows", "--swap-xy", "--set", "status=closed")  # fmt: skip
    assert done.returncode == 1 and said in done.stderr, done.stderr
    assert "is not one of" not in done.stderr


def test_a_geopackage_with_several_layers_names_the_option_that_chooses_one(store_file: Path, tmp_path: Path) -> None:
    """The window asks which layer; the command line must say how to choose one, in the language spoken."""
    import geopandas as gpd
    import pyogrio
    import shapely

    project = tmp_path / "project.gpkg"
    for name in ("sites", "areas"):
        frame = gpd.GeoDataFrame({"name": ["Абат"]}, geometry=[shapely.Point(76.9, 43.2)], crs=4326)
        pyogrio.write_dataframe(frame, project, layer=name)
    asked = baytak("--lang", "ru", "import", store_file, project, "--layer", "brick_factories")
    assert asked.returncode == 1 and "sites, areas" in asked.stderr and "--source-layer" in asked.stderr
    done = baytak("import", store_file, project, "--layer", "brick_factories", "--source-layer", "areas",
                  "--set", "status=closed")  # fmt: skip
    assert done.returncode == 0, done.stderr
