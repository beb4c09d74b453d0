"""Every screen and modal the desk app can show, each with the keys that bring it to the top.

``SCREENS`` is a list of ``(name, opener)``: ``opener(pilot)`` is an async function that starts
from the check-in screen of a freshly built app (``make_app`` on a database filled by
:func:`build_congress`, station :data:`DESK`) and presses the keys a clerk would press until that
screen or modal is on top, waiting for the workers (``settle``) between steps. Tests parametrise
over it (tests/functional/test_no_markup.py renders each with hostile names), so a new screen is
covered by adding one entry here:

1. write ``async def open_<name>(pilot)``: start from a parent's opener when there is one (``await
   open_items(pilot)``), then press the screen's own key, then ``await settle(pilot)``;
2. if it shows something the database must hold (an item, a contest, a proposal in some status),
   add that to :func:`build_congress`, its user-typed texts taken from ``words``;
3. append ``("<name>", open_<name>)`` to ``SCREENS``.

Only what the TUI reaches with keys is here (the projector is a separate app: tests/functional
/test_no_markup.py builds it on the same database).
"""

import os
from decimal import Decimal
from itertools import cycle
from pathlib import Path

from models import contests, proposals, scores
from models.appraisals import new_appraisal, record_sheets
from models.attendance import check_in, record_leave
from models.congress import create_congress, create_sitting
from models.elections import new_election, record_ballot
from models.motions import new_motion, record_count
from models.proposals import Draft
from models.rules.election import Ballot
from models.rules.motion import MotionCount
from models.rules.scoring import Stage
from models.voting import issue
from tests.helpers import add_people, settle

# What a desk once found typed into names: Rich/Textual markup, a live action link, a trailing
# backslash (it escapes whatever markup follows), a spreadsheet formula.
HOSTILE = (
    "[/b]",
    "[bold]红[/bold]",
    "[link=x]点我",
    "张三\\",
    '=HYPERLINK("x")',
    "[@click=app.quit]快跑[/]",
)
HOSTILE_PEOPLE = 6  # H000…H005, named from ``words``; the openers type these codes
ABSENT = ("A001", "A002", "A003", "A004", "A005")  # never checked in: badges to scan
DESK = "签到台[/b]"  # the app's --station; the check-ins of build_congress are made here
OTHER_DESK = "[link=x]二号台"


def build_congress(db, words=HOSTILE) -> None:
    """A congress in which every text a user types is taken from ``words`` (cycled): people,
    delegations, desks, the congress and sitting, a motion (1), an election (2) and an appraisal
    (3) with counts, a contest with named judges, two events, entrants with units, groups, teams
    and marks, and proposals in every status a step dialog needs (001 submitted, 002 accepted,
    003 assigned, 004 answered) with categories, a prefix, a department and a reply."""
    word = cycle(words).__next__
    create_congress(db, "职代会" + word(), kind="职代会", term=3, session=2)
    create_sitting(db, "第一次全体会议" + word())
    delegations = [word() for _ in range(2)]
    people = [(f"N{i:03d}", f"代表{i}", delegations[i % 2], "delegate") for i in range(6)]
    named = [words[i % len(words)] for i in range(HOSTILE_PEOPLE)]
    people += [(f"H{i:03d}", name, delegations[i % 2], "delegate") for i, name in enumerate(named)]
    add_people(db, people)
    codes = [code for code, *_ in people]
    # the last two are hostile: one on leave, one absent (F3 picks them); the last check-in
    # at this desk is a hostile name too (F4 offers to undo it)
    for code in codes[:-2]:
        check_in(db, code, station=OTHER_DESK if code == codes[0] else DESK, operator=word())
    record_leave(db, codes[-2], reason=word(), station=DESK)
    _voting(db, word)
    _contest(db, word)
    _matches(db, word)
    _proposals(db, word, codes[-HOSTILE_PEOPLE:])
    _disagreeing_election(db, word)
    # Absent delegates whose badges the scan tests check in (after every roll was frozen).
    add_people(db, [(code, word(), delegations[0], "delegate") for code in ABSENT])
    # ... with phones typed as hostilely as the rest (F12's phone column shows them)
    from sqlalchemy import update

    from models.congress import T_PERSON

    with db.write() as conn:
        conn.execute(update(T_PERSON).where(T_PERSON.c.code.in_(ABSENT)).values(phone=word()))


