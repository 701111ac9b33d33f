"""What is wrong with a store that still opened: broken layers, layers we do not know.

The app opens such a store anyway and shows what it can; these findings go to the message bar so the
user knows why a layer is missing from the map and what to do about it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from baytak_desktop.errors import BaytakError, StoreError
from baytak_desktop.library_failures import library_reason
from baytak_desktop.store import DatabaseError, Store, StoreEvents
from baytak_desktop.store.lockwait import is_busy_error
from baytak_desktop.ui.i18n import layer_title
from baytak_desktop.ui.messages import message_of


def open_store(path: Path, events: StoreEvents | None = None) -> Store:
    """Open a store; one whose upgrade or repair fails on a damaged layer is opened read-only instead.

    Raises BaytakError (e.g. NotAGeoPackage) for a file that cannot be shown at all, and the lock's
    sqlite3.OperationalError (``is_busy_error``) while another program holds the store.
    """
    try:
        return Store.open(path, events=events)
    except DatabaseError as exc:
        if is_busy_error(exc):  # another program holds the lock: not damage (the opener waits and tries again)
            raise
        try:
            return Store.open(path, readonly=True, events=events)
        except DatabaseError:
            raise StoreError(
                str(QT_TRANSLATE_NOOP("DomainMessages", "{file} is damaged: {reason}")),
                file=Path(path).name,
                reason=library_reason(exc),
            ) from exc


def broken_layers(store: Store) -> dict[str, str]:
    """Our layers that cannot be read, with the reason (a dropped table, a renamed column, ...)."""
    broken = {}
    for name in store.catalog:
        try:
            store.count(name)
            store.features(name, bbox=(0.0, 0.0, 0.0, 0.0))  # reads every column through the R-tree
        except (DatabaseError, BaytakError, ValueError) as exc:
            broken[name] = message_of(exc)
    return broken


def unknown_layers(store: Store) -> list[str]:
    """Tables another tool added to the GeoPackage (QGIS can show them; we do not)."""
    try:
        names = store.table_names()
    except DatabaseError:
        return []
    known = store.catalog
    return [name for name in names if name not in known and not name.startswith("baytak_")]


def store_problems(store: Store) -> tuple[dict[str, str], list[str]]:
    """The broken layers and the unknown ones (on a reader thread in the window: it reads every layer)."""
    return broken_layers(store), unknown_layers(store)


def problem_messages(broken: dict[str, str], unknown: list[str], readonly: bool) -> list[tuple[str, str, str]]:
    """(key, level, text) for the message bar, in the current language (``store_problems``' findings)."""
    messages = []
    for name, reason in broken.items():
        text = QCoreApplication.translate(
            "StoreProblems",
            "The layer {layer} cannot be read ({reason}); the other layers are shown. "
            "Run “baytak validate” on the store for details.",
        ).format(layer=layer_title(name), reason=reason)
        messages.append((f"layer:{name}", "error", text))
    for name in unknown:
        text = QCoreApplication.translate(
            "StoreProblems",
            "The store has a layer {layer} that Baytak does not know; it is not shown here (QGIS can open it).",
        ).format(layer=name)
        messages.append((f"unknown:{name}", "info", text))
    if readonly:
        text = QCoreApplication.translate(
            "StoreProblems",
            "The store is open read-only: it could not be upgraded or repaired, so nothing can be changed in it.",
        )
        messages.append(("readonly", "warning", text))
    return messages
