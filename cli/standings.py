"""`huiwu standings`: the ranking of a contest, on screen, in JSON, PDF and xlsx."""

from pathlib import Path

import click

from cli.base import (
    emit_json,
    huiwu_command,
    open_db,
)
from cli.contests import publication_lines
from tui.i18n import t

# --- standings


def _group_title(group) -> str:
    parts = [p for p in (group.event.name, group.group) if p]
    return " · ".join(parts)


def _standing_note(row) -> str:
    from models.rules.ranking import UNROUNDED

    card = row.card
    if not card.complete:
        return t("clic.incomplete", marks=card.marks_in, due=card.marks_due)
    notes = []
    if card.verdict is not None:  # the speaking clock: the time and what it cost
        from tui.clock_text import time_note

        notes.append(time_note(card))
    if row.flag:
        notes.append(t(f"contest.flag.{row.flag}"))
    if row.decided_by:
        by = t("contest.unrounded") if row.decided_by == UNROUNDED else row.decided_by
        notes.append(t("clic.decided_by", name=by))
    return "；".join(notes)


def _standings_lines(table) -> list[str]:
    from tui.result_text import table as padded
    from tui.score_text import rule_words

    contest = table.contest
    lines = [t("clic.head", number=contest.number, title=contest.title), rule_words(contest)]
    head = [
        t("clic.col.rank"),
        t("clic.col.number"),
        t("clic.col.entrant"),
        t("clic.col.unit"),
        t("clic.col.score"),
        t("clic.col.award"),
        t("clic.col.note"),
    ]
    for group in table.groups:
        title = _group_title(group)
        lines.append("")
        if title:
            lines.append(f"【{title}】")
        body = [
            [
                "—" if r.rank is None else str(r.rank),
                str(r.entrant.number),
                r.entrant.name,
                r.entrant.unit,
                r.score or "—",
                r.award or "",
                _standing_note(r),
            ]
            for r in group.rows
        ]
        lines += padded([head, *body], numeric=[0, 1, 4]) if body else [t("clic.no_entrants")]
    if any(group.flagged for group in table.groups):
        lines += ["", t("clic.flag_note")]
    return lines


def _team_lines(table) -> list[str]:
    from tui.result_text import table as padded

    head = [
        t("clic.col.rank"),
        t("clic.col.team"),
        t("clic.col.unit"),
        t("clic.col.score"),
        t("clic.col.members"),
    ]
    body = [
        [
            "—" if r.rank is None else str(r.rank),
            r.team,
            r.unit,
            r.shown or "—",
            "、".join(r.members),
        ]
        for r in table.teams
    ]
    lines = [t("clic.teams", how=t(f"contest.team.{table.contest.team_score}"))]
    return lines + (padded([head, *body], numeric=[0, 3]) if body else [t("clic.no_teams")])


def team_json(row) -> dict:
    from models.rules.scoring import unrounded

    return {
        "rank": row.rank,
        "team": row.team,
        "unit": row.unit,
        "members": list(row.members),
        "score": row.shown,
        "unrounded": None if row.score is None else str(unrounded(row.score)),
        "complete": row.complete,
    }


@huiwu_command("standings")
@click.argument("ref", metavar="CONTEST")
@click.option("--json", "as_json", is_flag=True)
@click.option(
    "--pdf",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write 成绩排名表 and 获奖名单 as a PDF (match events: group tables, bracket, results).",
)
@click.option(
    "--xlsx",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the workbook (排名, 评分明细, 获奖名单, 证书名单, 设置; 秩序, 比赛结果 … for matches).",
)
@click.option(
    "--certificates",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the certificate list (证书名单): .xlsx, else PDF.",
)
@click.option("--teams", is_flag=True, help="The team standings (sum or mean of members).")
@click.option("--event", default=None, help="One event; a match event: its tables or places.")
def standings_cmd(ref, as_json, pdf, xlsx, certificates, teams, event) -> None:
    """The ranking (1, 2, 2, 4) with awards; a tie across an award boundary is flagged.
    --json: [{"rank", "entrant", "score", "award", "flag", …}]. A match event (--event): one
    entry per side {"group", "rank", "entrant", "unit", "points", "won", "lost"}, or the
    knockout's places {"rank", "entrant"}."""
    from models.scores import standing_json, standings

    db = open_db()
    table = standings(db, ref)
    if event is not None:
        table = table.of_event(table.contest.event(event))
    if pdf is not None or xlsx is not None or certificates is not None:
        from models.io.contest_export import export_contest

        written = export_contest(
            db, ref, pdf=pdf, xlsx=xlsx, certificates=certificates, table=table, event=event
        )
        for path in written:
            click.echo(t("clic.written", path=path), err=as_json)
    if event is not None and table.contest.event(event).is_match:
        from cli.matches import event_standings

        event_standings(db, ref, event, as_json)
        return
    if as_json:
        if teams:
            emit_json([team_json(r) for r in table.teams])
        else:
            emit_json([standing_json(r, table.contest) for r in table.rows])
        return
    events = table.contest.events
    if event is None and not teams and events and all(e.is_match for e in events):
        from cli.matches import event_standings  # a contest of match events only: its tables

        for match_event in events:
            event_standings(db, ref, match_event.name, as_json=False)
        return
    lines = _team_lines(table) if teams else _standings_lines(table)
    from models.contest_publish import publication

    lines += publication_lines(publication(db, ref))
    click.echo("\n".join(lines))


COMMANDS = (standings_cmd,)