def _voting(db, word) -> None:
    new_motion(db, "议案" + word())
    record_count(db, 1, MotionCount(yes=5, no=1, abstain=0), method="hands", station=DESK)
    candidates = [word() for _ in range(3)]
    new_election(
        db,
        "选举" + word(),
        seats=1,
        candidates=candidates,
        scrutineers=[word()],
        counters=[word()],
        order="given",
    )
    issue(db, 2, 4, station=DESK)
    for _ in range(3):
        record_ballot(db, 2, Ballot(0, "o--", (word(),)), station=DESK)
    new_appraisal(db, "测评" + word(), subjects=[(word(), "职务" + word()), (word(), None)])
    issue(db, 3, 4, station=DESK)
    record_sheets(db, 3, returned=4, invalid=0, station=DESK)


def _disagreeing_election(db, word) -> None:
    """Item 4: a double-entry election whose two clerks differ on ballot 2 (F8 lists it)."""
    new_election(
        db, "补选" + word(), seats=2, candidates=[word() for _ in range(3)], order="given",
        double_entry=True,
    )  # fmt: skip
    issue(db, 4, 4, station=DESK)
    for entry, second in ((1, "oo-"), (2, "o-o")):
        for marks in ("oo-", second, "-oo", "oo-"):
            record_ballot(db, 4, Ballot(0, marks), entry=entry, station=DESK)


def _contest(db, word) -> None:
    contests.new_contest(
        db,
        "比赛" + word(),
        judges=3,
        trim=0,
        awards=f"一等奖{word()}:1,二等奖{word()}:1",
        judge_names=[word() for _ in range(3)],
    )
    events = ["项目" + word(), "项目" + word()]
    stages = [Stage(name="阶段" + word(), weight=Decimal(100)) for _ in events]
    for name, stage in zip(events, stages, strict=True):
        contests.set_event(db, 1, name, stages=(stage,))
    for i in range(3):
        contests.add_entrant(
            db,
            1,
            word(),
            unit="单位" + word(),
            group="组" + word(),
            event=events[i % 2],
            team="队" + word(),
            members=[word()],
        )
    for judge, mark in enumerate(("91", "92.5", "93"), 1):
        scores.record_mark(db, 1, 1, judge, mark, stage=stages[0].name)


def _matches(db, word) -> None:
    """Contest 2: a knockout of four drawn with one result in (match 1), a round robin not yet
    drawn, and a meet counting both."""
    import random

    from models import matches
    from models.contests.match_format import MatchFormat

    contests.new_contest(db, "对抗" + word(), judges=1, trim=0)
    knockout, groups = "项目" + word(), "项目" + word() + "循环"
    contests.set_event(db, 2, knockout, matches=MatchFormat("knockout", best_of=1))
    contests.set_event(db, 2, groups, matches=MatchFormat("roundrobin", best_of=1))
    for i in range(6):
        event = knockout if i < 4 else groups
        contests.add_entrant(db, 2, word() + str(i), unit="单位" + word(), event=event)
    matches.draw(db, 2, knockout, rng=random.Random(0))
    matches.record_result(db, 2, 1, games="3:1")
    meet = matches.new_meet(db, "运动会" + word())
    matches.add_to_meet(db, meet.number, 2)


def _proposals(db, word, codes) -> None:
    """``codes``: at least five people, proposers and seconders in turn."""
    categories = [word() for _ in range(3)]
    proposals.set_proposal_settings(db, categories=categories, prefix="案" + word())
    for number in range(1, 5):
        at = (number - 1) % (len(codes) - 2)
        draft = Draft(
            "提案" + word(),
            categories[number % 3],
            (codes[at],),
            (codes[at + 1], codes[at + 2]),
            reason=word(),
            suggestion=word(),
        )
        proposals.submit_proposal(db, draft, operator=word(), station=DESK)
    for number in (2, 3, 4):
        proposals.accept_proposal(db, number, note=word())
    for number in (3, 4):
        proposals.assign_proposal(db, number, department="部门" + word(), due="2099-12-31")
    proposals.answer_proposal(db, 4, reply=word())


