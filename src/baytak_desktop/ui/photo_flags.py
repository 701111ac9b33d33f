"""The flag line under a photo that may not be evidence of its site: too far away, or taken on another date.

Shared by the feature form's photo strip and the feature details (``analysis.photo_check`` decides;
this only words it in the UI language with the distance and the time difference). The limits are the
settings ``evidence/max_distance_km`` and ``evidence/max_days``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings

from baytak_desktop.analysis.photo_check import PhotoCheck, check_photo, observation_date
from baytak_desktop.layers import Feature
from baytak_desktop.store.attachments import Attachment
from baytak_desktop.ui.i18n import format_number
from baytak_desktop.ui.settings import app_settings, read

FLAG_COLOUR = "#b35900"  # dark orange: a warning, not an error (the photo stays attached)


def limits(settings: QSettings | None = None) -> tuple[float, int]:
    """(max distance in km, max days) from the settings; the defaults when a value is not a number."""
    settings = settings if settings is not None else app_settings()
    try:
        return float(read(settings, "evidence/max_distance_km")), int(read(settings, "evidence/max_days"))
    except (TypeError, ValueError):
        from baytak_desktop.analysis.photo_check import MAX_DAYS, MAX_DISTANCE_KM

        return MAX_DISTANCE_KM, MAX_DAYS


def check_attachment(photo: Attachment, feature: Feature | None) -> PhotoCheck:
    max_km, max_days = limits()
    site = feature.geometry if feature is not None else None
    observed = observation_date(feature.attributes) if feature is not None else None
    return check_photo(photo.taken_at, photo.lat, photo.lon, site, observed, max_km, max_days)


def flag_text(check: PhotoCheck) -> str:
    """One line, e.g. "⚠ Taken 4 690 km from the site · 938 days before the observation (2026-12-01)"."""
    parts = []
    if check.far and check.distance_m is not None:
        parts.append(
            QCoreApplication.translate("PhotoFlags", "Taken {distance} from the site").format(
                distance=distance_text(check.distance_m)
            )
        )
    if check.off_date and check.days_apart is not None:
        template = (
            QCoreApplication.translate("PhotoFlags", "{days} days before the observation ({date})")
            if check.days_apart < 0
            else QCoreApplication.translate("PhotoFlags", "{days} days after the observation ({date})")
        )
        parts.append(template.format(days=format_number(abs(check.days_apart)), date=check.observed_on))
    return "⚠ " + " · ".join(parts) if parts else ""


def distance_text(metres: float) -> str:
    if metres >= 1000:
        number = format_number(metres / 1000, 0 if metres >= 10_000 else 1)
        return QCoreApplication.translate("PhotoFlags", "{n} km").format(n=number)
    return QCoreApplication.translate("PhotoFlags", "{n} m").format(n=format_number(metres))
