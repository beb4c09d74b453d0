"""`huiwu proposals`: import, new, list, show (the steps are in cli/proposal_steps.py)."""

from pathlib import Path

import click

from cli.base import (
    emit_json,
    huiwu_command,
    open_db,
    station_kwargs,
)
from tui.i18n import t

# --------------------------------------------------------------------------------- proposals


@click.group("proposals")
def proposals_group() -> None:
    """Proposals (提案): capture, import, the lifecycle to the rating, statistics, exports."""


def _proposal_codes(text: str | None) -> tuple[str, ...]:
    from models.io.proposal_file import split_codes

    return split_codes(text or "")


def _status_words() -> dict[str, str]:
    """Every way a status may be written here → its code: 已立案, 立案, accepted …"""
    from models.rules.proposals import CLOSED, REJECTED, STATUSES, SUGGESTION
    from tui.i18n import catalogs

    words = {"意见建议": SUGGESTION, "转意见建议": SUGGESTION, "未立案": REJECTED, "办结": CLOSED}
    for status in STATUSES:
        words[status] = status
        for lang in ("zh", "en"):
            name = catalogs()[lang][f"proposal.status.{status}"].lower()
            words[name] = status
            words[name.removeprefix("已")] = status
    return words


def _proposal_status(value: str | None) -> str | None:
    from models.errors import refuse
    from models.rules.proposals import STATUSES

    text = " ".join((value or "").split()).lower()
    if not text:
        return None
    status = _status_words().get(text)
    if status is None:
        choices = "、".join(t(f"proposal.status.{s}") for s in STATUSES)
        raise refuse("clip.bad_status", value=value[:20], choices=choices)
    return status


def _proposal_category(db, value: str | None) -> str | None:
    from models.errors import refuse
    from models.proposals import proposal_settings

    text = " ".join((value or "").split())
    if not text:
        return None
    categories = proposal_settings(db).categories
    if text not in categories:
        raise refuse("proposal.unknown_category", category=text, categories="、".join(categories))
    return text


def proposal_detail_json(detail) -> dict:
    from models.proposals import proposal_json

    data = proposal_json(detail)
    data.update(
        {
            "proposer_names": [p.name for p in detail.proposers],
            "seconder_names": [p.name for p in detail.seconders],
            "reason": detail.reason,
            "suggestion": detail.suggestion,
            "decision_note": detail.decision_note or None,
            "reply": detail.reply or None,
            "answered_at": detail.answered_at,
            "merged": list(detail.merged),
            "next_actions": list(detail.next_actions),
            "history": [
                {
                    "at": h.at,
                    "action": h.action,
                    "from": h.from_status,
                    "to": h.to_status,
                    "note": h.note,
                    "detail": h.detail,
                    "operator": h.operator,
                    "station": h.station,
                }
                for h in detail.history
            ],
        }
    )
    return data


def _status_word(row) -> str:
    word = t(f"proposal.status.{row.status}")
    return word + t("clip.overdue") if row.overdue else word


def _moment(stamp: str | None) -> str:
    """2026-11-21T14:53:31.123+08:00 → 2026-11-21 14:53."""
    return (stamp or "")[:16].replace("T", " ")


def _people_words(people) -> str:
    return "、".join(f"{p.name}（{p.code}）" for p in people) or "—"


def _history_line(entry) -> str:
    detail = entry.detail
    if entry.action == "rate" and detail:
        detail = t(f"proposal.rating.{detail}")
    elif entry.action == "answer" and len(detail) > 40:
        detail = detail[:39] + "…"
    status = t(f"proposal.status.{entry.to_status}")
    parts = [_moment(entry.at), t(f"proposal.action.{entry.action}"), f"→ {status}"]
    parts += [part for part in (detail, entry.note) if part]
    who = "/".join(part for part in (entry.operator, entry.station) if part)
    return "  ".join(parts) + (t("clip.history.by", who=who) if who else "")


