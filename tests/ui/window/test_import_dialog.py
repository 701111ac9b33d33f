"""The import dialog with files from the real world: the encoding it settled on and a choice of another,
a value for fields the file lacks, the columns that would not be imported, and messages in the user's
language with field titles, never command-line options or table column names."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from baytak_desktop.io.jobs import import_job
from baytak_desktop.store import Store
from baytak_desktop.ui import i18n
from baytak_desktop.ui.window.import_dialog import ImportDialog

CRAFTED = Path(__file__).resolve().parents[2] / "data" / "crafted"
REAL = Path(__file__).resolve().parents[2] / "data" / "real"


class _NoProgress:
    def update(self, fraction: float, text: str = "") -> None:
        pass


@pytest.fixture
def dialog(qtbot):
    made = ImportDialog(layer="quarries")
    qtbot.addWidget(made)
    yield made
    i18n.set_language("en")


def load(qtbot, dialog: ImportDialog, path: Path) -> None:
    with qtbot.waitSignal(dialog.sigPreviewReady, timeout=30_000):
        dialog.set_source(path)


def row_of(dialog: ImportDialog, field: str) -> int:
    return next(r for r in range(dialog.mapping.rowCount()) if dialog.mapping.item(r, 0).data(256) == field)


def ok_button(dialog: ImportDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_an_agency_shapefile_says_its_encoding_columns_and_what_it_still_needs(qtbot, dialog) -> None:
    load(qtbot, dialog, CRAFTED / "agency_quarries_cp1251_ldid0.zip")
    status = dialog.status.text()
    assert "Text read as CP1251 (told from the text" in status
    assert "Not imported (no field takes them): НАЗВАНИЕ, СТАТУС, ЛИЦЕНЗИЯ" in status
    assert "Needs a column or a value: Name, Status" in status
    assert not ok_button(dialog).isEnabled()
    assert dialog.preview.rows[0][0] == "Карьер у Абата"  # never garbled
    name = dialog.mapping.cellWidget(row_of(dialog, "name"), 1)
    name.setCurrentIndex(name.findData("НАЗВАНИЕ"))
    status_value = dialog.mapping.cellWidget(row_of(dialog, "status"), 2)
    status_value.set_value("illegal")
    assert ok_button(dialog).isEnabled()
    assert "Not imported (no field takes them): СТАТУС, ЛИЦЕНЗИЯ" in dialog.status.text()
    options = dialog.options()
    assert options.field_map == {"НАЗВАНИЕ": "name"} and options.constants == {"status": "illegal"}


def test_the_options_import_what_the_dialog_showed(qtbot, dialog, tmp_path: Path) -> None:
    load(qtbot, dialog, CRAFTED / "agency_quarries_cp1251_ldid0.zip")
    name = dialog.mapping.cellWidget(row_of(dialog, "name"), 1)
    name.setCurrentIndex(name.findData("НАЗВАНИЕ"))
    dialog.mapping.cellWidget(row_of(dialog, "status"), 2).set_value("abandoned")
    store_path = tmp_path / "s.gpkg"
    Store.create(store_path).close()
    result = import_job(store_path, dialog.source(), dialog.layer(), options=dialog.options(), progress=_NoProgress())
    assert (result.imported, result.encoding) == (3, "CP1251")
    with Store.open(store_path, readonly=True) as store:
        assert {(f["name"], f["status"]) for f in store.features("quarries")} >= {("Карьер у Абата", "abandoned")}


def test_an_encoding_that_cannot_be_told_is_chosen_in_the_list(qtbot, dialog) -> None:
    load(qtbot, dialog, CRAFTED / "ambiguous_short_names.shp")
    assert dialog.preview is None and "choose its encoding" in dialog.status.text()
    assert "--encoding" not in dialog.status.text() and dialog.encoding_combo.isEnabled()
    with qtbot.waitSignal(dialog.sigPreviewReady, timeout=30_000):
        dialog.encoding_combo.setCurrentIndex(dialog.encoding_combo.findData("CP1251"))
        dialog.encoding_combo.activated.emit(dialog.encoding_combo.currentIndex())
    assert dialog.preview is not None and dialog.preview.rows[0][0] == "ДОМ"
    assert "Text read as CP1251 (as chosen)" in dialog.status.text()
    assert dialog.options().encoding == "CP1251"


def test_a_geopackage_has_no_encoding_to_choose_and_notes_are_shown(qtbot, dialog) -> None:
    load(qtbot, dialog, CRAFTED / "with_heights.geojson")
    assert dialog.encoding_combo.isEnabled()  # a GeoJSON should be UTF-8, but old converters wrote CP1251
    assert "heights (Z values) of 1 features were dropped" in dialog.status.text()
    load(qtbot, dialog, REAL / "test_gpkg_nulls.gpkg")
    assert not dialog.encoding_combo.isEnabled() and dialog.options().encoding is None


def test_in_kazakh_the_dialog_names_fields_by_their_titles(qtbot, dialog) -> None:
    i18n.set_language("kk")
    load(qtbot, dialog, CRAFTED / "agency_quarries_cp1251_ldid0.zip")
    status = dialog.status.text()
    wanted = ", ".join(i18n.field_title("quarries", name) for name in ("name", "status"))
    assert wanted in status and "status" not in status and "Needs" not in status
    load(qtbot, dialog, CRAFTED / "zip_without_dbf.zip")
    assert ".dbf" in dialog.status.text() and "--" not in dialog.status.text()
    assert "attributes are missing" not in dialog.status.text()  # said in Kazakh


def test_rows_without_a_branch_get_the_signed_in_accounts_branch_which_the_person_sees(qtbot, tmp_path: Path) -> None:
    """As the feature form does: the server refuses an editor's feature of no branch, so an import into a
    store signed in as an editor of a branch was refused whole at the next sync. The dialog shows the
    account's branch as the value for rows without one; the person may choose another or none."""
    made = ImportDialog(layer="quarries", branch="almaty_region")
    qtbot.addWidget(made)
    load(qtbot, made, CRAFTED / "agency_quarries_cp1251_ldid0.zip")
    branch = made.mapping.cellWidget(row_of(made, "branch"), 2)
    assert branch.value() == "almaty_region"
    name = made.mapping.cellWidget(row_of(made, "name"), 1)
    name.setCurrentIndex(name.findData("НАЗВАНИЕ"))
    made.mapping.cellWidget(row_of(made, "status"), 2).set_value("illegal")
    assert made.options().constants == {"status": "illegal", "branch": "almaty_region"}
    store_path = tmp_path / "s.gpkg"
    Store.create(store_path).close()
    import_job(store_path, made.source(), made.layer(), options=made.options(), progress=_NoProgress())
    with Store.open(store_path, readonly=True) as store:
        assert {f["branch"] for f in store.features("quarries")} == {"almaty_region"}
    branch.set_value(None)  # the person's choice stays when the dialog fills its rows again
    made.set_source(CRAFTED / "agency_quarries_cp1251_ldid0.zip")
    qtbot.waitUntil(lambda: made.preview is not None)
    assert "branch" not in made.options().constants


def test_a_store_not_signed_in_gives_no_branch(qtbot, dialog) -> None:
    load(qtbot, dialog, CRAFTED / "agency_quarries_cp1251_ldid0.zip")
    assert dialog.mapping.cellWidget(row_of(dialog, "branch"), 2).value() is None
