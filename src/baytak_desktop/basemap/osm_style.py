"""How an OpenStreetMap basemap looks at each scale band: colours and widths shared by screen, paper and web.

The colours follow OpenStreetMap's own style (OSM-Carto), which field users know from osm.org and QGIS
users from its OSM styles: motorways pink, trunks salmon, primaries orange, secondaries yellow, minor
roads white with a grey casing, forests green, water blue. What changes with scale is what is drawn
(``max_scale`` in the basemap decides that) and how wide: a primary road is a 1.5 px line at
1:500,000 and a 9 px band with a casing at 1:5,000. Widths are in logical pixels (96 dpi); the screen
multiplies them by its device pixel ratio, paper by its dots per pixel, the web map uses them as they are.
No Qt here, so the web map (folium) draws with the same table as the canvas and the print exhibit.
"""

from __future__ import annotations

from dataclasses import dataclass

# Band index for 1:500,000, 1:100,000, 1:20,000, 1:5,000 (osm_classes.SCALE_BANDS).
BAND_LIMITS = (250_000, 50_000, 10_000)


def band(scale: float) -> int:
    """0 for 1:250,000 and smaller scales, 1 down to 1:50,000, 2 down to 1:10,000, 3 closer."""
    return sum(1 for limit in BAND_LIMITS if scale < limit)


@dataclass(frozen=True)
class LineStyle:
    colour: str
    widths: tuple[float, float, float, float]  # per band, logical px; 0: not drawn in that band
    casing: str | None = None
    casing_px: float = 0.0  # added to each side of the fill when the fill is at least 2 px wide
    dash: tuple[float, ...] = ()  # dash pattern in units of the line width
    # the colour when the line is too thin for its casing (small scales): a pale fill alone would vanish
    # into the land (a secondary road at 1:500,000 was a yellow hairline on beige), so a darker tone
    thin: str | None = None


@dataclass(frozen=True)
class AreaStyle:
    fill: str
    outline: str | None = None
    fill_alpha: float = 1.0


# Minor classes first: majors are drawn last, on top, as on every road map.
ROAD_ORDER = ("path", "track", "service", "minor", "tertiary", "secondary", "primary", "trunk", "motorway")
ROADS = {
    "motorway": LineStyle("#e892a2", (2.2, 4.0, 7.0, 10.0), "#dc2a67", 0.8),
    "trunk": LineStyle("#f9b29c", (2.0, 3.6, 6.5, 10.0), "#c84e2f", 0.8),
    "primary": LineStyle("#fcd6a4", (1.6, 3.2, 6.0, 9.5), "#a06b00", 0.8, thin="#d9a455"),
    "secondary": LineStyle("#f7fabf", (1.2, 2.6, 5.5, 9.0), "#707d05", 0.7, thin="#b3bb62"),
    "tertiary": LineStyle("#ffffff", (0.8, 2.0, 4.5, 8.0), "#8f8f8f", 0.7, thin="#bdbdbd"),
    "minor": LineStyle("#ffffff", (0.0, 1.0, 3.2, 6.5), "#b5b5b5", 0.6, thin="#cfcfcf"),
    "service": LineStyle("#ffffff", (0.0, 0.0, 1.6, 3.5), "#bbbbbb", 0.5),
    "track": LineStyle("#996600", (0.0, 0.0, 1.2, 1.6), dash=(3.0, 2.0)),
    # not at 1:20,000 even from a basemap built when paths were kept for it (osm_classes.ROAD_MAX_SCALE)
    "path": LineStyle("#fa8072", (0.0, 0.0, 0.0, 1.4), dash=(1.5, 1.5)),
}
RAILWAYS = {
    "rail": LineStyle("#707070", (1.2, 1.8, 2.6, 3.2)),
    "tram": LineStyle("#6e6e6e", (0.0, 0.8, 1.0, 1.4)),  # 1 px at 1:20,000: Qt's thin-line stroker, 5x faster
}
RAIL_TIES = "#ffffff"  # the white dashes inside a railway from 1:100,000 on
WATERWAYS = {
    "river": LineStyle("#aad3df", (1.4, 2.2, 4.0, 7.0)),
    "canal": LineStyle("#aad3df", (0.8, 1.6, 3.0, 5.0)),
    "stream": LineStyle("#aad3df", (0.0, 0.8, 1.4, 2.2)),
    "ditch": LineStyle("#aad3df", (0.0, 0.0, 0.8, 1.2)),
}
WATER = AreaStyle("#aad3df", "#8fbccc")
LANDCOVER = {
    "forest": AreaStyle("#add19e"),
    "scrub": AreaStyle("#c8d7ab"),
    "grass": AreaStyle("#cdebb0"),
    "park": AreaStyle("#c8facc"),
    "farmland": AreaStyle("#eef0d5"),
    "orchard": AreaStyle("#aedfa3"),
    "residential": AreaStyle("#e0dfdf"),
    "industrial": AreaStyle("#ebdbe8"),
    "quarry": AreaStyle("#c5c3c3", "#a9a9a9"),
    "landfill": AreaStyle("#b6b592"),
    "cemetery": AreaStyle("#aacbaf"),
    "sand": AreaStyle("#f5e9c6"),
    "rock": AreaStyle("#eee5dc"),
    "glacier": AreaStyle("#ddecec"),
    "wetland": AreaStyle("#d6e9e0"),
}
LANDCOVER_DEFAULT = AreaStyle("#e8e6dc")
PROTECTED = AreaStyle("#4f9a44", "#3a7f30", fill_alpha=0.12)
PROTECTED_OUTLINE_PX = (1.2, 1.6, 2.2, 2.6)
BUILDINGS = AreaStyle("#d9d0c9", "#c4b6ab")
# The smallest box on screen (logical square pixels) of a building drawn, per band: at 1:20,000 the big
# ones alone (a box of 10 x 10 px, about 50 x 50 m: blocks, schools, factories, barns; landmarks), every
# one the basemap keeps from 1:10,000 on. A dense town's thousands of small buildings at 1:20,000 cost
# as much as its roads and read as a grey mass over its residential areas (OSM styles thin them too).
BUILDING_MIN_BOX_PX = (0.0, 0.0, 100.0, 0.0)

