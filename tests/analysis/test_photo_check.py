"""Photos as evidence: real camera photos (tests/data/photos) checked against a Karaganda quarry."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely

from baytak_desktop.analysis.photo_check import check_photo, distance_to_site_m, observation_date
from baytak_desktop.store.attachments import read_photo_metadata

PHOTOS = Path(__file__).resolve().parent.parent / "data" / "photos"
QUARRY = shapely.MultiPolygon([shapely.box(73.10, 49.78, 73.14, 49.81)])  # near Karaganda
OBSERVED = "2026-12-01"


def metadata(name: str):
    return read_photo_metadata((PHOTOS / name).read_bytes())


def test_a_photo_taken_in_china_in_2024_is_flagged_with_distance_and_days():
    exif = metadata("ultrahdr.jpg")
    assert exif.taken_at.startswith("2024-05-07") and exif.lat == pytest.approx(30.62765)
    check = check_photo(exif.taken_at, exif.lat, exif.lon, QUARRY, OBSERVED)
    assert check.far and check.off_date and check.flagged
    assert 4_000_000 < check.distance_m < 5_500_000  # Zhejiang to Karaganda: about 4,700 km
    assert check.days_apart == -938 and check.observed_on == OBSERVED


def test_a_photo_from_2003_without_position_is_flagged_for_its_date_only():
    exif = metadata("flower.jpg")
    check = check_photo(exif.taken_at, exif.lat, exif.lon, QUARRY, OBSERVED)
    assert check.distance_m is None and not check.far
    assert check.off_date and check.days_apart < -8000


def test_a_photo_at_the_site_on_the_day_is_not_flagged_and_limits_come_from_the_settings():
    inside = check_photo("2026-11-30T10:00:00", 49.79, 73.12, QUARRY, OBSERVED)
    assert inside.distance_m == 0 and inside.days_apart == -1 and not inside.flagged
    beside = check_photo("2026-12-01T10:00:00", 49.80, 73.16, QUARRY, OBSERVED)  # 0.02° east: ~1.4 km
    assert 1_300 < beside.distance_m < 1_600 and beside.far
    assert not check_photo("2026-12-01T10:00:00", 49.80, 73.16, QUARRY, OBSERVED, max_distance_km=2).far
    assert not check_photo("2026-10-01T10:00:00", None, None, QUARRY, OBSERVED, max_days=90).flagged


def test_the_observation_date_comes_from_the_layers_own_date_field():
    assert observation_date({"observed_on": "2026-12-01", "planted_on": "2020-01-01"}) == "2026-12-01"
    assert observation_date({"last_sampled_on": "2026-07-02"}) == "2026-07-02"
    assert observation_date({"name": "x", "observed_on": None}) is None
    assert distance_to_site_m(73.12, 49.79, None) is None
