"""A voting item's outcome as readable lines (the CLI's ``huiwu result``); no textual here.

Every line goes through the catalog (tui/i18n/cli_voting.py and voting.py), so the same outcome
reads in Chinese or in English. Tables are padded by display width, so Chinese names line up.
"""

from models.election_view import shown_abstain
from models.voting import APPRAISAL, ELECTION, MOTION, outcome_word
from tui.difference_rows import status_lines
from tui.i18n import t
from tui.vote_words import DASH, dash_or, table


def result_lines(outcome) -> list[str]:
    """The whole readable result: head, the kind's body, the roll and whether it is final."""
    item = outcome.item
    lines = [t("cliv.head", number=item.number, kind=t(f"item.kind.{item.kind}"), title=item.title)]
    if item.parent_number is not None:
        lines.append(t("cliv.round", round=item.round, parent=item.parent_number))
    if outcome.differences:  # the headline until the entries agree: never 通过 / 当选
        lines += [t("cliv.banner", verdict=t("settle.headline")), t("settle.provisional")]
    if item.kind == MOTION:
        lines += motion_lines(outcome)
    elif item.kind == ELECTION:
        lines += election_lines(outcome)
    else:
        assert item.kind == APPRAISAL
        lines += appraisal_lines(outcome)
    lines.append(roll_line(item.roll))
    lines += status_lines(outcome)
    lines += replaces_lines(item)
    return lines


def replaces_lines(item) -> list[str]:
    """A final result that replaced an earlier one says so, with the reason it was reopened."""
    if not item.replaces:
        return []
    return [t("final.replaces", outcome=outcome_text(item.kind, item.replaces["outcome"]),
              reason=item.replaces.get("reason", ""))]  # fmt: skip


def outcome_text(kind: str, summary: dict) -> str:
    """通过 / 未通过 / 当选：甲、乙 … for a logged result summary."""
    code, names = outcome_word(kind, summary)
    return t(f"voting.outcome.{code}", names=names)


def roll_line(roll) -> str:
    if roll is None:
        return t("cliv.roll_none")
    return t(
        "cliv.roll", sitting=roll.sitting, due=roll.due, present=roll.present, sha256=roll.sha256
    )


# --- motions ------------------------------------------------------------------------------------


def motion_rule(settings: dict) -> str:
    return t(
        "cliv.motion.rule",
        base=t(f"base.{settings['base']}"),
        comparator=t(f"comparator.{settings['comparator']}"),
    )


def motion_lines(outcome) -> list[str]:
    item, r = outcome.item, outcome.result
    lines = []
    if item.important:
        lines.append(t("cliv.flag.important"))
    if r is None:
        return [*lines, motion_rule(item.settings), t("cliv.not_counted")]
    verdict = t("motion.passed") if r.passed else t("motion.failed")
    lines += [
        _verdict_line(outcome, verdict),
        t("cliv.motion.counts", yes=r.yes, no=r.no, abstain=r.abstain),
    ]
    method = t(f"method.{item.method}") if item.method else ""
    if item.method == "hands":
        lines.append(t("cliv.motion.hands", method=method, valid=r.valid, present=r.present))
    else:
        lines.append(
            t(
                "cliv.motion.ballots",
                method=method,
                issued=dash_or(r.issued),
                returned=dash_or(r.returned),
                valid=r.valid,
                invalid=dash_or(r.invalid),
            )
        )
    lines.append(
        t(
            "cliv.motion.base",
            base_name=t(f"base.{r.base_kind}"),
            base=r.base,
            comparator=t(f"comparator.{r.comparator}"),
            threshold=r.threshold,
        )
    )
    if r.exactly_on_line:
        lines.append(t(f"cliv.on_line.{r.comparator}", yes=r.yes, base=r.base))
    if outcome.by_delegation:
        lines.append(t("cliv.motion.by_delegation"))
        for name in sorted(outcome.by_delegation):
            c = outcome.by_delegation[name]
            lines.append(
                t(
                    "cliv.motion.delegation_line",
                    delegation=name,
                    yes=c.yes,
                    no=c.no,
                    abstain=c.abstain,
                )
            )
    return lines


