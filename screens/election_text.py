"""The election screen's words: the item, the ballot, the count's status and the result sheet on
screen."""

from rich.text import Text

from models.elections import BallotReceipt, ElectionOutcome, ballots_of
from models.rules.election import SHORTFALL_REDUCE, Ballot, ElectionResult, ElectionSettings
from models.voting import ELECTION, ItemInfo, load_item
from tui.ballot_widgets import SHOWN
from tui.i18n import t
from tui.result_text import elected_across_lines, replaces_lines

POLL_SECONDS = 5.0
COLUMNS = ("name", "yes", "no", "abstain", "bar", "mark")
WITH_UNREADABLE = ("name", "yes", "no", "abstain", "unreadable", "bar", "mark")
MAX_NUMBERS = 20  # ballot numbers listed before "…"


def load_election(db, number: int) -> ItemInfo:
    with db.read() as conn:
        return load_item(conn, number, ELECTION)


def last_ballot(db, number: int, entry: int) -> Ballot | None:
    """The highest-numbered ballot of one entry (what Ctrl+Z takes back)."""
    with db.read() as conn:
        item = load_item(conn, number, ELECTION)
        ballots = ballots_of(conn, item.id, entry)
    return ballots[-1] if ballots else None


def ballot_settings(item: ItemInfo) -> ElectionSettings:
    """What the ballot row needs to mark a ballot 废票 as it is keyed (the tally decides)."""
    return ElectionSettings(
        seats=int(item.settings.get("seats", 1)),
        unreadable=item.settings.get("unreadable", "ignore"),
    )


def numbers_text(numbers) -> str:
    numbers = list(numbers)
    shown = t("el.number_sep").join(str(n) for n in numbers[:MAX_NUMBERS])
    return shown + ("…" if len(numbers) > MAX_NUMBERS else "")


def marks_text(ballot: Ballot) -> str:
    text = "".join(SHOWN[m] for m in ballot.marks)
    if ballot.write_ins:
        text += " + " + "、".join(ballot.write_ins)
    return text


def void_reason(receipt: BallotReceipt, seats: int) -> str:
    return t("el.void_over") if receipt.chosen > seats else t("el.void_unreadable")


def figure_cell(value: int | None) -> str:
    return "—" if value is None else str(value)


def counting_line(outcome: ElectionOutcome) -> str:
    """「计票中（已录 x/发出 y）」 while the first entry's count is not complete."""
    keyed, issued = outcome.entries.get(1, 0), outcome.item.issued
    if issued is None:
        return t("el.result.counting_no_issue", keyed=keyed)
    return t("el.result.counting", keyed=keyed, issued=issued)


def status_line(outcome: ElectionOutcome) -> tuple[str, str]:
    """(text, state): final (ok), 计票中 or 待核对 (warn) with the disagreeing ballot numbers."""
    first, second = outcome.entries.get(1, 0), outcome.entries.get(2, 0)
    if outcome.final:
        agree = t("el.result.second_agrees", second=second) if second else ""
        text = t("el.result.final", first=first, second=agree)
        return "\n".join([text, *replaces_lines(outcome.item)]), "ok"
    if not first:
        return t("el.result.pending_first"), "warn"
    if outcome.differences:
        numbers = numbers_text(d.number for d in outcome.differences)
        return t("el.result.differs", numbers=numbers), "warn"
    if not outcome.complete:
        return counting_line(outcome), "warn"
    return t("el.result.pending_second", first=first, second=second), "warn"


