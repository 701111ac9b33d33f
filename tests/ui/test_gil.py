"""The app's process hands the GIL to a waiting thread after a millisecond (ui.gil): the UI thread's
callbacks wait that long, not CPython's 5 ms, while the render worker runs Python."""

from __future__ import annotations

import sys

import pytest

from baytak_desktop.ui.app import make_app
from baytak_desktop.ui.gil import SWITCH_INTERVAL_S, hand_over_often


@pytest.fixture
def cpython_interval():
    previous = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    yield
    sys.setswitchinterval(previous)


def test_the_app_is_made_with_the_short_switch_interval(qapp, cpython_interval):
    make_app()
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S)
    assert SWITCH_INTERVAL_S < 0.005


def test_handing_over_often_gives_back_the_interval_it_replaced(cpython_interval):
    assert hand_over_often(0.002) == pytest.approx(0.005)
    assert hand_over_often() == pytest.approx(0.002)
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S)
