"""Seats and check-in notes (issue 21, parts 2 and 4): the seat as people write it, the roster's
座号 and 备注 columns (a seat twice refused, nothing imported), the hall plan and the assignment
by delegation blocks, the desk's answer carrying the seat and the notes, and verify after every
kind of change. Database tests on SQLite and PostgreSQL."""

import pytest
from sqlalchemy import text

from models import audit
from models.attendance import check_in, check_out
from models.errors import Refusal
from models.io.roster_file import read_roster_file
from models.roster import import_roster, roster_people
from models.seats.assigning import (
    assign_seats,
    hall_plan,
    seat_list,
    set_hall_plan,
    set_person_seat,
)
from models.seats.labels import SeatError, parse_seat
from models.seats.notes import congress_notes, set_person_note
from models.seats.plan import Seated, assign_blocks, make_plan
from models.verify import verify_database
from models.voting import set_setting
from tui.i18n import refusal_text


def write(tmp_path, content: str, name: str = "roster.csv"):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def seats_of(db) -> dict[str, str | None]:
    _plan, people = seat_list(db)
    return {person.code: person.seat for person in people}


# --- a seat as people write it --------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "label"),
    [
        ("3排12座", "3排12座"),
        ("第3排第12座", "3排12座"),
        ("3排12号", "3排12座"),
        ("3-12", "3排12座"),
        ("3，12", "3排12座"),
        ("3,12", "3排12座"),
        ("3 12", "3排12座"),
        ("３排１２座", "3排12座"),
        ("3/12", "3排12座"),
        ("R3S12", "3排12座"),
        ("主席台1", "主席台1"),
        ("主席台 15", "主席台15"),
        ("主席团2", "主席台2"),
    ],
)
def test_each_accepted_seat_form(written, label):
    assert parse_seat(written).label == label


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("", "seats.err.empty"),
        ("312", "seats.err.bad"),  # 3排12座 or 31排2座?
        ("3排", "seats.err.bad"),
        ("主席台", "seats.err.bad"),
        ("3-12-4", "seats.err.bad"),
        ("后排", "seats.err.bad"),
        ("0-1", "seats.err.out_of_range"),
        ("1000-1", "seats.err.out_of_range"),
        ("主席台0", "seats.err.out_of_range"),
    ],
)
def test_each_refused_seat_form(written, key):
    with pytest.raises(SeatError) as caught:
        parse_seat(written)
    assert caught.value.key == key


def test_the_presidium_sorts_before_the_hall():
    seats = sorted(parse_seat(s) for s in ("2-1", "主席台2", "1-10", "1-2", "主席台1"))
    assert [s.label for s in seats] == ["主席台1", "主席台2", "1排2座", "1排10座", "2排1座"]


# --- the roster's columns ---------------------------------------------------------------------


def test_the_roster_reads_seats_and_notes(tmp_path):
    rows = read_roster_file(
        write(tmp_path, "编号,姓名,座号,备注\nA1,张三,3-12,请到主席台就座\nA2,李四,,\n")
    )
    assert [(r.seat, r.note) for r in rows] == [("3排12座", "请到主席台就座"), (None, None)]


def test_a_seat_given_twice_in_the_roster_is_refused_line_by_line(tmp_path):
    path = write(
        tmp_path, "编号,姓名,座号\nA1,张三,3排12座\nA2,李四,3-12\nA3,王五,后排\nA4,赵六,主席台1\n"
    )
    with pytest.raises(Refusal) as caught:
        read_roster_file(path)
    lines = [refusal_text(detail) for detail in caught.value.details]
    assert lines == [
        "第3行: 座位“3排12座”与第2行重复",
        "第4行: 座号“后排”无法识别（可写 3排12座、3-12、3，12 或 主席台1）",
    ]


def test_a_roster_with_a_seat_twice_imports_nobody(congress_db, tmp_path):
    path = write(tmp_path, "编号,姓名,座号\nA1,张三,1-1\nA2,李四,1排1座\n")
    with pytest.raises(Refusal):
        import_roster(congress_db, path)
    assert roster_people(congress_db) == []
    assert audit.events(congress_db, "roster.import") == []


def test_roster_seats_and_notes_are_stored_logged_and_verified(congress_db, tmp_path):
    import_roster(
        congress_db,
        write(tmp_path, "编号,姓名,座号,提示\nA1,张三,主席台1,请到主席台就座\nA2,李四,,\n"),
    )
    assert seats_of(congress_db) == {"A1": "主席台1", "A2": None}
    added = audit.events(congress_db, "roster.import")[0]["payload"]["people"]["added"]
    assert added[0]["seat"] == "主席台1" and added[0]["note"] == "请到主席台就座"
    assert "seat" not in added[1] and "note" not in added[1]
    assert verify_database(congress_db).ok


