"""The numbers behind the charts dock: plain values, so the Qt charts, the CLI and the tests share them.

Each bar or point carries the uuids of the features it counts, because clicking a bar selects those
features on the map. Counts and sums come from SQL over the layer tables; water areas come from
analysis.water (geodesic, from the shorelines).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from baytak_desktop.analysis.summary import branch_label
from baytak_desktop.analysis.water import WaterArea, water_areas
from baytak_desktop.store import Store

NOT_PLANTED = ("planned",)  # planned trees are not yet in the ground; lost ones were planted, then died


@dataclass(frozen=True)
class MonthTrees:
    month: str  # YYYY-MM
    trees: int
    cumulative: int
    uuids: tuple[str, ...]


@dataclass(frozen=True)
class StatusCount:
    layer: str
    branch: str  # "" for the per-layer chart (all branches together) and for features without a branch
    branch_label: str
    status: str
    status_label: str
    count: int
    uuids: tuple[str, ...]


def trees_by_month(store: Store) -> list[MonthTrees]:
    """Trees planted per month (planted_on), oldest first, with the running total."""
    rows = store.conn.execute(
        "SELECT substr(planted_on, 1, 7), tree_count, uuid FROM tree_plantings "
        "WHERE planted_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]*' "
        f"AND coalesce(status, '') NOT IN ({_marks(NOT_PLANTED)}) "
        "ORDER BY planted_on, uuid",
        NOT_PLANTED,
    ).fetchall()
    months: dict[str, tuple[int, list[str]]] = {}
    for month, trees, uuid in rows:
        total, uuids = months.get(month, (0, []))
        months[month] = (total + (trees or 0), [*uuids, uuid])
    result, running = [], 0
    for month in _month_range(min(months), max(months)) if months else []:
        trees, uuids = months.get(month, (0, []))
        running += trees
        result.append(MonthTrees(month, trees, running, tuple(uuids)))
    return result


def sites_by_status(store: Store, lang: str = "en", per_branch: bool = False) -> list[StatusCount]:
    """Features by status for every layer with a status (built-in or published), all branches together
    or per branch. The bars' order and their counts come from SQL; each bar's uuids (what a click selects)
    in the order SQLite grouped them: a selection, never sorted here. Sorting 100,000 uuids in Python was
    one C call holding the GIL for 50-90 ms on the reader thread at every store shown, while the UI thread
    waited for it."""
    result = []
    for name, schema in store.catalog.items():
        if "status" not in schema.field_names:
            continue
        vocabulary = schema.field("status").vocabulary
        for branch, status, count, uuids in store.conn.execute(_status_sql(name, per_branch)):
            result.append(
                StatusCount(
                    name,
                    branch,
                    branch_label(branch, lang) if per_branch else "",
                    status,
                    vocabulary.label(status, lang) if vocabulary else status,
                    count,
                    tuple(uuids.split(" ")) if count else (),
                )
            )
    return result


def _status_sql(layer: str, per_branch: bool) -> str:
    """One row per bar, in the bars' order: (branch, status, count, the uuids space-separated)."""
    branch = "coalesce(branch, '')" if per_branch else "''"
    return (
        f"SELECT {branch}, coalesce(status, ''), count(uuid), group_concat(uuid, ' ') FROM \"{layer}\" "
        "GROUP BY 1, 2 ORDER BY 1, 2"
    )


def water_area_by_year(store: Store | None, basemap: Path | None = None) -> list[WaterArea]:
    """Aral and Caspian (and any other mapped water body) area by year, geodesic km2."""
    return water_areas(store, basemap)


@dataclass(frozen=True)
class WaterChange:
    """One water body's areas by year as a change from its first mapped year, so that the Aral (tens of
    thousands of km²) and the Caspian (hundreds of thousands) read on one axis: on a shared km² axis the
    Aral's loss of nine tenths was a flat line at the bottom."""

    water_body: str
    years: tuple[int, ...]
    change_pct: tuple[float, ...]  # (area / first area - 1) * 100
    areas_km2: tuple[float, ...]
    uuids: tuple[str | None, ...]

    @property
    def first_km2(self) -> float:
        return self.areas_km2[0]

    @property
    def last_km2(self) -> float:
        return self.areas_km2[-1]


def water_change_since_first_year(areas: list[WaterArea]) -> list[WaterChange]:
    """Per water body (sorted by code), its areas by year as percentages of the first year's area; a
    body whose first area is 0 is left out (no change can be stated against nothing)."""
    result = []
    for body in sorted({a.water_body for a in areas}):
        points = sorted((a for a in areas if a.water_body == body), key=lambda a: (a.year, a.observed_on))
        first = points[0].area_km2
        if first <= 0:
            continue
        result.append(
            WaterChange(
                body,
                tuple(a.year for a in points),
                tuple((a.area_km2 / first - 1.0) * 100.0 for a in points),
                tuple(a.area_km2 for a in points),
                tuple(a.uuid for a in points),
            )
        )
    return result


def _month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` (YYYY-MM), so a month without planting shows as 0, not as a gap."""
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _marks(values: tuple[str, ...]) -> str:
    return ", ".join("?" for _ in values)