# --------------------------------------------------------------------------- openers


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def open_checkin(pilot) -> None:
    await settle(pilot)


async def open_keys(pilot) -> None:
    """F1: every key of the check-in screen (tui/keys_dialog.py)."""
    await press(pilot, "f1")


async def open_absentees(pilot) -> None:
    await press(pilot, "f12")


async def open_person_search(pilot) -> None:
    """F2, then a few letters of the codes the hostile names have."""
    await press(pilot, "f2")
    await pilot.press(*"H00")
    await settle(pilot)


async def open_leave_reason(pilot) -> None:
    """F3, then the last person of the roster (absent, not on leave) picked by code."""
    await press(pilot, "f3")
    await pilot.press(*"H005")
    await press(pilot, "enter")


async def open_note_search(pilot) -> None:
    await press(pilot, "ctrl+n")


async def open_note(pilot) -> None:
    """Ctrl+N, then a person with a hostile name picked by code: the note dialog."""
    await press(pilot, "ctrl+n")
    await pilot.press(*"H005")
    await press(pilot, "enter")


async def open_leave_search(pilot) -> None:
    await press(pilot, "f3")


async def open_undo(pilot) -> None:
    await press(pilot, "f4")


async def open_leave_cancel_question(pilot) -> None:
    """F3 on the person on leave (H004): the question whether to cancel the leave."""
    await press(pilot, "f3")
    await pilot.press(*"H004")
    await press(pilot, "enter")


async def open_leave_cancel_reason(pilot) -> None:
    await open_leave_cancel_question(pilot)
    await press(pilot, "enter")


async def open_undo_any_search(pilot) -> None:
    await press(pilot, "shift+f4")


async def open_undo_any_question(pilot) -> None:
    """Shift+F4 on H003 (checked in at this desk): the question naming time and desk."""
    await press(pilot, "shift+f4")
    await pilot.press(*"H003")
    await press(pilot, "enter")


async def open_undo_any_reason(pilot) -> None:
    await open_undo_any_question(pilot)
    await press(pilot, "enter")


def import_folder(words=HOSTILE):
    """The pickers' folder (HUIWU_IMPORT_DIR, tests/conftest.py) with files named as a desk once
    found them, and an empty roster file that every import refuses without changing anything."""
    folder = Path(os.environ["HUIWU_IMPORT_DIR"])
    names = [word for word in words if "/" not in word]  # a slash cannot be in a file name
    (folder / f"{names[0]}文件夹").mkdir(exist_ok=True)
    for name in names:
        (folder / f"{name}.xlsx").write_bytes(b"")
    (folder / "空名单.csv").write_bytes(b"")
    return folder


async def open_picker(pilot, *keys: str) -> None:
    import_folder()
    await press(pilot, *keys)


async def pick_empty_file(pilot, *keys: str) -> None:
    """Open the picker with ``keys``, filter to the empty file and pick it."""
    await open_picker(pilot, *keys)
    pilot.app.screen.query_one("#fp-filter").value = "空名单"
    await settle(pilot)
    await press(pilot, "enter")


async def open_roster_picker(pilot) -> None:
    await open_picker(pilot, "f5")


async def open_roster_import(pilot) -> None:
    await pick_empty_file(pilot, "f5")


def _roster_file(name: str, rows: list[list[str]]) -> None:
    """A CSV roster in the pickers' folder, written with the csv module (hostile text quoted)."""
    import csv

    with (import_folder() / f"{name}.csv").open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)


async def _pick_roster(pilot, name: str) -> None:
    await open_picker(pilot, "f5")
    pilot.app.screen.query_one("#fp-filter").value = name
    await settle(pilot)
    await press(pilot, "enter")


async def open_roster_import_preview(pilot) -> None:
    """A re-import's preview: a hostile name changed, a new person, an ignored column (all from
    the congress's own words), and the people the file leaves out; nothing written yet."""
    from models.roster import roster_people

    first, second, *_ = roster_people(pilot.app.db)
    header = ["编号", "姓名", "代表团", first.name]  # a column named as hostilely as a person
    rows = [[first.code, second.name, first.delegation or "", "x"]]
    rows.append(["NEW1", first.name, second.name, ""])
    _roster_file("预览名单", [header, *rows])
    await _pick_roster(pilot, "预览名单")


