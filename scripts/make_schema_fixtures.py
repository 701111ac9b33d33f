"""Write the migration fixtures of the current schema versions: a store and a server database.

    .venv/bin/python scripts/make_schema_fixtures.py  # tests/data/stores/schema-<N>.gpkg and
                                                      # tests/data/servers/schema-<M>.sqlite, those missing

Every schema version gets such a pair, made by the version that introduces it and committed unchanged
from then on (tests/store/test_old_stores.py and tests/server/test_old_servers.py open every one of
them with today's code). Run this once after adding a migration, check the new files in, and add a
line for them to the README beside them.

What goes in, so that a migration has something to lose: a real sync with a real server (the server
process on a free local port) and then edits that are not synced yet. Features in four layers with
Kazakh and Russian text; a geotagged photo that was synced and one that was not; a feature updated, one
inserted and one deleted since the last sync; a saved layer style; from schema 5 on, a registered basemap
and orthophoto whose files are not in the fixture. From store schema 8 on (layers as data), the server
has also published a layer ("illegal dumps") and a field on quarries (``depth_m``) before the first
sync, and the device has synced and unsynced edits in them. Then the store's WAL is folded into the
file so the fixture is one self-contained file.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import shapely
from PIL import Image

if TYPE_CHECKING:
    from baytak_desktop.store import Store

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Baytak-2026-жасыл"
USER = "aigerim"
sys.path.insert(0, str(ROOT / "src"))


def photo(lat: float, lon: float, colour: tuple[int, int, int], when: str) -> bytes:
    """A small JPEG with the EXIF camera, time and GPS position a phone writes."""

    def dms(value: float) -> tuple[float, float, float]:
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        return (degrees, minutes, round(((value - degrees) * 60 - minutes) * 60, 4))

    image = Image.new("RGB", (48, 32), colour)
    exif = Image.Exif()
    exif[0x0110] = "FieldCam 1"
    exif.get_ifd(0x8769)[0x9003] = when
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", dms(lat), "E", dms(lon)
    out = BytesIO()
    image.save(out, "JPEG", exif=exif, quality=80)
    return out.getvalue()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(data: Path, port: int) -> subprocess.Popen[bytes]:
    add_user = ["user", "add", USER, "--role", "admin", "--password-stdin", "--data", str(data)]
    subprocess.run(
        [sys.executable, "-m", "baytak_desktop.server", *add_user],
        input=(PASSWORD + "\n").encode(),
        check=True,
        capture_output=True,
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "baytak_desktop.server", "--data", str(data), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("the server did not start")


DUMPS = {
    "name": "illegal_dumps",
    "geometry": "POINT",
    "title": {"en": "Illegal dumps", "kk": "Заңсыз қоқыс үйінділері", "ru": "Незаконные свалки"},
    "fields": [
        {"name": "name", "type": "text", "required": True, "title": {"en": "Name", "kk": "Атауы", "ru": "Название"}},
        {"name": "volume_m3", "type": "real", "minimum": 0, "maximum": 1000000,
         "title": {"en": "Volume, m³", "kk": "Көлемі, м³", "ru": "Объём, м³"}},
        {"name": "status", "type": "text", "required": True, "title": {"en": "Status", "kk": "Мәртебесі", "ru": "Статус"},
         "vocabulary": [{"code": "active", "en": "Active", "kk": "Белсенді", "ru": "Действующая"},
                        {"code": "cleaned", "en": "Cleaned", "kk": "Тазартылды", "ru": "Ликвидирована"}]},
        {"name": "burning", "type": "boolean", "title": {"en": "Burning", "kk": "Жанып жатыр", "ru": "Горит"}},
    ],
}  # fmt: skip
DEPTH = {
    "name": "depth_m",
    "type": "real",
    "minimum": 0,
    "title": {"en": "Depth, m", "kk": "Тереңдігі, м", "ru": "Глубина, м"},
}


def publish_layers(data: Path, work: Path) -> None:
    """What a coordinator published on the server: a new layer, and a field on quarries."""
    server = [sys.executable, "-m", "baytak_desktop.server"]
    shown = subprocess.run(
        [*server, "layers", "show", "quarries", "--data", str(data)], check=True, capture_output=True, text=True
    ).stdout
    quarries = json.loads(shown)
    quarries["fields"].append(DEPTH)
    for definition in (DUMPS, quarries):
        path = work / f"{definition['name']}.json"
        path.write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")
        subprocess.run([*server, "layers", "publish", str(path), "--by", USER, "--data", str(data)], check=True)


def synced_part(store_path: Path, work: Path) -> None:
    """What the device had sent to the server before it went offline."""
    from baytak_desktop.store import Store

    with Store.open(store_path) as store:
        abat = store.insert(
            "quarries",
            {
                "name": "Абат карьері",
                "status": "illegal",
                "legal_status": "unlicensed",
                "operator": "ТОО «Qum Invest»",
                "branch": "almaty_region",
                "notes": "Заңсыз құм өндіру, Іле ауданы. Незаконная добыча песка.",
                "observed_on": "2025-06-14",
            },
            shapely.MultiPolygon([shapely.box(77.02, 43.64, 77.04, 43.66)]),
            user=USER,
        )
        store.insert(
            "brick_factories",
            {
                "name": "Нарынқол кірпіш зауыты",
                "status": "closed",
                "branch": "almaty_region",
                "closed_on": "2019-09-01",
            },
            shapely.Point(80.17, 42.72),
            user=USER,
        )
        store.insert(
            "sewage_outflows",
            {"name": "Сорбұлақ", "receiving_water": "оз. Сорбулак", "discharge": "partly_treated", "status": "active"},
            shapely.Point(76.63, 43.66),
            user=USER,
        )
        picture = work / "abat.jpg"
        picture.write_bytes(photo(43.65, 77.03, (150, 120, 80), "2025:06:14 10:32:05"))
        store.attach("quarries", abat.uuid, picture, caption="Карьердің солтүстік жиегі")
        if "illegal_dumps" in store.catalog:  # a published layer, and a published field
            store.insert(
                "illegal_dumps",
                {"name": "Қапшағай жолындағы үйінді", "status": "active", "volume_m3": 120.5, "burning": 1,
                 "branch": "almaty_region"},
                shapely.Point(77.07, 43.87),
                user=USER,
            )  # fmt: skip
            store.update("quarries", abat.uuid, {"depth_m": 8.0}, user=USER)


def pending_part(store_path: Path, work: Path) -> None:
    """What the device did offline afterwards: nothing of it reached the server."""
    from baytak_desktop.layers.style import default_styles
    from baytak_desktop.store import Store

    with Store.open(store_path) as store:
        (abat,) = store.features("quarries")
        store.update("quarries", abat.uuid, {"status": "abandoned", "notes": "Жұмыс тоқтатылды (2025-08)."}, user=USER)
        factory = store.insert(
            "brick_factories",
            {"name": "Бесагашский кирпичный завод", "status": "closed", "branch": "almaty_region"},
            shapely.Point(77.08, 43.30),
            user=USER,
        )
        picture = work / "besagash.jpg"
        picture.write_bytes(photo(43.30, 77.08, (170, 90, 70), "2025:08:02 16:05:41"))
        store.attach("brick_factories", factory.uuid, picture, caption="Пеш, батыстан қарағанда")
        (sorbulak,) = store.features("sewage_outflows")
        store.delete("sewage_outflows", sorbulak.uuid)
        store.insert(
            "cleanup_plans",
            {"title": "Қапшағай жағасын тазалау", "planned_on": "2025-09-20", "status": "planned", "contact": "+7 701"},
            shapely.MultiPolygon([shapely.box(77.05, 43.86, 77.08, 43.88)]),
            user=USER,
        )
        store.save_style(dataclasses.replace(default_styles()["quarries"], opacity=0.6, label_field="name"))
        reference_part(store)
        if "illegal_dumps" in store.catalog:
            (dump,) = store.features("illegal_dumps")
            store.update("illegal_dumps", dump.uuid, {"status": "cleaned", "burning": 0}, user=USER)
            store.insert(
                "illegal_dumps",
                {"name": "Свалка у Сорбулака", "status": "active", "branch": "almaty_region"},
                shapely.Point(76.64, 43.67),
                user=USER,
            )
            store.update("quarries", abat.uuid, {"depth_m": 11.5}, user=USER)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def reference_part(store: Store) -> None:
    """A basemap and an orthophoto registered (schema 5 on); their files were on the device that made the
    fixture, not in it: the fixture also stands for a store copied without them."""
    from baytak_desktop.basemap.registry import register_basemap, register_image

    folder = store.path.parent
    register_basemap(
        store,
        folder / "kazakhstan-latest.basemap.gpkg",
        {
            "title": "Қазақстан (OSM)",
            "source": "kazakhstan-latest.osm.pbf",
            "source_sha256": "0" * 64,
            "source_size": 310_000_000,
            "bounds": (46.5, 40.5, 87.4, 55.5),
            "counts": {"osm_roads": 412_000},
            "built_at": "2025-08-01T10:00:00Z",
        },
    )
    register_image(
        store,
        folder / "abat_2025-08.tif",
        {
            "title": "Абат карьері, дрон",
            "acquired_on": "2025-08-02",
            "sha256": "1" * 64,
            "size": 1_019_231_942,
            "driver": "GTiff",
            "crs": "EPSG:32643",
            "width": 18257,
            "height": 18257,
            "bands": 3,
            "dtype": "uint8",
            "resolution_m": 0.1,
            "min_lon": 77.42,
            "min_lat": 43.61,
            "max_lon": 77.44,
            "max_lat": 43.63,
            "overviews": "sidecar",
        },
    )


def make(out_store: Path | None, out_server: Path | None) -> None:
    """Write the store fixture to ``out_store`` and the server's to ``out_server`` (None: not that one)."""
    from baytak_desktop.store import Store
    from baytak_desktop.sync.engine import sync
    from baytak_desktop.sync.session import login

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        os.environ["XDG_CONFIG_HOME"] = str(work / "config")  # the device token goes here, not to the user's
        port = free_port()
        server = start_server(work / "server", port)
        try:
            publish_layers(work / "server", work)
            store_path = work / "device.gpkg"
            Store.create(store_path).close()
            login(store_path, f"http://127.0.0.1:{port}", USER, PASSWORD)
            sync(store_path)  # the published layers first
            synced_part(store_path, work)
            result = sync(store_path)
            assert result.pushed and not result.pending, result
            pending_part(store_path, work)
        finally:
            server.terminate()
            server.wait(timeout=15)
        for made, out in ((store_path, out_store), (work / "server" / "server.sqlite", out_server)):
            if out is not None:  # only a file that becomes a fixture must be whole (a server's WAL may stay)
                leftovers = [p for p in made.parent.glob(made.name + "-*")]
                assert not leftovers, f"{made} still has {leftovers}: close every connection first"
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(made, out)


def main() -> int:
    from baytak_desktop.server.db.migrations import SCHEMA_VERSION as SERVER_VERSION
    from baytak_desktop.store.migrations import SCHEMA_VERSION as STORE_VERSION

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    wanted = [
        ROOT / "tests" / "data" / "stores" / f"schema-{STORE_VERSION}.gpkg",
        ROOT / "tests" / "data" / "servers" / f"schema-{SERVER_VERSION}.sqlite",
    ]
    missing = [None if path.exists() else path for path in wanted]  # a released schema's fixture is never remade
    if not any(missing):
        print("the fixtures of today's schema versions exist already: nothing to do")
        return 0
    make(missing[0], missing[1])
    for path in missing:
        if path is not None:
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
