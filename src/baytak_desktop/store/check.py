"""`baytak validate`: is this store sound? Integrity, schema, triggers, index, every feature.

It opens the store read-only and repairs nothing, so it reports what another tool (a GDAL rebuild, a
hand edit, a QGIS session) left behind, feature by feature (layer, fid, uuid, field), never stopping at
the first broken one. Findings marked fixable are repaired by ``baytak validate --fix`` (repair.py).
"""

from __future__ import annotations

from baytak_desktop.store import gpkg, journal, migrations, rows
from baytak_desktop.store.feature_check import Finding, examine
from baytak_desktop.store.store import Store

__all__ = ["Finding", "check_store"]


def check_store(store: Store) -> list[Finding]:
    findings = _integrity(store) + _schema(store)
    if any(f.severity == "error" for f in findings):
        return findings
    for schema in store.catalog.values():
        findings += _triggers(store, schema.name) + _rtree(store, schema.name) + _features(store, schema.name)
    return findings


def _integrity(store: Store) -> list[Finding]:
    result = [r[0] for r in store.conn.execute("PRAGMA integrity_check")]
    if result == ["ok"]:
        return []
    return [Finding.of("SQLite integrity check: {line}", "integrity", "error", line=line) for line in result[:20]]


def _schema(store: Store) -> list[Finding]:
    version = store.schema_version()
    if version != migrations.SCHEMA_VERSION:
        return [
            Finding.of(
                "schema version {version}, expected {expected}: open the store with baytak once to migrate it",
                "schema",
                "error",
                (None, None, None, None),
                version < migrations.SCHEMA_VERSION,
                version=version,
                expected=migrations.SCHEMA_VERSION,
            )
        ]
    missing = [
        name
        for name in store.catalog
        if not store.conn.execute("SELECT 1 FROM gpkg_contents WHERE table_name = ?", (name,)).fetchone()
    ]
    return [
        Finding.of("layer {name} is missing from gpkg_contents", "schema", "error", (name, None, None, None), name=name)
        for name in missing
    ]


def _triggers(store: Store, layer: str) -> list[Finding]:
    missing = journal.missing_or_altered_triggers(store.conn, store.layer(layer))
    found = [
        Finding.of(
            "journal trigger {name} is missing or altered: edits would not sync "
            "(open the store with baytak to reinstall it and catch up the edits)",
            "triggers",
            "error",
            (layer, None, None, None),
            True,
            name=name,
        )
        for name in missing
    ]
    altered = gpkg.rtree_triggers_altered(store.conn, layer)
    if altered:
        found.append(
            Finding.of(
                "spatial index triggers {names} are not the store's (another program rewrote them)",
                "rtree triggers",
                "warning",
                (layer, None, None, None),
                True,
                names=", ".join(altered),
            )
        )
    return found


def _rtree(store: Store, layer: str) -> list[Finding]:
    indexed = store.conn.execute(f'SELECT count(*) FROM "rtree_{layer}_geom"').fetchone()[0]
    stored = store.conn.execute(
        f'SELECT count(*) FROM "{layer}" WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom)'
    ).fetchone()[0]
    if indexed == stored:
        return []
    return [
        Finding.of(
            "spatial index has {indexed} entries for {stored} geometries",
            "rtree",
            "error",
            (layer, None, None, None),
            True,
            indexed=indexed,
            stored=stored,
        )
    ]


def _features(store: Store, layer: str) -> list[Finding]:
    schema = store.layer(layer)
    findings = []
    for row in store.conn.execute(rows.select_sql(schema)):
        findings += examine(schema, tuple(row)).findings
    return findings
