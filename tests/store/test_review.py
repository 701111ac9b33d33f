"""Branch review without Qt: the text of review marks, who may review, and the review lists."""

from __future__ import annotations

import datetime as dt

import pytest
import shapely

from baytak_desktop.store import Store
from baytak_desktop.store.review import (
    changed_by_others,
    last_mark,
    may_review,
    returned_to,
    review_edit,
    review_values,
    with_mark,
)

POINT = shapely.Point(76.9, 43.2)
TODAY = dt.date(2026, 5, 4)


@pytest.fixture
def store(tmp_path):
    with Store.create(tmp_path / "review.gpkg") as store:
        yield store


def test_a_mark_is_a_line_of_its_own_and_the_last_one_counts():
    notes = with_mark("Seen from the road.", "rejected", "dana", "the photo shows a different pit", TODAY)
    assert notes == "Seen from the road.\n[rejected by dana on 2026-05-04] the photo shows a different pit"
    assert last_mark(notes) == ("rejected", "dana", "the photo shows a different pit")
    again = with_mark(notes, "verified", "aigerim", today=TODAY)
    assert again.endswith("\n[verified by aigerim on 2026-05-04]")
    assert last_mark(again) == ("verified", "aigerim", "")
    assert last_mark(None) == last_mark("no marks here") == (None, None, "")
    assert with_mark(None, "verified", "dana", today=TODAY) == "[verified by dana on 2026-05-04]"


def test_only_coordinators_and_admins_review():
    assert [may_review(role) for role in ("viewer", "reporter", "editor", "coordinator", "admin", None)] == [
        False,
        False,
        False,
        True,
        True,
        False,
    ]


def test_verifying_sets_the_status_where_the_layer_has_verified():
    assert review_values("tree_plantings", None, "verified", "dana")["status"] == "verified"
    assert "status" not in review_values("quarries", None, "verified", "dana")  # no such status there
    assert "status" not in review_values("tree_plantings", None, "rejected", "dana", "dead seedlings")


def test_a_review_edit_appends_to_the_notes_as_stored(store):
    uuid = store.insert(
        "brick_factories", {"name": "Narynkol", "status": "closed", "notes": "Closed in 2019."}, POINT
    ).uuid
    values = review_edit(store, "brick_factories", uuid, "rejected", "dana", "wrong village")
    assert values["notes"].startswith("Closed in 2019.\n[rejected by dana on ")
    assert values["notes"].endswith("] wrong village")


def test_the_review_lists_follow_branch_author_and_date(store):
    mine = {"branch": "almaty_region", "species": "elm", "tree_count": 5, "status": "planted"}
    theirs = store.insert("tree_plantings", mine, POINT, user="aigerim").uuid
    store.insert("tree_plantings", mine, POINT, user="dana")  # the reviewer's own: not listed
    store.insert("tree_plantings", {**mine, "branch": "atyrau"}, POINT, user="aigerim")  # another branch
    listed = changed_by_others(store, "dana", "almaty_region", TODAY - dt.timedelta(days=3650))
    assert [(r.uuid, r.changed_by, r.state) for r in listed] == [(theirs, "aigerim", None)]
    assert changed_by_others(store, "dana", "almaty_region", dt.date(2999, 1, 1)) == []
    assert len(changed_by_others(store, "dana", None, TODAY - dt.timedelta(days=3650))) == 2  # an admin: all

    store.update("tree_plantings", theirs, review_edit(store, "tree_plantings", theirs, "rejected", "dana", "no"))
    (returned,) = returned_to(store, "aigerim")
    assert (returned.uuid, returned.state, returned.reviewer, returned.reason) == (theirs, "rejected", "dana", "no")
    store.update("tree_plantings", theirs, review_edit(store, "tree_plantings", theirs, "verified", "dana"))
    assert returned_to(store, "aigerim") == []  # the latest mark is what counts
