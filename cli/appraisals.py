"""`huiwu appraisal` and `ballots rekey`: appraisals, and settling a double entry."""

import click

from cli.base import (
    emit_json,
    entry_option,
    huiwu_command,
    open_db,
    station_kwargs,
)
from cli.elections import ballots
from cli.motions import CHOICE_WORDS
from cli.voting import echo_outcome, issue_ballots, item_flags, item_json
from tui.i18n import t

# --- appraisals


@click.group()
def appraisal() -> None:
    """Appraisal of leaders (民主评议 / 满意度测评)."""


def _subjects(text: str) -> list[tuple[str, str | None]]:
    """ "张三:党委书记,李四:工会主席" → [(张三, 党委书记), (李四, 工会主席)]."""
    out = []
    for piece in text.replace("，", ",").replace("、", ",").split(","):
        name, _, post = piece.replace("：", ":").partition(":")
        if name.strip():
            out.append((name.strip(), post.strip() or None))
    return out


@huiwu_command("new", group=appraisal, json=True)
@click.argument("title")
@click.option("--subjects", required=True, help='"张三:党委书记,李四:工会主席"')
@click.option(
    "--scale",
    type=click.Choice(["sat3", "comp4", "sat_unknown", "sat5"]),
    default="sat3",
    show_default=True,
)
@click.option("--denominator", type=click.Choice(["valid", "returned", "due"]), default=None)
@click.option("--weighted", is_flag=True, help="Show the weighted score beside the rate.")
@click.option("--double", "double_entry", is_flag=True, help="A blind second entry checks it.")
def appraisal_new(title, subjects, scale, denominator, weighted, double_entry, as_json) -> None:
    from models.appraisals import new_appraisal

    item = new_appraisal(
        open_db(),
        title,
        subjects=_subjects(subjects),
        scale=scale,
        denominator=denominator,
        weighted=weighted,
        double_entry=double_entry,
        **station_kwargs(),
    )
    if as_json:
        emit_json(item_json(item))
        return
    names = "、".join(
        f"{n}（{p}）" if p else n for n, p in zip(item.nominees, item.posts, strict=True)
    )
    click.echo(
        t(
            "cliv.appraisal.created",
            number=item.number,
            title=item.title,
            names=names,
            scale=t(f"scale.{scale}"),
        )
    )
    for line in item_flags(item):
        click.echo(line)


@huiwu_command("issue", group=appraisal, json=True)
@click.argument("ref", metavar="ITEM")
@click.argument("count", metavar="N", type=int)
def appraisal_issue(ref: str, count: int, as_json: bool) -> None:
    """发出: appraisal sheets issued (the same as `huiwu election issue`)."""
    issue_ballots(ref, count, as_json)


@huiwu_command("sheets", group=appraisal, json=True)
@click.argument("ref", metavar="ITEM")
@click.option("--returned", type=int, required=True)
@click.option("--invalid", type=int, default=0, show_default=True)
@entry_option
def appraisal_sheets(ref: str, returned: int, invalid: int, entry: str, as_json: bool) -> None:
    """收回 and 无效 sheets (more returned than issued is recorded, and voids the appraisal)."""
    from models.appraisals import record_sheets

    outcome = record_sheets(
        open_db(), ref, returned=returned, invalid=invalid, entry=int(entry), **station_kwargs()
    )
    echo_outcome(outcome, as_json)


@huiwu_command("marks", group=appraisal, json=True)
@click.argument("ref", metavar="ITEM")
@click.argument("person")
@click.argument("counts", metavar="N...", type=int, nargs=-1, required=True)
@entry_option
def appraisal_marks(ref: str, person: str, counts, entry: str, as_json: bool) -> None:
    """One person's counts, one per option of the scale in order (e.g. 满意 基本满意 不满意)."""
    from models.appraisals import record_marks

    outcome = record_marks(open_db(), ref, person, counts, entry=int(entry), **station_kwargs())
    echo_outcome(outcome, as_json)


# --- settling a double entry: re-key one ballot (or one person's counts) of one entry


def _rekey_entry(entry: str) -> str:
    return t(f"settle.entry.{entry}")