def _echo_proposal(detail) -> None:
    row = detail.row
    click.echo(t("clip.show.head", label=row.label, title=row.title))
    click.echo(t("clip.show.category", category=row.category))
    kind = t(f"proposal.kind.{row.proposer_kind}")
    names = _people_words(detail.proposers)
    if row.proposer_kind == "delegation":
        names = row.delegation + (f"（{names}）" if detail.proposers else "")
    click.echo(t("clip.show.proposers", kind=kind, names=names))
    click.echo(t("clip.show.seconders", names=_people_words(detail.seconders)))
    click.echo(t("clip.show.status", status=_status_word(row)))
    if row.round > 1:
        click.echo(t("clip.show.round", round=row.round))
    if detail.merged_into:
        click.echo(t("clip.show.merged_into", label=detail.merged_into))
    if detail.merged:
        click.echo(t("clip.show.merged", labels="、".join(detail.merged)))
    if detail.decision_note:
        click.echo(t("clip.show.decision", note=detail.decision_note))
    if row.department:
        click.echo(t("clip.show.department", department=row.department, due=row.due_date or "—"))
    for key, text in (
        ("clip.show.reason", detail.reason),
        ("clip.show.suggestion", detail.suggestion),
    ):
        if text:
            click.echo(t(key))
            click.echo(text)
    if detail.reply:
        click.echo(t("clip.show.reply", at=_moment(detail.answered_at)))
        click.echo(detail.reply)
    if row.rating:
        click.echo(t("clip.show.rating", rating=t(f"proposal.rating.{row.rating}")))
    click.echo(t("clip.show.history"))
    for entry in detail.history:
        click.echo("  " + _history_line(entry))
    if detail.next_actions:
        actions = "、".join(t(f"proposal.action.{a}") for a in detail.next_actions)
        click.echo(t("clip.show.next", actions=actions))
    else:
        click.echo(t("clip.show.done"))


def echo_step(detail, action: str, as_json: bool) -> None:
    if as_json:
        emit_json(proposal_detail_json(detail))
        return
    row = detail.row
    click.echo(
        t(
            "clip.step",
            label=row.label,
            title=row.title,
            action=t(f"proposal.action.{action}"),
            status=t(f"proposal.status.{row.status}"),
        )
    )
    if action == "merge" and detail.merged_into:
        click.echo(t("clip.show.merged_into", label=detail.merged_into))
    if action == "assign":
        click.echo(t("clip.assigned", department=row.department, due=row.due_date))
    if action == "rate":
        click.echo(t("clip.rated", rating=t(f"proposal.rating.{row.rating}")))
        if row.status == "rehandling":
            click.echo(t("clip.rehandling", round=row.round))


@huiwu_command("import", group=proposals_group, json=True)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def proposals_import(file: Path, as_json: bool) -> None:
    """Import proposals from CSV/XLSX, all or nothing. One proposal a row: 标题/title, 提案人/proposer
    (roster codes split by 、 , ; or space = jointly, or a delegation's name), 附议人/seconders,
    类别/category, 案由/reason, 建议/suggestion. A row already registered (same title and
    proposers) is skipped."""
    from models.proposal_import import import_proposals

    report = import_proposals(open_db(), file, **station_kwargs())
    if as_json:
        emit_json(
            {
                "rows": report.rows,
                "added": len(report.added),
                "unchanged": report.unchanged,
                "file": report.file,
                "sha256": report.sha256,
                "proposals": [
                    {"number": p.number, "label": p.label, "title": p.title} for p in report.added
                ],
            }
        )
        return
    click.echo(
        t(
            "clip.imported",
            added=len(report.added),
            unchanged=report.unchanged,
            rows=report.rows,
        )
    )
    if report.added:
        click.echo(t("clip.added", labels="、".join(p.label for p in report.added)))
    click.echo(t("clip.file", file=report.file, sha256=report.sha256))


