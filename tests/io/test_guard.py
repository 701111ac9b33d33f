"""GDAL never opens the store that is open in this process (io/guard.py explains why)."""

import pytest

from baytak_desktop.errors import SourceError
from baytak_desktop.io.exporter import export_layer
from baytak_desktop.io.importer import import_file
from baytak_desktop.store import Store


@pytest.fixture
def store(tmp_path):
    with Store.create(tmp_path / "field.gpkg") as store:
        store.insert("sewage_outflows", {"name": "Outflow", "status": "active"}, __import__("shapely").Point(77, 43.9))
        yield store


def test_import_from_the_open_store_is_refused_and_changes_nothing(store):
    before = store.count("sewage_outflows")
    with pytest.raises(SourceError, match="is the store that is open now"):
        import_file(store, store.path, "sewage_outflows", source_layer="sewage_outflows")
    assert store.count("sewage_outflows") == before
    assert store.path.with_name(store.path.name + "-wal").exists()  # GDAL never closed (and deleted) it


def test_export_onto_the_open_store_is_refused(store, tmp_path):
    size = store.path.stat().st_size
    with pytest.raises(SourceError):
        export_layer(store, "sewage_outflows", store.path)
    with pytest.raises(SourceError):  # the same file by another name
        export_layer(store, "sewage_outflows", tmp_path / "." / "field.gpkg")
    assert store.path.stat().st_size == size and store.count("sewage_outflows") == 1


def test_another_geopackage_is_fine(store, tmp_path):
    assert export_layer(store, "sewage_outflows", tmp_path / "copy.gpkg").count == 1
