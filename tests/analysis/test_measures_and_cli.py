"""Layer measures and the ``baytak analyze`` command (text and JSON)."""

from __future__ import annotations

import json

import pytest

from baytak_desktop.analysis import measure_layer, measure_layers
from baytak_desktop.cli import main


def test_layer_totals_are_the_sum_of_features(demo):
    total, features = measure_layer(demo, "quarries")
    assert total.features == len(features) == demo.count("quarries")
    assert total.area_ha == pytest.approx(sum(f.area_km2 for f in features) * 100, rel=1e-6)
    stored = sum(f["area_ha"] for f in demo.features("quarries"))  # derived by the store on save
    assert total.area_ha == pytest.approx(stored, abs=0.001)
    assert {m.layer for m in measure_layers(demo)} == {"quarries", "shorelines", "cleanup_plans"}


def test_cli_proximity_json(demo_path, capsys):
    assert (
        main(
            [
                "analyze",
                str(demo_path),
                "proximity",
                "--from",
                "sewage_outflows",
                "--to",
                "places",
                "--km",
                "10",
                "--json",
            ]
        )
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert result["km"] == 10 and len(result["by_from"]) == 6
    assert any(n["name"] == "Almaty" for item in result["by_from"] for n in item["within"])


def test_cli_text_outputs(demo_path, capsys):
    assert main(["analyze", str(demo_path), "proximity", "--km", "10"]) == 0
    assert "Almaty treatment plant outflow: Almaty" in capsys.readouterr().out
    assert main(["analyze", str(demo_path), "summary", "--lang", "kk"]) == 0
    assert "Алматы облысы" in capsys.readouterr().out
    assert main(["analyze", str(demo_path), "areas"]) == 0
    out = capsys.readouterr().out
    assert "aral     1960" in out and "km2" in out


def test_cli_summary_and_areas_json(demo_path, capsys):
    assert main(["analyze", str(demo_path), "summary", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"]["trees_planted"] > 0
    assert main(["analyze", str(demo_path), "areas", "--json"]) == 0
    areas = json.loads(capsys.readouterr().out)
    assert {(a["water_body"], a["year"]) for a in areas["water"]} >= {("aral", 1960), ("aral", 2010)}


def test_cli_buffers_to_geojson(demo_path, tmp_path, capsys):
    out = tmp_path / "buffers.geojson"
    assert (
        main(["analyze", str(demo_path), "buffers", "--from", "sewage_outflows", "--km", "3", "--out", str(out)]) == 0
    )
    assert len(json.loads(out.read_text())["features"]) == 6


def test_cli_user_errors(demo_path, capsys):
    assert main(["analyze", str(demo_path), "proximity", "--to", "villages"]) == 1
    assert "villages" in capsys.readouterr().err
    assert main(["analyze", str(demo_path), "proximity", "--km", "-3", "--json"]) == 1
    assert "kilometres" in json.loads(capsys.readouterr().out)["error"]
