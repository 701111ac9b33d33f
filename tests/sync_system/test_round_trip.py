"""NULL, "", Kazakh and Cyrillic text and dates with time zones go from one store through the server
(both backends) to another store and back, unchanged: same value, same SQLite type.

The app's own forms turn "" into NULL, so the empty strings and the dates written with a time zone
come in the way other tools write them: GDAL (pyogrio) appending rows, and plain sqlite3 updates.
"""

from __future__ import annotations

import geopandas as gpd
import pyogrio
import shapely

from tests.conftest import open_plain_sqlite

from .harness import assert_same_as_server

LAYER = "brick_factories"
COLUMNS = ("name", "status", "branch", "operator", "closed_on", "emissions_note", "observed_on", "notes")
KAZAKH = "ӘҒҚҢӨҰҮҺІ әғқңөұүһі — Өскемен «Қазақмыс»"
RUSSIAN = "Ёлкино, ЁЖИК ёж, Щучинск ъ"


def raw_rows(path, uuids) -> dict[str, tuple]:
    """Each feature's columns as (value, SQLite type), read with plain sqlite3."""
    conn = open_plain_sqlite(path)
    try:
        typed = ", ".join(f'"{c}", typeof("{c}")' for c in COLUMNS)
        return {
            row[0]: tuple(zip(row[1::2], row[2::2], strict=True))
            for row in conn.execute(
                f"SELECT uuid, {typed} FROM {LAYER} WHERE uuid IN ({', '.join('?' * len(uuids))})", list(uuids)
            )
        }
    finally:
        conn.close()


def gdal_append(path, rows: list[dict]) -> None:
    frame = gpd.GeoDataFrame(
        {c: [r.get(c) for r in rows] for c in ("name", "status", "branch", "operator", "notes")},
        geometry=[shapely.Point(76.9 + i / 100, 43.2) for i in range(len(rows))],
        crs="EPSG:4326",
    )
    pyogrio.write_dataframe(frame, path, layer=LAYER, append=True)


def raw_update(path, uuid: str, **values) -> None:
    conn = open_plain_sqlite(path)
    try:
        sets = ", ".join(f'"{name}" = ?' for name in values)
        assert conn.execute(f"UPDATE {LAYER} SET {sets} WHERE uuid = ?", (*values.values(), uuid)).rowcount == 1
    finally:
        conn.close()


def uuids_named(path, *names: str) -> list[str]:
    conn = open_plain_sqlite(path)
    try:
        return [conn.execute(f"SELECT uuid FROM {LAYER} WHERE name = ?", (n,)).fetchone()[0] for n in names]
    finally:
        conn.close()


def test_text_nulls_and_dates_survive_both_ways(server, reader, device):
    # A date spelled otherwise than YYYY-MM-DD is held on the device (tests/sync_system/test_held_values.py).
    a, b = device("aigerim"), device("bolat")
    by_app = a.insert(name=KAZAKH, operator=RUSSIAN, observed_on="2024-02-29")
    gdal_append(
        a.path,
        [
            {"name": "GDAL бос жол", "status": "operating", "branch": "almaty", "operator": "", "notes": ""},
            {"name": "GDAL Ё", "status": "closed", "branch": "almaty", "operator": None, "notes": RUSSIAN},
        ],
    )
    by_gdal = uuids_named(a.path, "GDAL бос жол", "GDAL Ё")
    raw_update(
        a.path,
        by_app,
        notes="",
        emissions_note=None,
        closed_on="2023-12-31",
        observed_on="2024-05-01",
    )
    raw_update(a.path, by_gdal[1], observed_on="2024-03-01", closed_on="2020-01-01")
    ours = [by_app, *by_gdal]
    expected = raw_rows(a.path, ours)
    assert expected[by_app][COLUMNS.index("notes")] == ("", "text")
    assert expected[by_gdal[0]][COLUMNS.index("operator")] == ("", "text")

    a.sync()
    b.sync()

    assert raw_rows(b.path, ours) == expected
    server = assert_same_as_server(reader, a, b)
    assert server[(LAYER, by_app)]["observed_on"] == "2024-05-01"
    assert server[(LAYER, by_app)]["notes"] == "" and server[(LAYER, by_app)]["emissions_note"] is None
    assert server[(LAYER, by_gdal[0])]["name"] == "GDAL бос жол"

    # back again: "" becomes NULL and NULL becomes "", on the other device
    raw_update(b.path, by_app, notes=None, emissions_note="", name=RUSSIAN)
    raw_update(b.path, by_gdal[0], operator=None, notes=KAZAKH, observed_on="2021-06-30")
    b.update(by_gdal[1], operator="Ақ Жол ЖШС", notes="Ү")
    expected = raw_rows(b.path, ours)
    b.sync()
    a.sync()

    assert raw_rows(a.path, ours) == expected
    assert expected[by_app][COLUMNS.index("emissions_note")] == ("", "text")
    assert expected[by_app][COLUMNS.index("notes")] == (None, "null")
    assert_same_as_server(reader, a, b)
    assert reader.conflicts("all") == [] or all(c["uuid"] not in ours for c in reader.conflicts("all"))
