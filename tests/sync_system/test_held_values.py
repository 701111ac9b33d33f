"""A value the server would refuse never blocks a device: it is held on the device with a message, the
other edits of the same sync go, the device keeps pulling, and once the value is fixed it is sent.

The values are written the way other programs write them (plain SQLite, as QGIS or a script would):
a NUL, a lone byte that is not UTF-8, a date spelled another way, a date stored as a number."""

from __future__ import annotations

import json
import subprocess

from tests.conftest import open_plain_sqlite

from .harness import PYTHON, assert_same_as_server

LAYER = "brick_factories"


def raw_sql(path, sql: str, *params) -> None:
    conn = open_plain_sqlite(path)
    try:
        conn.execute(sql, params)
    finally:
        conn.close()


def cli_rejections(path) -> dict[str, dict]:
    done = subprocess.run(
        [PYTHON, "-m", "baytak_desktop.cli", "conflicts", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return {r["uuid"]: r for r in json.loads(done.stdout)["rejections"]}


def test_values_the_server_would_refuse_are_held_and_the_device_keeps_syncing(server, reader, device):
    a, b = device("aigerim"), device("bolat")
    nul, not_utf8, zoned, number, good = (a.insert(name=f"Зауыт {i}") for i in range(5))
    a.sync()
    raw_sql(a.path, f"UPDATE {LAYER} SET notes = ? WHERE uuid = ?", "бір\x00екі", nul)
    raw_sql(a.path, f"UPDATE {LAYER} SET operator = CAST(x'4b617a78ff' AS TEXT) WHERE uuid = ?", not_utf8)
    raw_sql(a.path, f"UPDATE {LAYER} SET observed_on = '2024-05-01T23:30:00+05:00' WHERE uuid = ?", zoned)
    raw_sql(a.path, f"UPDATE {LAYER} SET observed_on = 20240101 WHERE uuid = ?", number)
    a.update(good, operator="ТОО «Дұрыс»")
    from_b = b.insert(name="Болаттың зауыты")
    b.sync()

    first = a.sync()

    assert (first.held, first.rejected, first.applied) == (4, 0, 1)
    conn = open_plain_sqlite(a.path)
    assert conn.execute(f"SELECT count(*) FROM {LAYER} WHERE uuid = ?", (from_b,)).fetchone() == (1,)  # still pulls
    conn.close()
    made = {nul, not_utf8, zoned, number, good}  # the account's refusals in other tests are pulled too
    held = {uuid: record for uuid, record in cli_rejections(a.path).items() if uuid in made}
    assert set(held) == {nul, not_utf8, zoned, number}
    assert "U+0000" in held[nul]["message"] and "U+DCFF" in held[not_utf8]["message"]
    assert "YYYY-MM-DD" in held[zoned]["message"] and "YYYY-MM-DD" in held[number]["message"]
    server_state = reader.live()
    assert server_state[(LAYER, good)]["operator"] == "ТОО «Дұрыс»"
    assert server_state[(LAYER, nul)]["notes"] is None and server_state[(LAYER, zoned)]["observed_on"] is None
    audited = len(reader.audit())
    assert a.sync().held == 0 and len(reader.audit()) == audited  # held, not sent again by itself

    a.update(nul, notes="бір екі")
    raw_sql(a.path, f"UPDATE {LAYER} SET operator = 'Kaz' WHERE uuid = ?", not_utf8)  # the store cannot read it
    a.update(zoned, observed_on="2024-05-01")
    a.update(number, observed_on="2024-01-01")
    second = a.sync()
    b.sync()

    assert (second.held, second.rejected) == (0, 0)
    assert reader.live()[(LAYER, number)]["observed_on"] == "2024-01-01"
    assert_same_as_server(reader, a, b)


def test_attachment_names_that_are_not_text_are_cleaned_not_refused(server, reader, device, tmp_path):
    a, b = device("aigerim"), device("bolat")
    uuid = a.insert(name="Суреті бар")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg " * 50)
    from baytak_desktop.store import Store

    with Store.open(a.path) as store:
        attached = store.attach(LAYER, uuid, photo)
    raw_sql(
        a.path,
        "UPDATE baytak_attachments SET original_name = CAST(x'494d470001ff2e6a7067' AS TEXT) WHERE sha256 = ?",
        attached.sha256,
    )
    result = a.sync()
    b.sync()
    assert (result.held, result.rejected) == (0, 0)
    (ref,) = reader.live_states()[(LAYER, uuid)]["attachments"]
    assert ref["sha256"] == attached.sha256 and ref["original_name"] == "IMG\ufffd\ufffd\ufffd.jpg"
    assert_same_as_server(reader, a, b)
