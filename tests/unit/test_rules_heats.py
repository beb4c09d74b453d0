"""RULES §7: heats → final, the first k of each heat by place, then the best results across the
heats; a tie on the line is never cut silently."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.errors import Refusal
from models.rules.heats import qualify


def heat(*rows):
    return [(side, None if r is None else D(r)) for side, r in rows]


HEATS = [
    heat(("a1", "12.1"), ("a2", "12.5"), ("a3", "12.9"), ("a4", "13.4")),
    heat(("b1", "11.9"), ("b2", "12.3"), ("b3", "12.4"), ("b4", None)),
    heat(("c1", "12.0"), ("c2", "13.0"), ("c3", "12.6"), ("c4", "14.0")),
]


def test_first_two_of_each_heat_then_the_fastest_times():
    q = qualify(HEATS, 2, 8, lower_better=True)
    assert q.finalists == ("a1", "a2", "b1", "b2", "c1", "c3", "b3", "a3")
    assert q.tied_out == () and q.open_places == 0


def test_higher_is_better_for_distances():
    heats = [heat(("a", "5.10"), ("b", "4.90")), heat(("c", "4.80"), ("d", "5.00"))]
    assert qualify(heats, 1, 3, lower_better=False).finalists == ("a", "d", "b")


def test_no_result_never_qualifies():
    heats = [heat(("a", "10"), ("b", None)), heat(("c", None), ("d", None))]
    q = qualify(heats, 1, 4, lower_better=True)
    assert q.finalists == ("a",) and q.open_places == 3


def test_a_tie_on_the_line_with_room_for_all_goes_in_together():
    heats = [heat(("a", "10"), ("b", "11"), ("c", "11")), heat(("d", "10"), ("e", "12"))]
    q = qualify(heats, 1, 4, lower_better=True)
    assert q.finalists == ("a", "d", "b", "c") and q.tied_out == ()


def test_a_tie_on_the_line_without_room_stays_out_and_is_flagged():
    heats = [heat(("a", "10"), ("b", "11"), ("c", "11")), heat(("d", "10"), ("e", "12"))]
    q = qualify(heats, 1, 3, lower_better=True)
    assert q.finalists == ("a", "d") and q.tied_out == ("b", "c") and q.open_places == 1


def test_a_tie_for_the_last_place_by_place_in_a_heat():
    heats = [heat(("a", "10"), ("b", "11"), ("c", "11")), heat(("d", "10"), ("e", "12"))]
    # k = 2: b and c share 2nd in heat 1, three by place there; with room for all they go in
    assert qualify(heats, 2, 5, lower_better=True).finalists == ("a", "b", "c", "d", "e")
    # a final of 4 holds a, d, e by place; b and c tie for the one place left: both flagged
    q = qualify(heats, 2, 4, lower_better=True)
    assert q.finalists == ("a", "d", "e") and q.tied_out == ("b", "c") and q.open_places == 1


def test_k_zero_is_qualifying_by_result_only():
    assert qualify(HEATS, 0, 3, lower_better=True).finalists == ("b1", "c1", "a1")


@pytest.mark.parametrize(
    ("k", "size", "key"),
    [
        (-1, 4, "match.bad_qualify_k"),
        (1, 0, "match.bad_final_size"),
        (2, 5, "match.too_many_by_place"),
    ],
)
def test_settings_that_cannot_work_are_refused(k, size, key):
    with pytest.raises(Refusal) as caught:
        qualify(HEATS, k, size, lower_better=True)
    assert caught.value.key == key


def test_a_side_in_two_heats_is_refused():
    with pytest.raises(Refusal) as caught:
        qualify([heat(("a", "1")), heat(("a", "2"))], 1, 2, lower_better=True)
    assert caught.value.key == "match.duplicate_side"


@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(1, 6)), min_size=1, max_size=6),
        min_size=1,
        max_size=4,
    ),
    st.integers(0, 2),
    st.integers(1, 12),
    st.booleans(),
)
def test_the_final_never_overflows_and_no_tie_is_cut_silently(rows, k, size, lower):
    heats = [
        [(f"{h}-{i}", None if r is None else D(r)) for i, r in enumerate(row)]
        for h, row in enumerate(rows)
    ]
    if k * len(heats) > size:
        return
    q = qualify(heats, k, size, lower_better=lower)
    result = {s: r for h in heats for s, r in h}
    assert len(q.finalists) + q.open_places == size and q.open_places >= 0
    assert len(set(q.finalists)) == len(q.finalists)
    assert all(result[s] is not None for s in q.finalists + q.tied_out)
    assert not set(q.finalists) & set(q.tied_out)
    if q.tied_out:  # too many for the places left, and none left out without its equal: one
        # tie on the results' line, or a tie for a place in each of several heats ([[1, 1], [2, 2]]
        # with k = 1 and a final of 2: both heats' winners are two equal sides)
        assert len(q.tied_out) > q.open_places
        assert all(any(o != s and result[o] == result[s] for o in q.tied_out) for s in q.tied_out)
    elif q.open_places:  # the final has room: everyone with a result is in
        assert all(s in q.finalists for s, r in result.items() if r is not None)
