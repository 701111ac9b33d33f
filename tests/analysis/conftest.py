"""A demo store built once per module (the seed places and the Natural Earth shorelines)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from baytak_desktop.demo import build_demo
from baytak_desktop.store import Store


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.gpkg"
    with Store.create(path) as store:
        build_demo(store)
    return path


@pytest.fixture
def demo(demo_path: Path) -> Iterator[Store]:
    with Store.open(demo_path, readonly=True) as store:
        yield store
