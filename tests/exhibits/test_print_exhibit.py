"""Printed exhibits made the way the CLI makes them: a spec, a child process, and the files read back.

No Qt in this process: the PDF is read back with pypdf, the SVG with ElementTree, the PNG with Pillow.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from contextlib import closing
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from baytak_desktop.demo import build_demo
from baytak_desktop.errors import NotAGeoPackage, NotAStore, StoreLocked, ValidationError
from baytak_desktop.exhibits.print_spec import ExhibitSpec, SpecError, parse_extent, spec_from_options
from baytak_desktop.exhibits.render_process import ExhibitError, _answer, refusal, render_exhibit
from baytak_desktop.store import Store

ALMATY = "76.4,43.1,77.4,44.0"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.gpkg"
    with Store.create(path) as store:
        build_demo(store)
    return path


def embedded_fonts(page) -> dict[str, bool]:
    """Each font of a PDF page: whether its glyphs are in the file (a FontFile of the descriptor)."""
    found = {}
    for reference in page["/Resources"]["/Font"].values():
        font = reference.get_object()
        described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = described.get("/FontDescriptor")
        keys = set(descriptor.get_object().keys()) if descriptor is not None else set()
        found[str(font["/BaseFont"])] = bool(keys & {"/FontFile", "/FontFile2", "/FontFile3"})
    return found


def pdf_text(path: Path) -> str:
    reader = PdfReader(str(path))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def test_english_pdf_has_title_legend_scale_and_attribution(demo_store, tmp_path):
    spec = spec_from_options(
        demo_store,
        tmp_path / "sites.pdf",
        title="Illegal quarries of Ile district",
        subtitle="Almaty region",
        extent=ALMATY,
        author="A. Expert",
        date="2025-06-30",
    )
    assert render_exhibit(spec) == tmp_path / "sites.pdf"
    found = pdf_text(tmp_path / "sites.pdf")
    for expected in (
        "Illegal quarries of Ile district",
        "Almaty region",
        "Legend",
        "Quarries",
        "illegal (2)",
        "Sewage outflows",
        "at the map centre",
        "km",
        "Made with Natural Earth",
        "A. Expert",
        "2025-06-30",
        "WGS 84",
        "illustrative demo data",
    ):
        assert expected in found, expected
    assert "Scale 1:" in found


def test_kazakh_pdf_has_kazakh_labels(demo_store, tmp_path):
    spec = spec_from_options(
        demo_store, tmp_path / "kk.pdf", title="Іле ауданының заңсыз карьерлері", extent=ALMATY, lang="kk"
    )
    render_exhibit(spec)
    found = pdf_text(tmp_path / "kk.pdf")
    for expected in (
        "Іле ауданының заңсыз карьерлері",
        "Шартты белгілер",
        "Карьерлер",
        "заңсыз (2)",
        "Карта ортасындағы масштаб 1:",
        "км",
        "Natural Earth деректерімен жасалған",
        "Күні",
        "Есік",  # a map label: real text in the PDF, searchable and selectable
        "Алматы",
    ):
        assert expected in found, expected
    assert "Legend" not in found and "Made with Natural Earth" not in found


def test_pdf_page_size_follows_the_page_and_orientation(demo_store, tmp_path):
    spec = spec_from_options(demo_store, tmp_path / "a3.pdf", page="A3", landscape=True, dpi=150, extent=ALMATY)
    render_exhibit(spec)
    box = PdfReader(str(tmp_path / "a3.pdf")).pages[0].mediabox
    width_mm, height_mm = float(box.width) / 72 * 25.4, float(box.height) / 72 * 25.4
    assert abs(width_mm - 420) < 1 and abs(height_mm - 297) < 1


def test_svg_is_xml_with_the_title(demo_store, tmp_path):
    spec = spec_from_options(demo_store, tmp_path / "map.svg", title="Aral Sea then and now", dpi=96)
    render_exhibit(spec)
    root = ET.parse(tmp_path / "map.svg").getroot()
    assert root.tag.endswith("svg")
    texts = " ".join("".join(node.itertext()) for node in root.iter() if node.tag.endswith("text"))
    assert "Aral Sea then and now" in texts and "Made with Natural Earth" in texts
    assert "Almaty" in texts and "Astana" in texts  # the map's labels are text elements, not outlines


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("kk", ("Natural Earth деректерімен жасалған", "Есік", "Алматы", "км", "Күні: 2026-12-01")),
        ("ru", ("Создано с использованием Natural Earth", "Есик", "Алматы", "км", "Дата: 2026-12-01")),
    ],
)
def test_kazakh_and_russian_pdfs_have_their_properties_and_searchable_labels(demo_store, tmp_path, lang, expected):
    out = tmp_path / f"{lang}.pdf"
    spec = spec_from_options(
        demo_store, out, title="Іле ауданы", extent=ALMATY, lang=lang, author="Айгерім Сапарова", date="2026-12-01"
    )
    render_exhibit(spec)
    found = pdf_text(out)
    for text in expected:
        assert text in found, text
    reader = PdfReader(str(out))
    assert reader.metadata.title == "Іле ауданы" and reader.metadata.author == "Айгерім Сапарова"
    assert reader.metadata.subject and "2026-12-01" in reader.metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == {"kk": "kk-KZ", "ru": "ru-RU"}[lang]
    fonts = embedded_fonts(reader.pages[0])
    assert fonts and all(fonts.values()), fonts  # every font of the page's text is embedded (a subset)


def test_png_has_the_requested_pixel_size_and_dpi(demo_store, tmp_path):
    spec = spec_from_options(demo_store, tmp_path / "map.png", dpi=120, extent=ALMATY)
    render_exhibit(spec)
    with Image.open(tmp_path / "map.png") as image:
        assert image.size == (round(210 / 25.4 * 120), round(297 / 25.4 * 120))
        assert round(image.info["dpi"][0]) == 120
        colours = image.convert("RGB").getcolors(1_000_000)
    assert len(colours) > 50  # a map, not a blank page


def test_only_the_chosen_layers_are_in_the_legend(demo_store, tmp_path):
    spec = spec_from_options(demo_store, tmp_path / "one.pdf", layers="tree_plantings", extent=ALMATY)
    render_exhibit(spec)
    found = pdf_text(tmp_path / "one.pdf")
    assert "Tree plantings" in found and "Quarries" not in found and "Sewage outflows" not in found


def test_spec_checks_options_before_starting_a_process(tmp_path):
    store = tmp_path / "s.gpkg"
    with pytest.raises(SpecError, match="A5"):
        spec_from_options(store, tmp_path / "x.pdf", page="A5")
    with pytest.raises(SpecError, match=r"\.pdf, \.png or \.svg"):
        spec_from_options(store, tmp_path / "x.jpg")
    with pytest.raises(SpecError, match="kk, ru or en"):
        spec_from_options(store, tmp_path / "x.pdf", lang="de")
    with pytest.raises(SpecError, match="no layer roads"):
        spec_from_options(store, tmp_path / "x.pdf", layers="quarries,roads")
    with pytest.raises(SpecError, match="west < east"):
        parse_extent("77,43,76,44")
    with pytest.raises(SpecError, match="four numbers"):
        parse_extent("77,43,76")
    with pytest.raises(SpecError, match="million pixels"):
        spec_from_options(store, tmp_path / "x.png", page="A1", dpi=600)


def test_spec_round_trips_through_json(tmp_path):
    spec = spec_from_options(
        tmp_path / "s.gpkg",
        tmp_path / "x.pdf",
        title="Т",
        layers="quarries",
        extent=ALMATY,
        page="a2",
        landscape=True,
        lang="ru",
        author="Я",
        date="2025-01-02",
    )
    again = ExhibitSpec.from_json(spec.to_json())
    assert again == spec and again.page == "A2" and again.page_mm == (594.0, 420.0)
    assert json.loads(spec.to_json())["extent"] == [76.4, 43.1, 77.4, 44.0]


def test_a_missing_store_or_folder_is_a_clear_error(demo_store, tmp_path):
    with pytest.raises(ExhibitError, match="does not exist"):
        render_exhibit(spec_from_options(tmp_path / "none.gpkg", tmp_path / "x.pdf"))
    with pytest.raises(ExhibitError, match="folder"):
        render_exhibit(spec_from_options(demo_store, tmp_path / "no" / "x.pdf"))


def test_a_file_that_is_not_a_store_is_reported_by_the_child(tmp_path):
    fake = tmp_path / "fake.gpkg"
    fake.write_text("not a geopackage")
    with pytest.raises(NotAGeoPackage, match="GeoPackage") as caught:
        render_exhibit(spec_from_options(fake, tmp_path / "x.pdf"))
    assert "Traceback" not in caught.value.message
    assert caught.value.params["path"] == str(fake)
    assert caught.value.message.startswith(f"{fake} is not a GeoPackage: it is not an SQLite database")
    assert not (tmp_path / "x.pdf").exists()


def not_a_store(store: Path, tmp_path: Path) -> Path:
    """A copy of ``store`` without its migrations table: a GeoPackage the child refuses to open as a store."""
    path = tmp_path / "plain.gpkg"
    shutil.copy(store, path)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("DROP TABLE baytak_migrations")
        conn.commit()
    return path


def test_the_childs_refusal_comes_back_as_its_own_error_with_template_params_and_hint(demo_store, tmp_path):
    plain = not_a_store(demo_store, tmp_path)
    with pytest.raises(NotAStore) as caught:
        render_exhibit(spec_from_options(plain, tmp_path / "x.pdf"))
    refused = caught.value
    assert refused.template == NotAStore.template and refused.params == {"path": str(plain)}
    assert refused.message == str(refused) == NotAStore(path=str(plain)).message
    assert refused.cli_hint == NotAStore.cli_hint
    assert not (tmp_path / "x.pdf").exists()


def test_a_refusal_of_an_unknown_class_keeps_its_template_and_a_malformed_one_its_english(tmp_path):
    out = tmp_path / "x.pdf"
    unknown = refusal(
        {"error": "Not today.", "module": "elsewhere", "class": "Gone", "template": "{layer} is gone", "params": {}},
        out,
    )
    assert (
        type(unknown) is ExhibitError and unknown.template == "{layer} is gone" and unknown.message == unknown.template
    )
    seconds = {"template": StoreLocked.template, "params": {"program": "QGIS", "path": "a.gpkg", "seconds": 12.4}}
    locked = refusal({"error": "…", "module": "baytak_desktop.errors", "class": "StoreLocked", **seconds}, out)
    assert type(locked) is StoreLocked and locked.message.startswith("QGIS has been holding a.gpkg for 12 s")
    validation = refusal(
        {"error": "x", "module": "baytak_desktop.errors", "class": "ValidationError", "template": "{summary}",
         "params": {"summary": "row 2: no name"}},
        out,
    )  # fmt: skip
    assert (
        isinstance(validation, ValidationError) and validation.problems == [] and validation.message == "row 2: no name"
    )
    for malformed in (
        {"error": "It broke."},
        {"error": "It broke.", "template": 3, "params": {}},
        {"error": "It broke.", "template": "{a}", "params": ["a"]},
    ):
        fallback = refusal(malformed, out)
        assert type(fallback) is ExhibitError and fallback.message == f"{out}: It broke."


def test_an_answer_cut_short_is_an_unexpected_failure_not_a_crash(tmp_path):
    done = subprocess.CompletedProcess(["painter"], 1, stdout='{"error": "The sto', stderr="Killed")
    with pytest.raises(ExhibitError, match="failed unexpectedly") as caught:
        _answer(done, tmp_path / "x.pdf")
    assert caught.value.params["tail"] == "Killed"
