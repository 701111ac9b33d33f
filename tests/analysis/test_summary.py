"""The per-branch summary must agree with the store counted another way (plain SQL, Python sums)."""

from __future__ import annotations

import sqlite3

import pytest
import shapely

from baytak_desktop.analysis import as_json, summarize
from baytak_desktop.layers import LAYERS
from baytak_desktop.layers.measure import GEOD


def sql_counts(path) -> dict[tuple[str, str, str], int]:
    """(branch, layer, status) -> count, with a plain sqlite3 connection, one WHERE query per combination."""
    conn = sqlite3.connect(str(path))
    counts = {}
    for layer, schema in LAYERS.items():
        status_column = "status" if "status" in schema.field_names else "'all'"
        combos = conn.execute(f"SELECT DISTINCT coalesce(branch, ''), {status_column} FROM \"{layer}\"").fetchall()
        for branch, status in combos:
            (count,) = conn.execute(
                f"SELECT count(*) FROM \"{layer}\" WHERE coalesce(branch, '') = ? AND {status_column} = ?",
                (branch, status),
            ).fetchone()
            counts[(branch, layer, status)] = count
    conn.close()
    return counts


def summary_counts(summary) -> dict[tuple[str, str, str], int]:
    return {
        (b.branch, layer, status): count
        for b in summary.branches
        for layer, statuses in b.counts.items()
        for status, count in statuses.items()
    }


def test_counts_match_sql(demo, demo_path):
    summary = summarize(demo)
    assert summary_counts(summary) == sql_counts(demo_path)
    total = sum(count for statuses in summary.total.counts.values() for count in statuses.values())
    assert total == sum(demo.count(layer) for layer in LAYERS)


def test_quarry_area_by_legal_status_is_geodesic(demo):
    summary = summarize(demo)
    expected: dict[str, float] = {}
    for quarry in demo.features("quarries"):
        hectares = (
            sum(
                abs(GEOD.geometry_area_perimeter(shapely.geometry.polygon.orient(p, 1.0))[0])
                for p in quarry.geometry.geoms
            )
            / 10_000
        )
        expected[quarry["legal_status"]] = expected.get(quarry["legal_status"], 0.0) + hectares
    assert summary.total.quarry_area_ha == pytest.approx(expected, abs=1e-4)  # rounded to 1 m2
    almaty_region = next(b for b in summary.branches if b.branch == "almaty_region")
    assert almaty_region.quarry_area_ha == pytest.approx(expected, abs=1e-4)  # rounded to 1 m2


def test_trees(demo, demo_path):
    conn = sqlite3.connect(str(demo_path))
    planted = conn.execute("SELECT sum(tree_count) FROM tree_plantings WHERE status != 'planned'").fetchone()[0]
    planned = conn.execute("SELECT sum(tree_count) FROM tree_plantings WHERE status = 'planned'").fetchone()[0]
    lost = conn.execute("SELECT sum(tree_count) FROM tree_plantings WHERE status = 'lost'").fetchone()[0]
    conn.close()
    summary = summarize(demo)
    assert (summary.total.trees_planted, summary.total.trees_planned, summary.total.trees_lost) == (
        planted,
        planned,
        lost,
    )
    assert sum(b.trees_planted for b in summary.branches) == planted


def test_features_without_a_branch_are_counted_and_labelled(store):
    store.insert("brick_factories", {"name": "No branch", "status": "closed"}, shapely.Point(76.9, 43.3))
    summary = summarize(store, "ru")
    [only] = summary.branches
    assert (only.branch, only.label, only.counts) == ("", "(без филиала)", {"brick_factories": {"closed": 1}})


def test_labels_in_kazakh_and_json(demo):
    import json

    summary = summarize(demo, "kk")
    assert {b.label for b in summary.branches} >= {"Алматы облысы", "Алматы қаласы", "Астана қаласы"}
    assert json.loads(json.dumps(as_json(summary)))["total"]["trees_planted"] == summary.total.trees_planted