async def open_roster_import_same_name(pilot) -> None:
    """A new code for a hostile name already on the roster: refused naming both codes (A allows)."""
    from models.roster import roster_people

    person = roster_people(pilot.app.db)[0]
    _roster_file(
        "同名名单",
        [["编号", "姓名", "代表团"], ["X" + person.code, person.name, person.delegation or ""]],
    )
    await _pick_roster(pilot, "同名名单")


async def open_badges(pilot) -> None:
    await press(pilot, "f6")


async def open_badge_rotation(pilot) -> None:
    await press(pilot, "f6", "f2")


async def open_sittings(pilot) -> None:
    await press(pilot, "f7")


async def open_minutes(pilot) -> None:
    await press(pilot, "f7", "f2")


async def open_new_sitting_question(pilot) -> None:
    await press(pilot, "f7")
    field = pilot.app.screen.query_one("#new")
    field.focus()
    field.value = "第二次全体会议" + HOSTILE[0]
    await press(pilot, "enter")


async def open_sitting_rename(pilot) -> None:
    await press(pilot, "f7", "f3")


async def open_sitting_rename_reason(pilot) -> None:
    await press(pilot, "f7", "f3", "x", "enter")


async def _empty_sitting(pilot) -> None:
    """Only a sitting nobody has checked in to can be removed: a new one (it becomes current)."""
    create_sitting(pilot.app.db, "临时场次")
    await settle(pilot)


async def open_sitting_remove_reason(pilot) -> None:
    await _empty_sitting(pilot)
    await press(pilot, "f7", "f4")


async def open_sitting_remove_question(pilot) -> None:
    await _empty_sitting(pilot)
    await press(pilot, "f7", "f4", "x", "enter")


async def open_sitting_switch_question(pilot) -> None:
    await _empty_sitting(pilot)
    await press(pilot, "f7", "up", "enter")


async def open_items(pilot) -> None:
    await press(pilot, "f8")


async def open_new_motion(pilot) -> None:
    await press(pilot, "f8", "n")


async def open_new_election(pilot) -> None:
    await press(pilot, "f8", "e")


async def open_new_appraisal(pilot) -> None:
    await press(pilot, "f8", "a")


async def open_motion(pilot) -> None:
    await press(pilot, "f8", "enter")


async def open_delegation_hands(pilot) -> None:
    await open_motion(pilot)
    await press(pilot, "f4")


async def open_election(pilot) -> None:
    await press(pilot, "f8", "down", "enter")


async def open_paper_scan(pilot) -> None:
    await open_election(pilot)
    await press(pilot, "f12")


async def open_paper_review(pilot) -> None:
    await open_paper_scan(pilot)
    await press(pilot, "f6")


async def open_election_result(pilot) -> None:
    await open_election(pilot)
    await press(pilot, "f5")


async def open_issue_ballots(pilot) -> None:
    await open_election(pilot)
    await press(pilot, "f3")


async def open_election_undo(pilot) -> None:
    await open_election(pilot)
    await press(pilot, "f4")


async def open_election_close(pilot) -> None:
    await open_election(pilot)
    await press(pilot, "f7")


async def open_differences(pilot) -> None:
    await press(pilot, "f8", "down", "down", "down", "enter", "f8")


async def open_rekey(pilot) -> None:
    await open_differences(pilot)
    await press(pilot, "2")


async def open_ballots_picker(pilot) -> None:
    await open_election(pilot)
    await open_picker(pilot, "f10")


async def open_ballots_replace_question(pilot) -> None:
    """F10 on the election whose first entry holds ballots: asked before the file replaces them."""
    await open_election(pilot)
    await pick_empty_file(pilot, "f10")


async def open_appraisal(pilot) -> None:
    await press(pilot, "f8", "down", "down", "enter")


async def open_contests(pilot) -> None:
    await press(pilot, "f9")


async def open_new_contest(pilot) -> None:
    await press(pilot, "f9", "n")


async def open_new_entrant(pilot) -> None:
    await press(pilot, "f9", "a")


async def open_new_event(pilot) -> None:
    await press(pilot, "f9", "e")