def test_a_seat_changed_by_hand_in_sql_is_named_by_verify(congress_db, tmp_path):
    import_roster(congress_db, write(tmp_path, "编号,姓名,座号\nA1,张三,1-1\n"))
    with congress_db.write() as conn:
        conn.execute(text("UPDATE person SET seat = '9排9座' WHERE code = 'A1'"))
    assert not verify_database(congress_db).ok


# --- the plan and the assignment ---------------------------------------------------------------


def people(*spec):
    """("A1", "一团", True) … in roster order."""
    return [Seated(code, delegation, voting) for code, delegation, voting in spec]


def test_blocks_are_contiguous_by_delegation_voting_delegates_first():
    plan = make_plan(2, 4)
    placed = assign_blocks(
        plan,
        people(
            ("A1", "一团", True),
            ("B1", "二团", True),
            ("A9", "一团", False),  # 列席: behind the delegates
            ("A2", "一团", True),
            ("B2", "二团", True),
            ("C1", "三团", True),
        ),
    )
    order = [code for code, _seat in sorted(placed.items(), key=lambda pair: pair[1])]
    assert order == ["A1", "A2", "B1", "B2", "C1", "A9"]
    assert placed["A1"].label == "1排1座" and placed["C1"].label == "2排1座"


def test_roster_seats_are_kept_and_skipped():
    plan = make_plan(1, 4)
    crowd = [
        Seated("A1", "一团", True),
        Seated("A2", "一团", True, fixed=parse_seat("1-2")),
        Seated("A3", "一团", True),
    ]
    placed = assign_blocks(plan, crowd)
    assert {code: seat.label for code, seat in placed.items()} == {"A1": "1排1座", "A3": "1排3座"}


def roster(tmp_path, lines: list[str]) -> str:
    return write(tmp_path, "编号,姓名,代表团,类别,座号\n" + "\n".join(lines) + "\n")


def test_assign_by_delegation_keeps_roster_seats_and_verify_passes(congress_db, tmp_path):
    import_roster(
        congress_db,
        roster(
            tmp_path,
            [
                "A1,甲一,一团,,",
                "B1,乙一,二团,,",
                "A2,甲二,一团,,1-1",
                "A3,甲三,一团,列席代表,",
                "S1,工一,,工作人员,",
                "P1,主一,,,主席台1",
            ],
        ),
    )
    set_hall_plan(congress_db, 2, 3, aisles=(1,), presidium=2)
    report = assign_seats(congress_db)
    assert (report.assigned, report.kept) == (3, 2)
    assert seats_of(congress_db) == {
        "P1": "主席台1",
        "A2": "1排1座",  # the roster's seat
        "A1": "1排2座",
        "B1": "1排3座",
        "A3": "2排1座",
    }  # staff (S1) are not seated, nor listed
    assert verify_database(congress_db).ok
    # a larger plan, assigned again: the assigned seats move, the roster's stay
    set_hall_plan(congress_db, 1, 5)
    assign_seats(congress_db)
    assert seats_of(congress_db)["A3"] == "1排4座"
    assert seats_of(congress_db)["A2"] == "1排1座"
    assert verify_database(congress_db).ok


def test_a_plan_with_fewer_seats_than_people_is_refused(congress_db, tmp_path):
    import_roster(
        congress_db, roster(tmp_path, ["A1,甲一,一团,,", "A2,甲二,一团,,", "A3,甲三,一团,,"])
    )
    set_hall_plan(congress_db, 1, 2)
    with pytest.raises(Refusal) as caught:
        assign_seats(congress_db)
    assert refusal_text(caught.value) == "会场共 2 个座位，需要安排 3 人"
    assert seats_of(congress_db) == {"A1": None, "A2": None, "A3": None}
    assert audit.events(congress_db, "seats.assign") == []


def test_no_plan_and_bad_plans_are_refused(congress_db):
    with pytest.raises(Refusal) as caught:
        assign_seats(congress_db)
    assert caught.value.key == "seats.no_plan"
    for rows, seats, aisles in ((0, 10, ()), (5, 0, ()), (5, 10, (10,))):
        with pytest.raises(Refusal):
            set_hall_plan(congress_db, rows, seats, aisles=aisles)
    assert hall_plan(congress_db) is None


def test_a_seat_set_by_hand_is_fixed_and_a_taken_seat_refused(congress_db, tmp_path):
    import_roster(congress_db, roster(tmp_path, ["A1,甲一,一团,,", "A2,甲二,一团,,"]))
    set_person_seat(congress_db, "A2", "1-1")
    with pytest.raises(Refusal) as caught:
        set_person_seat(congress_db, "A1", "1排1座")
    assert caught.value.key == "seats.taken"
    set_hall_plan(congress_db, 1, 3)
    assign_seats(congress_db)
    assert seats_of(congress_db) == {"A2": "1排1座", "A1": "1排2座"}
    assert verify_database(congress_db).ok


