"""Edits of an RFM map, as the map editor makes them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from segdesk.core.errors import InputError
from segdesk.core.rfm.map_edit import (
    CUSTOM_KEY,
    add_segment,
    coverage,
    describe_code,
    map_problems,
    move_segment,
    patterns_text,
    preview_grid,
    remove_segment,
    rename_segment,
    set_patterns,
    split_patterns,
    start_from,
    usable_part,
    validated,
)
from segdesk.core.rfm.maps import RF10, RFM11, check_map, map_from_json, map_to_json


@pytest.mark.parametrize(("text", "patterns"), [
    ("5[4-5]", ("5[4-5]",)),
    ("5[4-5], [1-2][3-4] 41", ("5[4-5]", "[1-2][3-4]", "41")),
    ("  51;52 ,,53\n", ("51", "52", "53")),
    ("[1 - 2]5", ("[1-2]5",)),
    ("[1, 2]5 5[4-", ("[12]5", "5[4-")),
    ("", ()),
])
def test_split_patterns(text, patterns):
    assert split_patterns(text) == patterns


_TOKEN = st.sampled_from(["1", "2", "5", "[1-2]", "[345]", "[3-4]"])


@given(st.lists(st.tuples(_TOKEN, _TOKEN).map("".join), max_size=8))
def test_patterns_round_trip_through_text(patterns):
    assert split_patterns(patterns_text(tuple(patterns))) == tuple(patterns)


def test_start_from_builtin_and_unknown():
    assert start_from("rfm11") is RFM11
    with pytest.raises(InputError) as e:
        start_from("nope")
    assert e.value.key == "rfm_unknown_map"


def test_editing_a_builtin_map_makes_a_custom_one():
    edited = rename_segment(RF10, 0, "en", "Stars")
    assert edited.key == CUSTOM_KEY and edited.kind == "rf"
    assert edited.segments[0].name("en") == "Stars" and edited.segments[0].key == "champions"
    assert edited.segments[0].name("ru") == "Чемпионы"
    assert RF10.segments[0].name("en") == "Champions"  # the built-in map is untouched
    assert map_from_json(map_to_json(edited)) == edited


def test_an_empty_russian_name_falls_back_to_english():
    edited = rename_segment(RF10, 1, "ru", "  ")
    assert "ru" not in edited.segments[1].names
    assert edited.segments[1].name("ru") == "Loyal"


def test_add_segment_gets_a_fresh_key_and_names():
    m = add_segment(RF10, ("11",))
    new = m.segments[-1]
    assert new.key == "segment_11" and new.names == {"en": "New segment 11", "ru": "Новый сегмент 11"}
    assert new.patterns == ("11",)
    again = add_segment(remove_segment(m, 0))
    assert len({s.key for s in again.segments}) == len(again.segments)


def test_remove_segment_leaves_cells_unassigned():
    m = remove_segment(RF10, 0)  # champions: 54, 55
    assert [s.key for s in m.segments][0] == "loyal"
    assert coverage(m).unassigned == ("54", "55")


def test_move_segment_changes_who_wins_a_conflict():
    m = set_patterns(RF10, 1, "[3-4][4-5] 55")  # loyal now also claims 55, after champions
    assert check_map(m).conflicts == {"55": ("champions", "loyal")}
    moved = move_segment(m, 1, 0)
    assert [s.key for s in moved.segments[:2]] == ["loyal", "champions"]
    assert check_map(moved).conflicts == {"55": ("loyal", "champions")}
    assert preview_grid(moved)[4].keys == ("loyal", "champions")  # R5 F5 is the top-right cell


def test_bad_patterns_are_kept_reported_and_left_out_of_the_preview():
    m = set_patterns(RF10, 0, "5[4-5 55 6")
    assert m.segments[0].patterns == ("5[4-5", "55", "6")
    problems = map_problems(m)
    assert [(p.segment, p.pattern) for p in problems] == [(0, "5[4-5"), (0, "6")]
    assert all(p.error.key == "rfm_bad_pattern" for p in problems)
    with pytest.raises(InputError):
        validated(m)
    assert usable_part(m).segments[0].patterns == ("55",)
    assert coverage(m).unassigned == ("54",)


def test_a_segment_needs_an_english_name():
    m = rename_segment(RF10, 2, "en", " ")
    [problem] = map_problems(m)
    assert problem.segment == 2 and problem.pattern is None and problem.error.key == "rfm_segment_no_name"
    assert "3" in str(problem.error)


def test_valid_edits_validate():
    assert validated(RF10) is RF10
    assert validated(set_patterns(RF10, 0, "5[4-5]")).segments == RF10.segments


def test_preview_grid_of_an_rf_and_an_rfm_map():
    grid = preview_grid(RF10)
    assert len(grid) == 25
    assert (grid[0].r, grid[0].f, grid[0].keys) == (5, 1, ("new",))
    assert (grid[-1].r, grid[-1].f, grid[-1].keys) == (1, 5, ("cant_lose",))
    rfm = preview_grid(RFM11, m_score=1)
    assert {c.keys for c in rfm if c.r == 1 and c.f == 1} == {("lost",)}
    assert all(len(c.keys) == 1 for c in preview_grid(RFM11, 5))


def test_unreachable_segment_at_three_bins():
    # "new" moved to R4 F2 and first in the list (so it wins the cell): 3 bins never produce R4 (only 1, 3, 5)
    m = move_segment(set_patterns(RF10, 3, "42"), 3, 0)
    assert "new" in coverage(m, bins=3).unreachable
    assert "new" not in coverage(m, bins=5).unreachable


def test_index_errors():
    with pytest.raises(IndexError):
        remove_segment(RF10, 10)
    with pytest.raises(IndexError):
        move_segment(RF10, 0, -1)


def test_describe_code():
    assert describe_code("12") == "R1 F2"
    assert describe_code("125") == "R1 F2 M5"
