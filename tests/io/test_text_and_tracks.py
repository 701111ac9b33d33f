"""Two files the import used to say or take wrong: a ``.txt`` that is a letter, not a table (its whole
first line was listed as its "columns"), and a KML of GPS tracks read by a GDAL without LIBKML (its plain
KML driver skips ``gx:Track`` and ``gx:MultiTrack`` without a word: the points came in, the tracks not).
Real stores, real files, the real command in a child process (GDAL_SKIP takes LIBKML away there)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyogrio
import pytest

from baytak_desktop.store import Store
from tests.layer_helpers import publish_into
from tests.test_cli_language import baytak, environment, translation

LETTER = (
    "Dear colleagues, please find the attached list of quarries for the Almaty region, as agreed in our meeting"
    " last week\nWith regards, Aigerim\n"
)
TRIPS: dict[str, Any] = {
    "name": "trips",
    "geometry": "MULTILINESTRING",
    "title": {"en": "Field trips", "kk": "Далалық сапарлар", "ru": "Полевые выезды"},
    "fields": [
        {"name": "name", "type": "text", "title": {"en": "Name", "kk": "Атауы", "ru": "Название"}},
        {"name": "started_at", "type": "datetime", "title": {"en": "Started", "kk": "Басталды", "ru": "Начало"}},
    ],
}
TRACKS = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
<Document><Folder><name>trips</name>
<Placemark><name>camp</name><Point><coordinates>76.9,43.2</coordinates></Point></Placemark>
<Placemark><name>morning</name><gx:Track>
<when>2024-06-05T08:00:00Z</when><when>2024-06-05T08:01:00Z</when><when>2024-06-05T08:02:00Z</when>
<gx:coord>76.90 43.20 800</gx:coord><gx:coord>76.91 43.21 805</gx:coord><gx:coord>76.92 43.22 810</gx:coord>
</gx:Track></Placemark>
<Placemark><name>two legs</name><gx:MultiTrack>
<gx:Track><when>2024-06-05T09:00:00Z</when><when>2024-06-05T09:01:00Z</when>
<gx:coord>77.00 43.30 800</gx:coord><gx:coord>77.01 43.31 805</gx:coord></gx:Track>
<gx:Track><when>2024-06-05T10:00:00Z</when><when>2024-06-05T10:01:00Z</when>
<gx:coord>77.10 43.40 800</gx:coord><gx:coord>77.11 43.41 805</gx:coord></gx:Track>
</gx:MultiTrack></Placemark>
</Folder></Document></kml>
"""


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store.gpkg"
    with Store.create(path) as created:
        publish_into(created, TRIPS)
    return path


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_letter_saved_as_txt_is_said_to_be_no_table(store, tmp_path, lang):
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    done = baytak("--lang", lang, "import", store, letter, "--layer", "quarries")
    assert done.returncode == 1
    template = (
        "{file} is not a table: its first line is text, not column names (it begins {start!r}). Save the"
        " table as CSV with a header row of names, or choose the file of the table."
    )
    start = "Dear colleagues, please find the attache…"  # the first 40 characters, no more
    assert translation(lang, template).format(file="letter.txt", start=start) in done.stderr, done.stderr
    assert "meeting" not in done.stderr and "Almaty region" not in done.stderr


def test_a_table_of_one_short_column_keeps_the_message_on_columns(store, tmp_path):
    names = tmp_path / "names.csv"
    names.write_text("name\nKaskelen quarry\n", encoding="utf-8")
    done = baytak("import", store, names, "--layer", "quarries")
    assert (
        done.returncode == 1
        and "has no latitude and longitude columns" in done.stderr
        and "Columns: name" in done.stderr
    )


def _imported(store: Path) -> dict[str, tuple[Any, Any]]:
    """Each imported feature's geometry and start, by name, as GDAL reads the store."""
    frame = pyogrio.read_dataframe(store, layer="trips")
    return {row["name"]: (row.geometry, row["started_at"]) for _, row in frame.iterrows()}


@pytest.mark.parametrize("libkml", [True, False], ids=["libkml", "plain-kml-driver"])
def test_every_track_and_multitrack_is_imported_as_a_line(store, tmp_path, libkml):
    kml = tmp_path / "tracks.kml"
    kml.write_text(TRACKS, encoding="utf-8")
    env = environment(LANG="C.UTF-8") | ({} if libkml else {"GDAL_SKIP": "LIBKML"})
    args = ["import", store, kml, "--layer", "trips", "--skip-invalid"]
    args += ["--map-field", "begin=started_at"] if libkml else []  # the plain driver has no such column
    done = baytak(*args, env=env)
    assert done.returncode == 0, done.stderr
    assert "Imported 2 of 3 rows" in done.stdout, done.stdout  # the camp's point has no place in a line layer
    rows = _imported(store)
    assert sorted(rows) == ["morning", "two legs"]
    assert len(rows["two legs"][0].geoms) == 2 and len(rows["morning"][0].geoms[0].coords) == 3
    if libkml:  # LIBKML gives each track's first time stamp as "begin": the layer has a place for it
        assert [str(rows[name][1])[:16] for name in ("morning", "two legs")] == ["2024-06-05 08:00", "2024-06-05 09:00"]
    else:  # the plain driver has no column for them: said, not lost in silence
        assert "the time stamps of 2 GPS track(s) were not kept" in done.stdout, done.stdout
