"""Counting what a block of code calls: tests of complexity count calls, never time them."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def counting_calls(function: Callable[..., Any]) -> Iterator[list[int]]:
    """How many times the Python ``function`` is entered on this thread inside the block: ``[n]``, read
    after the block (a profile hook sees calls Qt makes back into Python too)."""
    code = function.__code__
    calls = [0]

    def count(frame: Any, event: str, _arg: object) -> None:
        if event == "call" and frame.f_code is code:
            calls[0] += 1

    sys.setprofile(count)
    try:
        yield calls
    finally:
        sys.setprofile(None)