@huiwu_command("new", group=proposals_group, json=True)
@click.argument("title")
@click.option("--category", default="", help="类别 (see `huiwu proposals settings`).")
@click.option("--proposer", default=None, help='Roster codes "D001" or jointly "D001,D002".')
@click.option("--delegation", default=None, help="A delegation's proposal: its name.")
@click.option("--seconders", default="", help='附议人 roster codes "D003,D004".')
@click.option("--reason", default="", help="案由.")
@click.option("--suggestion", default="", help="建议 (suggested measures).")
def proposals_new(title, category, proposer, delegation, seconders, reason, suggestion, as_json):
    """Register a proposal; it gets the next number (e.g. 三届二次-001)."""
    from models.proposals import Draft, similar_proposals, submit_proposal

    db = open_db()
    draft = Draft(
        title=title,
        category=category,
        proposers=_proposal_codes(proposer),
        seconders=_proposal_codes(seconders),
        delegation=delegation,
        reason=reason,
        suggestion=suggestion,
    )
    detail = submit_proposal(db, draft, **station_kwargs())
    row = detail.row
    similar = similar_proposals(
        db, row.title, f"{detail.reason}\n{detail.suggestion}".strip(), exclude=row.number
    )
    if as_json:
        data = proposal_detail_json(detail)
        data["similar"] = [
            {"number": s.number, "label": s.label, "title": s.title, "score": s.score}
            for s in similar
        ]
        emit_json(data)
        return
    click.echo(t("clip.created", label=row.label, title=row.title))
    if similar:
        click.echo(t("clip.similar"))
        for s in similar:
            status = t(f"proposal.status.{s.status}")
            click.echo(
                t("clip.similar_item", label=s.label, title=s.title, status=status, score=s.score)
            )


@huiwu_command("list", group=proposals_group, json=True)
@click.option("--status", default=None, help="submitted | accepted | … or 已提交 | 已立案 | …")
@click.option("--category", default=None, help="A category (生产经营 …).")
@click.option("--delegation", default=None, help="The proposers' delegation.")
@click.option("--department", default=None, help="承办部门.")
@click.option("--overdue", is_flag=True, help="Assigned and past the due date.")
def proposals_list(status, category, delegation, department, overdue, as_json) -> None:
    """The registry in number order, filtered."""
    from models.proposals import list_proposals, row_json

    db = open_db()
    rows = list_proposals(
        db,
        status=_proposal_status(status),
        category=_proposal_category(db, category),
        delegation=" ".join((delegation or "").split()) or None,
        department=" ".join((department or "").split()) or None,
        overdue=overdue,
    )
    if as_json:
        emit_json([row_json(r) for r in rows])
        return
    filtered = any((status, category, delegation, department, overdue))
    if not rows:
        click.echo(t("clip.none_match" if filtered else "clip.none"))
        return
    from tui.result_text import table

    head = [
        t("clip.col.label"),
        t("clip.col.title"),
        t("clip.col.category"),
        t("clip.col.proposers"),
        t("clip.col.status"),
        t("clip.col.department"),
        t("clip.col.due"),
    ]
    body = [
        [
            r.label,
            r.title,
            r.category,
            r.proposers,
            _status_word(r),
            r.department or "",
            r.due_date or "",
        ]
        for r in rows
    ]
    click.echo("\n".join(table([head, *body])))
    click.echo(t("clip.count", count=len(rows)))


@huiwu_command("show", group=proposals_group, json=True)
@click.argument("ref", metavar="REF")
def proposals_show(ref: str, as_json: bool) -> None:
    """One proposal with its people, texts and history (REF: 1, 001 or 三届二次-001)."""
    from models.proposals import get_proposal

    detail = get_proposal(open_db(), ref)
    if as_json:
        emit_json(proposal_detail_json(detail))
        return
    _echo_proposal(detail)


COMMANDS = (proposals_group,)
