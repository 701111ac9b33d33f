"""The data of the web map: each layer as compact GeoJSON plus what the page needs to style it.

A feature's properties are kept short (the HTML of 10,000 features must stay well under 15 MB): ``u``
uuid, ``c`` the value the style is categorized by, ``t`` a title, ``v`` the popup values in the order
of the layer's field labels (labels are sent once per layer), ``ph`` photo thumbnails as data: URIs.
Shorelines also carry ``y`` (year), ``w`` / ``wl`` (water body code / label) and ``a`` (geodesic km2)
for the year slider. Coordinates are rounded to 6 decimals (11 cm), which no screen or print can show.
Values are labels and numbers in the chosen language (1 944,85 in Kazakh and Russian); bookkeeping
columns (who created or edited a feature) are left out: an exhibit is public, an activist's name is not.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio
import shapely
from shapely.geometry import mapping

from baytak_desktop.exhibits.print_text import format_number
from baytak_desktop.exhibits.webmap_text import field_title, layer_title
from baytak_desktop.layers import Catalog, Feature, builtin_catalog
from baytak_desktop.layers.measure import area_m2
from baytak_desktop.layers.schema import BOOKKEEPING, Field, FieldType
from baytak_desktop.layers.style import LayerStyle, Symbol, legend_entries
from baytak_desktop.layers.values import yes_no
from baytak_desktop.mapdata.basemap_names import local_name
from baytak_desktop.mapdata.place_rank import TIER_FOREIGN_CAPITAL, TIER_REPUBLICAN, place_tiers, rank_order
from baytak_desktop.store import Store
from baytak_desktop.store.attachments import AttachmentError, attachment_bytes

DECIMALS = 6
THUMBNAIL_PX = 160
PHOTOS_PER_FEATURE = 3
BASEMAP_TOLERANCE = 0.002  # degrees (~200 m): Natural Earth 1:10 million has no finer detail to keep
BASEMAP_DECIMALS = 4


@dataclass
class LayerData:
    """One store layer ready for the page: its GeoJSON, its style config, its legend section."""

    name: str
    title: str
    collection: dict[str, Any]
    config: dict[str, Any]
    legend: dict[str, Any]
    bounds: tuple[float, float, float, float] | None = None  # west, south, east, north; None when empty
    skipped_photos: list[str] = field(default_factory=list)  # SHA-256 of photos that failed their hash check


def store_layer(store: Store, name: str, style: LayerStyle, lang: str, photos: bool = True) -> LayerData:
    """Every feature of layer ``name`` as page data, styled by ``style``, labelled in ``lang``."""
    catalog = store.catalog
    schema = catalog.layer(name)
    shown = [f for f in schema.fields if f.name not in BOOKKEEPING]
    features = [f for f in store.features(name) if f.geometry is not None and not f.geometry.is_empty]
    thumbs, skipped = _thumbnails(store.conn, name) if photos else ({}, [])
    geometries = _rounded([f.geometry for f in features], DECIMALS)
    items = [
        {
            "type": "Feature",
            "geometry": geometry,
            "properties": _properties(feature, style, shown, lang, thumbs.get(feature.uuid), catalog),
        }
        for feature, geometry in zip(features, geometries, strict=True)
    ]
    title = layer_title(name, lang, catalog)
    config = {
        "title": title,
        "fields": [field_title(name, f.name, lang, catalog) for f in shown],
        "style": _style_config(style),
        "geometry": schema.geometry_type,
    }
    bounds = None
    if features:
        west, south, east, north = (float(v) for v in shapely.total_bounds([f.geometry for f in features]))
        bounds = (west, south, east, north)
    return LayerData(
        name,
        title,
        {"type": "FeatureCollection", "features": items},
        config,
        legend_section(style, title, lang, schema.geometry_type, catalog),
        bounds,
        skipped,
    )


def _properties(
    feature: Feature, style: LayerStyle, shown: list[Field], lang: str, photos: list[str] | None, catalog: Catalog
) -> dict[str, Any]:
    values = [display_value(f, feature.get(f.name), lang) for f in shown]
    props: dict[str, Any] = {
        "u": feature.uuid,
        "c": feature.get(style.field) if style.field else None,
        "t": feature_title(feature, lang, catalog),
        "v": values,
    }
    if photos:
        props["ph"] = photos
    if feature.layer == "shorelines":
        observed = str(feature.get("observed_on") or "")
        water_body = feature.get("water_body") or "other"
        props.update(
            y=int(observed[:4]) if observed[:4].isdigit() else 0,
            w=water_body,
            wl=_label(feature.layer, "water_body", water_body, lang),
            a=round(area_m2(feature.geometry) / 1e6, 1),
        )
    return props


def display_value(field_: Any, value: Any, lang: str) -> Any:
    """A value as a reader sees it: the vocabulary label of a code, a number without float noise."""
    if value is None or value == "":
        return None
    if field_.vocabulary is not None:
        return field_.vocabulary.label(str(value), lang)
    if field_.type is FieldType.BOOLEAN:
        return yes_no(value, lang)
    if field_.type is FieldType.REAL and isinstance(value, float):
        decimals = len(f"{value:.4f}".rstrip("0").split(".")[1])  # no float noise, no padding zeros
        return format_number(value, lang, decimals)
    if field_.type is FieldType.INTEGER and isinstance(value, int):
        return format_number(value, lang)
    return value


def feature_title(feature: Feature, lang: str, catalog: Catalog | None = None) -> str:
    """What a popup and a tooltip call the feature: its name or title, else its coded kind and date."""
    for name in ("name", "title"):
        if feature.get(name):
            return str(feature.get(name))
    schema = (catalog or builtin_catalog()).layer(feature.layer)
    if feature.layer == "shorelines":
        body = _label(feature.layer, "water_body", feature.get("water_body") or "other", lang)
        return f"{body} {str(feature.get('observed_on') or '')[:4]}".strip()
    if feature.layer == "tree_plantings":
        species = _label(feature.layer, "species", feature.get("species") or "other", lang)
        return f"{species} × {feature.get('tree_count') or 0}"
    return schema.title_in(lang)


def _label(layer: str, field_name: str, code: str, lang: str) -> str:
    vocabulary = builtin_catalog().layer(layer).field(field_name).vocabulary  # the built-in layers' own fields
    return vocabulary.label(code, lang) if vocabulary is not None else code


def _style_config(style: LayerStyle) -> dict[str, Any]:
    def symbol(s: Symbol) -> dict[str, Any]:
        return {
            "fill": s.fill,
            "stroke": s.stroke,
            "stroke_width": s.stroke_width,
            "size": s.size,
            "fill_alpha": s.fill_alpha,
            "dash_array": dash_array(s),
        }

    return {
        "kind": style.kind,
        "opacity": style.opacity,
        "symbol": symbol(style.symbol),
        "categories": {c.value: symbol(c.symbol) for c in style.categories},
    }


def legend_section(
    style: LayerStyle, title: str, lang: str, geometry_type: str, catalog: Catalog | None = None
) -> dict[str, Any]:
    """A legend section from the same ``legend_entries`` the app's layer panel and print layouts use."""
    shape = {"POINT": "point", "LINESTRING": "line", "MULTILINESTRING": "line"}.get(geometry_type, "polygon")
    entries = [
        {
            "label": label,
            "fill": s.fill,
            "stroke": s.stroke,
            "fill_alpha": s.fill_alpha,
            "shape": shape,
            "stroke_width": s.stroke_width,
            "dash": s.dash,
        }
        for label, s in legend_entries(style, lang, title, catalog)
    ]
    return {"layer": style.layer, "title": title, "entries": entries}


