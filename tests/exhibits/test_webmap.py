"""The web map: one HTML file that fetches nothing, styled and labelled from the store (no Qt here;
tests/ui/test_web_preview.py opens it in QtWebEngine)."""

from __future__ import annotations

import base64
import json
import re
import shutil
from io import BytesIO
from pathlib import Path

import pytest
import shapely
from PIL import Image

from baytak_desktop.cli import main
from baytak_desktop.demo import build_demo
from baytak_desktop.exhibits.webmap import build_webmap, export_webmap
from baytak_desktop.exhibits.webmap_offline import WebMapError, check_offline, external_references
from baytak_desktop.jobs import CancelAfter, Cancelled
from baytak_desktop.store import Store

FETCHING = re.compile(
    r"""<(script|img|iframe|source)\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)|"""
    r"""<link\b[^>]*\bhref\s*=\s*["']?([^"'\s>]+)|url\(\s*["']?([^"')]+)""",
    re.IGNORECASE,
)


def fetched_urls(html: str) -> list[str]:
    """Every script src, img/iframe/source src, link href and CSS url() in the page: a regex, independent
    of the exporter's own HTML parser."""
    return [next(g for g in match.groups()[1:] if g) for match in FETCHING.finditer(html)]


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("webmap") / "demo.gpkg"
    with Store.create(path) as store:
        build_demo(store)
    return path


