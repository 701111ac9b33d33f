"""What every analysis shares: its error class and the JSON form of its results."""

from __future__ import annotations

import dataclasses
from typing import Any

from baytak_desktop.errors import BaytakError


class AnalysisError(BaytakError):
    """An analysis that cannot run as asked: an unknown source layer, a negative distance..."""


def as_json(value: Any) -> Any:
    """A result (dataclasses, tuples, dicts) as plain JSON values, ready for ``json.dumps``."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: as_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_json(v) for v in value]
    return value
