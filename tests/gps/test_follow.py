"""Follow mode's rule: the map moves only when the position leaves the inner box of the view."""

from __future__ import annotations

import pytest

from baytak_desktop.gps.follow import EDGE_MARGIN, should_recentre


@pytest.mark.parametrize(
    ("x", "y", "moves"),
    [
        (500, 300, False),  # the middle
        (200, 120, False),  # the inner box's corner (a fifth of 1000 x 600)
        (199, 300, True),  # just left of it
        (500, 481, True),  # just below it
        (-50, 300, True),  # off the view
        (1200, 900, True),
    ],
)
def test_recentre_only_near_the_edge(x, y, moves):
    assert EDGE_MARGIN == 0.2
    assert should_recentre(x, y, 1000, 600) is moves


def test_a_view_with_no_size_never_moves():
    assert should_recentre(10, 10, 0, 0) is False
