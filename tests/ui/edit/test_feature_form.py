"""The feature form as a user meets it: fill the fields, read the messages, Save only when valid."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
import shapely
from PySide6.QtCore import Qt

from baytak_desktop.layers import LAYERS
from baytak_desktop.layers.canonical import latest_date
from baytak_desktop.store import Store
from baytak_desktop.ui import i18n
from baytak_desktop.ui.edit.feature_form import FeatureForm
from baytak_desktop.ui.edit.session import EditSession

BRICK_FACTORIES = LAYERS["brick_factories"]
QUARRIES = LAYERS["quarries"]
TREE_PLANTINGS = LAYERS["tree_plantings"]

OUTLINE = shapely.Polygon([(77.05, 43.85), (77.10, 43.85), (77.10, 43.88), (77.05, 43.88)])
BOWTIE = shapely.Polygon([(77.0, 43.8), (77.1, 43.9), (77.1, 43.8), (77.0, 43.9)])


@pytest.fixture
def form(qtbot, request):
    widget = FeatureForm(request.param if hasattr(request, "param") else TREE_PLANTINGS)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def language():
    """Switch the language for one test; English (and its number format) again afterwards."""
    yield i18n.set_language
    i18n.set_language("en")


def gdal_uuids(path, layer):
    """Read the layer with GDAL in another process (a second SQLite library in this one is unsafe)."""
    code = "import json, sys, pyogrio; print(json.dumps(list(pyogrio.read_dataframe(sys.argv[1], layer=sys.argv[2])['uuid'])))"
    done = subprocess.run([sys.executable, "-c", code, str(path), layer], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def type_into(qtbot, editor, text):
    """Select what is there and type, as a user does."""
    target = editor.focus_widget()
    target = target.lineEdit() if hasattr(target, "lineEdit") and target.lineEdit() else target
    target.setFocus()
    target.selectAll()
    qtbot.keyClicks(target, text)


def choose(qtbot, editor, code):
    """Pick a vocabulary item with the keyboard until its code is selected."""
    combo = editor.combo
    for _ in range(combo.count()):
        if combo.currentData() == code:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{code} not in the combo")


def visible_message(form, name):
    label = form.messages[name]
    return label.text() if label.isVisibleTo(form) else ""


def test_required_fields_are_marked_and_save_waits_until_valid(qtbot, form):
    assert form.labels["species"].text() == "Species *" and form.labels["organizer"].text() == "Organizer"
    assert not form.save_button.isEnabled()
    assert visible_message(form, "species") == "Required" and visible_message(form, "tree_count") == "Required"
    choose(qtbot, form.editors["species"], "elm")
    assert visible_message(form, "species") == ""
    type_into(qtbot, form.editors["tree_count"], "40")
    choose(qtbot, form.editors["status"], "planted")
    form.set_geometry(shapely.Point(76.95, 43.25))
    assert form.is_valid() and form.save_button.isEnabled()
    assert form.values()["tree_count"] == 40 and form.values()["species"] == "elm"
    type_into(qtbot, form.editors["tree_count"], "0")  # below the range: kept as typed, the range said
    assert form.editors["tree_count"].edit.text() == "0"
    assert not form.save_button.isEnabled() and visible_message(form, "tree_count").startswith("Must be from 1 to")


@pytest.mark.parametrize("lang", ["en", "kk", "ru"])
def test_a_number_out_of_range_stays_as_typed_with_the_range_message(qtbot, form, language, lang):
    language(lang)
    form.retranslate()
    type_into(qtbot, form.editors["survival_rate"], "150")
    assert form.editors["survival_rate"].edit.text() == "150" and form.values()["survival_rate"] == 150
    expected = {
        "en": "Must be from 0 to 100",
        "kk": "0 мен 100 аралығында болуы керек",
        "ru": "Должно быть от 0 до 100",
    }
    assert visible_message(form, "survival_rate") == expected[lang] and not form.save_button.isEnabled()
    type_into(qtbot, form.editors["survival_rate"], "92,5" if lang != "en" else "92.5")
    assert form.values()["survival_rate"] == 92.5 and visible_message(form, "survival_rate") == ""
    type_into(qtbot, form.editors["tree_count"], "0")
    assert visible_message(form, "tree_count") not in ("", "Required", "Міндетті", "Обязательно")
    type_into(qtbot, form.editors["tree_count"], "1 250" if lang != "en" else "1,250")
    assert form.values()["tree_count"] == 1250 and visible_message(form, "tree_count") == ""
    type_into(qtbot, form.editors["tree_count"], "many")
    assert form.values()["tree_count"] == "many" and visible_message(form, "tree_count") != ""


@pytest.mark.parametrize(
    ("lang", "typed"),
    [("kk", "15.01.2025"), ("ru", "15.01.2025"), ("kk", "2025-01-15"), ("en", "15/01/2025"), ("ru", "5.1.2025")],
)
def test_a_date_is_typed_whole_into_an_empty_and_a_filled_field(qtbot, form, language, lang, typed):
    language(lang)
    form.retranslate()
    editor = form.editors["planted_on"]
    type_into(qtbot, editor, typed)
    expected = "2025-01-05" if typed == "5.1.2025" else "2025-01-15"
    assert form.values()["planted_on"] == expected and visible_message(form, "planted_on") == ""
    editor.edit.editingFinished.emit()  # leaving the field shows it as the language writes dates
    shown = {"kk": "15.01.2025", "ru": "15.01.2025", "en": "15/01/2025"}[lang]
    assert editor.edit.text() == (shown if typed != "5.1.2025" else "05.01.2025")
    type_into(qtbot, editor, "2024-06-14")  # a filled field: the whole date replaced at once
    assert form.values()["planted_on"] == "2024-06-14"
    type_into(qtbot, editor, "31.02.2024")
    assert form.values()["planted_on"] == "31.02.2024" and visible_message(form, "planted_on") != ""
    editor.clear_button.click()
    assert form.values()["planted_on"] is None and editor.edit.text() == ""


@pytest.mark.parametrize("form", [BRICK_FACTORIES], indirect=True)
def test_a_future_observation_date_is_refused_as_the_user_types(qtbot, form):
    form.set_values({"name": "Besagash brick works", "status": "closed"})
    form.set_geometry(shapely.Point(77.0, 43.3))
    assert form.save_button.isEnabled()
    tomorrow = latest_date() + dt.timedelta(days=1)  # tomorrow everywhere on Earth: the machine's is not enough
    form.editors["observed_on"].set_value(tomorrow.isoformat())
    assert "in the future" in visible_message(form, "observed_on") and not form.save_button.isEnabled()
    form.editors["observed_on"].clear_button.click()
    assert form.values()["observed_on"] is None and form.save_button.isEnabled()


@pytest.mark.parametrize("form", [QUARRIES], indirect=True)
def test_derived_area_follows_the_geometry_and_is_read_only(qtbot, form):
    assert form.derived["area_ha"].text() == "—" and "area_ha" not in form.editors
    form.set_geometry(OUTLINE)
    first = float(form.derived["area_ha"].text().replace(",", ""))
    assert 1000 < first < 1400  # ~4 km x 3.3 km at 43.9°N, geodesic
    form.set_geometry(shapely.affinity.scale(OUTLINE, 0.5, 0.5))
    assert float(form.derived["area_ha"].text().replace(",", "")) == pytest.approx(first / 4, rel=0.01)


@pytest.mark.parametrize("form", [QUARRIES], indirect=True)
def test_a_self_intersecting_outline_offers_the_fix(qtbot, form):
    form.set_values({"name": "Abat", "status": "illegal"})
    form.set_geometry(BOWTIE)
    assert "crosses itself" in form.geometry_message.text() and form.fix_button.isVisibleTo(form)
    assert not form.save_button.isEnabled()
    with qtbot.waitSignal(form.sigGeometryFixed) as fixed:
        qtbot.mouseClick(form.fix_button, Qt.MouseButton.LeftButton)
    assert fixed.args[0].is_valid and form.save_button.isEnabled() and not form.fix_button.isVisibleTo(form)


@pytest.mark.parametrize("form", [QUARRIES], indirect=True)
def test_too_few_corners_is_said_next_to_the_map(qtbot, form):
    form.set_geometry(shapely.Polygon([(77.0, 43.8), (77.1, 43.9), (77.0, 43.8), (77.1, 43.9)]))
    assert "at least 3 corners" in form.geometry_message.text() and not form.is_valid()


def test_save_writes_the_feature_undo_removes_it_redo_brings_the_same_uuid(qtbot, tmp_path, form):
    store = Store.create(tmp_path / "field.gpkg")
    session = EditSession(store)
    saved = []
    form.sigSaveRequested.connect(
        lambda values: saved.append(session.create_feature("tree_plantings", values, shapely.Point(76.95, 43.25)))
    )
    choose(qtbot, form.editors["species"], "elm")
    type_into(qtbot, form.editors["tree_count"], "120")
    choose(qtbot, form.editors["status"], "planted")
    type_into(qtbot, form.editors["organizer"], "Eco-club of school No. 1")
    form.set_geometry(shapely.Point(76.95, 43.25))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    [uuid] = saved
    assert store.get("tree_plantings", uuid)["tree_count"] == 120
    assert gdal_uuids(store.path, "tree_plantings") == [uuid]
    assert [(c.op, c.uuid) for c in store.changes()] == [("insert", uuid)]
    session.stack.undo()
    assert gdal_uuids(store.path, "tree_plantings") == [] and store.changes() == []
    session.stack.redo()
    assert gdal_uuids(store.path, "tree_plantings") == [uuid]
    assert [c.uuid for c in store.changes()] == [uuid]
    store.close()


def test_vocabulary_labels_follow_the_language_and_codes_stay(qtbot, form):
    choose(qtbot, form.editors["status"], "planted")
    try:
        i18n.set_language("ru")
        qtbot.waitUntil(lambda: form.editors["status"].combo.currentText() == "посажено")
        assert form.values()["status"] == "planted"
        assert form.labels["species"].text().endswith(" *")
    finally:
        i18n.set_language("en")
    qtbot.waitUntil(lambda: form.editors["status"].combo.currentText() == "planted")


@pytest.mark.parametrize("form", [QUARRIES], indirect=True)
def test_the_crossing_warning_looks_at_the_corners_not_the_cursor(qtbot, form):
    """While an outline is drawn the cursor is its last corner: sweeping past the first corner makes
    the live shape cross itself for a moment. The warning follows the corners placed, so it does not
    blink; the area still follows the cursor."""
    corners = shapely.Polygon([(77.0, 43.8), (77.1, 43.8), (77.1, 43.9)])
    for _ in range(3):
        form.set_geometry(BOWTIE, corners=corners)  # the cursor past the first corner
        assert "crosses itself" not in form.geometry_message.text() or not form.geometry_message.isVisibleTo(form)
        form.set_geometry(shapely.Polygon([*corners.exterior.coords[:-1], (77.0, 43.9)]), corners=corners)
        assert not form.geometry_message.isVisibleTo(form)
    assert form.derived["area_ha"].text() != "—"
    form.set_geometry(BOWTIE, corners=BOWTIE)  # the corners themselves cross: said, and stays said
    assert form.geometry_message.isVisibleTo(form) and form.fix_button.isVisibleTo(form)
