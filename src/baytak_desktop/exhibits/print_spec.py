"""What a printed map exhibit shows: a plain value the CLI, the UI dialog and the painter share.

No Qt here, so the ``baytak`` command can build and check a spec without importing the UI; the
painting happens in a child process (``exhibits.render_process``) that reads the spec back from JSON.
Everything is checked in :meth:`ExhibitSpec.validate` so a mistake ("A5", "--lang de", an extent with
west > east) is reported with the fix before a process is started.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import closing
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from baytak_desktop.errors import BaytakError
from baytak_desktop.layers import Catalog, builtin_catalog
from baytak_desktop.store.catalog import catalog_of

PAGE_SIZES_MM: dict[str, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "A3": (297.0, 420.0),
    "A2": (420.0, 594.0),
    "A1": (594.0, 841.0),
}
FORMATS = ("pdf", "png", "svg")
LANGUAGES = ("kk", "ru", "en")
MIN_DPI, MAX_DPI = 72, 1200
MAX_RASTER_PIXELS = 120_000_000  # A1 at 300 dpi is 70 million; more would need gigabytes of memory
Extent = tuple[float, float, float, float]  # west, south, east, north (degrees, WGS 84)


class SpecError(BaytakError):
    """An exhibit that cannot be made as asked; the message says what to change."""


@dataclass(frozen=True)
class ExhibitSpec:
    """One exhibit. ``layers`` empty means every layer the store shows; ``extent`` None means their extent."""

    store: Path
    out: Path
    title: str = ""
    subtitle: str = ""
    layers: tuple[str, ...] = ()
    extent: Extent | None = None
    page: str = "A4"
    landscape: bool = False
    dpi: int = 300
    language: str = "en"
    author: str = ""
    date: str = ""  # ISO date printed on the exhibit; empty: today
    basemap: bool = True
    mbtiles: Path | None = None  # raster tiles under the data (their attribution is printed)
    xyz_template: str | None = None  # an online tile source, read through its on-disk cache
    tile_cache: Path | None = None
    highlight: tuple[str, str] | None = None  # (layer, uuid) outlined on top: the site of a dossier
    # the basemaps and images as the map shows them: (key, opacity, brightness), bottom first; None: every
    # one registered, as it is (the command line); () none
    reference: tuple[tuple[str, float, float], ...] | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def format(self) -> str:
        return self.out.suffix.lower().lstrip(".")

    @property
    def page_mm(self) -> tuple[float, float]:
        """(width, height) of the page in millimetres, turned for landscape."""
        short, long = PAGE_SIZES_MM[self.page]
        return (long, short) if self.landscape else (short, long)

    def page_pixels(self) -> tuple[int, int]:
        width, height = self.page_mm
        return round(width / 25.4 * self.dpi), round(height / 25.4 * self.dpi)

    def printed_date(self) -> str:
        return self.date or dt.date.today().isoformat()

    def validate(self) -> ExhibitSpec:
        """Raise SpecError naming the bad option and the accepted values; returns self for chaining."""
        if self.page not in PAGE_SIZES_MM:
            raise SpecError(
                "Page size {page} is not offered: use one of {sizes}.", page=self.page, sizes=", ".join(PAGE_SIZES_MM)
            )
        if self.format not in FORMATS:
            raise SpecError("{out}: the output must end in .pdf, .png or .svg.", out=str(self.out))
        if self.language not in LANGUAGES:
            raise SpecError("Language {lang} is not offered: use kk, ru or en.", lang=self.language)
        if isinstance(self.dpi, bool) or not isinstance(self.dpi, int) or not MIN_DPI <= self.dpi <= MAX_DPI:
            raise SpecError("{dpi} dpi is out of range: use {low} to {high}.", dpi=self.dpi, low=MIN_DPI, high=MAX_DPI)
        layers = store_catalog(self.store)
        unknown = [name for name in self.layers if name not in layers]
        if unknown:
            raise SpecError("There is no layer {layer}. Layers: {known}.", layer=unknown[0], known=", ".join(layers))
        if self.extent is not None:
            check_extent(self.extent)
        width, height = self.page_pixels()
        if self.format == "png" and width * height > MAX_RASTER_PIXELS:
            raise SpecError(
                "A {page} PNG at {dpi} dpi would be {mp} million pixels: lower the dpi or export a PDF.",
                page=self.page,
                dpi=self.dpi,
                mp=width * height // 1_000_000,
            )
        if self.date:
            try:
                dt.date.fromisoformat(self.date)
            except ValueError as error:
                raise SpecError("The date {date} is not a date like 2025-06-30.", date=self.date) from error
        return self

    # -- JSON, for the child process --------------------------------------------------------------
    def to_json(self) -> str:
        data = asdict(self)
        for name in ("store", "out", "mbtiles", "tile_cache"):
            data[name] = None if data[name] is None else str(data[name])
        return json.dumps(data, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> ExhibitSpec:
        try:
            data = json.loads(text)
            known = {f.name for f in fields(cls)}
            data = {k: v for k, v in data.items() if k in known}
            for name in ("store", "out", "mbtiles", "tile_cache"):
                if data.get(name) is not None:
                    data[name] = Path(data[name])
            for name in ("layers", "extent", "highlight"):
                if data.get(name) is not None:
                    data[name] = tuple(data[name])
            if data.get("reference") is not None:
                data["reference"] = tuple(
                    (str(key), float(opacity), float(brightness)) for key, opacity, brightness in data["reference"]
                )
            return cls(**data).validate()
        except (ValueError, TypeError, AttributeError, KeyError) as error:
            raise unreadable_spec(error) from error


def unreadable_spec(error: Exception) -> SpecError:
    """An exhibit's (or a dossier's) description that the painter cannot read, said in our words: it is
    damaged, or holds what this version does not take. Python's text follows only as a detail."""
    if isinstance(error, json.JSONDecodeError):
        return SpecError(
            "The exhibit description is damaged or cut short, so nothing was made: make the exhibit again "
            "({library}: {detail})",
            library="JSON",
            detail=str(error),
        )
    return SpecError(
        "The exhibit description holds a value this version of Baytak does not take (was it written by another "
        "version?), so nothing was made: make the exhibit again ({library}: {detail})",
        library="Python",
        detail=f"{type(error).__name__}: {error}",
    )