def dash_array(symbol: Symbol) -> str | None:
    """Leaflet's ``dashArray`` for the symbol's pattern: the app's dashes (in line widths) in pixels,
    so a dashed river in the browser looks as it does on screen and on paper; None when solid."""
    width = max(symbol.stroke_width, 1.0)
    pattern = symbol.dash_pattern()
    return " ".join(f"{step * width:g}" for step in pattern) if pattern else None


def _rounded(geometries: list[shapely.Geometry], decimals: int, tolerance: float = 0.0) -> list[dict[str, Any]]:
    """GeoJSON geometries with coordinates rounded (and simplified when ``tolerance`` > 0)."""
    if not geometries:
        return []
    array = np.array(geometries, dtype=object)
    if tolerance > 0:
        array = shapely.simplify(array, tolerance, preserve_topology=True)
    array = shapely.transform(array, lambda xy: np.round(xy, decimals))
    if all(g.geom_type == "Point" for g in array):
        return [{"type": "Point", "coordinates": [g.x, g.y]} for g in array]
    return [mapping(g) for g in array]


# -- photos ----------------------------------------------------------------------------------------------
def _thumbnails(conn: sqlite3.Connection, layer: str) -> tuple[dict[str, list[str]], list[str]]:
    """uuid -> thumbnails of its photos (at most PHOTOS_PER_FEATURE), and the photos that failed their hash."""
    rows = conn.execute(
        "SELECT l.uuid, l.sha256 FROM baytak_attachment_links AS l JOIN baytak_attachments AS a USING (sha256) "
        "WHERE l.layer = ? AND a.mime LIKE 'image/%' ORDER BY l.uuid, l.added_at, l.sha256",
        (layer,),
    ).fetchall()
    made: dict[str, str | None] = {}
    found: dict[str, list[str]] = defaultdict(list)
    skipped = []
    for uuid, sha in rows:
        if len(found[uuid]) >= PHOTOS_PER_FEATURE:
            continue
        if sha not in made:
            try:
                made[sha] = thumbnail_uri(attachment_bytes(conn, sha))
            except AttachmentError:  # altered since capture: never shown as if it were the evidence
                made[sha] = None
                skipped.append(sha)
        uri = made[sha]
        if uri:
            found[uuid].append(uri)
    return dict(found), skipped


