"""`huiwu proposals`: the handling steps (accept … rate), settings, stats, export."""

from pathlib import Path

import click

from cli.base import (
    default_operator,
    emit_json,
    huiwu_command,
    open_db,
    split_list,
    station_kwargs,
)
from cli.proposals import echo_step, proposals_group
from tui.i18n import t


@huiwu_command("accept", group=proposals_group, json=True)
@click.argument("ref", metavar="REF")
@click.option("--note", default="", help="A remark for the history.")
def proposals_accept(ref: str, note: str, as_json: bool) -> None:
    """立案: lawful, within the unit's remit, worthwhile and feasible."""
    from models.proposals import accept_proposal

    echo_step(accept_proposal(open_db(), ref, note=note, **station_kwargs()), "accept", as_json)


@huiwu_command("suggest", group=proposals_group, json=True)
@click.argument("ref", metavar="REF")
@click.option("--note", default="", help="Why it is handled as an opinion.")
def proposals_suggest(ref: str, note: str, as_json: bool) -> None:
    """转为意见建议: handled as an opinion, not as a proposal."""
    from models.proposals import suggest_proposal

    detail = suggest_proposal(open_db(), ref, note=note, **station_kwargs())
    echo_step(detail, "suggest", as_json)


@huiwu_command("reject", group=proposals_group, json=True)
@click.argument("ref", metavar="REF")
@click.option("--reason", required=True, help="The written reason the proposer will read.")
def proposals_reject(ref: str, reason: str, as_json: bool) -> None:
    """不予立案, with the written reason."""
    from models.proposals import reject_proposal

    detail = reject_proposal(open_db(), ref, reason=reason, **station_kwargs())
    echo_step(detail, "reject", as_json)


@huiwu_command("merge", group=proposals_group, json=True)
@click.argument("ref", metavar="REF")
@click.option("--into", required=True, help="The proposal it is handled with.")
@click.option("--note", default="", help="A remark for the history.")
def proposals_merge(ref: str, into: str, note: str, as_json: bool) -> None:
    """并案: REF is handled as part of another proposal (it keeps its number)."""
    from models.proposals import merge_proposal

    detail = merge_proposal(open_db(), ref, into, note=note, **station_kwargs())
    echo_step(detail, "merge", as_json)


@huiwu_command("reopen", group=proposals_group, json=True)
@click.argument("ref", metavar="REF")
@click.option("--reason", required=True, help="Why the decision is undone.")
def proposals_reopen(ref: str, reason: str, as_json: bool) -> None:
    """Undo a decision taken by mistake (merge, accept, suggest, reject) before it is assigned."""
    from models.proposals import reopen_proposal

    detail = reopen_proposal(open_db(), ref, reason=reason, **station_kwargs())
    echo_step(detail, "reopen", as_json)


@huiwu_command("assign", group=proposals_group, json=True)
@click.argument("ref", metavar="REF")
@click.option("--department", required=True, help="承办部门.")
@click.option("--due", required=True, help="Due date, 2026-12-31.")
@click.option("--note", default="", help="A remark for the history.")
@click.option("--allow-past", is_flag=True, help="Accept a due date before today (late entry).")
def proposals_assign(
    ref: str, department: str, due: str, note: str, allow_past: bool, as_json: bool
) -> None:
    """交办 to the department that will answer it, by a due date (again after 不满意). A due
    date before today is refused unless --allow-past."""
    from models.clock import now
    from models.errors import Refusal, refuse
    from models.proposals import assign_proposal

    not_before = None if allow_past else now().date()
    try:
        detail = assign_proposal(
            open_db(),
            ref,
            department=department,
            due=due,
            note=note,
            not_before=not_before,
            **station_kwargs(),
        )
    except Refusal as error:
        if error.key != "proposal.due_in_past":
            raise
        raise refuse("clip.due_in_past", **error.params) from None  # names the CLI's way out
    echo_step(detail, "assign", as_json)


def _reply_text(reply: str | None, reply_file: Path | None) -> str:
    from models.errors import refuse
    from models.io.table_file import decode

    if (reply is None) == (reply_file is None):
        raise refuse("clip.no_reply")
    if reply_file is None:
        return reply
    try:
        text = decode(reply_file.read_bytes())
    except OSError:
        text = None
    if text is None:
        raise refuse("clip.reply_file", path=str(reply_file))
    return text


@huiwu_command("answer", group=proposals_group, json=True)
@click.argument("ref", metavar="REF")
@click.option("--reply", default=None, help="The department's reply.")
@click.option(
    "--reply-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The reply from a text file (UTF-8 or GBK).",
)
def proposals_answer(ref: str, reply: str | None, reply_file: Path | None, as_json: bool) -> None:
    """已答复: the department's reply, as the proposer will read it."""
    from models.proposals import answer_proposal

    text = _reply_text(reply, reply_file)
    detail = answer_proposal(open_db(), ref, reply=text, **station_kwargs())
    echo_step(detail, "answer", as_json)


@huiwu_command("rate", group=proposals_group, json=True)
@click.argument("ref", metavar="REF")
@click.argument("rating", metavar="满意|基本满意|不满意")
@click.option("--note", default="", help="The proposer's remark.")
def proposals_rate(ref: str, rating: str, note: str, as_json: bool) -> None:
    """The proposer's rating of the answer (satisfied | basic | unsatisfied work too);
    不满意 sends it back to be handled again."""
    from models.proposals import rate_proposal

    detail = rate_proposal(open_db(), ref, rating, note=note, **station_kwargs())
    echo_step(detail, "rate", as_json)


