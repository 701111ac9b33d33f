"""Reading big JSON bodies a slice at a time, so a sync on a worker thread never freezes the UI.

The app runs ``sync.engine.sync`` on a Python thread; the UI thread needs the GIL for every Python
slot it runs. One C call that parses a whole pull page or push answer keeps the GIL for its whole
length: ``ChangesPage.model_validate_json`` of 2,000 features held it for 30-100 ms on a loaded
2-core machine (the UI froze that long). Here a body is split with ``json.JSONDecoder.raw_decode``,
one array item per call, and the items are validated ``SLICE`` at a time: no single call handles more
than ``SLICE`` items, and between calls the interpreter hands the GIL over as usual (every 5 ms).
The result is the same model ``model_validate_json`` gives (same validation, same errors for a bad
item); only a malformed document raises ``json.JSONDecodeError`` instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter

SLICE = 200  # items per validation call: ~2-5 ms of GIL each on this class of machine
T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"


def parse_object(text: str | bytes, arrays: frozenset[str] = frozenset()) -> dict[str, Any]:
    """A JSON object whose members named in ``arrays`` are arrays parsed item by item (each item one
    ``raw_decode`` call); every other member is parsed whole (they are small)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    pos = _skip(text, 0)
    if text[pos : pos + 1] != "{":
        raise json.JSONDecodeError("Expecting an object", text, pos)
    found: dict[str, Any] = {}
    pos = _skip(text, pos + 1)
    if text[pos : pos + 1] == "}":
        return _end(text, pos, found)
    while True:
        key, pos = _DECODER.raw_decode(text, pos)
        pos = _expect(text, _skip(text, pos), ":")
        if key in arrays and text[pos : pos + 1] == "[":
            found[key], pos = _array(text, pos)
        else:
            found[key], pos = _DECODER.raw_decode(text, pos)
        pos = _skip(text, pos)
        if text[pos : pos + 1] == "}":
            return _end(text, pos, found)
        pos = _expect(text, pos, ",")


def _array(text: str, pos: int) -> tuple[list[Any], int]:
    items: list[Any] = []
    pos = _skip(text, pos + 1)
    if text[pos : pos + 1] == "]":
        return items, pos + 1
    while True:
        item, pos = _DECODER.raw_decode(text, pos)
        items.append(item)
        pos = _skip(text, pos)
        if text[pos : pos + 1] == "]":
            return items, pos + 1
        pos = _expect(text, pos, ",")


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    return pos


def _expect(text: str, pos: int, char: str) -> int:
    if text[pos : pos + 1] != char:
        raise json.JSONDecodeError(f"Expecting {char!r}", text, pos)
    return _skip(text, pos + 1)


def _end(text: str, pos: int, found: dict[str, Any]) -> dict[str, Any]:
    if _skip(text, pos + 1) != len(text):
        raise json.JSONDecodeError("Extra data", text, pos + 1)
    return found


def batches(items: Sequence[T], size: int = SLICE) -> Iterator[Sequence[T]]:
    """``items`` in consecutive pieces of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


@cache
def _adapter(model: type[M]) -> TypeAdapter[list[M]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def validated(model: type[M], items: Sequence[Any], size: int = SLICE) -> list[M]:
    """``items`` validated as ``model``, ``size`` per call."""
    adapter = _adapter(model)
    found: list[M] = []
    for piece in batches(items, size):
        found.extend(adapter.validate_python(piece))
    return found


def read_model(model: type[M], text: str | bytes, arrays: Mapping[str, type[BaseModel]]) -> M:
    """``model.model_validate_json(text)``, with the big arrays (member name -> item model) validated a
    slice at a time. The other members are validated by ``model`` itself (unknown ones refused)."""
    found = parse_object(text, frozenset(arrays))
    big = {name: found.pop(name) for name in arrays if isinstance(found.get(name), list)}
    head = model.model_validate({**found, **{key: [] for key in big}})  # a member that is no array fails here
    return head.model_copy(update={name: validated(arrays[name], items) for name, items in big.items()})