def result_text(outcome: ElectionOutcome) -> Text:
    """The result panel: validity, the elected big and clear, runoff, vacancies, the rule."""
    result: ElectionResult = outcome.result
    item = outcome.item
    text = Text()
    text.append(t("el.result.title", title=item.title) + "\n\n", style="bold")
    provisional = bool(outcome.differences)  # never a green 选举有效 / 当选 until they agree
    if provisional:
        text.append("⚠ " + t("settle.headline") + "\n", style="bold reverse yellow")
        text.append(t("settle.provisional") + "\n", style="yellow")
    if result.valid and provisional:
        text.append(t("settle.provisional_verdict", verdict=t("cliv.election.valid")) + "\n")
    elif result.valid:
        text.append(t("el.result.valid") + "\n", style="bold green")
    else:
        reason = t(f"election.void.{result.void_reason}")
        text.append(t("el.result.void", reason=reason) + "\n", style="bold red")
    status, state = status_line(outcome)
    text.append(status + "\n", style="bold green" if state == "ok" else "bold yellow")
    if outcome.complete and result.issued is not None and result.returned < result.issued:
        short = t("el.result.closed_short", returned=result.returned, issued=result.issued)
        text.append(short + "\n", style="yellow")
    text.append("\n")
    if result.valid:
        by_name = {c.name: c for c in result.candidates}
        if result.elected:
            heading = t("el.result.elected")
            if provisional:
                heading = t("settle.provisional_verdict", verdict=heading)
            text.append(heading + "\n", style="bold")
            for rank, name in enumerate(result.elected, 1):
                line = t("el.result.elected_line", rank=rank, name=name, yes=by_name[name].yes)
                text.append(line + "\n", style="yellow" if provisional else "bold reverse green")
        else:
            text.append(t("el.result.none_elected") + "\n", style="bold")
        text.append("\n")
        if outcome.rounds is not None:
            across = elected_across_lines(outcome.rounds)
            text.append(across[0] + "\n", style="bold")
            text.append("\n".join(across[1:]) + "\n\n")
        if result.runoff:
            votes = by_name[result.runoff[0]].yes
            line = t(
                "el.result.runoff",
                seats=result.runoff_seats,
                names="、".join(result.runoff),
                votes=votes,
            )
            text.append(line + "\n", style="bold yellow")
        shortfall = result.vacant - result.runoff_seats
        if result.seats_after is not None:
            text.append(t("el.result.reduced", seats=result.seats_after) + "\n", style="yellow")
        elif shortfall > 0:
            text.append(t("el.result.vacant", count=shortfall) + "\n", style="bold yellow")
            if result.reelect and result.settings.shortfall != SHORTFALL_REDUCE:
                names = "、".join(result.reelect)
                text.append(t("el.result.reelect", names=names) + "\n", style="yellow")
                if len(result.reelect) > result.reelect_wanted:
                    tie = t(
                        "elx.reelect_tie", wanted=result.reelect_wanted, count=len(result.reelect)
                    )
                    text.append(tie + "\n", style="yellow")
        for c in result.candidates:
            if c.exactly_half and not c.elected:
                text.append(t("el.result.exactly_half", name=c.name, yes=c.yes) + "\n")
    text.append(
        t("el.result.threshold", due=result.due, threshold=result.threshold) + "\n",
    )
    if result.issued is not None:
        text.append(
            t(
                "el.result.participation",
                issued=result.issued,
                required=result.participation_required,
            )
            + "\n"
        )
        if result.participation_on_line:
            line = t("cliv.election.participation_on_line", issued=result.issued, due=result.due)
            text.append(line + "\n", style="yellow")
    counts = t(
        "el.result.counts",
        issued=result.issued if result.issued is not None else t("el.unknown_count"),
        returned=result.returned,
        valid=result.valid_ballots,
        void=result.void_ballots,
    )
    if result.void_numbers:
        counts += t("el.void_numbers", numbers=numbers_text(result.void_numbers))
    text.append(counts + "\n")
    nobody = t("el.nobody")
    text.append(
        t(
            "el.scrutineers",
            scrutineers="、".join(item.scrutineers) or nobody,
            counters="、".join(item.counters) or nobody,
        )
        + "\n\n"
    )
    text.append(t("el.result.keys"), style="dim")
    return text
