"""File > Add basemap (.osm.pbf) and File > Add imagery from the real window: jobs with progress and
Cancel, the layer panel's "Basemaps and imagery" list, and the map drawing what was added."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import numpy as np
import pytest
import rasterio
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel
from rasterio.transform import from_origin

from baytak_desktop.basemap import osm_style
from baytak_desktop.basemap.imagery import add_image
from baytak_desktop.basemap.registry import list_basemaps, list_images
from baytak_desktop.store import Store
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.window.main_window import MainWindow

DATA = Path(__file__).resolve().parents[2] / "data"
HELSINKI = DATA / "osm" / "Helsinki.osm.pbf"
LANDSAT = DATA / "imagery" / "rgb_deflate.tif"
JOB_MS = 60_000


@pytest.fixture
def window(qtbot, tmp_path):
    set_language("en")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Store.create(tmp_path / "field.gpkg"), settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window
    QApplication.processEvents()


def wait_drawn(qtbot, window) -> None:
    qtbot.waitUntil(window.canvas.is_idle, timeout=30_000)


def rgba(image: QImage) -> np.ndarray:
    converted = image.convertToFormat(QImage.Format.Format_RGBA8888)
    return np.frombuffer(converted.constBits(), dtype=np.uint8).reshape(image.height(), image.width(), 4).copy()


def zoom_to_scale(window, lon: float, lat: float, scale: float) -> None:
    """Centre the canvas on lon/lat at 1:``scale``: a box of the viewport's size at that scale."""
    size = window.canvas.viewport().size()
    half_w = size.width() / 2 * scale * 0.0254 / 96 / (6378137 * math.cos(math.radians(lat))) * 180 / math.pi
    half_h = half_w * size.height() / size.width() * math.cos(math.radians(lat))
    window.canvas.zoom_to_lonlat((lon - half_w, lat - half_h, lon + half_w, lat + half_h))


def in_kazakhstan(source: Path, out: Path, inverted: bool = False) -> None:
    """The real Landsat scene's pixels, georeferenced in UTM zone 43N near Almaty (same 300 m pixels);
    ``inverted``: its negative (nodata kept), an "after" picture that differs everywhere."""
    with rasterio.open(source) as src:
        profile = src.profile | {"crs": "EPSG:32643", "transform": from_origin(600_000, 4_850_000, 300, 300)}
        data = src.read()
        if inverted:
            data = np.where(data == 0, 0, 255 - data).astype(data.dtype)
        with rasterio.open(out, "w", **profile) as dst:
            dst.write(data)


def test_add_basemap_from_the_file_menu_draws_roads_and_names(qtbot, window) -> None:
    assert "add_osm_basemap" in window.window_actions.actions
    runner = window.jobs.start_add_basemap(HELSINKI)
    assert runner is not None
    with qtbot.waitSignal(runner.sigFinished, timeout=JOB_MS):
        pass
    window.readers.wait_idle()  # the store's basemaps and images are listed from a reader
    QApplication.processEvents()
    entries = list_basemaps(window.store)
    assert [e.title for e in entries] == ["Helsinki.osm.pbf"]
    panel = window.layer_panel.reference
    assert [layer.key for layer in panel.layers()] == [f"osm:{entries[0].id}"]
    assert panel.tree.topLevelItem(0).text(0).endswith("Helsinki.osm.pbf")
    zoom_to_scale(window, 24.944, 60.171, 20_000)
    wait_drawn(qtbot, window)
    item = window.canvas.layers.items[f"osm:{entries[0].id}"]
    assert item.image is not None
    pixels = rgba(item.image)
    primary = tuple(int(osm_style.ROADS["primary"].colour[i : i + 2], 16) for i in (1, 3, 5))
    assert np.count_nonzero(np.all(pixels[..., :3] == primary, axis=-1) & (pixels[..., 3] == 255)) > 200
    # hidden from the panel: its picture goes, and comes back when shown again
    panel.set_visible(f"osm:{entries[0].id}", False)
    assert f"osm:{entries[0].id}" not in window.canvas.layers.items
    panel.set_visible(f"osm:{entries[0].id}", True)
    panel.set_opacity(f"osm:{entries[0].id}", 0.5)
    wait_drawn(qtbot, window)
    assert window.canvas.layers.items[f"osm:{entries[0].id}"].opacity() == pytest.approx(0.5)


def test_cancelling_the_basemap_job_leaves_nothing_registered_or_written(qtbot, window, tmp_path) -> None:
    runner = window.jobs.start_add_basemap(HELSINKI)
    assert runner is not None and runner.dialog is not None
    qtbot.waitUntil(lambda: runner.dialog.value() >= 25, timeout=JOB_MS)  # past the hash, reading the extract
    assert window.isEnabled()  # the window is never frozen: the job runs on a worker
    with qtbot.waitSignal(runner.sigCancelled, timeout=JOB_MS):
        runner.cancel()
    assert list_basemaps(window.store) == []
    assert window.layer_panel.reference.layers() == []
    assert not list(tmp_path.glob("*.basemap.gpkg*"))


