"""The overlay in another language (a language switch) draws the names only: the country borders, which
are the same in every language, are the kept picture's, and the overlay is pixel for pixel the one a
render of that language from nothing gives."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from baytak_desktop.mapdata.projection import View, fit_view
from baytak_desktop.resources import basemap_path
from baytak_desktop.ui.paint import basemap as base_paint
from baytak_desktop.ui.paint.basemap import OverlayJob, forget_overlays, render_overlay

KAZAKHSTAN = (46.0, 40.0, 88.0, 56.0)


def rgba(image: QImage | None) -> np.ndarray:
    assert image is not None
    image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4).copy()


def counted_lines(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each call of the painter's ``draw_lines`` (the borders' lines) is counted."""
    calls: list[int] = []
    original = base_paint.paint.draw_lines

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(base_paint.paint, "draw_lines", counting)
    return calls


def test_the_overlay_in_another_language_draws_no_border_and_is_that_language_s(qapp, monkeypatch) -> None:
    forget_overlays()
    view = fit_view(KAZAKHSTAN, 900, 600)
    english = render_overlay(OverlayJob(basemap_path(), language="en"), view)
    calls = counted_lines(monkeypatch)
    russian = render_overlay(OverlayJob(basemap_path(), language="ru"), view)
    assert calls == []  # the borders were not drawn again
    assert russian.labels != english.labels and any("Казахстан".upper() in name for name in russian.labels)
    forget_overlays()
    cold = render_overlay(OverlayJob(basemap_path(), language="ru"), view)
    assert calls != []  # from nothing: the borders drawn
    assert cold.labels == russian.labels
    assert np.array_equal(rgba(cold.image), rgba(russian.image))
    forget_overlays()


def test_a_pan_moves_the_borders_kept_and_draws_them_in_its_strips(qapp) -> None:
    """A pan's overlay, then another language there: the borders as a render of that view draws them."""
    forget_overlays()
    view = fit_view(KAZAKHSTAN, 900, 600)
    render_overlay(OverlayJob(basemap_path(), language="en"), view)
    panned = View(view.x0 + 120 * view.res, view.y0 - 70 * view.res, view.res, view.width, view.height)
    render_overlay(OverlayJob(basemap_path(), language="en"), panned)
    switched = render_overlay(OverlayJob(basemap_path(), language="kk"), panned)
    forget_overlays()
    cold = render_overlay(OverlayJob(basemap_path(), language="kk"), panned)
    difference = np.abs(rgba(switched.image).astype(int) - rgba(cold.image).astype(int)).max(axis=-1)
    assert (difference > 24).mean() < 0.001  # antialiasing's rounding at the strips' seams at most
    forget_overlays()


def test_the_names_are_made_once_per_language(qapp, monkeypatch) -> None:
    """The basemap's names in a language are looked up at its first overlay; the next (a zoom, a pan, a
    switch back) looks none up again, and names the same places."""
    from baytak_desktop.mapdata import basemap as natural_earth

    forget_overlays()
    view = fit_view(KAZAKHSTAN, 900, 600)
    first = render_overlay(OverlayJob(basemap_path(), language="kk"), view)
    looked_up: list[str] = []
    original = natural_earth.local_name
    monkeypatch.setattr(natural_earth, "local_name", lambda *a: looked_up.append(a[0]) or original(*a))
    forget_overlays()
    again = render_overlay(OverlayJob(basemap_path(), language="kk"), view)
    assert looked_up == []
    assert again.labels == first.labels and "АЛМАТЫ" not in again.labels and "Алматы" in again.labels
    forget_overlays()
