"""Saving an edit, undo and redo on a big layer, through the real EditSession and QUndoStack.

    .venv/bin/python bench/bench_edits.py [--n 100000] [--repeat 20]

Builds a store with ``--n`` brick factories and ``--n // 10`` quarries (polygons), then times, each
``--repeat`` times on the UI thread (offscreen): create a point, undo it, redo it; edit attributes;
move a point; reshape a 200-vertex quarry outline (area recomputed geodesically); delete and undo the
delete; attach a photo and undo. Target (issue 4): every one under 50 ms. One JSON object to stdout.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from io import BytesIO
from pathlib import Path

import _common as c

TARGET_MS = 50.0


def build(path: Path, n: int, seed: int):
    import shapely

    from baytak_desktop.store import Store

    names, statuses, geoms = c.random_points(n, seed)
    store = Store.create(path)
    store.insert_many("brick_factories", {"name": names, "status": statuses}, list(geoms))
    centres = c.random_points(n // 10, seed + 1, (60.0, 42.0, 80.0, 52.0))[2]
    outlines = [shapely.Point(p.x, p.y).buffer(0.01, quad_segs=50) for p in centres]
    store.insert_many(
        "quarries", {"name": [f"Quarry {i}" for i in range(len(outlines))], "status": "illegal"}, outlines
    )
    return store


def _photo(folder: Path) -> Path:
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (1600, 1200), (120, 100, 80)).save(out, "JPEG", quality=85)
    path = folder / "photo.jpg"
    path.write_bytes(out.getvalue())
    return path


def _ms(step) -> float:
    start = time.perf_counter()
    step()
    return (time.perf_counter() - start) * 1000


def run_session(session, store, repeat: int, folder: Path) -> dict[str, list[float]]:
    import shapely

    times: dict[str, list[float]] = {
        k: []
        for k in (
            "create_point",
            "undo_create",
            "redo_create",
            "edit_attributes",
            "undo_edit",
            "move_point",
            "reshape_polygon_200_vertices",
            "undo_reshape",
            "delete",
            "undo_delete",
            "attach_photo",
            "undo_attach",
        )
    }
    photo = _photo(folder)
    factories = list(store.iter_uuids("brick_factories"))
    quarries = list(store.iter_uuids("quarries"))
    for i in range(repeat):
        made: list[str] = []
        times["create_point"].append(
            _ms(
                lambda: made.append(
                    session.create_feature(
                        "brick_factories", {"name": f"New {i}", "status": "closed"}, shapely.Point(76.9, 43.2)
                    )
                )
            )
        )
        times["undo_create"].append(_ms(session.stack.undo))
        times["redo_create"].append(_ms(session.stack.redo))
        uuid = factories[(i * 7919) % len(factories)]
        times["edit_attributes"].append(
            _ms(
                lambda: session.update_attributes(
                    "brick_factories", uuid, {"status": "relocated", "operator": f"Op {i}"}
                )
            )
        )
        times["undo_edit"].append(_ms(session.stack.undo))
        times["move_point"].append(
            _ms(lambda: session.update_geometry("brick_factories", uuid, shapely.Point(77.0 + i / 1000, 43.3)))
        )
        quarry = quarries[(i * 131) % len(quarries)]
        outline = store.get("quarries", quarry).geometry
        moved = shapely.affinity.translate(outline, 0.001, 0.0)
        times["reshape_polygon_200_vertices"].append(_ms(lambda: session.update_geometry("quarries", quarry, moved)))
        times["undo_reshape"].append(_ms(session.stack.undo))
        times["delete"].append(_ms(lambda: session.delete_feature("brick_factories", uuid)))
        times["undo_delete"].append(_ms(session.stack.undo))
        times["attach_photo"].append(_ms(lambda: session.attach_photo("brick_factories", uuid, photo)))
        times["undo_attach"].append(_ms(session.stack.undo))
    return times


def main() -> None:
    args = c.parse_args(__doc__.splitlines()[0], 100_000, lambda p: p.set_defaults(repeat=20))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from baytak_desktop.ui.edit.session import EditSession

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        c.log(f"building {args.n:,} points and {args.n // 10:,} polygons")
        store = build(Path(folder) / "edits.gpkg", args.n, args.seed)
        session = EditSession(store)
        times = run_session(session, store, args.repeat, Path(folder))
        store.close()
        machine = c.machine_info(folder)
    steps = {
        name: {"median_ms": round(statistics.median(v), 2), "max_ms": round(max(v), 2)} for name, v in times.items()
    }
    worst = max(s["median_ms"] for s in steps.values())
    c.emit(
        {
            "benchmark": "edits",
            "points": args.n,
            "polygons": args.n // 10,
            "repeat": args.repeat,
            "target_ms": TARGET_MS,
            "steps": steps,
            "worst_median_ms": worst,
            "meets_target": worst < TARGET_MS,
            "machine": machine,
        }
    )
    del app


if __name__ == "__main__":
    main()