# Places: rank (lower is named first), font size in px, bold; population breaks ties within a rank.
PLACE_RANK = {
    "city": 0,
    "town": 1,
    "village": 2,
    "suburb": 3,
    "hamlet": 4,
    "quarter": 5,
    "neighbourhood": 6,
    "locality": 7,
    "isolated_dwelling": 8,
    "farm": 8,
}
PLACE_FONT = {0: (16.0, True), 1: (14.0, True), 2: (12.5, False), 3: (12.0, False), 4: (11.5, False)}
PLACE_FONT_SMALL = (10.5, False)
PLACE_TEXT, PLACE_HALO = "#222222", "#ffffff"
WATER_TEXT, WATER_HALO = "#2c5f8a", "#e6f2f7"


# Route numbers (ref=M-36, A-2, P-3) in a small box on the road, as OSM-Carto draws them: on motorways,
# trunks and primaries from 1:500,000, secondaries from 1:100,000, tertiaries from 1:20,000. The box
# is the road's own colour with its casing as the frame, so a shield says which class it numbers.
SHIELD_CLASSES = (
    ("motorway", "trunk", "primary"),
    ("motorway", "trunk", "primary", "secondary"),
    ("motorway", "trunk", "primary", "secondary", "tertiary"),
    ("motorway", "trunk", "primary", "secondary", "tertiary"),
)
SHIELD_TEXT = "#222222"
SHIELD_FONT_PX = 10.0
SHIELD_SPACING_PX = 320.0  # one shield of a route per this much of its length on screen
SHIELD_MAX_PER_REF = 4
# The letter of a route number as the reader's alphabet writes it: Kazakhstan's roads are M-, A- and
# P- (Р, "республиканская") in Cyrillic; OSM has them either way. Only the letters before the number.
_REF_TO_CYRILLIC = str.maketrans("MAPRKETXCOHB", "МАРРКЕТХСОНВ")
_REF_TO_LATIN = str.maketrans("МАРКЕТХСОНВ", "MARKETXCOHB")


def shield_text(ref: str, language: str) -> str:
    """The first route number of ``ref`` ("M-36;E40" -> "M-36") with its letters in the UI's alphabet."""
    first = ref.split(";")[0].strip()
    cut = next((i for i, ch in enumerate(first) if ch.isdigit()), len(first))
    letters = first[:cut].translate(_REF_TO_CYRILLIC if language in ("kk", "ru") else _REF_TO_LATIN)
    return letters + first[cut:]


def line_width(style: LineStyle, scale: float) -> float:
    return style.widths[band(scale)]


def line_colour(style: LineStyle, scale: float) -> str:
    """The fill colour at 1:``scale``: the darker ``thin`` one where the line is drawn without casing."""
    return style.thin if style.thin and line_width(style, scale) < 2.0 else style.colour


def place_rank(place_class: object) -> int:
    return PLACE_RANK.get(str(place_class), 9)


def place_font(rank: int) -> tuple[float, bool]:
    return PLACE_FONT.get(rank, PLACE_FONT_SMALL)
