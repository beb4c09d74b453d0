"""Every screen and dialog the desk can show, and how to bring each to the top.

The whole-app tests (badge scans routed from anywhere, Esc Esc back to the scan field) run once
per entry of ``SCREENS``. A new screen or dialog is covered by adding an entry here: a name, the
keys or pushes that open it starting from the check-in screen of the demo congress (items 1, 2
and 5 are motions, 3 and 6 elections, 4 an appraisal; contest 1 a speech contest; proposals
1-14), the class expected on top, and what a badge scanned there must do:

- ``checkin``: the check-in screen is under it — the person is checked in, the dialog stays;
- ``person``: the focused field asks for a person — the scan names that person;
- ``elsewhere``: nothing changes and the desk says so.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from tests.helpers import settle

CHECKIN, PERSON, ELSEWHERE = "checkin", "person", "elsewhere"


@dataclass(frozen=True)
class Entry:
    name: str
    open: Callable[[object], Awaitable[None]]
    top: str  # the class name on top once opened
    route: str = CHECKIN
    # Esc Esc stops at this screen instead of going home: it holds typing that Esc would lose
    # and asks first (the clerk answers; nothing is thrown away unasked).
    stops_at: str | None = None

    def __str__(self) -> str:
        return self.name


def keys(*pressed: str):
    async def opener(pilot) -> None:
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return opener


def push(factory, *then: str):
    """Push ``factory(app)`` over whatever is on top, then press ``then``."""

    async def opener(pilot) -> None:
        pilot.app.push_screen(factory(pilot.app))
        await settle(pilot)
        await keys(*then)(pilot)

    return opener


def chain(*openers):
    async def opener(pilot) -> None:
        for step in openers:
            await step(pilot)

    return opener


def checked_in_here(*then: str):
    """This desk checks the last absent delegate in first (F4 undoes this desk's last)."""

    async def opener(pilot) -> None:
        from models.attendance import check_in, search_people

        app = pilot.app
        people = [p for p in search_people(app.db, "D", limit=400) if not p.checked_in_at]
        check_in(app.db, people[-1].code, station=app.station)
        await settle(pilot)
        await keys(*then)(pilot)

    return opener


def typed_into(selector: str, text: str, *then: str):
    """Type ``text`` into the top screen's field ``selector``, then press ``then``."""

    async def opener(pilot) -> None:
        field = pilot.app.screen.query_one(selector)
        field.focus()
        field.value = text
        await settle(pilot)
        await keys(*then)(pilot)

    return opener


def new_sitting(*then: str):
    """A new, empty sitting (it becomes current), then ``then`` from the check-in screen."""

    async def opener(pilot) -> None:
        from models.congress import create_sitting

        create_sitting(pilot.app.db, "临时场次")
        await settle(pilot)
        await keys(*then)(pilot)

    return opener


def disagreeing_election(*then: str):
    """Quorum (the last absent delegates checked in), then a double-entry election whose two
    entries differ on ballot 2, its screen open; then ``then``."""

    async def opener(pilot) -> None:
        from models.attendance import check_in, search_people
        from models.elections import new_election, record_ballot
        from models.rules.election import Ballot
        from models.voting import issue
        from screens.election import ElectionScreen

        db = pilot.app.db
        absent = [p for p in search_people(db, "D", limit=400) if not p.checked_in_at]
        for person in absent[-60:]:
            check_in(db, person.code, station="2号签到台")
        number = new_election(
            db, "补选", seats=2, candidates="甲,乙,丙", order="given", double_entry=True
        ).number
        issue(db, number, 4)
        for entry, second in ((1, "oo-"), (2, "o-o")):
            for marks in ("oo-", second, "-oo", "oo-"):
                record_ballot(db, number, Ballot(0, marks), entry=entry)
        pilot.app.push_screen(ElectionScreen(number))
        await settle(pilot)
        await keys(*then)(pilot)

    return opener


def _motion(number: int):
    def make(_app):
        from screens.motion import MotionScreen

        return MotionScreen(number)

    return make


def _election(number: int):
    def make(_app):
        from screens.election import ElectionScreen

        return ElectionScreen(number)

    return make


def _appraisal(_app):
    from screens.appraisal import AppraisalScreen

    return AppraisalScreen(4)


def _scoring(_app):
    from screens.scoring import ScoringScreen

    return ScoringScreen(1)


def _proposal(number: int):
    def make(_app):
        from screens.proposal_detail import ProposalDetailScreen

        return ProposalDetailScreen(number)

    return make


def _proposal_form(_app):
    from screens.proposal_form import ProposalForm

    return ProposalForm()


def _reason(_app):
    from screens.reason_prompt import ReasonPrompt

    return ReasonPrompt("原因", "请填写原因：", "必须填写原因。")


SCREENS = [
    Entry("check-in", keys(), "CheckinScreen"),
    Entry("manual check-in search (F2)", keys("f2"), "PersonSearch", PERSON),
    Entry("leave search (F3)", keys("f3"), "PersonSearch", PERSON),
    Entry("leave reason (F3, pick)", keys("f3", "d", "enter"), "ReasonPrompt"),
    Entry("undo reason (F4)", checked_in_here("f4"), "ReasonPrompt"),
    Entry("roster import (F5)", keys("f5"), "RosterImport"),
    Entry("badges (F6)", keys("f6"), "BadgesExport"),
    Entry("badge rotation question (F6 F2)", keys("f6", "f2"), "ConfirmDialog"),
    Entry("sittings (F7)", keys("f7"), "Sittings"),
    Entry("minutes package (F7 F2)", keys("f7", "f2"), "MinutesExportScreen"),
    Entry(
        "new sitting question (F7, a name)",
        chain(keys("f7"), typed_into("#new", "第二次全体会议", "enter")),
        "ConfirmDialog",
    ),
    Entry("switch sitting question (F7, pick)", keys("f7", "up", "enter"), "ConfirmDialog"),
    Entry("rename sitting (F7 F3)", keys("f7", "f3"), "NamePrompt"),
    Entry("rename sitting, reason (F7 F3, a name)", keys("f7", "f3", "x", "enter"), "ReasonPrompt"),
    Entry("remove sitting, reason (F7 F4)", new_sitting("f7", "f4"), "ReasonPrompt"),
    Entry(
        "remove sitting, question (F7 F4, a reason)",
        new_sitting("f7", "f4", "x", "enter"),
        "ConfirmDialog",
    ),
    Entry("voting items (F8)", keys("f8"), "ItemsScreen", ELSEWHERE),
    Entry("new motion (F8 n)", keys("f8", "n"), "NewMotionDialog", ELSEWHERE),
    Entry("new election (F8 e)", keys("f8", "e"), "NewElectionDialog", ELSEWHERE),
    Entry("new appraisal (F8 a)", keys("f8", "a"), "NewAppraisalDialog", ELSEWHERE),
    Entry("motion, counted totals", push(_motion(5)), "MotionScreen", ELSEWHERE),
    Entry("motion, ballots issued (F6)", push(_motion(5), "f6"), "IssueDialog", ELSEWHERE),
    Entry("motion, hands by delegation (F4)", push(_motion(1), "f4"), "DelegationHands", ELSEWHERE),
    Entry("motion, a reason", chain(push(_motion(5)), push(_reason)), "ReasonPrompt", ELSEWHERE),
    Entry("election", push(_election(6)), "ElectionScreen", ELSEWHERE),
    Entry("election, ballots issued (F3)", push(_election(6), "f3"), "IssueDialog", ELSEWHERE),
    Entry("election, closed count", push(_election(3)), "ElectionScreen", ELSEWHERE),
    Entry("election, differences (F8)", disagreeing_election("f8"), "DifferencesScreen", ELSEWHERE),
    Entry(
        "election, re-key a ballot (F8 2)",
        disagreeing_election("f8", "2"),
        "RekeyDialog",
        ELSEWHERE,
    ),
    Entry("appraisal", push(_appraisal), "AppraisalScreen", ELSEWHERE),
    Entry("contests (F9)", keys("f9"), "ContestsScreen", ELSEWHERE),
    Entry("new contest (F9 n)", keys("f9", "n"), "NewContestDialog", ELSEWHERE),
    Entry("new entrant (F9 a)", keys("f9", "a"), "NewEntrantDialog", ELSEWHERE),
    Entry("scoring", push(_scoring), "ScoringScreen", ELSEWHERE),
    Entry("scoring, jump (F2)", push(_scoring, "f2"), "JumpPrompt", ELSEWHERE),
    Entry("scoring, calculation (F3)", push(_scoring, "f3"), "ScoreCalc", ELSEWHERE),
    Entry("scoring, new entrant (F5)", push(_scoring, "f5"), "NewEntrantDialog", ELSEWHERE),
    Entry("proposals (F10)", keys("f10"), "ProposalsScreen", ELSEWHERE),
    Entry("proposal statistics (F10 F3)", keys("f10", "f3"), "ProposalStatsScreen", ELSEWHERE),
    Entry("proposal form, title", push(_proposal_form), "ProposalForm", ELSEWHERE),
    Entry(
        "proposal form, proposer field", push(_proposal_form, "tab", "tab"), "ProposalForm", PERSON
    ),
    Entry("proposal form, find proposer (F3)", push(_proposal_form, "f3"), "PersonSearch", PERSON),
    Entry(
        "proposal form, discard question",
        push(_proposal_form, "x", "escape"),
        "YesNo",
        ELSEWHERE,
        stops_at="ProposalForm",
    ),
    Entry("proposal detail", push(_proposal(12)), "ProposalDetailScreen", ELSEWHERE),
    Entry("proposal, accept step (F2)", push(_proposal(12), "f2"), "AcceptStep", ELSEWHERE),
    Entry("proposal, suggestion step (F3)", push(_proposal(12), "f3"), "SuggestStep", ELSEWHERE),
    Entry("proposal, reject reason (F4)", push(_proposal(12), "f4"), "ReasonPrompt", ELSEWHERE),
    Entry("proposal, merge step (F5)", push(_proposal(12), "f5"), "MergeStep", ELSEWHERE),
    Entry("proposal, assign step (F7)", push(_proposal(10), "f7"), "AssignStep", ELSEWHERE),
    Entry("proposal, answer step (F8)", push(_proposal(6), "f8"), "AnswerStep", ELSEWHERE),
    Entry("proposal, rating step (F9)", push(_proposal(11), "f9"), "RateStep", ELSEWHERE),
]