def _verdict_line(outcome, verdict: str) -> str:
    """The verdict as a banner, or as a provisional line under the disagreement headline."""
    if outcome.differences:
        return t("settle.provisional_verdict", verdict=verdict)
    return t("cliv.banner", verdict=verdict)


# --- elections ----------------------------------------------------------------------------------


def election_mode(settings: dict) -> str:
    if settings.get("equal"):
        return t("cliv.mode.equal")
    return t("cliv.mode.contested", rate=settings.get("rate", "5%"))


def election_lines(outcome) -> list[str]:
    item, r = outcome.item, outcome.result
    lines = [
        t("cliv.election.seats", seats=r.seats, mode=election_mode(item.settings)),
        t(
            "cliv.election.ballots",
            issued=dash_or(r.issued),
            returned=r.returned,
            valid=r.valid_ballots,
            void=r.void_ballots,
        ),
    ]
    if r.void_numbers:
        lines.append(t("cliv.election.void_numbers", numbers="、".join(map(str, r.void_numbers))))
    lines.append(
        t(
            "cliv.election.threshold",
            due=r.due,
            threshold=r.threshold,
            required=r.participation_required,
        )
    )
    if r.participation_on_line:
        lines.append(t("cliv.election.participation_on_line", issued=r.issued, due=r.due))
    show_unreadable = any(c.unreadable for c in r.candidates)
    head = [t("cliv.col.candidate"), t("cliv.col.yes"), t("cliv.col.no"), t("cliv.col.abstain")]
    if show_unreadable:
        head.append(t("cliv.col.unreadable"))
    head.append(t("cliv.col.result"))
    rows = []
    for c in r.candidates:
        name = c.name + (t("cliv.status.write_in") if c.write_in else "")
        row = [name, str(c.yes), str(c.no), dash_or(shown_abstain(c))]
        if show_unreadable:
            row.append(dash_or(None if c.write_in else c.unreadable))
        row.append(_candidate_status(c, r.valid, bool(outcome.differences)))
        rows.append(row)
    lines += table([head, *rows], numeric=range(1, len(head) - 1))
    provisional = bool(outcome.differences)
    if not r.valid:
        if r.void_reason != "not_issued":  # not void: the count is not complete yet
            lines.append(_verdict_line(outcome, t("cliv.election.void")))
        lines.append(t("cliv.reason", reason=t(f"election.void.{r.void_reason}")))
        return lines + _people(item)
    valid = t("cliv.election.valid")
    lines.append(t("settle.provisional_verdict", verdict=valid) if provisional else valid)
    if r.elected and provisional:
        lines.append(t("settle.provisional_elected", names="、".join(r.elected)))
    elif r.elected:
        lines.append(t("cliv.election.elected", names="、".join(r.elected)))
    elif not r.runoff:
        lines.append(t("cliv.election.none_elected"))
    if r.runoff:
        lines.append(t("cliv.election.runoff", names="、".join(r.runoff), seats=r.runoff_seats))
    if r.seats_after is not None:
        lines.append(t("cliv.election.reduced", seats=r.seats_after))
    if r.vacant > r.runoff_seats:
        lines.append(t("cliv.election.vacant", vacant=r.vacant - r.runoff_seats))
    if r.reelect:
        lines.append(t("cliv.election.reelect", names="、".join(r.reelect)))
        if len(r.reelect) > r.reelect_wanted:
            lines.append(t("elx.reelect_tie", wanted=r.reelect_wanted, count=len(r.reelect)))
    lines += elected_across_lines(outcome.rounds)
    return lines + _people(item)


def _candidate_status(c, valid: bool, provisional: bool = False) -> str:
    if not valid:
        return ""
    if c.elected:
        return t("settle.provisional_status" if provisional else "cliv.status.elected")
    if c.runoff:
        return t("cliv.status.runoff")
    if c.exactly_half:
        return t("cliv.status.exactly_half")
    return t("cliv.status.not_elected")


