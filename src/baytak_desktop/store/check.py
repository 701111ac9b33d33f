"""`baytak validate`: is this store sound? Integrity, schema, triggers, index, every feature.

It opens the store read-only and repairs nothing, so it reports what another tool (a GDAL rebuild, a
hand edit) left behind; opening the store normally then repairs what can be repaired.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from baytak_desktop.layers import prepare
from baytak_desktop.layers.schema import BOOKKEEPING
from baytak_desktop.store import journal, migrations
from baytak_desktop.store.store import Store


@dataclass(frozen=True)
class Finding:
    check: str
    severity: str  # error, warning
    message: str
    layer: str | None = None
    uuid: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "layer": self.layer,
            "uuid": self.uuid,
        }


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
    return [Finding("integrity", "error", f"SQLite integrity check: {line}") for line in result[:20]]


def _schema(store: Store) -> list[Finding]:
    version = store.schema_version()
    if version != migrations.SCHEMA_VERSION:
        return [
            Finding(
                "schema",
                "error",
                f"schema version {version}, expected {migrations.SCHEMA_VERSION}: "
                "open the store with baytak once to migrate it",
            )
        ]
    missing = [
        name
        for name in store.catalog
        if not store.conn.execute("SELECT 1 FROM gpkg_contents WHERE table_name = ?", (name,)).fetchone()
    ]
    return [Finding("schema", "error", f"layer {name} is missing from gpkg_contents", name) for name in missing]


def _triggers(store: Store, layer: str) -> list[Finding]:
    missing = journal.missing_or_altered_triggers(store.conn, store.layer(layer))
    return [
        Finding(
            "triggers",
            "error",
            f"journal trigger {name} is missing or altered: edits would not sync "
            "(open the store with baytak to reinstall it and catch up the edits)",
            layer,
        )
        for name in missing
    ]


def _rtree(store: Store, layer: str) -> list[Finding]:
    indexed = store.conn.execute(f'SELECT count(*) FROM "rtree_{layer}_geom"').fetchone()[0]
    stored = store.conn.execute(
        f'SELECT count(*) FROM "{layer}" WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom)'
    ).fetchone()[0]
    if indexed == stored:
        return []
    return [Finding("rtree", "error", f"spatial index has {indexed} entries for {stored} geometries", layer)]


def _features(store: Store, layer: str) -> list[Finding]:
    schema = store.layer(layer)
    findings = []
    for feature in store.features(layer):
        attributes = {
            k: v for k, v in feature.attributes.items() if k not in BOOKKEEPING and not schema.field(k).derived
        }
        for problem in prepare(schema, attributes, feature.geometry).problems:
            findings.append(Finding("feature", problem.severity, str(problem), layer, feature.uuid))
    return findings
