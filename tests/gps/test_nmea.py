"""Real receivers' NMEA logs become one fix per epoch with what the log says (read independently)."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

import pytest

from baytak_desktop.gps import AccuracyBasis, FixQuality
from baytak_desktop.gps.fix import UERE_M
from baytak_desktop.gps.nmea import EpochAssembler, fixes_from_lines, parse_sentence

from .conftest import LOGS, assert_matches, expected, seconds_of

LOG_NAMES = ("quectel-L70", "polarx2", "nmea-rtk", "neo-m8n")


def read(name: str):
    return list(fixes_from_lines((LOGS / f"{name}.log").read_text(encoding="utf-8", errors="replace").splitlines()))


@pytest.mark.parametrize("name", LOG_NAMES)
def test_every_epoch_of_a_real_log_is_one_fix_with_the_logged_values(name):
    fixes = [f for f in read(name) if f is not None]
    epochs = expected(name)
    assert len(fixes) == len(epochs) > 4
    for fix, epoch in zip(fixes, epochs, strict=True):
        assert_matches(fix, epoch)
        if fix.time is not None:
            assert seconds_of(fix) == pytest.approx(epoch.seconds)
            assert fix.time.tzinfo is not None and fix.time.utcoffset().total_seconds() == 0
        if epoch.date is not None:
            assert fix.time is not None and fix.time.date() == epoch.date


def test_gst_gives_the_horizontal_error_of_its_own_epoch():
    fixes = read("quectel-L70")
    first = fixes[0]
    # $GPGST,150119.000,004.0,008.7,004.7,132.3,006.8,007.2,00014*71
    assert (first.lat_error_m, first.lon_error_m) == (6.8, 7.2)
    assert first.horizontal_error_m == pytest.approx(math.hypot(6.8, 7.2))
    assert first.accuracy_basis is AccuracyBasis.GST
    assert first.quality is FixQuality.DGPS and first.satellites_used == 8 and first.hdop == 0.94
    assert first.time == datetime(2022, 3, 9, 15, 1, 19, tzinfo=UTC)
    assert all(f.accuracy_basis is AccuracyBasis.GST for f in fixes)


def test_gst_sent_before_the_position_belongs_to_the_same_epoch():
    fixes = read("polarx2")
    # $GPGST,112257.00,0.387,317.719,3.872,1.791,317.563,10.659,180.746 precedes its GGA
    assert (fixes[0].lat_error_m, fixes[0].lon_error_m) == (317.563, 10.659)
    assert (fixes[1].lat_error_m, fixes[1].lon_error_m) == (320.339, 10.685)
    assert fixes[0].dimension == 2 and fixes[0].altitude_m is None and fixes[0].satellites_used == 3


def test_without_gst_the_error_is_hdop_times_the_assumed_range_error():
    fixes = [f for f in read("neo-m8n") if f is not None and f.hdop is not None]
    assert fixes and all(f.accuracy_basis is AccuracyBasis.HDOP for f in fixes)
    assert fixes[0].horizontal_error_m == pytest.approx(0.91 * UERE_M)


def test_rtk_and_speed_come_through():
    fixes = read("nmea-rtk")
    assert {f.quality for f in fixes} == {FixQuality.DGPS, FixQuality.RTK_FIXED}
    # $GNRMC,132819.60,A,...,0.148,124.888,180320 : knots over ground, true course
    assert fixes[0].speed_mps == pytest.approx(0.148 * 1852 / 3600)
    assert fixes[0].course_deg == pytest.approx(124.888)
    assert fixes[0].time == datetime(2020, 3, 18, 13, 28, 19, 600000, tzinfo=UTC)


def test_the_end_of_an_epoch_is_learned_so_a_fix_comes_without_waiting_for_the_next():
    lines = (LOGS / "quectel-L70.log").read_text().splitlines()
    assembler = EpochAssembler(now=None)
    delivered_at: list[int] = []
    for number, line in enumerate(lines):
        sentence = parse_sentence(line)
        if sentence is not None and assembler.feed(sentence):
            delivered_at.append(number)
    gst_lines = [n for n, line in enumerate(lines) if line.startswith("$GPGST")]
    # the first epoch ends when the second begins; from then on each ends on its own GST line
    assert delivered_at[1:] == gst_lines[1:]


def test_noise_bad_checksums_and_torn_lines_are_skipped():
    good = (LOGS / "quectel-L70.log").read_text().splitlines()
    noisy = []
    for line in good:
        noisy += ["\x00\xff garbage", line[: len(line) // 2], line]
    noisy.insert(5, good[14].replace("5104.0859", "5104.0869"))  # checksum no longer matches
    assert [f.lat for f in fixes_from_lines(noisy) if f] == [f.lat for f in fixes_from_lines(good) if f]
    assert parse_sentence("$GPGGA,1501") is None and parse_sentence("hello") is None


def test_an_epoch_without_a_fix_is_none():
    lines = [
        "$GPGGA,001901.00,,,,,0,00,99.99,,,,,,*6F",
        "$GPRMC,001902.00,V,,,,,,,020211,,,N*77",
        "$GPGGA,001902.00,,,,,0,00,99.99,,,,,,*6C",
    ]  # from gpsd's test/daemon/ublox-lea-5q.log, before the receiver had a fix
    assert list(fixes_from_lines(lines)) == [None, None]


def test_a_live_receiver_without_a_date_gets_todays_and_midnight_is_crossed():
    now = datetime(2026, 5, 14, 0, 0, 30, tzinfo=UTC)
    assembler = EpochAssembler(now=lambda: now)
    gga = "$GPGGA,235959.00,4404.14063,N,12118.85478,W,1,12,0.91,1147.2,M,-21.3,M,,*"
    sentence = parse_sentence(gga + _checksum(gga))
    assembler.feed(sentence)
    (fix,) = assembler.flush()
    assert fix is not None and fix.time == datetime(2026, 5, 13, 23, 59, 59, tzinfo=UTC)  # yesterday, not today


def test_a_replayed_log_without_a_date_gets_no_time_rather_than_a_wrong_one():
    gga = "$GPGGA,120000.00,4404.14063,N,12118.85478,W,1,12,0.91,1147.2,M,-21.3,M,,*"
    (fix,) = list(fixes_from_lines([gga + _checksum(gga)]))
    assert fix is not None and fix.time is None


def test_the_date_rolls_over_after_midnight():
    rmc = "$GPRMC,235959.00,A,4404.14063,N,12118.85478,W,0.1,,311225,,,A*"
    gga = "$GPGGA,000000.00,4404.14063,N,12118.85478,W,1,12,0.91,1147.2,M,-21.3,M,,*"
    fixes = list(fixes_from_lines([rmc + _checksum(rmc), gga + _checksum(gga)]))
    assert [f.time.date() for f in fixes] == [date(2025, 12, 31), date(2026, 1, 1)]


def _checksum(body: str) -> str:
    value = 0
    for char in body[1 : body.index("*")]:
        value ^= ord(char)
    return f"{value:02X}"