def _people(item) -> list[str]:
    if not item.scrutineers and not item.counters:
        return []
    return [
        t(
            "cliv.election.people",
            scrutineers="、".join(item.scrutineers) or DASH,
            counters="、".join(item.counters) or DASH,
        )
    ]


# --- appraisals ---------------------------------------------------------------------------------


def _appraisal_flags(s, share: str) -> str:
    """⚠ above the warning share, and every figure that lands exactly on a line (RULES §0)."""
    flags = []
    if s.warning:
        flags.append(t("cliv.appraisal.warning", share=share))
    if s.warning_on_line:
        flags.append(t("cliv.appraisal.warning_on_line", share=share))
    if s.grade_on_line:
        flags.append(t("cliv.appraisal.grade_on_line"))
    return "；".join(flags)


def appraisal_lines(outcome) -> list[str]:
    item, r = outcome.item, outcome.result
    settings = item.settings
    lines = [
        t(
            "cliv.appraisal.scale",
            scale=t(f"scale.{settings['scale']}"),
            denominator=t(f"cliv.denominator.{settings['denominator']}"),
        )
    ]
    if r is None:
        return [*lines, t("cliv.not_counted")]
    lines.append(
        t(
            "cliv.appraisal.sheets",
            issued=dash_or(r.issued),
            returned=r.returned,
            invalid=r.invalid,
            valid=r.valid_sheets,
        )
    )
    weighted = bool(settings.get("weighted"))
    head = [t("cliv.col.name"), t("cliv.col.post")]
    head += [t(f"option.{o.id}") for o in r.options]
    head += [t("cliv.col.blank"), t("cliv.col.rate"), t("cliv.col.grade")]
    if weighted:
        head.append(t("cliv.col.weighted"))
    head.append(t("cliv.col.warning"))
    rows = []
    share = settings.get("warn", "1/3")
    for s, post in zip(r.subjects, item.posts, strict=False):
        row = [s.name, post or ""]
        row += [str(c) for c in s.counts]
        row += [
            str(s.blank),
            DASH if s.rate is None else f"{s.rate:.2f}%",
            t(f"grade.{s.grade}") if s.grade else DASH,
        ]
        if weighted:
            row.append(DASH if s.weighted is None else f"{s.weighted:.2f}")
        row.append(_appraisal_flags(s, share))
        rows.append(row)
    numeric = [*range(2, 2 + len(r.options) + 2), *([len(head) - 2] if weighted else [])]
    lines += table([head, *rows], numeric=numeric)
    if not r.valid:
        lines.append(_verdict_line(outcome, t("cliv.appraisal.void")))
        lines.append(t("cliv.reason", reason=t(f"appraisal.void.{r.void_reason}")))
    return lines


# --- is it final? -------------------------------------------------------------------------------


# --- plain tables -------------------------------------------------------------------------------


def staff_away_line(away) -> str:
    """⚠ 监票人/计票人 not checked in to this sitting (models.counting_staff), or "" if none."""
    if not away:
        return ""
    names = "、".join(
        t(
            "elx.staff_away_name",
            name=s.name,
            role=t(f"elx.role.{s.role}"),
            roster="" if s.on_roster else t("elx.not_on_roster"),
        )
        for s in away
    )
    return t("elx.staff_away", names=names)


def elected_across_lines(rounds) -> list[str]:
    """Everyone elected in the first round and its follow-ups, in order (one line each)."""
    if rounds is None:
        return []
    lines = [t("elx.all.heading", seats=rounds.seats, count=len(rounds.rows))]
    for row in rounds.rows:
        lines.append(
            t(
                "elx.all.row",
                rank=row.rank,
                name=row.name,
                yes=row.yes,
                item=row.item,
                kind=t(f"elx.kind.{row.kind}"),
                final="" if row.final else t("elx.all.not_final"),
            )
        )
    if rounds.open_seats:
        lines.append(t("elx.all.open", count=rounds.open_seats))
    return lines
