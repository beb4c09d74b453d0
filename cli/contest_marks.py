"""Marks as they come in: `contest mark`, `answer`, `stage` and `scores import`."""

from pathlib import Path

import click

from cli.base import (
    emit_json,
    huiwu_command,
    open_db,
    station_kwargs,
)
from cli.contests import contest
from tui.i18n import t


def _panel_text(stage_card) -> str:
    """Each judge's mark in order, a dropped one in brackets: 90 [95] 91 92 [80]."""
    from models.rules.scoring import plain

    dropped = stage_card.panel.dropped if stage_card.panel else frozenset()
    marks = []
    for index, mark in enumerate(stage_card.marks):
        text = "—" if mark is None else plain(mark)
        marks.append(f"[{text}]" if index in dropped else text)
    return " ".join(marks)


def mark_json(outcome, row) -> dict:
    from models.rules.scoring import plain
    from models.scores import time_json

    card = outcome.card
    return {
        "entrant": card.entrant.name,
        "number": card.entrant.number,
        "judge": outcome.judge,
        "value": plain(outcome.value),
        "previous": None if outcome.previous is None else plain(outcome.previous),
        "completed": outcome.completed,
        "complete": card.complete,
        "score": card.shown,
        "unrounded": None if card.unrounded is None else str(card.unrounded),
        "marks": card.marks_in,
        "marks_due": card.marks_due,
        "rank": row.rank if row else None,
        "award": row.award if row else None,
        "flag": row.flag if row else None,
        "stages": [
            {
                "stage": s.stage.name,
                "marks": [None if m is None else plain(m) for m in s.marks],
                "dropped": sorted(i + 1 for i in s.panel.dropped) if s.panel else [],
                "score": None if s.score is None else str(s.score),
            }
            for s in card.stages
        ],
        **(time_json(card) if card.event.clock else {}),  # the speaking clock's keys
    }


@huiwu_command("mark", context_settings={"ignore_unknown_options": True}, group=contest, json=True)
@click.argument("ref", metavar="CONTEST")
@click.argument("entrant")
@click.argument("judge")
@click.argument("value")
@click.option("--stage", default="", help="The stage the mark is for (理论, 实操 …).")
@click.option("--criterion", default="", help="The criterion of a criteria sheet (评分细则).")
@click.option("--correct", is_flag=True, help="Replace the judge's mark already entered.")
@click.option("--reason", default="", help="Why it is corrected (kept in the audit log).")
def contest_mark(ref, entrant, judge, value, stage, criterion, correct, reason, as_json) -> None:
    """A judge's mark for an entrant (ENTRANT by 出场序号 or name; JUDGE 1…N, 0 for a single
    mark). Refused when out of [0, max], not a number, from an unknown judge, or a second mark
    without --correct --reason."""
    from models.errors import Refusal, refuse
    from models.io.score_file import judge_number
    from models.scores import record_mark, standings

    db = open_db()
    number = judge_number(judge)
    try:
        outcome = record_mark(
            db,
            ref,
            entrant,
            number if number is not None else judge,
            value,
            stage=stage,
            criterion=criterion,
            correct=correct,
            reason=reason,
            **station_kwargs(),
        )
    except Refusal as error:
        if error.key != "contest.mark_exists":
            raise
        raise refuse("clic.mark_exists", **error.params) from None  # the CLI's own way to correct
    card = outcome.card
    row = standings(db, ref).row_of(card.entrant.id) if card.complete else None
    if as_json:
        emit_json(mark_json(outcome, row))
        return
    _echo_mark(outcome, row)


def _echo_mark(outcome, row) -> None:
    from models.rules.scoring import plain

    card = outcome.card
    judge = t("contest.judge", judge=outcome.judge) if outcome.judge else t("clic.single_mark")
    line = t("clic.mark", judge=judge, entrant=card.entrant.label, value=plain(outcome.value))
    if outcome.previous is not None:
        line += t("clic.mark_was", previous=plain(outcome.previous))
    click.echo(line + t("clic.progress", marks=card.marks_in, due=card.marks_due))
    if not card.complete:
        return
    for stage_card in card.stages:
        if stage_card.panel is None:
            continue
        name = f"{stage_card.stage.name}：" if stage_card.stage.name else ""
        hint = t("clic.dropped_hint") if stage_card.panel.dropped else ""
        click.echo(t("clic.panel", stage=name, marks=_panel_text(stage_card)) + hint)
    click.echo(_final_line(card, row))


def _final_line(card, row) -> str:
    line = t("clic.final", score=card.shown)
    if row is not None and row.rank is not None:
        line += t("clic.final_rank", rank=row.rank)
    if row is not None and row.award:
        line += f" · {row.award}"
    if row is not None and row.flag:
        line += f" · {t('contest.flag.' + row.flag)}"
    return line


