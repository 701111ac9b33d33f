"""gpsd's reports to fixes, for orders gpsd really sends (seen from gpsd 3.22 fed the quectel-L70 log).

At start-up gpsd reports TPVs and a GST without a time (it has no date yet), several TPVs per epoch,
and then each epoch's GST after its TPV. A fix must carry the GST of its own epoch, never a neighbour's.
"""

from __future__ import annotations

from datetime import UTC, datetime

from baytak_desktop.gps import AccuracyBasis
from baytak_desktop.gps.gpsd import GpsdReports


def tpv(second: int | None, mode: int = 3, lat: float = 51.068098333) -> dict:
    report = {"class": "TPV", "mode": mode, "status": 2, "lat": lat, "lon": -114.095646667, "eph": 4.465}
    if second is not None:
        report["time"] = datetime(2022, 3, 9, 15, 1, second, tzinfo=UTC)
    return report


def gst(second: int | None, lat: float, lon: float) -> dict:
    report = {"class": "GST", "lat": lat, "lon": lon, "rms": 4.0}
    if second is not None:
        report["time"] = datetime(2022, 3, 9, 15, 1, second, tzinfo=UTC)
    return report


def feed(reports) -> list:
    assembler = GpsdReports()
    out = []
    for report in reports:
        out += assembler.feed(report)
    return out + assembler.flush()


def test_an_untimed_gst_at_start_up_is_not_given_to_the_next_epoch():
    fixes = feed([tpv(None), tpv(None), gst(None, 6.5, 7.0), tpv(26), gst(26, 6.4, 7.0), tpv(27), gst(27, 6.3, 6.9)])
    assert [f.time.second if f.time else None for f in fixes] == [None, 26, 27]
    # neither of the first two can know its GST yet: both go out with gpsd's own estimate, and the
    # untimed GST (of the untimed epoch) is not handed to epoch 26
    assert [f.accuracy_basis for f in fixes[:2]] == [AccuracyBasis.GPSD, AccuracyBasis.GPSD]
    assert fixes[1].horizontal_error_m == 4.465
    assert (fixes[2].lat_error_m, fixes[2].lon_error_m) == (6.3, 6.9)


def test_repeated_tpvs_of_one_epoch_are_one_fix_and_a_late_gst_is_waited_for():
    fixes = feed([tpv(19, mode=2), tpv(19), tpv(19), gst(19, 6.8, 7.2), tpv(20), gst(20, 6.7, 7.1), tpv(21)])
    assert [f.time.second for f in fixes] == [19, 20, 21]
    assert fixes[0].dimension == 2 and fixes[0].accuracy_basis is AccuracyBasis.GPSD
    assert (fixes[1].lat_error_m, fixes[1].lon_error_m) == (6.7, 7.1)
    assert fixes[2].accuracy_basis is AccuracyBasis.GPSD  # its GST never came: gpsd's estimate, not 20's


def test_a_gst_sent_before_its_tpv_is_used_at_once():
    fixes = feed([gst(57, 317.563, 10.659), tpv(57, mode=2), gst(58, 320.339, 10.685), tpv(58, mode=2)])
    assert [(f.time.second, f.lat_error_m) for f in fixes] == [(57, 317.563), (58, 320.339)]


def test_no_fix_is_none_and_sky_gives_satellites_and_dops():
    sky = {"class": "SKY", "hdop": 0.94, "pdop": 1.49, "vdop": 1.15, "uSat": 8, "nSat": 13}
    fixes = feed([tpv(19, mode=1), sky, tpv(20)])
    assert fixes[0] is None
    assert (fixes[1].satellites_used, fixes[1].hdop, fixes[1].pdop) == (8, 0.94, 1.49)