def test_a_bad_extract_is_a_clear_message_and_changes_nothing(qtbot, window, tmp_path) -> None:
    bad = tmp_path / "broken.osm.pbf"
    bad.write_bytes(b"this is not a protobuf file")
    runner = window.jobs.start_add_basemap(bad)
    with qtbot.waitSignal(runner.sigFailed, timeout=JOB_MS) as blocker:
        pass
    assert "broken.osm.pbf" in str(blocker.args[0])
    assert list_basemaps(window.store) == []


def test_add_imagery_draws_the_image_under_the_data_and_dates_choose_what_shows(qtbot, window, tmp_path) -> None:
    first, second = tmp_path / "before.tif", tmp_path / "after.tif"
    in_kazakhstan(LANDSAT, first)  # the canvas pans over Central Asia only: the scene is placed there
    in_kazakhstan(LANDSAT, second, inverted=True)
    for path, date in ((first, "2025-06-01"), (second, "2026-06-01")):
        runner = window.jobs.start_add_imagery(path, date)
        with qtbot.waitSignal(runner.sigFinished, timeout=JOB_MS):
            pass
        window.readers.wait_idle()  # the store's basemaps and images are listed from a reader
    QApplication.processEvents()
    images = list_images(window.store)
    assert [i.acquired_on for i in images] == ["2025-06-01", "2026-06-01"]
    panel = window.layer_panel.reference
    assert panel.one_date.isVisibleTo(panel)  # two dates: the date choice is offered
    window.canvas.zoom_to_lonlat(images[0].bounds)
    wait_drawn(qtbot, window)
    keys = [f"image:{i.id}" for i in images]
    for key in keys:
        assert window.canvas.layers.items[key].image is not None
    centre = window.canvas.layers.items[keys[1]].image
    assert rgba(centre)[centre.height() // 2, centre.width() // 2, 3] == 255  # image pixels where the image is
    assert window.canvas.layers.items[keys[1]].zValue() > window.canvas.layers.items[keys[0]].zValue()
    assert window.canvas.layers.items[keys[0]].zValue() < min(
        item.zValue() for key, item in window.canvas.layers.items.items() if key.startswith("layer:")
    )
    panel.select_date("2025-06-01")  # before: only the older image is drawn
    assert keys[0] in window.canvas.layers.items and keys[1] not in window.canvas.layers.items
    panel.select_date("2026-06-01")
    assert keys[1] in window.canvas.layers.items and keys[0] not in window.canvas.layers.items
    panel.select_date(None)
    assert all(key in window.canvas.layers.items for key in keys)
    # swipe: the newer image left of the line, the older one (under it) to the right
    panel.set_swipe(True, 0.5)
    assert window.canvas.layers.items[keys[1]].swipe == 0.5 and window.canvas.layers.items[keys[0]].swipe is None
    wait_drawn(qtbot, window)
    shown = rgba(window.canvas.viewport().grab().toImage())
    before = rgba(window.canvas.layers.items[keys[0]].image)
    after = rgba(window.canvas.layers.items[keys[1]].image)
    height, width = shown.shape[:2]
    left, right = (
        (slice(height // 3, 2 * height // 3), slice(width // 8, width // 3)),
        (
            slice(height // 3, 2 * height // 3),
            slice(2 * width // 3, 7 * width // 8),
        ),
    )

    def near(a: np.ndarray, b: np.ndarray) -> float:
        return float(np.mean(np.abs(a[..., :3].astype(int) - b[..., :3].astype(int))))

    assert near(shown[left], after[left]) < near(shown[left], before[left])
    assert near(shown[right], before[right]) < near(shown[right], after[right])
    panel.set_swipe(False)
    assert window.canvas.layers.items[keys[1]].swipe is None


def test_the_check_box_of_a_row_hides_and_shows_it(qtbot, window, tmp_path) -> None:
    image = tmp_path / "site.tif"
    in_kazakhstan(LANDSAT, image)
    runner = window.jobs.start_add_imagery(image, None, "Site")
    with qtbot.waitSignal(runner.sigFinished, timeout=JOB_MS):
        pass
    window.readers.wait_idle()  # the store's basemaps and images are listed from a reader
    panel = window.layer_panel.reference
    row = panel.tree.topLevelItem(0)
    assert row.text(0) == "Image: Site"
    key = row.data(0, Qt.ItemDataRole.UserRole)
    row.setCheckState(0, Qt.CheckState.Unchecked)
    assert key not in window.canvas.layers.items
    row.setCheckState(0, Qt.CheckState.Checked)
    assert key in window.canvas.layers.items
    assert not panel.one_date.isVisibleTo(panel)  # one image: no date choice to make
    # brightness: the image is drawn again, lighter where it has pixels
    window.canvas.zoom_to_lonlat(panel.layers()[0].image.bounds)
    wait_drawn(qtbot, window)
    plain = rgba(window.canvas.layers.items[key].image)
    panel.set_brightness(key, 0.3)
    qtbot.waitUntil(lambda: window.canvas.layers.items[key].image is not None, timeout=30_000)
    wait_drawn(qtbot, window)
    lighter = rgba(window.canvas.layers.items[key].image)
    covered = plain[..., 3] == 255
    assert covered.sum() > 1000
    assert lighter[covered][:, :3].mean() > plain[covered][:, :3].mean() + 40
    # Project > Export map prints the image as the map shows it: lighter, and at its opacity
    panel.set_opacity(key, 0.6)
    dialog = window.exhibits.open_export_map()
    assert dialog.spec().reference == ((key, pytest.approx(0.6), pytest.approx(0.3)),)
    dialog.reject()


def test_an_image_missing_on_this_device_is_a_message_and_the_map_still_draws(qtbot, window, tmp_path) -> None:
    image = tmp_path / "gone.tif"
    in_kazakhstan(LANDSAT, image)
    runner = window.jobs.start_add_imagery(image, "2026-07-15", "Abat quarry")
    with qtbot.waitSignal(runner.sigFinished, timeout=JOB_MS):
        pass
    window.readers.wait_idle()  # the store's basemaps and images are listed from a reader
    image.unlink()  # the store was copied to a laptop without the image
    for sidecar in tmp_path.glob("gone.tif.*"):
        sidecar.unlink()
    set_language("ru")
    window.refresh_reference()
    window.readers.wait_idle()
    texts = [label.text() for label in window.message_bar.findChildren(QLabel)]
    assert any("Abat quarry" in text and "нет на этом устройстве" in text for text in texts), texts
    panel = window.layer_panel.reference
    assert panel.tree.topLevelItem(0).toolTip(0).startswith("Нет на этом устройстве")
    assert panel.shown() == []  # not drawn: nothing to draw
    wait_drawn(qtbot, window)
    set_language("en")


def test_the_choices_are_remembered_per_store(qtbot, window, tmp_path) -> None:
    image = tmp_path / "site.tif"
    in_kazakhstan(LANDSAT, image)
    runner = window.jobs.start_add_imagery(image)
    with qtbot.waitSignal(runner.sigFinished, timeout=JOB_MS):
        pass
    window.readers.wait_idle()  # the store's basemaps and images are listed from a reader
    panel = window.layer_panel.reference
    key = panel.layers()[0].key
    panel.set_opacity(key, 0.4)
    panel.set_visible(key, False)
    store_path, settings = window.store.path, window.settings
    window.close()
    again = MainWindow(Store.open(store_path), settings)
    qtbot.addWidget(again)
    again.readers.wait_idle()
    [layer] = again.layer_panel.reference.layers()
    assert (layer.visible, layer.opacity) == (False, pytest.approx(0.4))
    assert key not in again.canvas.layers.items
    # another store with an image of the same id starts with its own (default) choices
    other = tmp_path / "other"
    other.mkdir()
    copy = other / "site.tif"
    shutil.copy(image, copy)
    with Store.create(other / "field.gpkg") as store:
        add_image(store, copy)
    again.open_store(other / "field.gpkg")
    qtbot.waitUntil(lambda: again.store is not None and again.store.path.parent == other, timeout=10_000)
    [layer] = again.layer_panel.reference.layers()
    assert (layer.key, layer.visible, layer.opacity) == (key, True, 1.0)
    again.close()


def test_an_image_placed_by_a_world_file_asks_for_its_coordinate_system(qtbot, window, tmp_path) -> None:
    """File > Add imagery of a JPEG with a .jgw: the window asks which coordinate system the world file's
    numbers are in, then adds the image and draws it."""
    photo = tmp_path / "ortho.jpg"
    shutil.copy(DATA / "photos" / "flower.jpg", photo)
    (tmp_path / "ortho.jgw").write_text("10\n0\n0\n-10\n600000\n4850000\n")  # UTM 43N, near Almaty
    runner = window.jobs.start_add_imagery(photo, "2026-06-01", "Drone")
    with qtbot.waitSignal(runner.sigEnded, timeout=JOB_MS):
        pass
    dialog = window.jobs.crs_dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=5_000)
    assert "world file" in dialog.labelText()
    assert dialog.width() <= 1366 * 2 // 3  # the question wraps: never wider than a laptop's screen
    dialog.setTextValue("EPSG:32643")
    dialog.accept()
    qtbot.waitUntil(lambda: not window.jobs.runners, timeout=JOB_MS)
    window.readers.wait_idle()
    [layer] = window.layer_panel.reference.layers()
    assert layer.title == "Drone" and layer.image.crs == "EPSG:32643"
    window.canvas.zoom_to_lonlat(layer.image.bounds)
    wait_drawn(qtbot, window)
    drawn = rgba(window.canvas.layers.items[layer.key].image)
    assert (drawn[..., 3] == 255).sum() > 10_000  # the photo, where the world file puts it