def _settings_json(settings) -> dict:
    return {
        "min_seconders": settings.min_seconders,
        "categories": list(settings.categories),
        "prefix": settings.prefix,
    }


@huiwu_command("settings", group=proposals_group, json=True)
@click.option("--min-seconders", type=int, default=None, help="Seconders needed (default 2).")
@click.option("--categories", default=None, help='The category list "生产经营,安全生产,…".')
@click.option("--prefix", default=None, help='Numbering prefix ("" = the congress\'s 三届二次).')
def proposals_settings(min_seconders, categories, prefix, as_json) -> None:
    """The seconders minimum, the category list and the numbering prefix; no option = show."""
    from models.proposals import label_of, proposal_settings, set_proposal_settings

    db = open_db()
    changing = min_seconders is not None or categories is not None or prefix is not None
    if changing:
        settings = set_proposal_settings(
            db,
            min_seconders=min_seconders,
            categories=None if categories is None else split_list(categories),
            prefix=prefix,
            operator=default_operator(),
        )
    else:
        settings = proposal_settings(db)
    if as_json:
        emit_json(_settings_json(settings))
        return
    if changing:
        click.echo(t("clip.settings.done"))
    click.echo(t("clip.settings.min", min=settings.min_seconders))
    click.echo(t("clip.settings.categories", categories="、".join(settings.categories)))
    click.echo(t("clip.settings.prefix", prefix=settings.prefix, example=label_of(settings, 1)))


_STAT_COLUMNS = (
    "received",
    "merged",
    "accepted",
    "suggestion",
    "rejected",
    "answered",
    "satisfied",
)


def _stats_table(first: str, groups: dict[str, dict[str, int]], names=None) -> list[str]:
    from tui.result_text import table

    head = [t(first), *(t(f"clip.col.{c}") for c in _STAT_COLUMNS)]
    body = [
        [(names or {}).get(name, name), *(str(counts[c]) for c in _STAT_COLUMNS)]
        for name, counts in groups.items()
    ]
    return table([head, *body], numeric=range(1, len(head)))


@huiwu_command("stats", group=proposals_group, json=True)
def proposals_stats(as_json: bool) -> None:
    """收到, 合并, 立案, 转意见建议, 不予立案, 已答复, 满意率 — totals, by category, by
    delegation. --json: received, merged, accepted, …, by_category, by_status, by_delegation."""
    from models.proposals import NO_DELEGATION, proposal_settings, proposal_stats, stats_json

    db = open_db()
    stats = proposal_stats(db)
    if as_json:
        emit_json(stats_json(stats))
        return
    rate = (
        t("clip.stats.no_rate")
        if stats.satisfaction_rate is None
        else f"{stats.satisfaction_rate}%"
    )
    lines = [
        t("clip.stats.head", prefix=proposal_settings(db).prefix),
        t(
            "clip.stats.totals",
            received=stats.received,
            merged=stats.merged,
            accepted=stats.accepted,
            suggestion=stats.suggestion,
            rejected=stats.rejected,
            pending=stats.pending,
        ),
        t(
            "clip.stats.answers",
            answered=stats.answered,
            rated=stats.rated,
            satisfied=stats.satisfied,
            basic=stats.basic,
            unsatisfied=stats.unsatisfied,
            rate=rate,
            overdue=stats.overdue,
        ),
    ]
    statuses = t("clip.list_sep").join(
        f"{t(f'proposal.status.{s}')} {n}" for s, n in stats.by_status.items() if n
    )
    lines.append(t("clip.stats.by_status", statuses=statuses or "—"))
    lines += ["", t("clip.stats.by_category")]
    lines += _stats_table("clip.col.category_name", stats.by_category)
    if stats.by_delegation:
        lines += ["", t("clip.stats.by_delegation")]
        names = {NO_DELEGATION: t("clip.stats.no_delegation")}
        lines += _stats_table("clip.col.delegation", stats.by_delegation, names)
    click.echo("\n".join(lines))


@huiwu_command("export", group=proposals_group, json=True)
@click.option(
    "--pdf",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the 提案汇编 (one page per accepted proposal) as a PDF.",
)
@click.option(
    "--xlsx",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the registry of every proposal as an xlsx workbook.",
)
def proposals_export(pdf: Path | None, xlsx: Path | None, as_json: bool) -> None:
    """The 提案汇编 (PDF) and/or the registry workbook (xlsx)."""
    from models.errors import refuse
    from models.io.proposal_export import export_proposals

    if pdf is None and xlsx is None:
        raise refuse("clip.export_nothing")
    written = export_proposals(open_db(), pdf=pdf, xlsx=xlsx)
    if as_json:
        emit_json(
            {
                "pdf": None if written.pdf is None else str(written.pdf),
                "xlsx": None if written.xlsx is None else str(written.xlsx),
                "received": written.received,
                "accepted": written.accepted,
            }
        )
        return
    for path in (written.pdf, written.xlsx):
        if path is not None:
            click.echo(t("clip.written", path=path))
    click.echo(t("clip.exported", received=written.received, accepted=written.accepted))


COMMANDS = ()
