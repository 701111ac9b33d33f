"""Street names along the curve of their street and route numbers in shields, on screen and on paper.

The basemap is built by the real pipeline (GDAL's OSM driver) from a small OSM XML file written here: a
street bent into a half circle, named in Kazakh and Russian, a trunk road numbered M-36, a primary
numbered Р-3 (Cyrillic, as Kazakhstan's OSM has it) and a secondary crossing them, near Otegen Batyr.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF

from baytak_desktop.basemap import osm_style
from baytak_desktop.basemap.build import build_basemap
from baytak_desktop.basemap.registry import register_basemap
from baytak_desktop.exhibits.print_spec import spec_from_options
from baytak_desktop.mapdata.projection import View, to_scene
from baytak_desktop.store import Store
from baytak_desktop.ui.paint.basemap import OverlayJob, render_overlay
from baytak_desktop.ui.paint.labels import LabelPlacer, LabelStyle, make_font
from baytak_desktop.ui.paint.osm_labels import _along

CENTRE = (77.43, 43.62)
ABAI = {"name": "Abay street", "name:kk": "Абай көшесі", "name:ru": "улица Абая"}


def write_osm(path: Path) -> None:
    nodes: list[tuple[int, float, float, dict[str, str]]] = []
    ways: list[tuple[int, list[int], dict[str, str]]] = []

    def node(lon: float, lat: float, tags: dict[str, str] | None = None) -> int:
        nodes.append((len(nodes) + 1, lon, lat, tags or {}))
        return len(nodes)

    lon, lat = CENTRE
    arc = [node(lon + 0.0062 * math.cos(a), lat + 0.0045 * math.sin(a)) for a in np.linspace(0, math.pi, 31)]
    ways.append((1, arc, {"highway": "residential", **ABAI}))
    ways.append((2, [node(77.0 + 0.01 * i, 43.55 + 0.001 * i) for i in range(90)], {"highway": "trunk", "ref": "M-36"}))
    ways.append(
        (3, [node(77.43 + 0.0005 * i, 43.3 + 0.01 * i) for i in range(60)], {"highway": "primary", "ref": "Р-3"})
    )
    ways.append((4, [node(77.2 + 0.01 * i, 43.7) for i in range(40)], {"highway": "secondary", "ref": "KX-12"}))
    node(77.445, 43.625, {"place": "village", "name": "Otegen Batyr", "name:kk": "Өтеген батыр"})
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="baytak tests">\n')
        for i, x, y, tags in nodes:
            body = "".join(f'<tag k="{k}" v="{v}"/>' for k, v in tags.items())
            out.write(f'<node id="{i}" version="1" lat="{y:.7f}" lon="{x:.7f}">{body}</node>\n')
        for i, refs, tags in ways:
            body = "".join(f'<nd ref="{r}"/>' for r in refs) + "".join(
                f'<tag k="{k}" v="{v}"/>' for k, v in tags.items()
            )
            out.write(f'<way id="{i}" version="1">{body}</way>\n')
        out.write("</osm>\n")


@pytest.fixture(scope="module")
def basemap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("roads")
    write_osm(folder / "roads.osm")
    return build_basemap(folder / "roads.osm", folder / "roads.basemap.gpkg").path


def view_at(lon: float, lat: float, scale: float, width: int = 1366, height: int = 768) -> View:
    res = scale * 0.0254 / 96 / math.cos(math.radians(lat))
    x, y = to_scene(np.array([lon]), np.array([lat]))
    return View(float(x[0]) - width / 2 * res, float(y[0]) - height / 2 * res, res, width, height)


def labels_at(basemap: Path, scale: float, language: str) -> list[str]:
    job = OverlayJob(None, None, (), language, ((basemap, None),))
    return render_overlay(job, view_at(*CENTRE, scale)).labels


def test_the_shape_of_a_name_follows_its_street(qapp) -> None:
    """Along a half circle, the letters turn with the street (about 30 degrees from the first to the
    last here) and each sits on it, reading left to right; a bend sharper than a name can follow is refused."""
    font = make_font(LabelStyle(11.0), 1.0)
    metrics = QFontMetricsF(font)
    angles = np.linspace(math.pi, 0, 200)  # left to right over the top of a circle of 120 px
    arc = shapely.LineString(np.column_stack([500 + 120 * np.cos(angles), 500 - 120 * np.sin(angles)]))
    letters = _along(arc, arc.length, "Абай көшесі", metrics, 2.0, LabelPlacer(1366, 768))
    assert letters is not None and "".join(g.text for g in letters) == "Абай көшесі"
    turns = [math.degrees(math.atan2(g.transform.m12(), g.transform.m11())) for g in letters]
    assert turns[0] < -10 and turns[-1] > 10  # rising at the start, falling at the end: along the curve
    assert all(b > a for a, b in itertools.pairwise(turns))
    for glyph in letters:
        assert arc.distance(shapely.Point(glyph.transform.dx(), glyph.transform.dy())) < 1.0
    tight = shapely.LineString(np.column_stack([500 + 20 * np.cos(angles), 500 - 20 * np.sin(angles)]))
    assert _along(tight, tight.length, "Абай", metrics, 2.0, LabelPlacer(1366, 768)) is None  # a hairpin


def test_a_curved_name_is_not_placed_over_another_label(qapp) -> None:
    font = make_font(LabelStyle(11.0), 1.0)
    metrics = QFontMetricsF(font)
    line = shapely.LineString([(100, 400), (900, 400)])
    placer = LabelPlacer(1366, 768)
    assert placer.take(QRectF(420, 380, 160, 40))  # a town's name already over the middle of the street
    letters = _along(line, line.length, "Абай көшесі", metrics, 2.0, placer)
    assert letters is not None  # placed a third of the way along instead, clear of the town's name
    assert all(not (400 <= g.transform.dx() <= 600) for g in letters)
    crowded = LabelPlacer(1366, 768)
    assert crowded.take(QRectF(0, 380, 1366, 40))
    assert _along(line, line.length, "Абай көшесі", metrics, 2.0, crowded) is None
    assert not crowded.take_all([QRectF(10, 10, 5, 5), QRectF(10, 390, 5, 5)])  # all or nothing
    assert crowded.take(QRectF(10, 10, 5, 5))


def test_street_names_and_shields_in_the_ui_language(qapp, basemap: Path) -> None:
    kk = labels_at(basemap, 10_000, "kk")
    assert "Абай көшесі" in kk and "Өтеген батыр" in kk
    assert kk.index("Өтеген батыр") < kk.index("Абай көшесі")  # settlements first
    assert "улица Абая" in labels_at(basemap, 10_000, "ru")
    small = labels_at(basemap, 500_000, "kk")
    assert {"М-36", "Р-3"} <= set(small)  # Cyrillic letters for a Kazakh reader
    assert "КХ-12" not in small and "Абай көшесі" not in small  # a secondary's number only from 1:100,000
    assert "КХ-12" in labels_at(basemap, 100_000, "kk")
    english = labels_at(basemap, 500_000, "en")
    assert {"M-36", "R-3"} <= set(english) and "М-36" not in english


def test_shield_text_reads_in_the_readers_alphabet() -> None:
    assert osm_style.shield_text("M-36;E40", "kk") == "М-36"
    assert osm_style.shield_text("Р-3", "en") == "R-3"
    assert osm_style.shield_text("A-2", "ru") == "А-2"
    assert osm_style.shield_text("1", "kk") == "1"


def test_the_printed_exhibit_keeps_names_and_numbers_as_text(qapp, basemap: Path, tmp_path: Path) -> None:
    from PySide6.QtPdf import QPdfDocument

    from baytak_desktop.ui.paint.print_layout import export_exhibit

    store = tmp_path / "field.gpkg"
    with Store.create(store) as opened:
        register_basemap(opened, basemap, {"title": "Roads", "bounds": (77.0, 43.3, 77.9, 43.9), "counts": {}})
    lon, lat = CENTRE
    extent = f"{lon - 0.012},{lat - 0.009},{lon + 0.012},{lat + 0.009}"
    export_exhibit(spec_from_options(store, tmp_path / "ex.pdf", extent=extent, lang="kk", dpi=150))
    document = QPdfDocument()
    assert document.load(str(tmp_path / "ex.pdf")) == QPdfDocument.Error.None_
    text = "".join(document.getAllText(0).text().split())
    assert "Абайкөшесі" in text  # letter by letter along the curve, and still the name as text
    wide = f"{lon - 0.5},{lat - 0.3},{lon + 0.5},{lat + 0.3}"
    export_exhibit(spec_from_options(store, tmp_path / "wide.pdf", extent=wide, lang="kk", dpi=150))
    assert document.load(str(tmp_path / "wide.pdf")) == QPdfDocument.Error.None_
    assert "М-36" in document.getAllText(0).text()


def test_at_1_500000_the_thin_roads_are_drawn_dark_enough_to_see(qapp, basemap: Path) -> None:
    """A secondary road at 1:500,000 is a line of a pixel without its casing: in its pale fill it
    vanished into the land; it is drawn in the darker tone of its class instead, and wide again closer."""
    from PySide6.QtGui import QColor, QImage

    from baytak_desktop.ui.paint.osm import OsmJob, render_osm

    def count(image: QImage, hex_colour: str) -> int:
        rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
        pixels = np.frombuffer(rgba.constBits(), np.uint8).reshape(image.height(), image.width(), 4)
        target = np.array(QColor(hex_colour).getRgb()[:3])
        return int(np.all(np.abs(pixels[..., :3].astype(int) - target) <= 8, axis=-1).sum())

    secondary = osm_style.ROADS["secondary"]
    small = render_osm(OsmJob(basemap), view_at(*CENTRE, 500_000)).image
    assert secondary.thin is not None and count(small, secondary.thin) > 40
    assert count(small, secondary.colour) == 0
    closer = render_osm(OsmJob(basemap), view_at(77.4, 43.7, 100_000)).image
    assert count(closer, secondary.colour) > 200


def test_a_pan_names_a_street_coming_into_view_and_keeps_it_in_place_on_the_next(qapp, basemap: Path) -> None:
    """The overlay after a pan places names only where the map was uncovered (streets lying in the part
    already judged are set aside unread); a street coming in from the edge gets its name, in Kazakh,
    where a fresh render puts it, and the next pan moves that name with the map."""
    from dataclasses import replace

    from baytak_desktop.ui.paint import basemap as overlay
    from baytak_desktop.ui.paint.basemap import forget_overlays

    job = OverlayJob(None, None, (), "kk", ((basemap, None),))
    centre = view_at(*CENTRE, 10_000)
    start = replace(centre, x0=centre.x0 - 900 * centre.res)  # the street's arc beyond the right edge
    forget_overlays()
    assert "Абай көшесі" not in render_overlay(job, start).labels
    panned = replace(start, x0=start.x0 + 500 * start.res)
    assert "Абай көшесі" in render_overlay(job, panned).labels

    def letters() -> list[float]:
        return [
            coordinate
            for boxes, text in overlay.last_claims()
            if text == "Абай көшесі"
            for box in boxes
            for coordinate in (box.center().x(), box.center().y())
        ]

    after_pan = letters()
    forget_overlays()
    render_overlay(job, panned)
    assert after_pan == pytest.approx(letters())  # where a fresh render of the same view sets it
    render_overlay(job, replace(panned, x0=panned.x0 + 60 * panned.res, y0=panned.y0 - 40 * panned.res))
    moved = [value - 60 if i % 2 == 0 else value + 40 for i, value in enumerate(after_pan)]
    assert letters() == pytest.approx(moved)  # moved with the map