def test_a_reimport_giving_an_assigned_seat_clears_the_other(congress_db, tmp_path):
    import_roster(congress_db, roster(tmp_path, ["A1,甲一,一团,,", "A2,甲二,一团,,"]))
    set_hall_plan(congress_db, 1, 3)
    assign_seats(congress_db)
    assert seats_of(congress_db) == {"A1": "1排1座", "A2": "1排2座"}
    # a file with only A2, now given A1's assigned seat; a file without a seat column keeps seats
    import_roster(congress_db, roster(tmp_path, ["A2,甲二,一团,,1-1"]))
    assert seats_of(congress_db) == {"A2": "1排1座", "A1": None}
    import_roster(congress_db, write(tmp_path, "编号,姓名,代表团\nA2,甲二,一团\n"))
    assert seats_of(congress_db)["A2"] == "1排1座"
    assert verify_database(congress_db).ok


# --- at the desk -------------------------------------------------------------------------------


def test_a_checkin_carries_the_seat_and_the_notes(congress_db, tmp_path):
    import_roster(
        congress_db,
        write(
            tmp_path,
            "编号,姓名,类别,座号,备注\nA1,张三,,3-12,请领取选票\nG1,李四,列席代表,,\nA2,王五,,,\n",
        ),
    )
    set_setting(congress_db, "note.列席代表", "请领取列席证")
    assert congress_notes(congress_db) == {"attendee": "请领取列席证"}
    first = check_in(congress_db, "A1")
    assert (first.seat, first.notes) == ("3排12座", ("请领取选票",))
    assert first.as_json()["seat"] == "3排12座" and first.as_json()["note"] == "请领取选票"
    guest = check_in(congress_db, "G1")
    assert (guest.seat, guest.note) == (None, "请领取列席证")
    plain = check_in(congress_db, "A2").as_json()
    assert plain["seat"] is None and plain["note"] is None
    assert check_out(congress_db, "A1").as_json()["seat"] is None  # an exit needs no seat
    assert verify_database(congress_db).ok


def test_a_note_set_at_the_desk_is_logged_and_hostile_text_kept_as_text(congress_db, tmp_path):
    import_roster(congress_db, write(tmp_path, "编号,姓名\nA1,张三\n"))
    hostile = '[/b]=HYPERLINK("http://x","y")'
    set_person_note(congress_db, "A1", hostile)
    assert check_in(congress_db, "A1").notes == (hostile,)
    assert audit.events(congress_db, "person.note")[0]["payload"]["people"]["changed"] == [
        {"code": "A1", "note": [None, hostile]}
    ]
    assert verify_database(congress_db).ok
    set_person_note(congress_db, "A1", "  ")
    assert verify_database(congress_db).ok
    with pytest.raises(Refusal):
        set_person_note(congress_db, "A1", "长" * 201)
    with pytest.raises(Refusal):
        set_person_note(congress_db, "NOBODY", "x")


def test_a_category_note_for_no_category_is_refused(congress_db):
    with pytest.raises(Refusal) as caught:
        set_setting(congress_db, "note.观众", "x")
    assert caught.value.key == "notes.bad_category"


def test_a_seat_the_file_gives_is_taken_from_whoever_was_assigned_it(congress_db, tmp_path):
    """In the same file, A gets the seat B was assigned (B's cell blank): B's seat is freed."""
    import_roster(congress_db, roster(tmp_path, ["A1,甲一,一团,,", "A2,甲二,一团,,"]))
    set_hall_plan(congress_db, 1, 3)
    assign_seats(congress_db)
    import_roster(congress_db, roster(tmp_path, ["A1,甲一,一团,,", "A2,甲二,一团,,1-1"]))
    assert seats_of(congress_db) == {"A2": "1排1座", "A1": None}
    assign_seats(congress_db)
    assert seats_of(congress_db) == {"A2": "1排1座", "A1": "1排2座"}
    assert verify_database(congress_db).ok


def test_someone_no_longer_seated_gives_up_their_assigned_seat(congress_db, tmp_path):
    import_roster(congress_db, roster(tmp_path, ["A1,甲一,一团,,", "A2,甲二,一团,,"]))
    set_hall_plan(congress_db, 1, 2)
    assign_seats(congress_db)
    import_roster(
        congress_db,
        roster(tmp_path, ["A1,甲一,一团,工作人员,", "A2,甲二,一团,,", "A3,甲三,一团,,"]),
    )
    assign_seats(congress_db)
    _plan, people = seat_list(congress_db)
    seats = [p.seat for p in people if p.seat]
    assert len(seats) == len(set(seats)) == 2
    assert {p.code for p in people if p.seat} == {"A2", "A3"}
    assert verify_database(congress_db).ok
