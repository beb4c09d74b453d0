"""`huiwu motion`: a motion, its count, and its ballots one by one."""

import click

from cli.base import (
    emit_json,
    entry_option,
    huiwu_command,
    open_db,
    station_kwargs,
)
from cli.voting import echo_outcome, issue_ballots, item_flags, item_json
from tui.i18n import t

# --- motions


@click.group()
def motion() -> None:
    """Motions (表决事项): create and count (see `huiwu result`)."""


@huiwu_command("new", group=motion, json=True)
@click.argument("title")
@click.option("--important", is_flag=True, help="重要事项: secret ballot only.")
@click.option("--base", type=click.Choice(["due", "present", "valid"]), default=None)
@click.option("--comparator", type=click.Choice(["gt", "gte"]), default=None)
@click.option("--double", "double_entry", is_flag=True, help="A blind second entry checks it.")
def motion_new(title, important, base, comparator, double_entry, as_json) -> None:
    from models.motions import new_motion
    from tui.result_text import motion_rule

    item = new_motion(
        open_db(),
        title,
        important=important,
        base=base,
        comparator=comparator,
        double_entry=double_entry,
        **station_kwargs(),
    )
    if as_json:
        emit_json(item_json(item))
        return
    click.echo(t("cliv.motion.created", number=item.number, title=item.title))
    click.echo(motion_rule(item.settings))
    for line in item_flags(item):
        click.echo(line)


@huiwu_command("count", group=motion, json=True)
@click.argument("motion_ref", metavar="MOTION")
@click.option("--yes", "yes_", type=int, required=True)
@click.option("--no", "no_", type=int, required=True)
@click.option("--abstain", type=int, required=True)
@click.option("--issued", type=int, default=None)
@click.option("--returned", type=int, default=None)
@click.option("--invalid", type=int, default=None)
@click.option("--hands", is_flag=True, help="Show of hands (otherwise a secret ballot).")
@click.option("--delegation", default=None, help="One delegation's show of hands.")
@entry_option
def motion_count(
    motion_ref, yes_, no_, abstain, issued, returned, invalid, hands, delegation, entry, as_json
) -> None:
    """Record a count: secret ballot (needs --issued/--returned/--invalid) or --hands."""
    from models.motions import record_count
    from models.rules.motion import HANDS, SECRET, MotionCount

    count = MotionCount(
        yes=yes_, no=no_, abstain=abstain, issued=issued, returned=returned, invalid=invalid
    )
    outcome = record_count(
        open_db(),
        motion_ref,
        count,
        method=HANDS if hands else SECRET,
        entry=int(entry),
        delegation=delegation,
        **station_kwargs(),
    )
    echo_outcome(outcome, as_json)


# Secret ballots keyed one by one (RULES §2: "ballots entered one by one or as counted totals").
CHOICE_WORDS = {
    "yes": "yes",
    "no": "no",
    "abstain": "abstain",
    "invalid": "invalid",
    "赞成": "yes",
    "反对": "no",
    "弃权": "abstain",
    "无效": "invalid",
}


def _motion_item(db, ref):
    from models.voting import MOTION, load_item

    with db.read() as conn:
        return load_item(conn, ref, MOTION)


@huiwu_command("issue", group=motion, json=True)
@click.argument("ref", metavar="MOTION")
@click.argument("count", metavar="N", type=int)
def motion_issue(ref: str, count: int, as_json: bool) -> None:
    """发出: secret ballots issued, before they are keyed one by one; freezes the roll."""
    db = open_db()
    _motion_item(db, ref)  # a motion, not an election or an appraisal
    issue_ballots(ref, count, as_json, db)


@huiwu_command("ballot", group=motion, json=True)
@click.argument("ref", metavar="MOTION")
@click.argument(
    "choice",
    metavar="yes|no|abstain|invalid",
    type=click.Choice(list(CHOICE_WORDS), case_sensitive=False),
)
@entry_option
def motion_ballot(ref: str, choice: str, entry: str, as_json: bool) -> None:
    """Key one secret ballot (赞成/反对/弃权/无效 work too); numbered in keying order."""
    from models.motions import entry_ballots, record_motion_ballot

    db = open_db()
    choice = CHOICE_WORDS[choice.lower()]
    number = record_motion_ballot(db, ref, choice, entry=int(entry), **station_kwargs())
    item = _motion_item(db, ref)
    keyed = len(entry_ballots(db, ref, int(entry)).ballots)
    if as_json:
        emit_json(
            {
                "number": item.number,
                "title": item.title,
                "entry": int(entry),
                "ballot": number,
                "choice": choice,
                "keyed": keyed,
                "issued": item.issued,
            }
        )
        return
    click.echo(
        t(
            "cliv.motion.ballot",
            number=item.number,
            title=item.title,
            entry=entry,
            ballot=number,
            choice=t(f"choice.{choice}"),
            keyed=keyed,
            issued=item.issued,
        )
    )


@huiwu_command("ballot-undo", group=motion, json=True)
@click.argument("ref", metavar="MOTION")
@click.argument("ballot", metavar="NUMBER", type=int)
@click.option("--reason", required=True, help="Why the ballot is taken back (required).")
@entry_option
def motion_ballot_undo(ref: str, ballot: int, reason: str, entry: str, as_json: bool) -> None:
    """Take back one keyed secret ballot, with a reason."""
    from models.motions import delete_motion_ballot, entry_ballots

    db = open_db()
    choice = dict(entry_ballots(db, ref, int(entry)).ballots).get(ballot)
    delete_motion_ballot(db, ref, ballot, reason=reason, entry=int(entry), **station_kwargs())
    item = _motion_item(db, ref)
    keyed = len(entry_ballots(db, ref, int(entry)).ballots)
    if as_json:
        emit_json(
            {
                "number": item.number,
                "title": item.title,
                "entry": int(entry),
                "ballot": ballot,
                "choice": choice,
                "undone": True,
                "keyed": keyed,
                "issued": item.issued,
            }
        )
        return
    click.echo(
        t(
            "cliv.motion.ballot_undone",
            number=item.number,
            title=item.title,
            entry=entry,
            ballot=ballot,
            choice=t(f"choice.{choice}"),
            reason=reason.strip(),
            keyed=keyed,
        )
    )


COMMANDS = (motion,)
