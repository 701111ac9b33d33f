"""Layer styles in the GeoPackage: saved, reopened, checked, invisible to the journal, valid for GDAL."""

from __future__ import annotations

import json
import logging
import warnings
from dataclasses import replace

import pyogrio
import pytest
import shapely

from baytak_desktop.errors import ReadOnlyStore
from baytak_desktop.layers import LAYERS
from baytak_desktop.layers.style import LayerStyle, StyleError, Symbol, categorized, default_styles
from baytak_desktop.store import Store, migrations
from baytak_desktop.store.styles import TABLE, distinct_values


def test_a_new_store_has_default_styles(store):
    assert store.styles() == default_styles()
    assert store.style_problems == []


def test_styles_survive_close_and_reopen(store, store_path):
    quarries = categorized(
        replace(store.styles()["quarries"], opacity=0.4, visible=False, label_field=None),
        "legal_status",
        ["licensed", "unlicensed"],
    )
    shorelines = replace(store.styles()["shorelines"], symbol=Symbol(fill="#123456", stroke="#abcdef", size=3))
    store.save_style(quarries)
    store.save_styles([shorelines])
    store.close()
    with Store.open(store_path) as again:
        styles = again.styles()
        assert styles["quarries"] == quarries
        assert styles["shorelines"] == shorelines
        assert styles["tree_plantings"] == default_styles()["tree_plantings"]


def test_saving_again_replaces_the_row(store):
    style = store.styles()["brick_factories"]
    store.save_style(replace(style, opacity=0.5))
    store.save_style(replace(style, opacity=0.25))
    rows = store.conn.execute(f"SELECT layer FROM {TABLE}").fetchall()
    assert rows == [("brick_factories",)]
    assert store.styles()["brick_factories"].opacity == 0.25


def test_an_invalid_style_is_refused_and_nothing_is_saved(store):
    good = replace(store.styles()["quarries"], opacity=0.3)
    bad = replace(store.styles()["shorelines"], symbol=Symbol(fill="blue"))
    with pytest.raises(StyleError, match="blue is not a #rrggbb"):
        store.save_styles([good, bad])
    assert store.conn.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0] == 0


def test_a_corrupt_saved_style_falls_back_to_the_default_and_is_reported(store, caplog):
    store.save_style(replace(store.styles()["quarries"], opacity=0.5))
    with store.session() as conn:
        conn.execute(f"INSERT INTO {TABLE} (layer, style) VALUES ('shorelines', '{{\"layer\": \"shorelines\"')")
        conn.execute(f"INSERT INTO {TABLE} (layer, style) VALUES ('roads', '{{}}')")
        conn.execute(
            f"INSERT INTO {TABLE} (layer, style) VALUES ('tree_plantings', ?)",
            (default_styles()["cleanup_plans"].to_json(),),
        )
    with caplog.at_level(logging.WARNING):
        styles = store.styles()
    assert styles["shorelines"] == default_styles()["shorelines"]
    assert styles["tree_plantings"] == default_styles()["tree_plantings"]
    assert styles["quarries"].opacity == 0.5  # the good one is still used
    assert "roads" not in styles
    messages = [p.message for p in store.style_problems]
    assert len(messages) == 3 and any("names another layer" in m for m in messages)
    assert "style of shorelines ignored" in caplog.text


def test_style_edits_are_not_journaled(store):
    store.save_style(replace(store.styles()["quarries"], visible=False))
    assert store.changes() == []
    assert store.conn.execute("SELECT count(*) FROM baytak_journal").fetchone()[0] == 0


def test_the_table_is_a_registered_attributes_table(store):
    kind = store.conn.execute("SELECT data_type FROM gpkg_contents WHERE table_name = ?", (TABLE,)).fetchone()
    assert kind == ("attributes",)
    assert store.schema_version() >= 3 and 3 in migrations.applied(store.conn)


def test_gdal_still_opens_every_layer_and_reads_the_styles(store, store_path):
    store.insert("brick_factories", {"name": "Besagash", "status": "closed"}, shapely.Point(76.9, 43.2))
    store.save_style(replace(store.styles()["brick_factories"], opacity=0.7))
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    listed = dict(pyogrio.list_layers(store_path))
    assert set(LAYERS) <= set(listed) and listed[TABLE] is None
    for name in LAYERS:
        pyogrio.read_dataframe(store_path, layer=name)
    assert len(pyogrio.read_dataframe(store_path, layer="brick_factories")) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # GDAL must not complain about the table
        frame = pyogrio.read_dataframe(store_path, layer=TABLE)
    value = frame.loc[frame["layer"] == "brick_factories", "style"].iloc[0]
    assert isinstance(value, dict)  # GDAL knows the column is JSON (gpkg_data_columns mime type)
    saved = LayerStyle.from_json(json.dumps(value))
    assert saved.opacity == 0.7


def test_an_old_store_gets_the_table_when_opened(store, store_path):
    with store.session() as conn:  # make it look like a store from before migration 3
        conn.execute(f"DROP TABLE {TABLE}")
        conn.execute("DELETE FROM gpkg_contents WHERE table_name = ?", (TABLE,))
        conn.execute("DELETE FROM gpkg_data_columns WHERE table_name = ?", (TABLE,))
        conn.execute("DELETE FROM baytak_migrations WHERE version = 3")
    assert store.styles() == default_styles()  # a missing table just means defaults
    store.close()
    with Store.open(store_path) as again:
        assert 3 in migrations.applied(again.conn)
        again.save_style(replace(again.styles()["quarries"], opacity=0.1))
        assert again.styles()["quarries"].opacity == 0.1


def test_a_readonly_store_reads_styles_and_refuses_to_save(store, store_path):
    store.save_style(replace(store.styles()["quarries"], opacity=0.6))
    store.close()
    with Store.open(store_path, readonly=True) as readonly:
        assert readonly.styles()["quarries"].opacity == 0.6
        with pytest.raises(ReadOnlyStore):
            readonly.save_style(replace(readonly.styles()["quarries"], opacity=0.2))


def test_distinct_values_most_frequent_first(store):
    for name, operator in [("A", "Құм ЖШС"), ("B", "Құм ЖШС"), ("C", "Gravel LLP"), ("D", None)]:
        store.insert(
            "quarries", {"name": name, "status": "illegal", "operator": operator}, shapely.box(77.0, 43.6, 77.01, 43.61)
        )
    assert distinct_values(store.conn, "quarries", "operator") == ["Құм ЖШС", "Gravel LLP"]
    assert distinct_values(store.conn, "quarries", "status") == ["illegal"]
    with pytest.raises(StyleError, match="need a text field"):
        distinct_values(store.conn, "quarries", "area_ha")