def thumbnail_uri(data: bytes, size: int = THUMBNAIL_PX) -> str | None:
    """A small JPEG of the photo as a data: URI (a few kB); None for bytes Pillow cannot read."""
    import base64

    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(BytesIO(data)) as image:
            image.draft("RGB", (size * 2, size * 2))  # JPEG: decode at a fraction of full size, much faster
            small = ImageOps.exif_transpose(image).convert("RGB")
            small.thumbnail((size, size))
            out = BytesIO()
            small.save(out, "JPEG", quality=70, optimize=True)
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")


# -- basemap -----------------------------------------------------------------------------------------------
# world_land first: the coarse land of the whole world under the detailed Central Asia land, so the map has no edge
BASEMAP_LAYERS = ("world_land", "land", "seas", "lakes", "rivers", "boundary_lines", "places")
PLACE_COLUMNS = ["name", "adm0name", "featurecla", "pop_max"]


@lru_cache(maxsize=2)
def _basemap_frames(path: Path) -> dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """Per layer: the rounded GeoJSON geometries and each feature's raw attributes (read once per file)."""
    frames = {}
    available = {row[0] for row in pyogrio.list_layers(path)}
    for layer in BASEMAP_LAYERS:
        if layer not in available:
            continue
        columns = PLACE_COLUMNS if layer == "places" else ["name"] if layer == "lakes" else []
        frame = pyogrio.read_dataframe(path, layer=layer, columns=columns)
        geometries = _rounded(list(shapely.force_2d(frame.geometry.values)), BASEMAP_DECIMALS, BASEMAP_TOLERANCE)
        rows = frame[[c for c in columns if c in frame.columns]].to_dict("records") if columns else [{}] * len(frame)
        frames[layer] = (geometries, rows)
    return frames


def basemap_collections(path: Path, lang: str = "en") -> dict[str, dict[str, Any]]:
    """The Natural Earth layers drawn as vector GeoJSON (no tiles, so nothing is fetched from the internet).

    Names are in ``lang`` (``mapdata.basemap_names``: "Алматы", "Қарағанды", not "Qaraghandy"); each
    place carries ``z``, the zoom from which its name is shown without hovering, from its place rank, so
    the capital and the biggest cities are named at country scale and small towns only up close.
    """
    collections = {}
    for layer, (geometries, rows) in _basemap_frames(path).items():
        features = []
        for geometry, row in zip(geometries, rows, strict=True):
            properties: dict[str, Any] = {}
            name = local_name(row.get("name") if isinstance(row.get("name"), str) else None, lang)
            if name:
                properties["name"] = name
            features.append({"type": "Feature", "geometry": geometry, "properties": properties})
        if layer == "places":
            _rank_places(features, rows)
        collections[layer] = {"type": "FeatureCollection", "features": features}
    return collections


def _rank_places(features: list[dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    """Order the places by place rank (drawn first, labelled first) and give each its label zoom ``z``."""
    population = np.array([_number(r.get("pop_max")) for r in rows], dtype=float)
    tiers = place_tiers(
        np.array([r.get("name") or "" for r in rows], dtype=object),
        np.array([r.get("adm0name") or "" for r in rows], dtype=object),
        np.array([r.get("featurecla") or "" for r in rows], dtype=object),
        population,
    )
    for feature, tier, people in zip(features, tiers.tolist(), population.tolist(), strict=True):
        feature["properties"]["z"] = label_zoom(tier, people)
    order = rank_order(tiers, population).tolist()
    features[:] = [features[i] for i in order]


def label_zoom(tier: int, population: float) -> int:
    """The web map zoom from which a place's name shows without hovering (Leaflet: 5 is Central Asia)."""
    if tier <= TIER_REPUBLICAN:
        return 0
    if tier <= TIER_FOREIGN_CAPITAL or population >= 1_000_000:
        return 4
    if population >= 300_000:
        return 6
    if population >= 100_000:
        return 7
    return 8


def _number(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and value == value else 0.0
