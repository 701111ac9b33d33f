"""The UI thread gets the GIL back within a millisecond, not five.

Every Python callback on the UI thread (a timer, a mouse move, a paint, a render's result arriving)
must first take the GIL. While the render worker draws ahead or a reader works in Python, CPython
hands the GIL to a waiting thread only after it has waited ``sys.getswitchinterval()`` (5 ms by
default), and then only between two of the holder's calls into C (PySide6 keeps the GIL through
every QPainter call; none of the worker's takes over 5 ms: bench/README.md). A turn of the event loop
that entered Python more than once waited that long each time: the UI thread's longest wait for the
GIL in one turn of the field-view tour was 26-38 ms with 5 ms (bench_field_view.py ``--pause 0.5``,
``ui_longest_blocked_ms``, six tours) and 11-17 ms with 1 ms (five of six tours; one 27 ms), the
redraws no slower (medians 39-45 ms against 39-46 ms; bench/README.md). The price is more hand-overs
while two threads want the GIL, a few microseconds each.
"""

from __future__ import annotations

import sys

SWITCH_INTERVAL_S = 0.001


def hand_over_often(interval_s: float = SWITCH_INTERVAL_S) -> float:
    """Set the interpreter's switch interval for the UI's process; returns the one it replaces."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(interval_s)
    return previous
