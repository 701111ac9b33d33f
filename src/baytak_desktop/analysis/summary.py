"""A summary per branch: what each regional branch has on the map, for planning and reports.

Counts by status come straight from SQL (GROUP BY over the layer table, no geometry decoded); quarry
areas are measured geodesically from the geometry (see measures.py for why not the stored area_ha).
A feature without a branch is summarised under the empty branch code, labelled as such, so nothing
logged in the field is left out of the totals.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from baytak_desktop.layers import BRANCHES
from baytak_desktop.layers.measure import area_m2
from baytak_desktop.store import Store

NO_BRANCH = ""
NO_BRANCH_LABELS = {"kk": "(филиалсыз)", "ru": "(без филиала)", "en": "(no branch)"}
PLANTED = ("planted", "verified", "lost")  # trees that went into the ground, whether or not they survived
UNKNOWN = "unknown"
ALL = "all"  # the "status" of a layer that has no status field (shorelines): every feature


@dataclass
class BranchSummary:
    """One branch: ``counts[layer][status]``, quarry hectares by legal status, and trees."""

    branch: str
    label: str
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    quarry_area_ha: dict[str, float] = field(default_factory=dict)
    trees_planted: int = 0
    trees_lost: int = 0
    trees_planned: int = 0


@dataclass
class Summary:
    branches: list[BranchSummary]
    total: BranchSummary


def summarize(store: Store, lang: str = "en") -> Summary:
    """Every branch with any feature, in branch-code order, and the total over all of them."""
    summaries: dict[str, BranchSummary] = {}

    def branch(code: str | None) -> BranchSummary:
        code = code or NO_BRANCH
        if code not in summaries:
            summaries[code] = BranchSummary(code, branch_label(code, lang))
        return summaries[code]

    total = BranchSummary("*", {"kk": "Барлығы", "ru": "Всего", "en": "All branches"}.get(lang, "All branches"))
    for layer, code, status, count in _status_counts(store):
        for target in (branch(code), total):
            statuses = target.counts.setdefault(layer, {})
            statuses[status or UNKNOWN] = statuses.get(status or UNKNOWN, 0) + count
    for code, legal, hectares in _quarry_areas(store):
        for target in (branch(code), total):
            target.quarry_area_ha[legal] = round(target.quarry_area_ha.get(legal, 0.0) + hectares, 4)
    for code, status, trees in _trees(store):
        for target in (branch(code), total):
            _add_trees(target, status, trees)
    return Summary(sorted(summaries.values(), key=lambda s: s.branch), total)


def branch_label(code: str, lang: str) -> str:
    return NO_BRANCH_LABELS.get(lang, NO_BRANCH_LABELS["en"]) if code == NO_BRANCH else BRANCHES.label(code, lang)


def _status_counts(store: Store) -> list[tuple[str, str | None, str | None, int]]:
    rows = []
    for name, schema in store.catalog.items():
        status = "status" if "status" in schema.field_names else f"'{ALL}'"
        rows += [
            (name, *row) for row in store.conn.execute(f'SELECT branch, {status}, count(*) FROM "{name}" GROUP BY 1, 2')
        ]
    return rows


def _quarry_areas(store: Store) -> list[tuple[str | None, str, float]]:
    return [
        (q.get("branch"), q.get("legal_status") or UNKNOWN, area_m2(q.geometry) / 10_000)
        for q in store.features("quarries")
    ]


def _trees(store: Store) -> list[tuple[str | None, str, int]]:
    return list(
        store.conn.execute("SELECT branch, status, coalesce(sum(tree_count), 0) FROM tree_plantings GROUP BY 1, 2")
    )


def _add_trees(summary: BranchSummary, status: str, trees: int) -> None:
    if status in PLANTED:
        summary.trees_planted += trees
    if status == "lost":
        summary.trees_lost += trees
    if status == "planned":
        summary.trees_planned += trees