@pytest.fixture
def demo_copy(demo_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.gpkg"
    shutil.copy(demo_path, copy)
    return copy


@pytest.fixture(scope="module")
def kazakh_map(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, object]:
    out = tmp_path_factory.mktemp("out") / "map.html"
    with Store.open(demo_path, readonly=True) as store:
        result = export_webmap(store, out, lang="kk", title="Baytak: демо")
    return out.read_text(encoding="utf-8"), result


def test_nothing_is_fetched_from_the_network(kazakh_map):
    html, _ = kazakh_map
    urls = fetched_urls(html)
    assert not [u for u in urls if u.lower().startswith(("http:", "https:", "//"))], urls
    assert external_references(html) == []
    markup = re.sub(r"<script>.*?</script>", "", html, flags=re.S)  # Leaflet's code has "getTileUrl(t)"
    inlined = fetched_urls(markup)
    assert inlined and all(u.startswith(("data:", "#")) for u in inlined), inlined  # CSS images inlined too
    assert "<script src" not in html.lower() and "<link" not in html.lower()


def test_leaflet_and_our_runtime_are_inlined(kazakh_map):
    html, result = kazakh_map
    assert 'L.version="1.9' in html.replace(" ", "") or "leaflet" in html.lower()
    assert "window.baytakWebmap" in html
    assert result.size_bytes == len(html.encode("utf-8"))
    assert '<html lang="kk">' in html


def test_every_feature_of_every_layer_is_in_the_page(kazakh_map, demo_path):
    html, result = kazakh_map
    with Store.open(demo_path, readonly=True) as store:
        expected = {name: store.count(name) for name in result.layers}
        uuids = {u for name in expected for u in store.iter_uuids(name)}
    assert result.layers == expected and result.features == sum(expected.values())
    embedded = set(re.findall(r'"u":\s*"([0-9a-f-]{36})"', html))
    assert embedded == uuids
    # of the three shorelines, the 1960 Aral is hidden until the slider goes back to it
    assert result.shown_on_open == result.features - 1


def test_labels_and_styles_come_from_the_store_in_kazakh(kazakh_map, demo_path):
    html, _ = kazakh_map
    config = json.loads(re.search(r"baytakWebmap\.configure\((.*?)\);</script>", html, re.S).group(1))
    assert config["layers"]["quarries"]["title"] == "Карьерлер"
    assert "Құқықтық мәртебесі" in config["layers"]["quarries"]["fields"]
    with Store.open(demo_path, readonly=True) as store:
        style = store.styles()["quarries"]
    categories = config["layers"]["quarries"]["style"]["categories"]
    assert {value: c["fill"] for value, c in categories.items()} == {c.value: c.symbol.fill for c in style.categories}
    quarries = next(s for s in config["legend"] if s["layer"] == "quarries")
    assert "заңсыз" in [e["label"] for e in quarries["entries"]]  # "illegal", from legend_entries
    assert "заңсыз" in html  # popup values are vocabulary labels
    assert config["texts"]["legend"] == "Шартты белгілер"


def test_bookkeeping_and_people_are_left_out(kazakh_map):
    html, _ = kazakh_map
    assert not re.search(r':\s*"demo"', html)  # created_by / updated_by of the demo features
    assert "Кім құрды" not in html  # the "Created by" column title


def test_shorelines_carry_years_and_areas_for_the_slider(kazakh_map):
    html, _ = kazakh_map
    years = {(w, int(y)) for y, w in re.findall(r'"y":\s*(\d+),\s*"w":\s*"(\w+)"', html)}
    assert years == {("aral", 1960), ("aral", 2010), ("caspian", 2010)}
    areas = [float(a) for a in re.findall(r'"a":\s*([0-9.]+)', html)]
    assert any(60_000 < a < 70_000 for a in areas) and any(15_000 < a < 25_000 for a in areas)


def test_photos_become_small_embedded_thumbnails(demo_copy, tmp_path):
    photo = tmp_path / "pit.jpg"
    Image.new("RGB", (3000, 2000), "#806040").save(photo, quality=95)
    with Store.open(demo_copy) as store:
        quarry = store.features("quarries")[0]
        store.attach("quarries", quarry.uuid, photo)
        html, _ = build_webmap(store, ["quarries"], "en")
    thumbs = re.findall(r"data:image/jpeg;base64,([A-Za-z0-9+/=]+)", html)
    assert len(thumbs) == 1
    with Image.open(BytesIO(base64.b64decode(thumbs[0]))) as image:
        assert max(image.size) <= 160
    assert len(thumbs[0]) < 20_000


def test_an_altered_photo_is_not_shown(demo_copy, tmp_path):
    photo = tmp_path / "pit.jpg"
    Image.new("RGB", (400, 300), "#806040").save(photo)
    with Store.open(demo_copy) as store:
        quarry = store.features("quarries")[0]
        stored = store.attach("quarries", quarry.uuid, photo)
        with store.session() as conn:
            conn.execute(
                "UPDATE baytak_attachments SET bytes = ? WHERE sha256 = ?",
                (photo.read_bytes() + b"tampered", stored.sha256),
            )
        html, result = build_webmap(store, ["quarries"], "en")
    assert "data:image/jpeg" not in html
    assert result.skipped_photos == [stored.sha256]


def test_chosen_layers_only_and_hidden_styles(demo_copy):
    from dataclasses import replace

    with Store.open(demo_copy) as store:
        store.save_style(replace(store.styles()["tree_plantings"], visible=False))
        _, chosen = build_webmap(store, ["quarries", "sewage_outflows"], "ru")
        _, every = build_webmap(store, None, "ru")
        planted = store.count("tree_plantings")
    assert set(chosen.layers) == {"quarries", "sewage_outflows"}
    assert chosen.shown_on_open == chosen.features
    assert every.shown_on_open == every.features - 1 - planted  # hidden layer: in the switcher, not drawn


def test_markup_in_attributes_cannot_break_out(store):
    store.insert(
        "brick_factories",
        {
            "name": "</script><script>alert(1)</script>",
            "status": "closed",
            "notes": "<img src=http://evil.example/x.png>",
        },
        shapely.Point(76.9, 43.3),
    )
    html, _ = build_webmap(store, None, "en")
    assert "<script>alert(1)" not in html and "<img src=http" not in html
    markup = re.sub(r"<script>.*?</script>", "", html, flags=re.S)
    assert all(u.startswith(("data:", "#")) for u in fetched_urls(markup))


def test_attribute_text_is_data_never_a_template(store):
    """folium compiles scripts as Jinja templates; our data must never go through that."""
    store.insert(
        "brick_factories",
        {"name": "{{ 7 * 7 }} works", "status": "closed", "notes": "{% for x in range(3) %}x{% endfor %}"},
        shapely.Point(76.9, 43.3),
    )
    html, _ = build_webmap(store, None, "en")
    assert "{{ 7 * 7 }} works" in html and "49 works" not in html
    assert "{% for x in range(3) %}x{% endfor %}" in html


def test_an_empty_store_gives_a_map_of_kazakhstan(store):
    html, result = build_webmap(store, None, "en")
    assert result.features == 0 and result.layers == {}
    assert "[[40.5, 46.5], [55.5, 87.5]]" in html


def test_progress_and_cancel(demo_path, tmp_path):
    out = tmp_path / "map.html"
    with Store.open(demo_path, readonly=True) as store:
        with pytest.raises(Cancelled):
            export_webmap(store, out, progress=CancelAfter(2))
        assert not out.exists()
        seen = CancelAfter(1000)
        export_webmap(store, out, progress=seen)
    fractions = [f for f, _ in seen.seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert out.exists()


def test_check_offline_refuses_links():
    for page in (
        '<script src="https://cdn.example/x.js"></script>',
        '<link rel="stylesheet" href="//cdn.example/x.css">',
        "<style>body { background: url('http://tiles.example/0.png') }</style>",
        '<div style="background:url(https://x.example/a.png)"></div>',
        '<img srcset="https://a.example/1.png 2x">',
        "<style>@import 'https://fonts.example/f.css';</style>",
    ):
        with pytest.raises(WebMapError, match="internet"):
            check_offline(page)
    check_offline(
        '<a href="https://baytak.kz">a link is only followed when clicked</a><img src="data:image/png;base64,AA">'
    )


def test_cli_exhibit_html(demo_path, tmp_path, capsys):
    out = tmp_path / "map.html"
    assert (
        main(
            [
                "exhibit",
                str(demo_path),
                "--out",
                str(out),
                "--lang",
                "ru",
                "--layers",
                "quarries,shorelines",
                "--extent",
                "76.5,43.1,77.4,44.0",
                "--title",
                "Карьеры",
                "--json",
            ]
        )
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert result["layers"] == {"shorelines": 3, "quarries": 5} and result["lang"] == "ru"
    html = out.read_text(encoding="utf-8")
    assert "[[43.1, 76.5], [44.0, 77.4]]" in html and "Карьеры" in html
    assert main(["exhibit", str(demo_path), "--out", str(tmp_path / "map.docx")]) == 1
    assert ".html" in capsys.readouterr().err
    assert main(["exhibit", str(demo_path), "--out", str(out), "--extent", "80,40,70,50"]) == 1


def test_the_basemap_aral_gives_way_to_mapped_shorelines(demo_path):
    with Store.open(demo_path, readonly=True) as store:
        with_shorelines, _ = build_webmap(store, ["shorelines"], "en")
        without, _ = build_webmap(store, ["quarries"], "en")
    assert '"name":"Aral Sea"' not in with_shorelines  # the slider decides which Aral is drawn
    assert '"name":"Aral Sea"' in without and '"name":"Lake Balkhash"' in with_shorelines


def test_published_layers_points_and_lines_are_in_the_page_in_kazakh(store):
    """A layer published through the server, and a line layer (rivers for water diplomacy), drawn and
    labelled from their definitions with no code of their own."""
    from layer_helpers import ILLEGAL_DUMPS

    from baytak_desktop.layers.definition import parse
    from baytak_desktop.store.layer_revisions import PublishedRevision, apply_revisions

    rivers = {
        "name": "rivers",
        "geometry": "MULTILINESTRING",
        "title": {"en": "Rivers and canals", "kk": "Өзендер мен арналар", "ru": "Реки и каналы"},
        "fields": [
            {"name": "name", "type": "text", "title": {"en": "Name", "kk": "Атауы", "ru": "Название"}},
            {
                "name": "length_km",
                "type": "real",
                "derived": "length_km",
                "title": {"en": "Length, km", "kk": "Ұзындығы, км", "ru": "Длина, км"},
            },
        ],
        "style": {"stroke": "#1f78b4", "stroke_width": 2.5},
    }
    with store.session() as conn:
        apply_revisions(
            conn, [PublishedRevision(1, 1, parse(ILLEGAL_DUMPS, "dumps")), PublishedRevision(2, 2, parse(rivers, "r"))]
        )
    store.insert("illegal_dumps", {"name": "Үйінді", "status": "active", "burning": 1}, shapely.Point(76.95, 43.3))
    ili = store.insert("rivers", {"name": "Іле"}, shapely.LineString([(77.0, 43.85), (77.5, 44.2), (78.2, 44.6)]))
    assert ili["length_km"] > 100  # derived from the geometry, geodesically
    html, result = build_webmap(store, lang="kk")
    assert result.layers == {"illegal_dumps": 1, "rivers": 1}
    config = json.loads(re.search(r"baytakWebmap\.configure\((.*?)\);</script>", html, re.S).group(1))
    assert config["layers"]["illegal_dumps"]["title"] == "Заңсыз қоқыс үйінділері"
    assert (
        config["layers"]["rivers"]["title"] == "Өзендер мен арналар"
        and config["layers"]["rivers"]["geometry"] == "MULTILINESTRING"
    )
    assert "Жанып жатыр" in config["layers"]["illegal_dumps"]["fields"]
    dumps = next(s for s in config["legend"] if s["layer"] == "illegal_dumps")
    assert [e["label"] for e in dumps["entries"]] == ["Белсенді", "Тазартылды"]
    assert next(s for s in config["legend"] if s["layer"] == "rivers")["entries"][0]["shape"] == "line"
    values = re.search(r'"v":\s*(\[[^\]]*"Үйінді"[^\]]*\])', html).group(1)
    assert "иә" in json.loads(values)  # a yes/no value as a reader says it


def test_kazakh_map_names_places_in_kazakh_by_rank_with_kazakh_numbers_and_a_title(demo_path):
    with Store.open(demo_path, readonly=True) as store:
        html, _ = build_webmap(store, None, "kk")
    places = re.search(r'"features":\[(\{"type":"Feature","geometry":\{"type":"Point".*?)\]\}\);', html, re.S)
    names = re.findall(r'"name":"([^"]+)","z":(\d+)', places.group(1))
    assert [n for n, _ in names[:3]] == ["Астана", "Алматы", "Шымкент"]  # place rank: drawn and named first
    assert dict(names)["Қарағанды"] and "Qaraghandy" not in html and '"name":"Almaty"' not in html
    assert all(int(z) == 0 for _, z in names[:3]) and int(dict(names)["Есік"]) > 5
    config = json.loads(re.search(r"baytakWebmap\.configure\((.*?)\);</script>", html, re.S).group(1))
    assert config["title"] == "Baytak картасы: demo" and "<title>Baytak картасы: demo</title>" in html
    assert config["texts"]["km"] == "км" and config["texts"]["attribution"] == "Natural Earth деректерімен жасалған"
    assert config["number"] == {"group": "\u00a0", "decimal": ","}
    values = re.findall(r'"v":\[(.*?)\]', html)
    assert any(re.search(r'"\d[\d\u00a0]*,\d+"', v) for v in values)  # 1 944,85: a comma marks decimals
    assert not any(re.search(r'"\d[\d\u00a0\u202f ]*\.\d+"', v) for v in values)  # never "1 944.8503"
