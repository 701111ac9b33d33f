"""The user-interface language: which one is in use, and switching it at runtime.

Vocabulary labels (statuses, branches) come from the domain in all three languages; widgets ask
``current_language()`` when they draw them and redraw on ``QEvent.LanguageChange``.
"""

from __future__ import annotations

LANGUAGES = ("kk", "ru", "en")
_current = "en"


def current_language() -> str:
    return _current


def _remember(lang: str) -> None:
    global _current
    _current = lang if lang in LANGUAGES else "en"
