"""Making folium's HTML work with no network: everything inline, nothing fetched.

folium links Leaflet, jQuery, Bootstrap, Font Awesome and awesome-markers from CDNs. The web map uses
none of the extras (circle markers, our own legend and slider), so every element's CDN list is emptied
and Leaflet's JS and CSS are inlined from the XStatic-Leaflet package, its CSS images as data: URIs.
``external_references`` then reads the finished page the way a browser would (script src, link href,
img/source/iframe src, CSS url() and @import) and the export refuses to write a page that still points
at the network: a promise to a user in a village without coverage is only kept if it is checked.
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from baytak_desktop.errors import BaytakError
from baytak_desktop.resources import webmap_asset

_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'");\s]+)""", re.IGNORECASE)
_FETCHED_ATTRIBUTES = {
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("object", "data"),
    ("input", "src"),
}
_MIME = {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif"}


class WebMapError(BaytakError):
    """The web map cannot be made: Leaflet is not installed, or the page would need the network."""


def leaflet_dir() -> Path:
    try:
        from xstatic.pkg import leaflet
    except ImportError as error:
        raise WebMapError(
            "Leaflet is missing: install the XStatic-Leaflet package (pip install XStatic-Leaflet) to make web maps."
        ) from error
    return Path(leaflet.BASE_DIR)


@lru_cache(maxsize=1)
def inline_head() -> str:
    """Leaflet's CSS (images inlined) and JS, then ours: the whole runtime of the page, in one block."""
    folder = leaflet_dir()
    css = _inline_css_images((folder / "leaflet.css").read_text(encoding="utf-8"), folder)
    parts = [
        f"<style>\n{css}\n{webmap_asset('baytak_webmap.css')}\n</style>",
        f"<script>\n{_script_safe((folder / 'leaflet.js').read_text(encoding='utf-8'))}\n</script>",
        f"<script>\n{_script_safe(webmap_asset('baytak_webmap.js'))}\n</script>",
    ]
    return "\n".join(parts)


def _inline_css_images(css: str, folder: Path) -> str:
    def replace(match: re.Match[str]) -> str:
        target = match.group(1)
        path = folder / target
        if target.startswith(("data:", "#")) or not path.is_file():
            return match.group(0)
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"url(data:{_MIME.get(path.suffix, 'application/octet-stream')};base64,{data})"

    return _CSS_URL.sub(replace, css)


def _script_safe(code: str) -> str:
    """A script body that cannot close its own <script> element early."""
    return code.replace("</script", "<\\/script")


def strip_cdn_links(element: object) -> None:
    """Empty the CDN link lists of ``element`` and all its children (folium's JSCSSMixin)."""
    if hasattr(element, "default_js"):
        element.default_js = []
    if hasattr(element, "default_css"):
        element.default_css = []
    for child in getattr(element, "_children", {}).values():
        strip_cdn_links(child)


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in values.items():
            if value and ((tag, name) in _FETCHED_ATTRIBUTES or (tag == "link" and name == "href")):
                self.found.append(value)
            if name == "srcset" and value:
                self.found += [part.strip().split(" ")[0] for part in value.split(",")]
            if name == "style" and value:
                self.found += _css_references(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found += _css_references(data)


def _css_references(css: str) -> list[str]:
    return [m.group(1) for m in _CSS_URL.finditer(css)] + [m.group(1) for m in _CSS_IMPORT.finditer(css)]


def external_references(html: str) -> list[str]:
    """Every URL in ``html`` a browser would fetch from the network (http, https, protocol-relative)."""
    parser = _References()
    parser.feed(html)
    return [url for url in parser.found if url.strip().lower().startswith(("http:", "https:", "//", "ftp:"))]


def check_offline(html: str) -> None:
    found = external_references(html)
    if found:
        raise WebMapError(
            "The web map would fetch {count} file(s) from the internet (first: {first}); it was not written.",
            count=len(found),
            first=found[0],
        )
