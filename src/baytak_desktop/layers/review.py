"""Review marks: how a coordinator's verdict on a reported site is written, and who may write one.

A review is an ordinary field edit that syncs like any other: a line appended to the feature's
``notes``, ``[verified by dana on 2026-05-04]`` or ``[rejected by dana on 2026-05-04] the photo shows a
different pit``, plus ``status = verified`` where the layer's status has that code (tree plantings).
The marks are plain text, so QGIS and the server's database show them too. Because they are plain
text, anybody could type one: the server therefore refuses a change that adds a mark, or sets a
status to ``verified``, unless it comes from a reviewer (``REVIEWERS``) and the mark names that
reviewer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from baytak_desktop.layers.schema import LayerSchema

MARK = re.compile(r"^\[(verified|rejected) by (.+?) on (\d{4}-\d{2}-\d{2})\] ?(.*)$", re.MULTILINE)
REVIEWERS = ("coordinator", "admin")
VERIFIED = "verified"


def marks(notes: object) -> list[tuple[str, str, str, str]]:
    """(state, reviewer, date, reason) of every mark in ``notes``, oldest first."""
    if not isinstance(notes, str) or "[" not in notes:  # no mark (the common case, at C speed)
        return []
    return MARK.findall(notes)


def added_marks(old_notes: object, new_notes: object) -> list[tuple[str, str, str, str]]:
    """The marks ``new_notes`` has beyond those of ``old_notes`` (as a multiset: a copied mark counts)."""
    added = marks(new_notes)
    if not added:
        return []
    before = Counter(marks(old_notes))
    found = []
    for mark in added:
        if before[mark]:
            before[mark] -= 1
        else:
            found.append(mark)
    return found


def reviewers_named(schema: LayerSchema, old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> set[str] | None:
    """Who the change records as reviewers, or None when it is no review: the names in the marks it
    adds to ``notes``; a status set to ``verified`` is a review too (by nobody named: the empty set)."""
    old = old or {}
    named: set[str] | None = None
    if "notes" in new:
        added = added_marks(old.get("notes"), new["notes"])
        if added:
            named = {reviewer for _, reviewer, _, _ in added}
    status = schema.field("status") if "status" in schema.field_names else None
    verifiable = status is not None and status.vocabulary is not None and VERIFIED in status.vocabulary.codes
    if verifiable and new.get("status") == VERIFIED and old.get("status") != VERIFIED:
        named = named or set()
    return named
