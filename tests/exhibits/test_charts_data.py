"""Chart data: trees per month and cumulative, sites by status per layer and per branch, water by year."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
import shapely

from baytak_desktop.demo import build_demo
from baytak_desktop.exhibits.charts_data import sites_by_status, trees_by_month, water_area_by_year
from baytak_desktop.store import Store


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("charts") / "demo.gpkg"
    with Store.create(path) as store:
        build_demo(store)
    return path


@pytest.fixture
def demo(demo_path: Path):
    with Store.open(demo_path, readonly=True) as store:
        yield store


def test_trees_per_month_and_cumulative(demo):
    months = trees_by_month(demo)
    planted = [f for f in demo.features("tree_plantings") if f["status"] != "planned"]
    assert months[-1].cumulative == sum(f["tree_count"] for f in planted)
    assert [m.month for m in months] == sorted(m.month for m in months)
    running = 0
    for month in months:
        members = [f for f in planted if f["planted_on"][:7] == month.month]
        assert month.trees == sum(f["tree_count"] for f in members)
        assert set(month.uuids) == {f.uuid for f in members}
        running += month.trees
        assert month.cumulative == running
    assert ("2025-07", 0) in [(m.month, m.trees) for m in months]  # a month without planting is a 0 bar


def test_planned_trees_are_not_counted_as_planted(store):
    store.insert(
        "tree_plantings",
        {"species": "elm", "tree_count": 10, "planted_on": "2025-01-05", "status": "planted"},
        shapely.Point(76.9, 43.2),
    )
    store.insert(
        "tree_plantings",
        {"species": "elm", "tree_count": 99, "planted_on": "2026-03-05", "status": "planned"},
        shapely.Point(76.9, 43.2),
    )
    store.insert("tree_plantings", {"species": "elm", "tree_count": 5, "status": "planted"}, shapely.Point(76.9, 43.2))
    assert [(m.month, m.trees, m.cumulative) for m in trees_by_month(store)] == [("2025-01", 10, 10)]


def test_sites_by_status_per_layer_match_sql(demo, demo_path):
    conn = sqlite3.connect(str(demo_path))
    for count in sites_by_status(demo, "en"):
        (expected,) = conn.execute(f'SELECT count(*) FROM "{count.layer}" WHERE status = ?', (count.status,)).fetchone()
        assert count.count == expected == len(count.uuids)
        assert count.branch == ""
    conn.close()
    labels = {(c.layer, c.status): c.status_label for c in sites_by_status(demo, "kk")}
    assert labels[("quarries", "illegal")] == "заңсыз"
    assert not any(c.layer == "shorelines" for c in sites_by_status(demo))  # no status field


def test_sites_by_status_per_branch(demo):
    counts = sites_by_status(demo, "ru", per_branch=True)
    for count in counts:
        members = [
            f for f in demo.features(count.layer) if (f["branch"] or "") == count.branch and f["status"] == count.status
        ]
        assert set(count.uuids) == {f.uuid for f in members}
    assert {c.branch_label for c in counts} >= {"Алматинская область", "город Алматы", "город Астана"}
    per_layer = {(c.layer, c.status): c.count for c in sites_by_status(demo)}
    summed: dict = {}
    for c in counts:
        summed[(c.layer, c.status)] = summed.get((c.layer, c.status), 0) + c.count
    assert summed == per_layer


def test_water_area_by_year(demo):
    areas = water_area_by_year(demo)
    aral = [a for a in areas if a.water_body == "aral"]
    assert [a.year for a in aral] == [1960, 2010]
    assert aral[0].area_km2 > 3 * aral[1].area_km2
    assert any(a.water_body == "caspian" and a.area_km2 > 300_000 for a in areas)


def test_sites_by_status_counts_from_sql_and_sorts_nothing_in_python(store):
    """On a reader thread, sorting each bar's uuids in Python was one C call holding the GIL for 50-90 ms
    per 100,000 features at every store shown (the UI thread waited for it): the counts come from SQL, the
    uuids as SQLite grouped them."""
    statuses = ("operating", "closed", "unknown")
    store.insert_many(
        "brick_factories",
        {"name": [f"w{i}" for i in range(300)], "status": [statuses[i % 3] for i in range(300)]},
        [shapely.Point(76.9 + i * 1e-4, 43.2) for i in range(300)],
    )
    sorts: list[str] = []

    def watch(_frame: object, event: str, arg: object) -> None:
        if event == "c_call" and getattr(arg, "__name__", "") in ("sorted", "sort"):
            sorts.append(getattr(arg, "__qualname__", ""))

    sys.setprofile(watch)
    try:
        counts = [c for c in sites_by_status(store) if c.layer == "brick_factories"]
    finally:
        sys.setprofile(None)
    assert sorts == []
    assert [(c.status, c.count) for c in counts] == [("closed", 100), ("operating", 100), ("unknown", 100)]
    members = {c.status: set(c.uuids) for c in counts}
    for feature in store.features("brick_factories"):
        assert feature.uuid in members[feature["status"]]
