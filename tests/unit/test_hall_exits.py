"""Leaving the hall and coming back (issue 21, RULES §1 在场): an exit desk moves a delegate out,
a scan at an entry desk brings them back, the figures say how many are in the hall, and a vote
whose roll counts the hall freezes those in it. Every move is logged and replayed by verify."""

import pytest
from sqlalchemy import select, update

from models import audit
from models.attendance import T_CHECKIN, T_FAILED, T_MOVE, attendance, check_in, check_out
from models.errors import Refusal
from models.motions import new_motion
from models.verify import verify_database
from models.voting import issue, set_setting
from tests.helpers import badge, row_count, seat_voters
from tui.texts import announcement, quorum_line, scan_detail, scan_headline


@pytest.fixture
def hall(congress_db):
    """9 voting delegates, 7 checked in (quorum: 3*7 >= 2*9)."""
    seat_voters(congress_db, 9, present=7)
    return congress_db


def test_an_exit_scan_moves_a_delegate_out_and_an_entry_scan_brings_them_back(hall):
    text = badge(hall, "V0001")
    assert attendance(hall).figures.in_hall is None  # nobody has left: not shown
    out = check_out(hall, text, station="东门出口")
    assert (out.status, out.code, out.station) == ("exited", "V0001", "东门出口")
    assert scan_headline(out) == "↩ 已离场"
    figures = attendance(hall).figures
    assert (figures.present, figures.in_hall, figures.in_hall_now) == (7, 6, 6)
    assert "实到代表7名（现在会场内6名）" in announcement(figures)
    assert quorum_line(figures).endswith(" · 在场 6")
    back = check_in(hall, text, station="东门入口")
    assert (back.status, back.station) == ("reentered", "东门入口")
    assert scan_headline(back) == "✔ 重新入场"
    assert attendance(hall).figures.in_hall == 7
    again = check_in(hall, text, station="东门入口")  # a re-entry without an exit
    assert again.status == "already"
    moves = [(m.kind, m.station) for m in _moves(hall)]
    assert moves == [("exit", "东门出口"), ("entry", "东门入口")]
    logged = [e["kind"] for e in reversed(audit.events(hall, "checkin."))]
    assert logged == ["checkin.exit", "checkin.reentry"]


def test_an_exit_of_someone_not_inside_is_told_and_changes_nothing(hall):
    from models.attendance import record_leave

    record_leave(hall, "V0009", reason="出差")
    cases = {
        "V0008": ("never_entered", "✖ 未签到入场"),
        "V0009": ("on_leave", "✖ 已请假，未入场"),
    }
    failed_before = row_count(hall, T_FAILED)
    for code, (reason, words) in cases.items():
        result = check_out(hall, badge(hall, code), station="出口")
        assert (result.status, result.reason) == ("not_in_hall", reason)
        assert scan_headline(result) == words
    assert check_out(hall, badge(hall, "V0001"), station="北门出口").status == "exited"
    twice = check_out(hall, badge(hall, "V0001"), station="南门出口")
    assert (twice.status, twice.reason, twice.station) == ("not_in_hall", "already_out", "北门出口")
    assert scan_headline(twice) == "⚠ 已离场"
    assert scan_detail(twice).startswith("选民1 已于 ") and scan_detail(twice).endswith(
        "在 北门出口 离场"
    )
    assert row_count(hall, T_FAILED) == failed_before + 3
    assert attendance(hall).figures.in_hall == 6 and len(_moves(hall)) == 1
    forged = check_out(hall, badge(hall, "V0002")[:-2] + "AA", station="出口")
    assert forged.status == "invalid"
    assert attendance(hall).figures.in_hall == 6


def test_the_roll_counts_the_hall_when_the_setting_says_so(hall):
    check_out(hall, badge(hall, "V0001"), station="出口")
    new_motion(hall, "关于职工福利的决议")
    new_motion(hall, "关于食堂的决议")
    issue(hall, 1, 7)  # the default counts everyone checked in: 7 may vote
    set_setting(hall, "roll.presence", "hall")
    with pytest.raises(Refusal, match=r"^voting.issued_exceeds_in_hall "):
        issue(hall, 2, 7)
    item = issue(hall, 2, 6)  # 6 in the hall: exactly on the line
    assert (item.roll.present, item.roll.presence) == (6, "hall")
    (roll,) = [e["payload"] for e in audit.events(hall, "vote.roll") if e["payload"]["item"] == 2]
    assert roll["presence"] == "hall" and roll["present"] == 6
    report = verify_database(hall)
    assert report.ok, [c for c in report.checks if c.ok is False]


def test_the_hall_quorum_is_checked_on_those_in_the_hall(hall):
    set_setting(hall, "roll.presence", "hall")
    for code in ("V0001", "V0002"):  # 5 of 9 in the hall: 3*5 < 2*9
        check_out(hall, badge(hall, code), station="出口")
    new_motion(hall, "关于职工福利的决议")
    with pytest.raises(Refusal, match=r"^voting.no_quorum_hall "):
        issue(hall, 1, 5)
    check_in(hall, badge(hall, "V0001"), station="入口")  # 6: 3*6 == 2*9, on the line
    assert issue(hall, 1, 6).roll.present == 6


def test_verify_replays_the_moves_and_finds_one_the_log_does_not_hold(hall):
    check_out(hall, badge(hall, "V0001"), station="出口")
    check_out(hall, badge(hall, "V0002"), station="出口")
    check_in(hall, badge(hall, "V0002"), station="入口")
    report = verify_database(hall)
    assert report.ok, [c for c in report.checks if c.ok is False]
    with hall.write() as conn:  # someone puts V0003 out of the hall behind the log's back
        person = conn.execute(select(T_CHECKIN.c.id).order_by(T_CHECKIN.c.id).limit(3)).all()[2]
        conn.execute(update(T_CHECKIN).where(T_CHECKIN.c.id == person.id).values(in_hall=False))
    failed = [c for c in verify_database(hall).checks if c.ok is False]
    assert [(c.problem_params["fact"], c.problem_params["key"]) for c in failed] == [
        ("out_of_hall", "1 / V0003")
    ]


def _moves(db):
    with db.read() as conn:
        return conn.execute(select(T_MOVE).order_by(T_MOVE.c.id)).all()
