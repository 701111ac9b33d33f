"""How demo features are recognised anywhere, so that none ever reaches the party's server.

The demo's sites are illustrative: positions and figures are approximate. A demo store is marked as
such inside the file (``baytak_sync_state.demo``, so a copy is still a demo), but a feature can leave
its store: exported to GeoJSON and imported into a real store, copied with ogr2ogr or QGIS. So every
demo feature also carries two marks of its own, which the client (sealing, importing) and the server
(every change of every push) both check:

- its uuid is in a namespace no real feature uses: ``00000000-0000-8000-8LLL-NNNNNNNNNNNN``, a UUID of
  version 8 (custom) whose time field is zero, where a real UUIDv7 starts with the time it was made;
- its notes start with :data:`ILLUSTRATIVE`, or its Kazakh or Russian (the seed places; the real Natural Earth shorelines of the
  demo carry only the uuid mark).
"""

from __future__ import annotations

ILLUSTRATIVE = "Illustrative position (demo data)."
# A demo store is written in the language of whoever makes it (demo_texts): the same mark in Kazakh and
# Russian is as much a mark.
ILLUSTRATIVE_MARKS = (
    ILLUSTRATIVE,
    "Орны шамамен берілген (демо деректер).",
    "Положение приблизительное (демо-данные).",
)
DEMO_UUID_PREFIX = "00000000-0000-8000-"
# The demo's uuids number the features per layer; fixed, because migration 6 gives them to the demo
# features of stores made before the mark existed.
DEMO_LAYER_NUMBERS = {
    "quarries": 1,
    "brick_factories": 2,
    "sewage_outflows": 3,
    "shorelines": 4,
    "tree_plantings": 5,
    "cleanup_plans": 6,
}
SQL_IS_DEMO_UUID = f"substr({{uuid}}, 1, {len(DEMO_UUID_PREFIX)}) = '{DEMO_UUID_PREFIX}'"
SQL_IS_ILLUSTRATIVE = "(" + " OR ".join(f"substr({{notes}}, 1, {len(m)}) = '{m}'" for m in ILLUSTRATIVE_MARKS) + ")"


def demo_uuid(layer: str, number: int) -> str:
    """The ``number``-th demo feature of ``layer`` (from 1)."""
    return f"{DEMO_UUID_PREFIX}8{DEMO_LAYER_NUMBERS.get(layer, 0):03x}-{number:012x}"


def is_demo_uuid(uuid: object) -> bool:
    return isinstance(uuid, str) and uuid.lower().startswith(DEMO_UUID_PREFIX)


def is_illustrative(notes: object) -> bool:
    return isinstance(notes, str) and notes.startswith(ILLUSTRATIVE_MARKS)


def sql_is_demo(uuid: str = "uuid", notes: str = "notes") -> str:
    """The same test as SQL over a row's uuid and notes columns."""
    return f"({SQL_IS_DEMO_UUID.format(uuid=uuid)} OR ifnull({SQL_IS_ILLUSTRATIVE.format(notes=notes)}, 0))"
