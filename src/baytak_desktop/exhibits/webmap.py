"""The interactive web map: one self-contained HTML file that opens offline in any browser.

Built with folium (one L.geoJson per layer, a layer switcher), drawn from the store's own layer styles
(``store.styles()``) so the web map looks like the app and the printed map. Popups show the attributes
in Kazakh, Russian or English with photo thumbnails; a legend comes from ``legend_entries``; a year
slider steps the shorelines through the years (the Aral shrinking). Our small script
(webmap_assets/baytak_webmap.js) does styling, popups, legend and slider; Leaflet is inlined from
XStatic-Leaflet; the basemap is Natural Earth as vector GeoJSON, never tiles from the internet.

``export_webmap`` is a job (DESIGN.md "Long jobs"): the CLI, the UI's worker thread and the tests call
it with a progress object. ``build_webmap`` gives the HTML as text for the in-app preview.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import folium
from branca.element import Element, Figure, MacroElement

from baytak_desktop.exhibits.print_text import text as print_text
from baytak_desktop.exhibits.webmap_data import LayerData, basemap_collections, store_layer
from baytak_desktop.exhibits.webmap_offline import WebMapError, check_offline, inline_head, strip_cdn_links
from baytak_desktop.exhibits.webmap_osm import OsmLayer, osm_layers
from baytak_desktop.exhibits.webmap_text import LANGUAGES, text
from baytak_desktop.jobs import NullProgress, Phase, Progress
from baytak_desktop.mapdata.reference import OSM, read_reference
from baytak_desktop.resources import basemap_path
from baytak_desktop.store import Store

Extent = tuple[float, float, float, float]  # west, south, east, north, degrees
ARAL = re.compile(r"\bAral\b", re.IGNORECASE)  # as demo.ARAL_NAME: "Ozero Maraldy" must not match
ARAL_LOCAL = re.compile(r"^(Арал теңізі|Аральское море)")  # the Aral in the basemap's Kazakh and Russian
KAZAKHSTAN = ((40.5, 46.5), (55.5, 87.5))  # (south, west), (north, east): the view of an empty map
LOCALES = {"kk": "kk-KZ", "ru": "ru-RU", "en": "en-GB"}
BASEMAP_STYLES: dict[str, dict[str, Any]] = {
    "world_land": {"stroke": False, "fillColor": "#f4f1ea", "fillOpacity": 1.0},
    "land": {"stroke": False, "fillColor": "#f4f1ea", "fillOpacity": 1.0},
    "seas": {"color": "#7fa8c4", "weight": 0.6, "fillColor": "#cfe3ef", "fillOpacity": 1.0},
    "lakes": {"color": "#7fa8c4", "weight": 0.6, "fillColor": "#cfe3ef", "fillOpacity": 1.0},
    "rivers": {"color": "#7fa8c4", "weight": 1.0},
    "boundary_lines": {"color": "#8a8170", "weight": 1.2, "dashArray": "4 3"},
}


@dataclass
class WebMapResult:
    """What was exported: where, how many features per layer, how many are shown when the page opens."""

    path: str | None
    layers: dict[str, int]
    features: int
    shown_on_open: int  # features on the map at load (hidden layers and other years' shorelines are not)
    size_bytes: int
    lang: str
    skipped_photos: list[str] = field(default_factory=list)


def export_webmap(
    store: Store,
    out_path: str | Path,
    layers: list[str] | None = None,
    lang: str = "en",
    progress: Progress | None = None,
    *,
    title: str | None = None,
    basemap: Path | None = None,
    extent: Extent | None = None,
) -> WebMapResult:
    """Write the web map of ``layers`` (all layers with features when None) to ``out_path``."""
    progress = progress or NullProgress()
    html, result = build_webmap(store, layers, lang, progress, title=title, basemap=basemap, extent=extent)
    progress.update(0.95, Phase("Writing the web map…"))
    out = Path(out_path)
    out.write_text(html, encoding="utf-8")
    result.path = str(out)
    progress.update(1.0, Phase("Web map written"))
    return result


def build_webmap(
    store: Store,
    layers: list[str] | None = None,
    lang: str = "en",
    progress: Progress | None = None,
    *,
    title: str | None = None,
    basemap: Path | None = None,
    extent: Extent | None = None,
) -> tuple[str, WebMapResult]:
    """The web map as one HTML text, checked to fetch nothing from the network.

    ``extent`` (west, south, east, north) is the view when the page opens; by default the layers' box.
    """
    progress = progress or NullProgress()
    lang = lang if lang in LANGUAGES else "en"
    chosen, explicit = _chosen_layers(store, layers)
    styles = store.styles()
    data = []
    for done, name in enumerate(chosen):
        progress.update(0.8 * done / max(len(chosen), 1), Phase("Reading {layer}…", layer=name))
        data.append(store_layer(store, name, styles[name], lang))
    progress.update(0.8, Phase("Drawing the web map…"))
    shown = {d.name for d in data if explicit or styles[d.name].visible}
    title = title or default_title(store, lang)
    opening = extent or _extent_of(data, store)
    page = _page(data, shown, lang, title, _basemap_path(basemap), opening, osm_layers(store, opening, lang))
    html = page.get_root().render().replace("<html>", f'<html lang="{lang}">', 1)
    check_offline(html)
    result = WebMapResult(
        None,
        {d.name: len(d.collection["features"]) for d in data},
        sum(len(d.collection["features"]) for d in data),
        shown_on_open(data, shown),
        len(html.encode("utf-8")),
        lang,
        [s for d in data for s in d.skipped_photos],
    )
    return html, result


def default_title(store: Store, lang: str) -> str:
    """Every exported web map has a title: when none is given, "Baytak map: <store name>" in ``lang``."""
    return f"{print_text('Baytak map', lang)}: {Path(store.path).stem}"


def _chosen_layers(store: Store, layers: list[str] | None) -> tuple[list[str], bool]:
    """The layers to draw, bottom to top by their style order; explicit ones are shown even if hidden."""
    styles = store.styles()
    if layers is None:
        names = [name for name in styles if store.count(name) > 0]
    else:
        names = [store.layer(name).name for name in layers]
    return sorted(dict.fromkeys(names), key=lambda n: (styles[n].order, n)), layers is not None


def _basemap_path(basemap: Path | None) -> Path | None:
    path = basemap or basemap_path()
    return path if Path(path).exists() else None


def _extent_of(data: list[LayerData], store: Store) -> Extent:
    """Where the page opens when no extent is given: the data's box, else the OSM basemaps' box."""
    if any(d.bounds is not None for d in data):
        (south, west), (north, east) = _bounds(data)
        return (west, south, east, north)
    boxes = [r.bounds for r in read_reference(store) if r.kind == OSM and r.bounds is not None]
    if boxes:
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    (south, west), (north, east) = KAZAKHSTAN
    return (west, south, east, north)


def _page(
    data: list[LayerData],
    shown: set[str],
    lang: str,
    title: str | None,
    basemap: Path | None,
    extent: Extent | None,
    osm: list[OsmLayer] | None = None,
) -> folium.Map:
    """folium builds the map, its layers (empty) and the layer switcher; the features go in last, as data.

    folium would put each layer's GeoJSON into its script and compile that script as a Jinja template
    (branca's Element): slow for megabytes, and a note typed as ``{{ ... }}`` would be evaluated. So
    every folium layer starts empty and ``_Start`` adds the data as plain JSON in the page's last script.
    """
    page = folium.Map(location=None, tiles=None, prefer_canvas=True, zoom_start=5)
    root = cast(Figure, page.get_root())
    head = (
        f"<title>{_escape(title or 'Baytak')}</title>\n{inline_head()}\n<script>baytakWebmap.configure("
        f"{_script_json(_config(data, lang, title, bool(osm)))});</script>"
    )
    root.header.add_child(_Raw(head), name="baytak_runtime")
    filled: list[tuple[folium.GeoJson, dict[str, Any]]] = []
    if basemap is not None:
        filled += _add_basemap(page, _without_mapped_waters(basemap_collections(basemap, lang), data), lang)
    filled += _add_osm(page, osm or [], lang)
    groups = {}
    for layer in data:
        groups[layer.name] = _add_layer(page, layer, layer.name in shown)
        filled.append((groups[layer.name], layer.collection))
    folium.LayerControl(collapsed=False).add_to(page)
    page.fit_bounds(_bounds(data) if extent is None else [[extent[1], extent[0]], [extent[3], extent[2]]])
    _Start(page, groups, filled).add_to(page)
    strip_cdn_links(root)
    return page


def _without_mapped_waters(collections: dict[str, dict[str, Any]], data: list[LayerData]) -> dict[str, dict[str, Any]]:
    """The basemap without its Aral when the map has Aral shorelines: the slider decides which Aral shows,
    and Natural Earth's 2000s Aral must not sit under the 1960 outline."""
    shorelines = next((d for d in data if d.name == "shorelines"), None)
    if shorelines is None or not any(f["properties"].get("w") == "aral" for f in shorelines.collection["features"]):
        return collections
    lakes = collections.get("lakes", {"features": []})
    kept = [
        f
        for f in lakes["features"]
        if not ARAL.search(f["properties"].get("name", "")) and not ARAL_LOCAL.search(f["properties"].get("name", ""))
    ]
    return {**collections, "lakes": {"type": "FeatureCollection", "features": kept}}


def _empty() -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": []}


def _add_layer(page: folium.Map, layer: LayerData, show: bool) -> folium.GeoJson:
    name = json.dumps(layer.name)
    points = layer.config["geometry"] == "POINT"
    element = folium.GeoJson(
        _empty(),
        name=layer.title,
        show=show,
        control=True,
        marker=folium.CircleMarker(radius=4, fill=True) if points else None,
        on_each_feature=folium.JsCode(f"function (f, l) {{ baytakWebmap.bind({name}, f, l); }}"),
    )
    element.add_to(page)
    return element


def _add_basemap(
    page: folium.Map, collections: dict[str, dict[str, Any]], lang: str
) -> list[tuple[folium.GeoJson, dict[str, Any]]]:
    layers = []
    for layer, style in BASEMAP_STYLES.items():
        if layer in collections:
            element = folium.GeoJson(_empty(), name=layer, control=False, interactive=False, style=style)
            element.add_to(page)
            layers.append((element, collections[layer]))
    if "places" in collections:
        element = folium.GeoJson(
            _empty(),
            name=text("Towns (Natural Earth)", lang),
            control=True,
            marker=folium.CircleMarker(
                radius=2, color="#6b6b6b", weight=1, fill=True, fill_color="#ffffff", fill_opacity=1.0
            ),
            on_each_feature=folium.JsCode("function (f, l) { baytakWebmap.bindPlace(f, l); }"),
        )
        element.add_to(page)
        layers.append((element, collections["places"]))
    return layers


def _add_osm(page: folium.Map, layers: list[OsmLayer], lang: str) -> list[tuple[folium.GeoJson, dict[str, Any]]]:
    """The OSM basemap under the data: fixed styles per class, the settlements named on hover."""
    out = []
    for layer in layers:
        if layer.places:
            element = folium.GeoJson(
                _empty(),
                name=text("Settlements (OpenStreetMap)", lang),
                control=True,
                marker=folium.CircleMarker(**layer.style, fill=True),
                on_each_feature=folium.JsCode("function (f, l) { baytakWebmap.bindPlace(f, l); }"),
            )
        else:
            element = folium.GeoJson(_empty(), name=layer.name, control=False, interactive=False, style=layer.style)
        element.add_to(page)
        out.append((element, layer.collection))
    return out


def _config(data: list[LayerData], lang: str, title: str | None, osm: bool = False) -> dict[str, Any]:
    config = {
        "layers": {d.name: d.config for d in data},
        "legend": [d.legend for d in reversed(data)],
        "locale": LOCALES[lang],
        "number": {"group": ",", "decimal": "."} if lang == "en" else {"group": "\u00a0", "decimal": ","},
        "title": title or "",
        "texts": {
            key: text(source, lang)
            for key, source in (
                ("legend", "Legend"),
                ("year", "Year"),
                ("play", "Play"),
                ("photo", "Photo"),
                ("km2", "km²"),
                ("km", "km"),
                ("m", "m"),
                ("attribution", "Made with Natural Earth"),
            )
        },
    }
    if osm:  # the ODbL asks every map made from OpenStreetMap to say so
        config["texts"]["attribution"] += "; © OpenStreetMap contributors"  # type: ignore[index]
    return config


def _bounds(data: list[LayerData]) -> list[list[float]]:
    """The box around every feature, as Leaflet wants it: [[south, west], [north, east]]."""
    boxes = [d.bounds for d in data if d.bounds is not None]
    if not boxes:
        return [list(KAZAKHSTAN[0]), list(KAZAKHSTAN[1])]
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return [[south, west], [north, east]]


def shown_on_open(data: list[LayerData], shown: set[str]) -> int:
    """Features drawn when the page opens: shown layers; of shorelines, the latest year per water body."""
    count = 0
    for layer in data:
        if layer.name not in shown:
            continue
        features = layer.collection["features"]
        if layer.name != "shorelines":
            count += len(features)
            continue
        latest: dict[str, int] = {}
        for f in features:
            latest[f["properties"]["w"]] = max(latest.get(f["properties"]["w"], -1), f["properties"]["y"])
        count += sum(1 for f in features if f["properties"]["y"] == latest[f["properties"]["w"]])
    return count


class _Raw(Element):
    """Text put into the page as it is. A branca Element compiles its text as a Jinja template, which
    for 150 kB of Leaflet is slow (a second) and would misread any ``{{`` in the code."""

    def __init__(self, raw: str) -> None:
        super().__init__("{{ this.raw }}")
        self.raw = raw


class _Start(MacroElement):
    """The last script of the page: the layers' data, then baytakWebmap.start() with the map and groups.

    Rendered straight into the page's script section as plain text (see ``_page`` for why not a template).
    """

    def __init__(
        self, page: folium.Map, groups: dict[str, folium.GeoJson], filled: list[tuple[folium.GeoJson, dict[str, Any]]]
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca's MacroElement has no annotations
        self._name = "BaytakStart"
        self.page, self.groups, self.filled = page, groups, filled

    def render(self, **kwargs: Any) -> str:
        lines = [f"{element.get_name()}.addData({_script_json(collection)});" for element, collection in self.filled]
        groups = ", ".join(f"{json.dumps(n)}: {g.get_name()}" for n, g in self.groups.items())
        lines.append(f"baytakWebmap.start({self.page.get_name()}, {{{groups}}});")
        cast(Figure, self.get_root()).script.add_child(_Raw("\n".join(lines)), name=self.get_name())
        return ""


def parse_extent(text: str) -> Extent:
    """``"76.5,43.1,77.4,44.0"`` (west,south,east,north in degrees) -> a checked tuple."""
    try:
        values = tuple(float(part) for part in text.replace(" ", "").split(","))
    except ValueError:
        values = ()
    if len(values) != 4 or not (-180 <= values[0] < values[2] <= 180 and -90 <= values[1] < values[3] <= 90):
        raise WebMapError(
            "--extent takes west,south,east,north in degrees (west < east, south < north), not {text!r}.", text=text
        )
    west, south, east, north = values
    return (west, south, east, north)


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element: no '<' that could start '</script>'."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _escape(value: str) -> str:
    import html

    return html.escape(value, quote=True)
