"""Migration 1 (frozen): the GeoPackage, the journal's tables, the vocabularies and the six layers.

Written once and never edited: everything this migration creates is spelt out here as it was at schema
version 1, so a store created by any later version gets exactly the tables of one created back then.
A later change (a field, a vocabulary term, a layer) is a new migration, never an edit here; the live
definitions in ``layers/`` are not read.

The GeoPackage's own tables and each layer's R-tree come from ``store/gpkg.py``, which writes what the
GeoPackage standard prescribes and changes only with the standard. The journal's triggers are not
created here: they are derived from the live layer definitions after migrating (see ``upgrade``).
"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from baytak_desktop.errors import StoreError
from baytak_desktop.layers.feature import new_uuid
from baytak_desktop.store import gpkg

NAME = "layers"
# A UUIDv7 in plain SQLite, the uuid column's DEFAULT (as journal.NEW_UUID_SQL was at version 1).
NEW_UUID_V1 = "lower(printf('%08x-%04x-7%03x-%x%03x-%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) >> 16, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) & 65535, abs(random()) % 4096, 8 + abs(random()) % 4, abs(random()) % 4096, abs(random()) % 281474976710656))"
JOURNAL_TABLES_V1 = (
    "CREATE TABLE baytak_sync_state (\n  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
    "  applying INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1)),\n  device_id TEXT NOT NULL,\n"
    "  server_url TEXT,\n  last_pulled_rev INTEGER NOT NULL DEFAULT 0,\n  last_sync_at TEXT\n)",
    "CREATE TABLE baytak_journal (\n  id INTEGER PRIMARY KEY,\n  layer TEXT NOT NULL,\n  uuid TEXT NOT NULL,\n"
    "  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),\n  columns TEXT,\n"
    "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),\n  changeset_id TEXT\n)",
    "CREATE INDEX baytak_journal_feature ON baytak_journal (layer, uuid)",
    "CREATE TABLE baytak_synced (\n  layer TEXT NOT NULL,\n  uuid TEXT NOT NULL,\n  digest TEXT NOT NULL,\n"
    "  PRIMARY KEY (layer, uuid)\n) WITHOUT ROWID\n",
)
VOCABULARY_TABLE_V1 = (
    "CREATE TABLE baytak_vocabularies (vocabulary TEXT NOT NULL, code TEXT NOT NULL, "
    "sort_order INTEGER NOT NULL, label_kk TEXT NOT NULL, label_ru TEXT NOT NULL, "
    "label_en TEXT NOT NULL, PRIMARY KEY (vocabulary, code)) WITHOUT ROWID"
)


class Layer(NamedTuple):
    """A layer as it was at version 1; each field is (name, SQL type, title, vocabulary or None)."""

    name: str
    geometry_type: str
    title: str
    description: str
    fields: tuple[tuple[str, str, str, str | None], ...]


LAYERS_V1 = (
    Layer(
        "quarries",
        "MULTIPOLYGON",
        "Quarries",
        "Sand, gravel and stone quarries, legal and not",
        (
            ("branch", "TEXT", "Branch", "branch"),
            ("name", "TEXT", "Name", None),
            ("status", "TEXT", "Status", "quarry_status"),
            ("legal_status", "TEXT", "Legal status", "legal_status"),
            ("operator", "TEXT", "Operator", None),
            ("license_no", "TEXT", "Licence number", None),
            ("area_ha", "REAL", "Area, ha", None),
            ("observed_on", "DATE", "Observed on", None),
            ("notes", "TEXT", "Notes", None),
            ("created_at", "DATETIME", "Created at", None),
            ("created_by", "TEXT", "Created by", None),
            ("updated_at", "DATETIME", "Updated at", None),
            ("updated_by", "TEXT", "Updated by", None),
        ),
    ),
    Layer(
        "brick_factories",
        "POINT",
        "Brick factories",
        "",
        (
            ("branch", "TEXT", "Branch", "branch"),
            ("name", "TEXT", "Name", None),
            ("status", "TEXT", "Status", "factory_status"),
            ("operator", "TEXT", "Operator", None),
            ("closed_on", "DATE", "Closed on", None),
            ("emissions_note", "TEXT", "Emissions", None),
            ("observed_on", "DATE", "Observed on", None),
            ("notes", "TEXT", "Notes", None),
            ("created_at", "DATETIME", "Created at", None),
            ("created_by", "TEXT", "Created by", None),
            ("updated_at", "DATETIME", "Updated at", None),
            ("updated_by", "TEXT", "Updated by", None),
        ),
    ),
    Layer(
        "sewage_outflows",
        "POINT",
        "Sewage outflows",
        "",
        (
            ("branch", "TEXT", "Branch", "branch"),
            ("name", "TEXT", "Name", None),
            ("receiving_water", "TEXT", "Receiving water", None),
            ("discharge", "TEXT", "Discharge", "discharge"),
            ("flow_m3_day", "REAL", "Flow, m³/day", None),
            ("affected_settlements", "INTEGER", "Affected settlements", None),
            ("status", "TEXT", "Status", "outflow_status"),
            ("last_sampled_on", "DATE", "Last sampled on", None),
            ("notes", "TEXT", "Notes", None),
            ("created_at", "DATETIME", "Created at", None),
            ("created_by", "TEXT", "Created by", None),
            ("updated_at", "DATETIME", "Updated at", None),
            ("updated_by", "TEXT", "Updated by", None),
        ),
    ),
    Layer(
        "shorelines",
        "MULTIPOLYGON",
        "Shorelines",
        "The water extent of a sea or lake at a date; its outline is the shoreline",
        (
            ("branch", "TEXT", "Branch", "branch"),
            ("water_body", "TEXT", "Water body", "water_body"),
            ("observed_on", "DATE", "Observed on", None),
            ("source", "TEXT", "Source", None),
            ("area_km2", "REAL", "Area, km²", None),
            ("notes", "TEXT", "Notes", None),
            ("created_at", "DATETIME", "Created at", None),
            ("created_by", "TEXT", "Created by", None),
            ("updated_at", "DATETIME", "Updated at", None),
            ("updated_by", "TEXT", "Updated by", None),
        ),
    ),
    Layer(
        "tree_plantings",
        "POINT",
        "Tree plantings",
        "",
        (
            ("branch", "TEXT", "Branch", "branch"),
            ("species", "TEXT", "Species", "species"),
            ("tree_count", "INTEGER", "Trees", None),
            ("planted_on", "DATE", "Planted on", None),
            ("organizer", "TEXT", "Organizer", None),
            ("survival_rate", "REAL", "Survival, %", None),
            ("status", "TEXT", "Status", "planting_status"),
            ("notes", "TEXT", "Notes", None),
            ("created_at", "DATETIME", "Created at", None),
            ("created_by", "TEXT", "Created by", None),
            ("updated_at", "DATETIME", "Updated at", None),
            ("updated_by", "TEXT", "Updated by", None),
        ),
    ),
    Layer(
        "cleanup_plans",
        "MULTIPOLYGON",
        "Cleanup plans",
        "",
        (
            ("branch", "TEXT", "Branch", "branch"),
            ("title", "TEXT", "Title", None),
            ("planned_on", "DATE", "Planned on", None),
            ("volunteers_needed", "INTEGER", "Volunteers needed", None),
            ("status", "TEXT", "Status", "cleanup_status"),
            ("waste_collected_kg", "REAL", "Waste collected, kg", None),
            ("contact", "TEXT", "Contact", None),
            ("notes", "TEXT", "Notes", None),
            ("created_at", "DATETIME", "Created at", None),
            ("created_by", "TEXT", "Created by", None),
            ("updated_at", "DATETIME", "Updated at", None),
            ("updated_by", "TEXT", "Updated by", None),
        ),
    ),
)
VOCABULARIES_V1 = (
    (
        "branch",
        (
            ("abai", "Абай облысы", "Абайская область", "Abai Region"),
            ("akmola", "Ақмола облысы", "Акмолинская область", "Akmola Region"),
            ("aktobe", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
            ("almaty_region", "Алматы облысы", "Алматинская область", "Almaty Region"),
            ("atyrau", "Атырау облысы", "Атырауская область", "Atyrau Region"),
            ("east_kazakhstan", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region"),
            ("jambyl", "Жамбыл облысы", "Жамбылская область", "Jambyl Region"),
            ("jetisu", "Жетісу облысы", "Жетысуская область", "Jetisu Region"),
            ("karaganda", "Қарағанды облысы", "Карагандинская область", "Karaganda Region"),
            ("kostanay", "Қостанай облысы", "Костанайская область", "Kostanay Region"),
            ("kyzylorda", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
            ("mangystau", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
            (
                "north_kazakhstan",
                "Солтүстік Қазақстан облысы",
                "Северо-Казахстанская область",
                "North Kazakhstan Region",
            ),
            ("pavlodar", "Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
            ("turkistan", "Түркістан облысы", "Туркестанская область", "Turkistan Region"),
            ("ulytau", "Ұлытау облысы", "Улытауская область", "Ulytau Region"),
            ("west_kazakhstan", "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region"),
            ("almaty", "Алматы қаласы", "город Алматы", "Almaty (city)"),
            ("astana", "Астана қаласы", "город Астана", "Astana (city)"),
            ("shymkent", "Шымкент қаласы", "город Шымкент", "Shymkent (city)"),
        ),
    ),
    (
        "quarry_status",
        (
            ("active", "жұмыс істеп тұр", "действующий", "active"),
            ("illegal", "заңсыз", "незаконный", "illegal"),
            ("abandoned", "тастанды", "заброшенный", "abandoned"),
            ("under_restoration", "қалпына келтірілуде", "рекультивируется", "under restoration"),
            ("restored", "қалпына келтірілген", "рекультивирован", "restored"),
            ("closed", "жабылған", "закрыт", "closed"),
        ),
    ),
    (
        "legal_status",
        (
            ("licensed", "лицензиясы бар", "с лицензией", "licensed"),
            ("unlicensed", "лицензиясыз", "без лицензии", "unlicensed"),
            ("unknown", "белгісіз", "неизвестно", "unknown"),
        ),
    ),
    (
        "factory_status",
        (
            ("operating", "жұмыс істеп тұр", "работает", "operating"),
            ("closed", "жабылған", "закрыт", "closed"),
            ("relocated", "көшірілген", "перенесён", "relocated"),
            ("unknown", "белгісіз", "неизвестно", "unknown"),
        ),
    ),
    (
        "discharge",
        (
            ("treated", "тазартылған", "очищенные", "treated"),
            ("partly_treated", "ішінара тазартылған", "частично очищенные", "partly treated"),
            ("untreated", "тазартылмаған", "неочищенные", "untreated"),
            ("storm", "нөсер суы", "ливневые", "storm water"),
            ("unknown", "белгісіз", "неизвестно", "unknown"),
        ),
    ),
    (
        "outflow_status",
        (
            ("active", "белсенді", "действующий", "active"),
            ("eliminated", "жойылған", "ликвидирован", "eliminated"),
            ("unknown", "белгісіз", "неизвестно", "unknown"),
        ),
    ),
    (
        "water_body",
        (
            ("aral", "Арал теңізі", "Аральское море", "Aral Sea"),
            ("caspian", "Каспий теңізі", "Каспийское море", "Caspian Sea"),
            ("other", "басқа", "другое", "other"),
        ),
    ),
    (
        "species",
        (
            ("elm", "қарағаш", "вяз", "elm"),
            ("poplar", "терек", "тополь", "poplar"),
            ("birch", "қайың", "берёза", "birch"),
            ("pine", "қарағай", "сосна", "pine"),
            ("spruce", "шырша", "ель", "spruce"),
            ("larch", "балқарағай", "лиственница", "larch"),
            ("maple", "үйеңкі", "клён", "maple"),
            ("oak", "емен", "дуб", "oak"),
            ("ash", "шаған", "ясень", "ash"),
            ("willow", "тал", "ива", "willow"),
            ("sievers_apple", "Сиверс алмасы", "яблоня Сиверса", "Sievers apple"),
            ("saxaul", "сексеуіл", "саксаул", "saxaul"),
            ("juniper", "арша", "можжевельник", "juniper"),
            ("other", "басқа", "другое", "other"),
        ),
    ),
    (
        "planting_status",
        (
            ("planned", "жоспарланған", "запланировано", "planned"),
            ("planted", "отырғызылған", "посажено", "planted"),
            ("verified", "тексерілген", "проверено", "verified"),
            ("lost", "қурап қалған", "погибло", "lost"),
        ),
    ),
    (
        "cleanup_status",
        (
            ("planned", "жоспарланған", "запланирована", "planned"),
            ("done", "өткізілді", "проведена", "done"),
            ("cancelled", "тоқтатылды", "отменена", "cancelled"),
        ),
    ),
)


def apply(conn: sqlite3.Connection) -> None:
    """The GeoPackage core (when the file is new), the journal tables, vocabularies and six layers."""
    if not _has_table(conn, "gpkg_contents"):
        gpkg.create_core(conn)
    _ensure_schema_extension(conn)
    for statement in JOURNAL_TABLES_V1:
        conn.execute(statement)
    conn.execute("INSERT INTO baytak_sync_state (id, applying, device_id) VALUES (1, 0, ?)", (new_uuid(),))
    _create_vocabularies(conn)
    for layer in LAYERS_V1:
        if _has_table(conn, layer.name):
            raise StoreError(
                "This GeoPackage already has a table {table} that is not a Baytak layer; "
                "rename it in QGIS or use another file.",
                table=layer.name,
            )
        _create_layer(conn, layer)


def _create_layer(conn: sqlite3.Connection, layer: Layer) -> None:
    """A feature table as GDAL would write it, plus the uuid default, the base table and metadata.

    Outside tools must be able to insert without knowing the uuid: plain SQL gets the DEFAULT (a fresh
    UUIDv7); QGIS binds an explicit NULL, which ``NOT NULL ON CONFLICT REPLACE`` turns into that
    default; GDAL writes the DEFAULT's text literally, which the journal's newuuid trigger replaces.
    """
    columns = ",\n  ".join(f'"{name}" {sql_type}' for name, sql_type, _, _ in layer.fields)
    conn.execute(
        f'CREATE TABLE "{layer.name}" (\n  "fid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
        f'  "uuid" TEXT NOT NULL ON CONFLICT REPLACE UNIQUE DEFAULT ({NEW_UUID_V1}),\n  {columns},\n'
        f'  "geom" {layer.geometry_type})'
    )
    gpkg.register_feature_table(conn, layer.name, layer.geometry_type, layer.title, layer.description)
    base_columns = ", ".join(f'"{name}" {sql_type}' for name, sql_type, _, _ in layer.fields)
    conn.execute(
        f'CREATE TABLE "baytak_base_{layer.name}" (uuid TEXT PRIMARY KEY, fid INTEGER, {base_columns}, geom BLOB)'
    )
    conn.executemany(
        "INSERT INTO gpkg_data_columns (table_name, column_name, name, title, description, "
        "constraint_name) VALUES (?, ?, ?, ?, NULL, ?)",
        [(layer.name, name, name, title, vocabulary) for name, _, title, vocabulary in layer.fields],
    )


def _create_vocabularies(conn: sqlite3.Connection) -> None:
    """Coded values with their kk/ru/en labels, and the enum constraints QGIS shows as value lists."""
    conn.execute(VOCABULARY_TABLE_V1)
    for vocabulary, terms in VOCABULARIES_V1:
        for order, (code, kk, ru, en) in enumerate(terms):
            conn.execute(
                "INSERT INTO baytak_vocabularies VALUES (?, ?, ?, ?, ?, ?)", (vocabulary, code, order, kk, ru, en)
            )
            conn.execute(
                "INSERT INTO gpkg_data_column_constraints (constraint_name, constraint_type, value, "
                "description) VALUES (?, 'enum', ?, ?)",
                (vocabulary, code, en),
            )


def _ensure_schema_extension(conn: sqlite3.Connection) -> None:
    """A GeoPackage made by another tool may lack the schema-extension tables; add them."""
    if _has_table(conn, "gpkg_data_columns"):
        return
    for statement in gpkg.CORE_TABLES.split(";"):
        if "gpkg_data_column" in statement:
            conn.execute(statement.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"))
    if not _has_table(conn, "gpkg_extensions"):
        conn.execute(next(s for s in gpkg.CORE_TABLES.split(";") if "gpkg_extensions" in s))
    conn.executemany(
        "INSERT OR IGNORE INTO gpkg_extensions VALUES (?, NULL, 'gpkg_schema', ?, 'read-write')",
        [("gpkg_data_columns", gpkg.SCHEMA_EXTENSION), ("gpkg_data_column_constraints", gpkg.SCHEMA_EXTENSION)],
    )


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
    return row is not None
