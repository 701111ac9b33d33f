"""Follow mode's one rule: move the map only when the position nears the edge of the view.

Recentring on every fix makes the map crawl under the cursor and fights a person reading it; QField and
QGIS recentre when the position leaves an inner box instead. Here the box is the view less ``margin`` of
its width and height on each side: inside it nothing moves, outside it (or off the view) the map is
recentred on the position, so walking on, the map jumps once every few hundred metres.
"""

from __future__ import annotations

EDGE_MARGIN = 0.2  # a fifth of the view on each side


def should_recentre(x: float, y: float, width: float, height: float, margin: float = EDGE_MARGIN) -> bool:
    """True when the point at viewport pixel (x, y) lies outside the inner box of a width x height view."""
    if width <= 0 or height <= 0:
        return False
    return not (margin * width <= x <= (1 - margin) * width and margin * height <= y <= (1 - margin) * height)
