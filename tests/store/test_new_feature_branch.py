"""The branch of new features: a store signed in as an editor of a branch gives it (``new_feature_branch``)
to every new feature naming none, whatever made it, since the server refuses an editor's feature of no
branch at the next sync. Before, each front end (the form, ``baytak import``, ``baytak gps``) gave it
itself, and any other way of making features (a script, a paste, an analysis) made features the server
refused. A branch given wins; features already stored keep theirs."""

from __future__ import annotations

from pathlib import Path

import shapely

from baytak_desktop.io.importer import import_file
from baytak_desktop.store import Store
from baytak_desktop.store.edits import DeleteFeature, InsertFeature, apply

KILN = {"name": "Бесағаш кірпіш зауыты", "status": "closed"}
HERE = shapely.Point(76.95, 43.25)


def test_a_feature_inserted_without_a_branch_gets_the_stores(store: Store) -> None:
    store.new_feature_branch = "almaty"
    assert store.insert("brick_factories", KILN, HERE)["branch"] == "almaty"
    assert store.insert("brick_factories", {**KILN, "branch": "  "}, HERE)["branch"] == "almaty"  # blank: none
    assert store.insert("brick_factories", {**KILN, "branch": None}, HERE)["branch"] == "almaty"


def test_a_branch_given_wins(store: Store) -> None:
    store.new_feature_branch = "almaty"
    assert store.insert("brick_factories", {**KILN, "branch": "jetisu"}, HERE)["branch"] == "jetisu"
    assert store.branch_for("brick_factories", {"branch": "jetisu"}) is None  # nothing given by the store
    assert store.branch_for("brick_factories", {}) == "almaty"


def test_a_store_with_no_default_gives_none(store: Store) -> None:
    """Not signed in, or an admin of every branch: nothing is made up."""
    assert store.new_feature_branch is None
    assert store.insert("brick_factories", KILN, HERE)["branch"] is None
    assert store.branch_for("brick_factories", {}) is None


def test_the_edit_of_the_form_gets_it_and_its_undo_and_redo_keep_it(store: Store) -> None:
    store.new_feature_branch = "almaty_region"
    undo = apply(store, InsertFeature("brick_factories", KILN, HERE))
    uuid = undo.uuid
    assert store.get("brick_factories", uuid)["branch"] == "almaty_region"
    redo = apply(store, undo)
    store.new_feature_branch = "jetisu"  # signed in as another meanwhile: the redo is the same feature
    apply(store, redo)
    assert store.get("brick_factories", uuid)["branch"] == "almaty_region"


def test_an_update_or_a_restored_feature_gets_no_branch(store: Store) -> None:
    """Only new features: a stored feature of no branch (made before the sign-in) stays so when changed,
    and a deleted one brought back by undo is brought back as it was."""
    kiln = store.insert("brick_factories", KILN, HERE)
    store.new_feature_branch = "almaty"
    assert store.update("brick_factories", kiln.uuid, {"name": "Басқа"})["branch"] is None
    restore = apply(store, DeleteFeature("brick_factories", kiln.uuid))
    apply(store, restore)
    assert store.get("brick_factories", kiln.uuid)["branch"] is None


def test_a_bulk_insert_fills_the_rows_that_name_none(store: Store) -> None:
    store.new_feature_branch = "almaty"
    points = [shapely.Point(76.9 + i / 100, 43.2) for i in range(4)]
    columns = {"name": ["a", "b", "c", "d"], "status": "closed", "branch": [None, "jetisu", "", "almaty_region"]}
    uuids = store.insert_many("brick_factories", columns, points)
    assert [store.get("brick_factories", u)["branch"] for u in uuids] == ["almaty", "jetisu", "almaty", "almaty_region"]
    more = store.insert_many("brick_factories", {"name": ["e", "f"], "status": "closed"}, points[:2])
    assert {store.get("brick_factories", u)["branch"] for u in more} == {"almaty"}


def test_an_import_with_no_front_end_gets_it(store: Store, tmp_path: Path) -> None:
    """``import_file`` as a script or a job calls it: no ``--set branch``, no dialog; a column wins."""
    store.new_feature_branch = "almaty"
    source = tmp_path / "kilns.csv"
    source.write_text("name,status,lon,lat,branch\nТалғар,closed,77.24,43.30,\nСатты,closed,78.41,43.05,jetisu\n")
    result = import_file(store, source, "brick_factories")
    assert result.imported == 2
    assert {f["name"]: f["branch"] for f in store.features("brick_factories")} == {
        "Талғар": "almaty",
        "Сатты": "jetisu",
    }
