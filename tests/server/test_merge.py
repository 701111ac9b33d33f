"""The merge rules as plain functions, without HTTP or a database."""

from __future__ import annotations

import json

from baytak_desktop.server.merge import (
    WHOLE_FEATURE,
    Action,
    FieldChange,
    FieldConflict,
    ServerFeature,
    decide,
    merge_fields,
    same,
)
from baytak_desktop.sync.protocol import Op, Outcome

SERVER = ServerFeature(rev=7, fields={"name": "Abat", "status": "illegal", "operator": None, "notes": ""})


def test_same_distinguishes_null_empty_and_types() -> None:
    assert same(None, None) and same("", "") and same(5, 5.0)
    assert not same(None, "") and not same("", None) and not same("5", 5) and not same("a", "A")


def test_field_equal_to_base_takes_the_new_value() -> None:
    apply, conflicts = merge_fields(SERVER.fields, {"name": FieldChange("Abat", "Abat quarry")})
    assert apply == {"name": "Abat quarry"} and conflicts == []


def test_field_already_at_the_new_value_needs_nothing() -> None:
    assert merge_fields(SERVER.fields, {"status": FieldChange("active", "illegal")}) == ({}, [])


def test_field_changed_elsewhere_is_a_conflict_keeping_both_values() -> None:
    apply, conflicts = merge_fields(SERVER.fields, {"status": FieldChange("active", "closed")})
    assert apply == {} and conflicts == [FieldConflict("status", "active", "illegal", "closed")]


def test_null_and_empty_text_are_different_values() -> None:
    _, conflicts = merge_fields(SERVER.fields, {"notes": FieldChange(None, "x")})
    assert conflicts == [FieldConflict("notes", None, "", "x")]
    apply, _ = merge_fields(SERVER.fields, {"operator": FieldChange(None, "")})
    assert apply == {"operator": ""}


def test_different_fields_merge_and_the_outcome_says_merged() -> None:
    decision = decide(Op.update, SERVER, {"operator": FieldChange(None, "TOO Qum")}, base_rev=5)
    assert decision.action is Action.update and decision.outcome is Outcome.merged
    assert decision.apply == {"operator": "TOO Qum"}
    assert decide(Op.update, SERVER, {"operator": FieldChange(None, "X")}, base_rev=7).outcome is Outcome.applied


def test_partial_conflict_applies_the_rest() -> None:
    decision = decide(
        Op.update, SERVER, {"name": FieldChange("Abat", "B"), "status": FieldChange("active", "closed")}, base_rev=3
    )
    assert decision.action is Action.update and decision.outcome is Outcome.conflict
    assert decision.apply == {"name": "B"} and [c.field for c in decision.conflicts] == ["status"]


def test_insert_of_a_new_uuid_creates_and_of_a_known_one_merges_from_an_empty_base() -> None:
    created = decide(Op.insert, None, {"name": FieldChange(None, "A")})
    assert created.action is Action.create and created.apply == {"name": "A"}
    same_again = decide(Op.insert, SERVER, {"name": FieldChange(None, "Abat"), "status": FieldChange(None, "illegal")})
    assert same_again.outcome is Outcome.unchanged
    other = decide(Op.insert, SERVER, {"name": FieldChange(None, "Other")})
    assert other.outcome is Outcome.conflict and other.conflicts[0] == FieldConflict("name", None, "Abat", "Other")


def test_update_of_a_deleted_feature_is_a_whole_feature_conflict() -> None:
    gone = ServerFeature(rev=9, fields=SERVER.fields, deleted=True)
    decision = decide(Op.update, gone, {"name": FieldChange("Abat", "B")}, base_rev=7)
    assert decision.action is Action.nothing and decision.outcome is Outcome.conflict
    (conflict,) = decision.conflicts
    assert conflict.field == WHOLE_FEATURE and conflict.theirs is None
    assert json.loads(conflict.mine) == {"name": "B"} and json.loads(conflict.base) == {"name": "Abat"}


def test_delete_against_delete_and_delete_of_unknown_change_nothing() -> None:
    gone = ServerFeature(rev=9, fields={}, deleted=True)
    assert decide(Op.delete, gone, {}, base_rev=7).outcome is Outcome.unchanged
    assert decide(Op.delete, None, {}).outcome is Outcome.unchanged


def test_delete_of_an_unchanged_feature_deletes() -> None:
    decision = decide(
        Op.delete, SERVER, {"name": FieldChange("Abat", None), "status": FieldChange("illegal", None)}, base_rev=7
    )
    assert decision.action is Action.delete and decision.outcome is Outcome.applied


def test_delete_of_a_feature_changed_since_keeps_it_in_a_conflict() -> None:
    decision = decide(
        Op.delete, SERVER, {"name": FieldChange("Abat", None), "status": FieldChange("active", None)}, base_rev=5
    )
    assert decision.action is Action.nothing and decision.outcome is Outcome.conflict
    (conflict,) = decision.conflicts
    assert conflict.field == WHOLE_FEATURE and conflict.mine is None
    assert json.loads(conflict.theirs)["status"] == "illegal"


def test_delete_without_base_values_falls_back_to_the_revision() -> None:
    assert decide(Op.delete, SERVER, {}, base_rev=7).action is Action.delete
    assert decide(Op.delete, SERVER, {}, base_rev=6).outcome is Outcome.conflict


def test_update_of_an_unknown_feature_is_refused() -> None:
    assert decide(Op.update, None, {"name": FieldChange("a", "b")}).action is Action.missing
