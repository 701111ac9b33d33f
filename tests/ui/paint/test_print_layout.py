"""The print layout in-process: PDF read back and rendered with QtPdf, the scale bar against pyproj, the legend."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest
from pyproj import Geod
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtPdf import QPdfDocument

from baytak_desktop.demo import build_demo
from baytak_desktop.exhibits.print_spec import ExhibitSpec, spec_from_options
from baytak_desktop.layers.style import default_styles
from baytak_desktop.mapdata.projection import fit_view, to_lonlat
from baytak_desktop.store import Store
from baytak_desktop.ui import i18n
from baytak_desktop.ui.paint.print_layout import (
    export_exhibit,
    format_distance,
    layout,
    scale_bar_labels,
    scale_figures,
)
from baytak_desktop.ui.paint.print_legend import LegendItem, columns_of, legend_items
from baytak_desktop.ui.paint.print_map import read_content
from baytak_desktop.ui.paint.print_sources import attribution_of, gather_sources

ALMATY = "76.4,43.1,77.4,44.0"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.gpkg"
    with Store.create(path) as store:
        build_demo(store)
    return path


@pytest.fixture(autouse=True)
def english_afterwards(qapp):
    yield
    i18n.set_language("en")


def load_pdf(path: Path) -> QPdfDocument:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    return document


def test_pdf_reads_back_and_renders(qapp, demo_store, tmp_path):
    spec = spec_from_options(demo_store, tmp_path / "ex.pdf", title="Sewage and settlements", extent=ALMATY)
    export_exhibit(spec)
    document = load_pdf(tmp_path / "ex.pdf")
    assert document.pageCount() == 1
    found = document.getAllText(0).text()
    assert "Sewage and settlements" in found and "Legend" in found and "Scale 1:" in found
    image = document.render(0, QSize(620, 877))
    assert not image.isNull()
    colours = {image.pixelColor(x, y).name() for x in range(0, 620, 7) for y in range(0, 877, 7)}
    assert len(colours) > 20  # map, legend, text: not a blank page
    assert QColor("#d7191c").name() in colours or len(colours) > 40


def test_kazakh_pdf_in_the_same_process(qapp, demo_store, tmp_path):
    i18n.set_language("kk")
    export_exhibit(spec_from_options(demo_store, tmp_path / "kk.pdf", extent=ALMATY, lang="kk"))
    found = load_pdf(tmp_path / "kk.pdf").getAllText(0).text()
    assert "Baytak картасы" in found and "Шартты белгілер" in found and "Карьерлер" in found
    assert "масштаб 1:" in found


def test_vector_pdf_stays_small_and_is_not_one_big_image(qapp, demo_store, tmp_path):
    export_exhibit(spec_from_options(demo_store, tmp_path / "v.pdf", extent=ALMATY, dpi=600))
    export_exhibit(spec_from_options(demo_store, tmp_path / "v300.pdf", extent=ALMATY, dpi=300))
    data = (tmp_path / "v.pdf").read_bytes()
    assert b"/Subtype /Image" not in data and b"/Subtype/Image" not in data  # paths and text only
    # vectors do not grow with the resolution the way pixels would (4x the pixels at 600 dpi)
    assert len(data) < 2 * (tmp_path / "v300.pdf").stat().st_size


@pytest.mark.parametrize("box", [(76.4, 43.1, 77.4, 44.0), (50.0, 40.0, 88.0, 56.0), (71.3, 51.0, 71.6, 51.2)])
def test_scale_bar_matches_pyproj_at_the_map_centre(qapp, box):
    view = fit_view(box, 2200, 2000, dpr=300 / 96)
    length, bar_px, denominator = scale_figures(view, 300, 450)
    assert str(int(length / 10 ** (len(str(int(length))) - 1)))[0] in "125"  # a round 1, 2 or 5 x 10^n
    cx, cy = (view.x0 + view.x1) / 2, (view.y0 + view.y1) / 2
    west, lat = to_lonlat(cx - bar_px / 2 * view.res, cy)
    east, _ = to_lonlat(cx + bar_px / 2 * view.res, cy)
    _, _, metres = Geod(ellps="WGS84").inv(west, lat, east, lat)
    assert metres == pytest.approx(length, rel=1e-3)
    paper_m = 450 / 300 * 0.0254
    assert denominator == pytest.approx(length / bar_px * 450 / paper_m, rel=0.01)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_scale_bar_labels_never_overlap_and_the_half_is_shown_where_it_fits(qapp, language):
    """A world map in Russian printed "2 500 км" over "5 000 км": the bar (38 mm asked) is rounded down
    to 1, 2 or 5 x 10^n, as short as 15 mm. Every round length from 1 m to 10,000 km, at the shortest
    and the longest bar, on an A4 page at 300 dpi: the labels keep apart; the end is always labelled."""
    geo = layout(2480, 3508, 300, False, 5)
    metrics, gap = QFontMetricsF(geo.font(7.5)), geo.mm(1.5)
    halves = []
    for length in (step * 10.0**power for power in range(0, 7) for step in (1, 2, 5)):
        for bar_px in (geo.mm(38) * 0.4, geo.mm(38)):
            labels = scale_bar_labels(length, bar_px, language, metrics, gap)
            spans = [(x, x + metrics.horizontalAdvance(label)) for x, label in labels]
            assert all(right + gap <= left for (_, right), (left, _) in itertools.pairwise(spans)), (length, labels)
            assert [labels[0][1], labels[-1][1]] == ["0", format_distance(length, language)]
            halves.append(len(labels) == 3)
    assert any(halves) and not all(halves)  # the half where it fits, left out where it does not


def test_legend_lists_the_categories_in_view_with_counts(qapp, demo_store):
    spec = ExhibitSpec(
        store=demo_store, out=Path("x.pdf"), layers=("quarries", "sewage_outflows"), extent=(76.4, 43.1, 77.4, 44.0)
    )
    sources = gather_sources(spec)
    view = fit_view(sources.extent, 1000, 1000, 1.0)
    content = read_content(demo_store, sources.styles, view, None)
    labels = [(item.label, item.heading) for item in legend_items(content, "en", set())]
    assert ("Quarries", True) in labels and ("illegal (2)", False) in labels
    assert ("Sewage outflows", True) in labels and ("active (3)", False) in labels
    assert not any(label.startswith("restored") for label, _ in labels)  # none in view, not listed
    kazakh = [item.label for item in legend_items(content, "kk", {"lakes", "lakes_historic"})]
    assert "заңсыз (2)" in kazakh and "Арал теңізінің 1950 жж. соңындағы жағалауы" in kazakh


def test_legend_colours_are_the_saved_styles(qapp, demo_store, tmp_path):
    """A style saved in the store (as the style dialog does) is what the exhibit's legend and map show."""
    copy = tmp_path / "styled.gpkg"
    copy.write_bytes(demo_store.read_bytes())
    style = default_styles()["tree_plantings"]
    recoloured = replace(style, kind="single", categories=(), field=None, symbol=replace(style.symbol, fill="#123456"))
    with Store.open(copy) as store:
        store.save_style(recoloured)
    sources = gather_sources(ExhibitSpec(store=copy, out=Path("x.pdf"), layers=("tree_plantings",)))
    assert sources.styles[0].symbol.fill == "#123456" and sources.styles[0].kind == "single"


