"""The table fits its columns to the first rows in one Python call, not through Qt's
``resizeColumnsToContents``: that called the model's ``data`` for every sampled cell and role (32 rows x
12 columns x each role: 45-60 ms on a quiet machine, 40-190 ms while a reader thread ran Python), each
call from C++ back into Python waiting for the GIL the reader threads held while they read the store just
opened: the UI thread's longest blocks at reopening a store of 100,000 features."""

from __future__ import annotations

import shapely

from baytak_desktop.store import Store
from baytak_desktop.ui.table.attribute_table import BLOCK_SAMPLE, MAX_COLUMN_WIDTH, AttributeTable
from baytak_desktop.ui.table.model import AttributeTableModel
from tests.calls import counting_calls


def test_columns_fit_their_first_rows_without_a_call_into_the_model_per_cell(qtbot, tmp_path):
    statuses = ("operating", "closed", "relocated", "unknown")
    with Store.create(tmp_path / "works.gpkg") as store:
        store.insert_many(
            "brick_factories",
            {
                "name": [f"Brick works number {i} of the Ile district" if i % 9 == 0 else f"w{i}" for i in range(200)],
                "status": [statuses[i % 4] for i in range(200)],
            },
            [shapely.Point(76.9 + i * 1e-4, 43.2) for i in range(200)],
        )
        table = AttributeTable()
        qtbot.addWidget(table)
        table.resize(900, 500)
        with counting_calls(AttributeTableModel.data) as data_calls:
            table.set_store(store)
            table.set_layer("brick_factories")  # the rows come, the columns are fitted to them
        assert table.model.rowCount() == 200
        assert data_calls == [0]
        header, metrics = table.view.horizontalHeader(), table.view.fontMetrics()
        for column, texts in enumerate(table.model.sample_texts(BLOCK_SAMPLE)):
            widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
            wanted = min(max(widest, header.sectionSizeHint(column)), MAX_COLUMN_WIDTH)
            assert header.sectionSize(column) >= wanted, (column, header.sectionSize(column), wanted)
        name = table.model.schema().field_names.index("name")
        assert header.sectionSize(name) > metrics.horizontalAdvance("w10")  # the long names widen it
        assert header.sectionSize(name) >= min(
            metrics.horizontalAdvance("Brick works number 9 of the Ile district"), MAX_COLUMN_WIDTH
        )
