"""Every long job's progress texts are phases the window can say in Kazakh and Russian.

Each job that shows progress (import, export and its preview, the demo, the outside-edit repair, sync,
sign-in and out, history, conflict resolution, the web map, the print exhibit, the dossier, a basemap
built from an OSM extract, imagery with its overviews, proximity analysis) runs here for real with a
recording progress object. Every text it reports must be a ``jobs.Phase`` whose template is translated
in the kk and ru translation files: a new English text, an identifier, or an empty text where the dialog
would sit at "0 %" saying nothing, fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from PySide6.QtCore import QTranslator

from baytak_desktop.jobs import Phase
from baytak_desktop.resources import translations_dir
from tests.sync.conftest import FAST, PASSWORD, config_home, server  # noqa: F401  (fixtures)

DATA = Path(__file__).resolve().parents[1] / "data"


class Recording:
    """A progress object that keeps every (fraction, text) a job reports."""

    def __init__(self) -> None:
        self.seen: list[tuple[float, str]] = []

    def update(self, fraction: float, text: str = "") -> None:
        self.seen.append((fraction, text))


@pytest.fixture(scope="module")
def translators(qapp) -> dict[str, QTranslator]:
    found = {}
    for lang in ("kk", "ru"):
        translator = QTranslator()
        assert translator.load(str(translations_dir() / f"baytak_{lang}.qm")), lang
        found[lang] = translator
    return found


def assert_phases(recording: Recording, translators: dict[str, QTranslator], job: str) -> set[str]:
    """Every text ``job`` reported is a Phase translated in kk and ru; returns the templates seen."""
    assert recording.seen, f"{job} reported no progress at all"
    templates = set()
    for fraction, text in recording.seen:
        assert isinstance(text, Phase) and text, f"{job} reported {text!r} at {fraction:.2f}: not a Phase"
        for lang, translator in translators.items():
            said = translator.translate("DomainMessages", text.template)
            assert said and said != text.template, f"{job}: {text.template!r} has no {lang} translation"
            said.format(**text.params)  # the translation takes the same parameters
        templates.add(text.template)
    return templates


@pytest.fixture
def demo_store(tmp_path):
    from baytak_desktop.demo import build_demo
    from baytak_desktop.store import Store

    path = tmp_path / "demo.gpkg"
    with Store.create(path) as store:
        build_demo(store)
    return path


def test_store_and_file_jobs(tmp_path, demo_store, translators):
    from baytak_desktop.demo import build_demo
    from baytak_desktop.io.jobs import export_job, import_job, preview_job
    from baytak_desktop.store import Store
    from baytak_desktop.store.watch import repair_job

    runs = {name: Recording() for name in ("demo", "export", "preview", "import", "repair")}
    with Store.create(tmp_path / "new.gpkg") as store:
        build_demo(store, runs["demo"])
    field = tmp_path / "field.gpkg"  # not a demo store: its features may be imported elsewhere
    with Store.create(field) as store:
        for index in range(3):
            store.insert(
                "brick_factories", {"name": f"Kiln {index}", "status": "closed"}, shapely.Point(77, 43 + index)
            )
    out = tmp_path / "kilns.geojson"
    export_job(field, "brick_factories", out, progress=runs["export"])
    preview_job(out, progress=runs["preview"])
    empty = tmp_path / "empty.gpkg"
    Store.create(empty).close()
    import_job(empty, out, "brick_factories", progress=runs["import"])
    repair_job(empty, runs["repair"])
    for name, recording in runs.items():
        assert_phases(recording, translators, name)
    assert "Saving features: {done} of {count}" in assert_phases(runs["import"], translators, "import")


def test_exhibit_jobs(tmp_path, demo_store, translators):
    from baytak_desktop.exhibits.dossier import DossierSpec
    from baytak_desktop.exhibits.jobs import dossier_job, print_job, webmap_job
    from baytak_desktop.exhibits.print_spec import ExhibitSpec
    from baytak_desktop.store import Store

    with Store.open(demo_store, readonly=True) as store:
        uuid = next(iter(store.features("quarries"))).uuid
    runs = {name: Recording() for name in ("web map", "print", "dossier")}
    webmap_job(demo_store, tmp_path / "map.html", ["quarries"], "kk", None, progress=runs["web map"])
    print_job(ExhibitSpec(demo_store, tmp_path / "map.pdf", layers=("quarries",), dpi=72), progress=runs["print"])
    dossier_job(DossierSpec(demo_store, uuid, tmp_path / "dossier.pdf", server=False), progress=runs["dossier"])
    for name, recording in runs.items():
        assert_phases(recording, translators, name)
    # the painting child cannot say how far it is: the first report is a busy bar with words, not "0 %"
    assert runs["print"].seen[0][0] == 0.0 and runs["dossier"].seen[0][0] == 0.0


def test_basemap_imagery_and_analysis_jobs(tmp_path, demo_store, translators):
    from baytak_desktop.analysis.proximity import proximity
    from baytak_desktop.basemap.jobs import add_basemap_job, add_image_job
    from baytak_desktop.store import Store

    runs = {name: Recording() for name in ("basemap", "imagery", "proximity")}
    add_basemap_job(demo_store, DATA / "osm" / "test.osm.pbf", progress=runs["basemap"])
    image = tmp_path / "landsat.tif"  # a copy: the overviews are written beside the image
    image.write_bytes((DATA / "imagery" / "rgb_deflate.tif").read_bytes())
    add_image_job(demo_store, image, progress=runs["imagery"])
    with Store.open(demo_store, readonly=True) as store:
        proximity(store, "sewage_outflows", "places", 30.0, progress=runs["proximity"])
    seen = {name: assert_phases(recording, translators, name) for name, recording in runs.items()}
    assert "Reading places: {count} objects" in seen["basemap"]  # Phase A's passes, not English labels
    assert "Computing the SHA-256 of the file…" in seen["imagery"]


def test_sync_jobs(tmp_path, server, translators):  # noqa: F811
    from baytak_desktop.store import Store
    from baytak_desktop.sync.engine import sync
    from baytak_desktop.sync.session import login
    from baytak_desktop.ui.sync.runner import history_job, login_job, logout_job, resolve_job

    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    runs = {name: Recording() for name in ("login", "sync", "history", "resolve", "logout")}
    for path in (a, b):
        Store.create(path).close()
    login_job(a, server.url, "aigerim", PASSWORD, FAST, progress=runs["login"])
    login(b, server.url, "aigerim", PASSWORD, FAST)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes((DATA / "photos" / "flower.jpg").read_bytes())
    with Store.open(a) as store:
        kiln = store.insert("brick_factories", {"name": "Kiln", "status": "operating"}, shapely.Point(77.0, 43.3))
        store.attach("brick_factories", kiln.uuid, photo)
    sync(a, progress=runs["sync"], options=FAST)
    sync(b, options=FAST)
    with Store.open(a) as store:
        store.update("brick_factories", kiln.uuid, {"name": "Kiln A"})
    with Store.open(b) as store:
        store.update("brick_factories", kiln.uuid, {"name": "Kiln B"})
    sync(a, progress=runs["sync"], options=FAST)
    assert sync(b, options=FAST).conflicts == 1
    with Store.open(b) as store:
        conflict = store.conn.execute("SELECT id FROM baytak_conflicts WHERE resolved = 0").fetchone()[0]
    resolve_job(b, [(conflict, "mine", None)], FAST, None, progress=runs["resolve"])
    history_job(a, "brick_factories", kiln.uuid, FAST, progress=runs["history"])
    from baytak_desktop.sync import credentials

    with Store.open(a) as store:
        found = credentials.load(server.url, store.device_id)
    logout_job(found, progress=runs["logout"])
    seen = {name: assert_phases(recording, translators, name) for name, recording in runs.items()}
    assert {"Sending photo {index} of {count}…", "Receiving changes (revision {rev})…"} <= seen["sync"]
    assert "Resolving conflict {id}…" in seen["resolve"]


def test_the_window_says_a_phase_in_the_language_with_its_numbers(qapp):
    from baytak_desktop.ui.i18n import set_language
    from baytak_desktop.ui.worker import phase_text

    try:
        set_language("kk")
        assert phase_text(Phase("Saving features: {done} of {count}", done=5000, count=12480)) == (
            "Нысандар сақталуда: 12\u00a0480 ішінен 5\u00a0000"
        )
        set_language("ru")
        assert phase_text(Phase("Reading {layer}…", layer="quarries")) == "Чтение слоя «Карьеры»…"
        assert phase_text("sealing 3 local edits") is None  # English that is not a Phase is never shown
    finally:
        set_language("en")