async def open_new_match_event(pilot) -> None:
    """E on the contest of match events, the kind 对阵 chosen (its 赛制's fields shown)."""
    await press(pilot, "f9", "down", "e")
    pilot.app.screen.query_one("#ev-kind").value = "matches"
    await settle(pilot)


async def open_new_seeded_entrant(pilot) -> None:
    """A on the contest of match events: the entrant dialog with its 种子 field."""
    await press(pilot, "f9", "down", "a")


async def open_tie_breakers(pilot) -> None:
    await press(pilot, "f9", "t")


async def open_scoring(pilot) -> None:
    await press(pilot, "f9", "enter")


async def open_matches(pilot) -> None:
    await press(pilot, "f9", "down", "enter")


async def open_match_correction(pilot) -> None:
    """Match 1 has its result: up to it, a score typed again asks for the reason."""
    await open_matches(pilot)
    await press(pilot, "up", "5", ":", "1", "enter")


async def open_match_draw_question(pilot) -> None:
    await open_matches(pilot)
    await press(pilot, "f6", "f2")


async def open_scores_picker(pilot) -> None:
    await open_scoring(pilot)
    await open_picker(pilot, "f10")


async def open_jump(pilot) -> None:
    await open_scoring(pilot)
    await press(pilot, "f2")


async def open_calculation(pilot) -> None:
    await open_scoring(pilot)
    await press(pilot, "f3")


async def open_mark_correction(pilot) -> None:
    await open_scoring(pilot)
    await press(pilot, "f4")


async def open_publish_question(pilot) -> None:
    await open_scoring(pilot)
    await press(pilot, "f7")


async def open_contest_reopen(pilot) -> None:
    from models.contest_publish import publish_contest

    publish_contest(pilot.app.db, 1)
    await open_scoring(pilot)
    await press(pilot, "f7")


async def open_proposals(pilot) -> None:
    await press(pilot, "f10")


async def open_proposals_picker(pilot) -> None:
    await open_picker(pilot, "f10", "f10")


async def open_proposal_form(pilot) -> None:
    await press(pilot, "f10", "f2")


async def open_form_proposer_field(pilot) -> None:
    await open_proposal_form(pilot)
    await press(pilot, "tab", "tab")


async def open_form_find_proposer(pilot) -> None:
    await open_proposal_form(pilot)
    await press(pilot, "f3")


async def open_discard_question(pilot) -> None:
    await open_proposal_form(pilot)
    await pilot.press(*"x")
    await press(pilot, "escape")


async def open_proposal_stats(pilot) -> None:
    await press(pilot, "f10", "f3")


async def open_proposal(pilot, number: int = 1) -> None:
    await press(pilot, "f10", *(["down"] * (number - 1)), "enter")


def step(number: int, *keys: str):
    async def opener(pilot) -> None:
        await open_proposal(pilot, number)
        await press(pilot, *keys)

    return opener


async def open_merge_question(pilot) -> None:
    await open_proposal(pilot, 1)
    await press(pilot, "f5")
    await pilot.press("2")
    await press(pilot, "ctrl+s")


async def open_reject_confirm(pilot) -> None:
    await open_proposal(pilot, 1)
    await press(pilot, "f4")
    await pilot.press(*"x")
    await press(pilot, "enter")


async def open_assign_past_question(pilot) -> None:
    """交办 with a due date already passed: the dialog asks before it records it."""
    await open_proposal(pilot, 2)
    await press(pilot, "f7")
    pilot.app.screen.query_one("#pp-department").value = "部门"
    pilot.app.screen.query_one("#pp-due").value = "2000-01-01"
    await press(pilot, "ctrl+s")


# the congress settings (Ctrl+S, issue 17): lines in the order name, kind, 届, 次, date, venue …


async def open_congress_settings(pilot) -> None:
    await press(pilot, "ctrl+s")


async def open_settings_value_choice(pilot) -> None:
    """The kind's list of choices (no user text: kinds are the catalog's words)."""
    await press(pilot, "ctrl+s", "down", "enter")


async def open_settings_value_text(pilot) -> None:
    """The congress's name in the field, as typed (hostile)."""
    await press(pilot, "ctrl+s", "enter")


