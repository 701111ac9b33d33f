"""Shared fixtures: a real GeoPackage store in tmp_path, and plain sqlite3 connections to it.

``plain_sqlite`` opens a connection the way a third-party tool would: Python's ``sqlite3`` with only
the standard GeoPackage ST_* functions, written here from the spec (header + envelope, or the WKB when
there is no envelope), deliberately NOT ``baytak_desktop.store.connection.register_functions``: it proves
that the journal triggers need nothing but what GDAL, QGIS or SpatiaLite provide.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shapely

from baytak_desktop.layers.definition import LayerDefinition
from baytak_desktop.store import Store

KZ_POINT = (76.9, 43.2)  # Almaty region, well inside Kazakhstan


def neutral_locale(environ: dict[str, str] | os._Environ[str]) -> None:
    """Make ``environ`` speak no language of the developer's: no LANGUAGE and no LC_*, LANG=C.UTF-8.

    The ``baytak`` command speaks the environment's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as
    gettext reads them), and Qt and PostgreSQL read it too, so on a Kazakh or Russian desktop the tests
    that read English output failed. Done when this conftest is imported, before any test module, so it
    holds for in-process calls and for every subprocess, which inherit it. A test about the system's
    language (tests/ui/window/test_welcome.py) sets LANG and LC_ALL for its own subprocess.
    """
    for name in [name for name in environ if name == "LANGUAGE" or name.startswith("LC_")]:
        del environ[name]
    environ["LANG"] = "C.UTF-8"


neutral_locale(os.environ)


def _spec_envelope(blob: bytes) -> tuple[float, float, float, float] | None:
    """(minx, maxx, miny, maxy) of a GeoPackage geometry blob, straight from OGC 12-128 section 2.1.3."""
    flags = blob[3]
    order = "<" if flags & 1 else ">"
    envelope_type = (flags >> 1) & 0x07
    if flags & 0x10:  # empty geometry flag
        return None
    if envelope_type:
        return struct.unpack_from(order + "4d", blob, 8)
    geom = shapely.from_wkb(bytes(blob[8:]))
    if geom.is_empty:
        return None
    minx, miny, maxx, maxy = geom.bounds
    return (minx, maxx, miny, maxy)


def _spec_functions(conn: sqlite3.Connection) -> None:
    def bound(index: int) -> Callable[[bytes | None], float | None]:
        def function(blob: bytes | None) -> float | None:
            env = None if blob is None else _spec_envelope(blob)
            return None if env is None else env[index]

        return function

    for index, name in enumerate(("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")):
        conn.create_function(name, 1, bound(index))
    conn.create_function("ST_IsEmpty", 1, lambda b: None if b is None else int(_spec_envelope(b) is None))


def open_plain_sqlite(path: Path, *, st_functions: bool = True) -> sqlite3.Connection:
    """A third-party-tool connection (autocommit), with or without the standard ST_* functions."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 5000")
    if st_functions:
        _spec_functions(conn)
    return conn


def spec_blob(geom: shapely.Geometry) -> bytes:
    """A GeoPackage blob built here, independently of our codec: little-endian header, XY envelope."""
    minx, miny, maxx, maxy = geom.bounds
    header = struct.pack("<2sBBi4d", b"GP", 0, 0x03, 4326, minx, maxx, miny, maxy)
    return header + shapely.to_wkb(geom, flavor="iso", byte_order=1)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "s.gpkg"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    s = Store.create(store_path)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture(scope="session")
def plain_sqlite() -> Callable[..., sqlite3.Connection]:
    """``plain_sqlite(path, st_functions=True)``: see ``open_plain_sqlite``."""
    return open_plain_sqlite


@pytest.fixture(scope="session")
def gpkg_blob() -> Callable[[shapely.Geometry], bytes]:
    return spec_blob


@pytest.fixture
def add_factory(store: Store) -> Callable[..., object]:
    """Insert a brick factory inside Kazakhstan: ``add_factory(name='A', status='closed', x=..., y=...)``."""

    def add(
        name: str = "Besagash brick works",
        status: str = "closed",
        x: float = KZ_POINT[0],
        y: float = KZ_POINT[1],
        **attributes: object,
    ):
        return store.insert("brick_factories", {"name": name, "status": status, **attributes}, shapely.Point(x, y))

    return add


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The URL of a PostGIS database on a throwaway PostgreSQL cluster (tests/pg.py) shared by the whole
    session; ``pg.new_database(postgres_url)`` makes a fresh one. Skips, saying why, when PostgreSQL or
    PostGIS is not installed, unless BAYTAK_REQUIRE_POSTGIS=1 (CI), where that is an error."""
    import os

    import pg

    try:
        cluster = pg.PostgresCluster().start()
    except pg.PostgresUnavailable as exc:
        if os.environ.get(pg.REQUIRE_ENV) == "1":
            pytest.fail(f"PostGIS tests are required here ({pg.REQUIRE_ENV}=1) but {exc}")
        pytest.skip(f"PostGIS tests skipped: {exc}")
    try:
        yield cluster.new_database("baytak")
    finally:
        cluster.stop()


@pytest.fixture
def builtin_layers(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """``builtin_layers(definitions)``: the program's built-in layers as a later version defines them,
    for one test (stores and servers opened in this process then use them)."""
    from baytak_desktop.layers import catalog as layer_catalog

    def use(definitions: tuple[LayerDefinition, ...]) -> None:
        made = layer_catalog._catalog_of(tuple(definitions), 0)
        monkeypatch.setattr(layer_catalog, "builtin_catalog", lambda: made)
        layer_catalog.catalog_from_texts.cache_clear()

    yield use
    layer_catalog.catalog_from_texts.cache_clear()