def store_catalog(path: Path) -> Catalog:
    """The layers of the store at ``path`` (the built-in ones when it cannot be read: opening it later
    says why), read without opening it for writing."""
    if not Path(path).is_file():
        return builtin_catalog()
    try:
        with closing(sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)) as conn:
            return catalog_of(conn)
    except sqlite3.Error:
        return builtin_catalog()


def check_extent(extent: Extent) -> None:
    if len(extent) != 4 or not all(isinstance(v, (int, float)) for v in extent):
        raise SpecError("An extent is four numbers: west,south,east,north (degrees).")
    west, south, east, north = extent
    if not (-180 <= west < east <= 180 and -85 <= south < north <= 85):
        raise SpecError(
            "The extent {extent} is not west,south,east,north in degrees with west < east and south < north.",
            extent=",".join(f"{v:g}" for v in extent),
        )


def parse_extent(text: str) -> Extent:
    """``"76.5,43.1,77.4,44.0"`` -> (west, south, east, north), checked."""
    try:
        values = tuple(float(part) for part in text.replace(" ", "").split(","))
    except ValueError as error:
        raise SpecError("--extent takes west,south,east,north in degrees, not {text!r}.", text=text) from error
    if len(values) != 4:
        raise SpecError("--extent takes four numbers west,south,east,north, not {text!r}.", text=text)
    west, south, east, north = values
    check_extent((west, south, east, north))
    return (west, south, east, north)


def spec_from_options(
    store: Path,
    out: Path,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    layers: str | None = None,
    extent: str | None = None,
    page: str = "A4",
    landscape: bool = False,
    dpi: int = 300,
    lang: str = "en",
    author: str | None = None,
    date: str | None = None,
) -> ExhibitSpec:
    """A checked spec from command-line style options (``layers`` "a,b", ``extent`` "w,s,e,n")."""
    chosen = tuple(name.strip() for name in layers.split(",") if name.strip()) if layers else ()
    spec = ExhibitSpec(
        store=Path(store),
        out=Path(out),
        title=title or "",
        subtitle=subtitle or "",
        layers=chosen,
        extent=parse_extent(extent) if extent else None,
        page=page.upper(),
        landscape=landscape,
        dpi=dpi,
        language=lang,
        author=author or "",
        date=date or "",
    )
    return spec.validate()