async def open_settings_confirm(pilot) -> None:
    """Old → new for the name: the hostile name with a letter added."""
    await open_settings_value_text(pilot)
    await press(pilot, "end", "x", "enter")


SCREENS = [
    ("checkin", open_checkin),
    ("person_search", open_person_search),
    ("leave_reason", open_leave_reason),
    ("leave_search", open_leave_search),
    ("note_search", open_note_search),
    ("note", open_note),
    ("undo_reason", open_undo),
    ("leave_cancel_question", open_leave_cancel_question),
    ("leave_cancel_reason", open_leave_cancel_reason),
    ("undo_any_search", open_undo_any_search),
    ("undo_any_question", open_undo_any_question),
    ("undo_any_reason", open_undo_any_reason),
    ("file_picker_roster", open_roster_picker),
    ("roster_import", open_roster_import),
    ("roster_import_preview", open_roster_import_preview),
    ("roster_import_same_name", open_roster_import_same_name),
    ("badges", open_badges),
    ("badge_rotation_confirm", open_badge_rotation),
    ("sittings", open_sittings),
    ("minutes_export", open_minutes),
    ("sitting_new_question", open_new_sitting_question),
    ("sitting_switch_question", open_sitting_switch_question),
    ("sitting_rename", open_sitting_rename),
    ("sitting_rename_reason", open_sitting_rename_reason),
    ("sitting_remove_reason", open_sitting_remove_reason),
    ("sitting_remove_question", open_sitting_remove_question),
    ("items", open_items),
    ("new_motion", open_new_motion),
    ("new_election", open_new_election),
    ("new_appraisal", open_new_appraisal),
    ("motion", open_motion),
    ("delegation_hands", open_delegation_hands),
    ("election", open_election),
    ("paper_scan", open_paper_scan),
    ("paper_review", open_paper_review),
    ("election_result", open_election_result),
    ("issue_ballots", open_issue_ballots),
    ("election_undo_reason", open_election_undo),
    ("election_close_confirm", open_election_close),
    ("election_differences", open_differences),
    ("election_rekey", open_rekey),
    ("file_picker_ballots", open_ballots_picker),
    ("ballots_replace_question", open_ballots_replace_question),
    ("appraisal", open_appraisal),
    ("contests", open_contests),
    ("new_contest", open_new_contest),
    ("new_entrant", open_new_entrant),
    ("new_event", open_new_event),
    ("new_event_matches", open_new_match_event),
    ("new_entrant_seed", open_new_seeded_entrant),
    ("tie_breakers", open_tie_breakers),
    ("scoring", open_scoring),
    ("file_picker_scores", open_scores_picker),
    ("jump_prompt", open_jump),
    ("score_calculation", open_calculation),
    ("mark_correction", open_mark_correction),
    ("contest_publish_question", open_publish_question),
    ("contest_reopen_reason", open_contest_reopen),
    ("matches", open_matches),
    ("match_correction_reason", open_match_correction),
    ("match_draw_question", open_match_draw_question),
    ("proposals", open_proposals),
    ("file_picker_proposals", open_proposals_picker),
    ("proposal_form", open_proposal_form),
    ("proposal_form_proposer_field", open_form_proposer_field),
    ("proposal_form_find_proposer", open_form_find_proposer),
    ("proposal_discard_question", open_discard_question),
    ("proposal_stats", open_proposal_stats),
    ("proposal_detail", open_proposal),
    ("proposal_accept", step(1, "f2")),
    ("proposal_suggest", step(1, "f3")),
    ("proposal_reject_reason", step(1, "f4")),
    ("proposal_reject_confirm", open_reject_confirm),
    ("proposal_merge", step(1, "f5")),
    ("proposal_merge_question", open_merge_question),
    ("proposal_reopen_reason", step(2, "f6")),
    ("proposal_assign", step(2, "f7")),
    ("proposal_assign_past_question", open_assign_past_question),
    ("proposal_answer", step(3, "f8")),
    ("proposal_rate", step(4, "f9")),
    ("absentees", open_absentees),
    ("congress_settings", open_congress_settings),
    ("settings_value_choice", open_settings_value_choice),
    ("settings_value_text", open_settings_value_text),
    ("settings_confirm", open_settings_confirm),
    ("keys", open_keys),
]