def test_a_heading_never_ends_a_column():
    items = [LegendItem("a", True), LegendItem("1"), LegendItem("b", True), LegendItem("2"), LegendItem("3")]
    columns = columns_of(items, 3)
    assert [[i.label for i in c] for c in columns] == [["a", "1"], ["b", "2", "3"]]


def test_layout_keeps_everything_on_the_page():
    for width, height, landscape in ((2480, 3508, False), (3508, 2480, True), (7016, 9933, False)):
        geo = layout(width, height, 300, landscape, 5)
        for rect in (geo.header, geo.map, geo.legend, geo.notes):
            assert rect.left() >= 0 and rect.top() >= 0 and rect.right() <= width and rect.bottom() <= height
        assert geo.map.height() > height * 0.45 if not landscape else geo.map.width() > width * 0.6


def test_tile_attribution_names_openstreetmap():
    assert attribution_of('<a href="x">© OpenStreetMap contributors</a>', "x.mbtiles") == [
        "© OpenStreetMap contributors"
    ]
    assert attribution_of("", "https://tile.openstreetmap.org/{z}/{x}/{y}.png") == ["© OpenStreetMap contributors"]
    assert attribution_of("Satellite imagery (demo)", "sat.mbtiles") == ["Satellite imagery (demo)"]


