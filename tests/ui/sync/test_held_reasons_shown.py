"""The Conflicts panel says why an edit was held in the window's language: each reason's template
translated, its field by its title (a real store, a real held change, a real QApplication)."""

from __future__ import annotations

import pytest
import shapely

from baytak_desktop.errors import problem_from_json
from baytak_desktop.store import Store
from baytak_desktop.sync import outbox, records
from baytak_desktop.ui.i18n import field_title, set_language
from baytak_desktop.ui.sync.conflicts_panel import ConflictsPanel
from tests.conftest import open_plain_sqlite
from tests.test_cli_language import translation

LAYER = "brick_factories"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_refused_list_says_the_held_reasons_in_the_windows_language(qtbot, tmp_path, lang):
    path = tmp_path / "s.gpkg"
    with Store.create(path) as store:
        uuid = store.insert(LAYER, {"name": "Зауыт", "status": "closed"}, shapely.Point(76.9, 43.2)).uuid
    conn = open_plain_sqlite(path)
    try:  # as a script or QGIS writes them: a NUL in the notes, a date as a number
        conn.execute(f"UPDATE {LAYER} SET notes = ?, observed_on = 20240101 WHERE uuid = ?", ("бір\x00екі", uuid))
    finally:
        conn.close()
    store = Store.open(path)
    with store.session() as session:
        assert outbox.seal(session, store.device_id) == []  # held
    (record,) = records.rejections(store.conn)
    set_language(lang)
    panel = ConflictsPanel()
    qtbot.addWidget(panel)
    panel.set_store(store)
    reasons = [problem_from_json(reason) for reason in record["params"]["reasons"]]
    lines = [
        translation(lang, "field {field}").format(field=field_title(LAYER, p.field))
        + ": "
        + translation(lang, p.template).format(**p.params)
        for p in reasons
    ]
    shown = panel.refused.topLevelItem(0).text(2)
    assert shown == translation(lang, "Not sent: {reasons}").format(reasons="; ".join(lines))
    assert "Not sent" not in shown and "U+0000" in shown and field_title(LAYER, "notes") != "notes"
    panel.set_store(None)  # as the window does before it closes a store
    store.close()
