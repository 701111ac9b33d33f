"""Store events: the writers announce what they changed, after the commit, and never for a rollback."""

from __future__ import annotations

import pytest
import shapely

from baytak_desktop.errors import ValidationError
from baytak_desktop.store import Store, edits
from baytak_desktop.store.events import StoreEvents

POINT = shapely.Point(76.9, 43.2)


class Heard:
    """Every announcement of a StoreEvents, in order, and what the store held when it came."""

    def __init__(self, events: StoreEvents, store_path) -> None:
        self.store_path = store_path
        self.items: list[tuple] = []
        events.layer_changed.connect(lambda layer: self.items.append(("layer", layer, self._count(layer))))
        events.feature_changed.connect(lambda layer, uuid: self.items.append(("feature", layer, uuid)))
        events.journal_changed.connect(lambda: self.items.append(("journal",)))

    def _count(self, layer: str) -> int:
        """What another connection (the map's, a view's) sees at the moment of the announcement."""
        with Store.open(self.store_path, readonly=True) as other:
            return other.count(layer)


@pytest.fixture
def store(tmp_path):
    with Store.create(tmp_path / "events.gpkg") as store:
        yield store


def test_an_edit_names_its_feature_and_layer_once_committed(store):
    heard = Heard(store.events, store.path)
    edit = edits.InsertFeature("brick_factories", {"name": "Besagash", "status": "closed"}, POINT)
    edits.apply(store, edit)
    assert heard.items == [("feature", "brick_factories", edit.uuid), ("layer", "brick_factories", 1)]


def test_inside_an_outer_transaction_nothing_is_heard_before_the_commit(store):
    heard = Heard(store.events, store.path)
    with store.session():
        edits.apply(store, edits.InsertFeature("brick_factories", {"name": "A", "status": "closed"}, POINT))
        edits.apply(
            store, edits.InsertFeature("quarries", {"name": "B", "status": "illegal"}, shapely.box(77, 43, 77.1, 43.1))
        )
        assert heard.items == []
    assert [item[:2] for item in heard.items] == [
        ("feature", "brick_factories"),
        ("layer", "brick_factories"),
        ("feature", "quarries"),
        ("layer", "quarries"),
    ]
    assert heard.items[1][2] == heard.items[3][2] == 1  # both committed when the listeners looked


def test_a_rolled_back_part_is_never_announced(store):
    heard = Heard(store.events, store.path)
    with store.session():
        kept = edits.InsertFeature("brick_factories", {"name": "Kept", "status": "closed"}, POINT)
        edits.apply(store, kept)
        with pytest.raises(ValidationError):
            edits.apply(store, edits.InsertFeature("brick_factories", {"status": "no such status"}, POINT))
        try:
            with store.session():
                edits.apply(
                    store,
                    edits.InsertFeature(
                        "quarries", {"name": "Gone", "status": "illegal"}, shapely.box(77, 43, 77.1, 43.1)
                    ),
                )
                raise RuntimeError("the inner part fails after its write")
        except RuntimeError:
            pass
    assert [item[:2] for item in heard.items] == [("feature", "brick_factories"), ("layer", "brick_factories")]
    with pytest.raises(RuntimeError), store.session():
        edits.apply(store, edits.InsertFeature("brick_factories", {"name": "Lost", "status": "closed"}, POINT))
        raise RuntimeError("the whole action fails")
    assert len(heard.items) == 2 and store.count("brick_factories") == 1


def test_a_bulk_insert_names_its_layer_and_the_journal(store):
    heard = Heard(store.events, store.path)
    store.insert_many("brick_factories", {"name": ["A", "B"], "status": "closed"}, [POINT, POINT])
    assert heard.items == [("layer", "brick_factories", 2), ("journal",)]


def test_stores_opened_with_the_same_events_share_their_listeners(store):
    heard = Heard(store.events, store.path)
    with Store.open(store.path, events=store.events) as worker:
        worker.insert_many("quarries", {"name": ["Q"], "status": "illegal"}, [shapely.box(77, 43, 77.1, 43.1)])
    assert heard.items == [("layer", "quarries", 1), ("journal",)]