@huiwu_command("answer", group=contest, json=True)
@click.argument("ref", metavar="CONTEST")
@click.argument("team")
@click.argument("kind", metavar="KIND")
@click.argument("verdict", type=click.Choice(["right", "wrong", "对", "错"]), required=False)
@click.option("--stake", type=int, default=None, help="A risk question's stake (风险题分值).")
@click.option("--question", type=int, default=None, help="题号 (default: the next).")
@click.option(
    "--correct", "correct", type=int, default=None, metavar="N", help="Correct question N's answer."
)
@click.option("--reason", default="", help="Why it is corrected (kept in the audit log).")
@click.option("--void", is_flag=True, help="With --correct N: void question N's answer.")
def contest_answer(
    ref, team, kind, verdict, stake, question, correct, reason, void, as_json
) -> None:
    """A quiz answer: KIND 必答 | 抢答 | 风险题 (compulsory | buzzer | risk), right or wrong;
    KIND 犯规 (foul) is 抢答犯规, no verdict, the quiz's deduction. With --correct N --reason R,
    question N's logged answer is corrected (or, with --void, voided) instead."""
    from models.errors import Refusal, refuse
    from models.scores import record_answer, score_card

    db = open_db()
    if void and correct is None:
        raise refuse("clic.void_needs_correct")
    right = _verdict(kind, verdict, void)
    if correct is not None:
        answer, previous = _correct_answer(db, ref, team, kind, right, stake, correct, reason, void)
    else:
        previous = None
        try:
            answer = record_answer(
                db, ref, team, kind, right, stake=stake, question=question, **station_kwargs()
            )
        except Refusal as error:
            if error.key != "contest.answer_exists":
                raise
            raise refuse("clic.answer_exists", **error.params) from None  # the CLI's own way
    card = score_card(db, ref, team)
    if as_json:
        emit_json(
            {
                "question": answer.question,
                "entrant": card.entrant.name,
                "kind": answer.kind,
                "right": answer.right,
                "stake": answer.stake,
                "points": answer.points,
                "previous": previous,
                "score": card.shown,
            }
        )
        return
    line = t(
        "clic.answer",
        question=answer.question,
        kind=t(f"contest.question.{answer.kind}"),
        entrant=card.entrant.label,
        points=f"{answer.points:+d}",
        score=card.shown,
    )
    if previous is not None:
        line += t("clic.mark_was", previous=f"{previous:+d}")
    click.echo(line)


def _verdict(kind: str, verdict: str | None, void: bool) -> bool | None:
    """对 / 错 as given; a foul is never right and takes none; others need one (unless voided)."""
    from models.errors import refuse
    from models.rules.scoring import FOUL, question_kind

    if question_kind(kind) == FOUL:
        if verdict in ("right", "对"):
            raise refuse("contest.foul_is_wrong")
        return False
    if verdict is None:
        if void:
            return None
        raise refuse("clic.answer_verdict")
    return verdict in ("right", "对")


def _correct_answer(db, ref, team, kind, right, stake, question, reason, void=False):
    """The corrected answer and the points it had (read first, for the echo only)."""
    from models.scores import correct_answer, score_card

    logged = [a for s in score_card(db, ref, team).stages for a in s.answers]
    before = next((a.points for a in logged if a.question == question), None)
    answer = correct_answer(
        db,
        ref,
        team,
        question,
        right=None if void else right,
        stake=stake,
        void=void,
        reason=reason,
        kind=kind,
        **station_kwargs(),
    )
    return answer, before


@huiwu_command("stage", group=contest)
@click.argument("ref", metavar="CONTEST")
@click.argument("entrant")
def contest_stage(ref: str, entrant: str) -> None:
    """Put an entrant on stage: the one the scoring screen and the projector show."""
    from models.contests import set_on_stage

    info = set_on_stage(open_db(), ref, entrant, **station_kwargs())
    click.echo(t("clic.on_stage", entrant=info.label))


# --- scores


@click.group()
def scores() -> None:
    """Contest marks from a file."""


@huiwu_command("import", group=scores, json=True)
@click.argument("ref", metavar="CONTEST")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--correct", is_flag=True, help="Replace stored marks that the file changes.")
@click.option("--reason", default="", help="Why they are corrected (with --correct).")
def scores_import(ref: str, file: Path, correct: bool, reason: str, as_json: bool) -> None:
    """Long format, one mark a row: 选手/entrant (name or 序号), 评委/judge (3, 3号, 评委3 or a
    name), 分数/score [, 阶段/stage, 细则/criterion, 组别/group, 单位/unit, 项目/event, 序号/number].
    All or nothing; an entrant not yet registered is registered from the row; the same mark
    again is skipped."""
    from models.score_import import import_scores

    report = import_scores(open_db(), ref, file, correct=correct, reason=reason, **station_kwargs())
    if as_json:
        emit_json(
            {
                "contest": report.contest,
                "rows": report.rows,
                "added": report.added,
                "corrected": report.corrected,
                "unchanged": report.unchanged,
                "blank": report.blank,
                "new_entrants": len(report.new_entrants),
                "new": [e.name for e in report.new_entrants],
                "completed": [e.name for e in report.completed],
            }
        )
        return
    click.echo(
        t(
            "clic.scores_imported",
            title=report.title,
            added=report.added,
            corrected=report.corrected,
            unchanged=report.unchanged,
            rows=report.rows,
        )
    )
    if report.new_entrants:
        names = "、".join(e.label for e in report.new_entrants)
        click.echo(t("clic.new_entrants", count=len(report.new_entrants), names=names))
    if report.blank:
        click.echo(t("clic.blank_rows", count=report.blank))
    if report.completed:
        click.echo(t("clic.completed", names="、".join(e.name for e in report.completed)))


COMMANDS = (scores,)