def test_a_group_is_never_split_and_a_layer_of_one_symbol_is_its_own_heading(qapp, demo_store):
    items = [LegendItem("Quarries", True), *(LegendItem(f"q{i}") for i in range(4))]
    items += [LegendItem("Basemap", True), LegendItem("Water"), LegendItem("Town")]
    columns = [[i.label for i in c] for c in columns_of(items, 6)]
    assert columns == [["Quarries", "q0", "q1", "q2", "q3"], ["Basemap", "Water", "Town"]]  # "Town" not alone
    spec = ExhibitSpec(store=demo_store, out=Path("x.pdf"), layers=("shorelines", "quarries"))
    sources = gather_sources(spec)
    content = read_content(demo_store, sources.styles, fit_view(sources.extent, 1000, 1000, 1.0), None)
    shorelines = next(item for item in legend_items(content, "en", set()) if item.label.startswith("Shorelines"))
    assert shorelines.heading and shorelines.draw is not None  # bold, with its swatch: not a quarry status


def test_the_data_extent_gets_a_margin_so_sites_stay_clear_of_the_frame(demo_store):
    from baytak_desktop.mapdata.exhibit_reads import layers_extent

    west, south, east, north = layers_extent(demo_store, ["quarries"])
    sources = gather_sources(ExhibitSpec(store=demo_store, out=Path("x.pdf"), layers=("quarries",)))
    w, s, e, n = sources.extent
    assert w < west - 0.09 * (east - west) and e > east + 0.09 * (east - west)
    assert s < south - 0.09 * (north - south) and n > north + 0.09 * (north - south)


def test_a_label_wider_than_its_column_wraps_and_takes_its_rows_in_the_column(qapp):
    from PySide6.QtGui import QFont

    from baytak_desktop.ui.paint.print_legend import LegendFonts, wrapped_to

    font = QFont()
    font.setPixelSize(20)
    fonts = LegendFonts(font, font, 24.0, 1.0)
    long = "Алматы облысындағы заңсыз құм-қиыршық тас карьерлері (өндіру тоқтатылған)"
    wrapped = wrapped_to([LegendItem("Quarries", True), LegendItem(long), LegendItem("short")], fonts, 460)
    heading, entry, short = wrapped
    assert heading.rows == 1 and short.rows == 1 and short.lines == ()
    assert 2 <= entry.rows <= 3 and " ".join(entry.lines).split() == long.split()  # every word, in order
    metrics = QFontMetricsF(font)
    assert all(metrics.horizontalAdvance(line) <= 460 for line in entry.lines)
    # the wrapped entry's rows count: the group fills its column, so "b" starts the next one
    items = [*wrapped, LegendItem("b", True), LegendItem("1")]
    group = 2 + entry.rows
    assert [[i.label for i in c] for c in columns_of(items, group + 1)] == [["Quarries", long, "short"], ["b", "1"]]
    assert len(columns_of(items, group + 2)) == 1
    (narrow,) = wrapped_to([LegendItem(long)], fonts, 160)  # too long for three rows: the last is elided
    assert narrow.rows == 3 and narrow.lines[-1].endswith("…")


def test_a_long_kazakh_title_and_subtitle_stay_on_the_page(qapp, demo_store, tmp_path):
    """A subtitle too long at its size is set smaller and printed whole; a title too long even at the
    smallest readable size is elided inside the margin instead of running off the paper."""
    subtitle = (
        "Өтеген батыр ауылының солтүстігіндегі құм-қиыршық тас карьері: 2024 жылғы шілде мен 2026 жылғы "
        "маусым аралығындағы өзгерістер, ұшқышсыз ұшақтың суреттері бойынша"
    )
    title = "Заңсыз карьер " * 30
    spec = spec_from_options(demo_store, tmp_path / "ex.pdf", title=title, subtitle=subtitle, extent=ALMATY, lang="kk")
    export_exhibit(spec)
    document = load_pdf(tmp_path / "ex.pdf")
    found = document.getAllText(0).text()
    assert subtitle in " ".join(found.split())
    margin = 12 / 25.4 * 72
    for start, length in ((found.index("…") - 3, 4), (found.index(subtitle[-8:]), 8)):
        bounds = document.getSelectionAtIndex(0, start, length).boundingRectangle()
        assert bounds.right() <= document.pagePointSize(0).width() - margin + 1
