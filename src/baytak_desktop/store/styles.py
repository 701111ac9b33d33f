"""Layer styles saved in the GeoPackage (``baytak_styles``), so they travel with the file.

Styles are presentation, not data: the table has no journal triggers and is never synced, and each
device keeps its own. It is declared in ``gpkg_contents`` as an ``attributes`` table (with the
integer primary key the GeoPackage spec asks of one), so GDAL and QGIS still see a valid file.

A saved style that cannot be used (edited by hand, written by a newer version) never stops the store
from opening: that layer gets its default style and the problem is reported.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from baytak_desktop.layers import FieldType
from baytak_desktop.layers.style import LayerStyle, StyleError, default_styles
from baytak_desktop.store.catalog import catalog_of

TABLE = "baytak_styles"
MAX_DISTINCT = 200  # the most distinct values offered as categories
log = logging.getLogger(__name__)


@dataclass
class LoadedStyles:
    styles: dict[str, LayerStyle]
    problems: list[StyleError] = field(default_factory=list)


def has_table(conn: sqlite3.Connection) -> bool:
    return (
        conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)).fetchone() is not None
    )


def load_styles(conn: sqlite3.Connection) -> LoadedStyles:
    """Every layer's style: the saved one where it is usable, the default otherwise."""
    catalog = catalog_of(conn)
    loaded = LoadedStyles(default_styles(catalog))
    if not has_table(conn):  # a read-only store from before migration 3
        return loaded
    for layer, text in conn.execute(f"SELECT layer, style FROM {TABLE} ORDER BY layer"):
        try:
            style = LayerStyle.from_json(text, catalog)
            if style.layer != layer:
                raise StyleError(
                    "The style saved for {layer} names another layer, {other}.", layer=layer, other=style.layer
                )
        except StyleError as problem:
            log.warning("style of %s ignored: %s", layer, problem.message)
            loaded.problems.append(problem)
            continue
        loaded.styles[layer] = style
    return loaded


def save_styles(conn: sqlite3.Connection, styles: Iterable[LayerStyle]) -> None:
    """Insert or replace styles, checked first; the caller holds the transaction."""
    rows = []
    catalog = catalog_of(conn)
    for style in styles:
        style.validate(catalog.layer(style.layer))
        rows.append((style.layer, style.to_json()))
    conn.executemany(
        f"INSERT INTO {TABLE} (layer, style) VALUES (?, ?) ON CONFLICT (layer) DO UPDATE SET "
        "style = excluded.style, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        rows,
    )
    conn.execute(
        "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?", (TABLE,)
    )


def distinct_values(conn: sqlite3.Connection, layer: str, field_name: str, limit: int = MAX_DISTINCT) -> list[str]:
    """The values of a text field present in the layer, most frequent first: the categories to offer."""
    schema = catalog_of(conn).layer(layer)
    if field_name not in schema.field_names or schema.field(field_name).type is not FieldType.TEXT:
        raise StyleError("Categories need a text field; {field} is not one.", field=field_name)
    rows = conn.execute(
        f'SELECT CAST("{field_name}" AS TEXT) AS value, count(*) AS n FROM "{layer}" '
        f'WHERE "{field_name}" IS NOT NULL AND "{field_name}" != \'\' GROUP BY value ORDER BY n DESC, value LIMIT ?',
        (limit,),
    )
    return [value for value, _ in rows]