@huiwu_command("rekey", group=ballots, json=True)
@click.argument("ref", metavar="ITEM")
@click.argument("number", metavar="NUMBER", type=int)
@click.option("--entry", type=click.Choice(["1", "2"]), required=True, help="The entry to correct.")
@click.option("--marks", default=None, help='An election ballot\'s marks in order: "○×-" or "ox-".')
@click.option(
    "--write-in", "write_in", default="", help="Names written in (另选他人), 、-separated."
)
@click.option("--void", is_flag=True, help="The ballot is over-filled on paper too (废票).")
@click.option("--choice", default=None, help="A motion ballot: 赞成|反对|弃权|无效 (yes|no|…).")
@click.option("--reason", required=True, help="Why it is keyed again (goes to the audit log).")
def ballots_rekey(ref, number, entry, marks, write_in, void, choice, reason, as_json) -> None:
    """Key ballot NUMBER of one entry again, to settle a double entry that disagrees."""
    from models.elections import clean_names
    from models.errors import refuse
    from models.rekey import (
        marks_from_text,
        rekey_election_ballot,
        rekey_motion_ballot,
        stored_ballot,
    )
    from models.results import outcome_json
    from models.voting import ELECTION, MOTION, load_item
    from tui.vote_words import ballot_text

    db = open_db()
    with db.read() as conn:
        item = load_item(conn, ref)
    before = stored_ballot(db, item.number, number, int(entry))
    if item.kind == MOTION:
        if choice is None:
            raise refuse("settle.cli.need_choice")
        word = CHOICE_WORDS.get(choice.strip().lower())
        if word is None:
            raise refuse("motion.bad_choice", choice=choice)
        outcome = rekey_motion_ballot(
            db, item.number, number, word, entry=int(entry), reason=reason, **station_kwargs()
        )
        old = t(f"choice.{before.choice}") if before.choice else "—"
        new = t(f"choice.{word}")
    elif item.kind == ELECTION:
        if marks is None:
            raise refuse("settle.cli.need_marks")
        stored = marks_from_text(marks, len(item.nominees))
        outcome = rekey_election_ballot(
            db,
            item.number,
            number,
            stored,
            clean_names(write_in),
            entry=int(entry),
            reason=reason,
            void=void,
            **station_kwargs(),
        )
        old = ballot_text(before.ballot, item.nominees)
        after = stored_ballot(db, item.number, number, int(entry)).ballot
        new = ballot_text(after, item.nominees)
    else:
        raise refuse("settle.cli.appraisal")
    if as_json:
        emit_json({**outcome_json(outcome), "rekeyed": {"entry": int(entry), "number": number}})
        return
    click.echo(
        t(
            "settle.cli.rekeyed",
            item=item.number,
            title=item.title,
            entry=_rekey_entry(entry),
            number=number,
            old=old,
            new=new,
            reason=reason.strip(),
        )
    )
    echo_outcome(outcome, False)


@huiwu_command("rekey", group=appraisal, json=True)
@click.argument("ref", metavar="ITEM")
@click.argument("person")
@click.argument("counts", metavar="N...", type=int, nargs=-1, required=True)
@click.option("--entry", type=click.Choice(["1", "2"]), required=True, help="The entry to correct.")
@click.option("--reason", required=True, help="Why it is keyed again (goes to the audit log).")
def appraisal_rekey(ref: str, person: str, counts, entry: str, reason: str, as_json) -> None:
    """Key one person's counts of one entry again, to settle a double entry that disagrees."""
    from models.rekey import rekey_appraisal_marks, stored_marks
    from models.results import outcome_json

    db = open_db()
    before = stored_marks(db, ref, person, int(entry))
    outcome = rekey_appraisal_marks(
        db, ref, person, counts, entry=int(entry), reason=reason, **station_kwargs()
    )
    if as_json:
        emit_json(outcome_json(outcome))
        return
    item = outcome.item
    click.echo(
        t(
            "settle.cli.rekeyed_marks",
            item=item.number,
            title=item.title,
            entry=_rekey_entry(entry),
            name=person.strip(),
            old="/".join(str(c) for c in before or ()),
            new="/".join(str(c) for c in counts),
            reason=reason.strip(),
        )
    )
    echo_outcome(outcome, False)


COMMANDS = (appraisal,)
