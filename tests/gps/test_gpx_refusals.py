"""A GPX track that cannot be read is refused in our own words, in the language spoken, with Python's
text only as a detail after them: a recording cut short, a file that is missing, a point whose
latitude was written with a decimal comma. The files are real: a track recorded from the Trimble RTK
log, then torn or edited as it happens in the field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_cli_language import baytak, translation

from baytak_desktop import i18n
from baytak_desktop.errors import TrackError
from baytak_desktop.gps.gpx import GpxTrackWriter, read_track
from baytak_desktop.gps.nmea import fixes_from_lines
from baytak_desktop.store import Store

from .conftest import LOGS

DAMAGED = (
    "{path} is not a whole GPX file: it is damaged or cut short (a recording that stopped, a copy that did "
    "not finish?), or it is not GPX at all ({library}: {detail})"
)
MISSING = (
    "{file} was not found: check that it is still where it was, and that the disk or network folder it "
    "is on is connected ({library}: {detail})"
)
POINT = (
    "{path}: track point {number} cannot be read: its lat and lon must be numbers in degrees and its time an "
    "ISO 8601 time ({library}: {detail})"
)


@pytest.fixture
def track(tmp_path: Path) -> Path:
    """A whole track of 30 points, recorded as the recorder writes it."""
    path = tmp_path / "walk.gpx"
    fixes = [f for f in fixes_from_lines((LOGS / "nmea-rtk.log").read_text().splitlines()) if f is not None]
    with GpxTrackWriter(path, name="walk") as writer:
        for fix in fixes[:30]:
            writer.add(fix)
    return path


def torn(track: Path) -> Path:
    data = track.read_bytes()
    track.write_bytes(data[: len(data) // 2])  # a copy that stopped half way
    return track


def test_a_torn_track_is_refused_in_our_words(track: Path) -> None:
    with pytest.raises(TrackError) as refused:
        read_track(torn(track))
    assert refused.value.template == DAMAGED
    assert refused.value.params["library"] == "XML" and "line" in refused.value.params["detail"]
    with i18n.speaking("ru"):
        said = i18n.error_text(refused.value)
    assert said == translation("ru", DAMAGED).format(**refused.value.params)
    assert said.index(refused.value.params["detail"]) > said.index(str(track))  # Python's text after ours


def test_a_missing_track_is_said_missing(tmp_path: Path) -> None:
    with pytest.raises(TrackError) as refused:
        read_track(tmp_path / "gone.gpx")
    assert refused.value.template == MISSING
    assert refused.value.params["detail"] == "No such file or directory"


def test_a_point_with_a_decimal_comma_is_named(track: Path) -> None:
    text = track.read_text(encoding="utf-8")
    nth = [m.start() for m in re.finditer('lat="', text)][6]  # the 7th point
    end = text.index('"', nth + 5)
    track.write_text(text[: nth + 5] + text[nth + 5 : end].replace(".", ",") + text[end:], encoding="utf-8")
    with pytest.raises(TrackError) as refused:
        read_track(track)
    assert refused.value.template == POINT and refused.value.params["number"] == 7


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_save_track_refuses_a_torn_track_in_the_language_asked(track: Path, tmp_path: Path, lang: str) -> None:
    store = tmp_path / "store.gpkg"
    Store.create(store).close()
    done = baytak("--lang", lang, "gps", "save-track", store, torn(track), "--layer", "quarries", "--set", "name=x")
    assert done.returncode == 1
    before_detail = translation(lang, DAMAGED).split("{path}")[1].split("(")[0].strip()
    assert before_detail in done.stderr
    assert "cut short" not in done.stderr and "cannot be read as GPX" not in done.stderr
