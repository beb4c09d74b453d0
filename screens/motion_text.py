"""The motion screen's words: the fields, the rule's sentence and where the two entries differ."""

from models.motions import MotionOutcome
from models.rules.motion import HANDS, SECRET
from tui.i18n import t

VOTES = ("yes", "no", "abstain")
BALLOTS = ("issued", "returned", "invalid")
ORDER = {HANDS: VOTES, SECRET: ("issued", "returned", *VOTES, "invalid")}
MAX_LISTED = 12  # differences named before "… N in all"


def field_name(key: str) -> str:
    return t(f"vui.field.{key}")


def rule_sentence(result) -> str:
    """「赞成票须超过应到代表 N 人的半数，即至少 M 票」 for the base and comparator used."""
    return t(
        f"vui.rule.{result.base_kind}.{result.comparator}",
        base=result.base,
        threshold=result.threshold,
    )


def on_line_sentence(result) -> str:
    if not result.exactly_on_line:
        return ""
    return t("vui.on_line.passed") if result.passed else t("vui.on_line.failed")


def difference_text(difference, *, blind: bool) -> str:
    """One place where the two entries differ; the blind view names it without the numbers."""
    if difference.where == "field":
        where = field_name(difference.key)
    elif difference.where == "delegation":
        name, _, key = difference.key.partition(":")
        where = f"{name} {field_name(key)}"
    else:
        where = t("vui.diff.ballot", number=difference.key)
    if blind:
        return where
    return t(
        "vui.diff.values",
        where=where,
        first=difference_value(difference, difference.first),
        second=difference_value(difference, difference.second),
    )


def difference_value(difference, value) -> str:
    if value is None:
        return "—"
    return t(f"choice.{value}") if difference.where == "ballot" else value


def differences_text(differences, *, blind: bool, sep: str) -> str:
    """The places where the entries differ, the first few named (a long count stays readable)."""
    text = sep.join(difference_text(d, blind=blind) for d in differences[:MAX_LISTED])
    if len(differences) > MAX_LISTED:
        text += t("vui.diff.more", count=len(differences))
    return text


def ballot_gaps(differences) -> tuple[list, list]:
    """(ballots keyed differently, ballot numbers keyed in one entry only). The second kind is a
    count still being keyed (or a ballot skipped) rather than a disagreement over a ballot."""
    gaps = [d for d in differences if d.where == "ballot" and (d.first is None or d.second is None)]
    return [d for d in differences if d not in gaps], gaps


def second_keyed(outcome: MotionOutcome, gaps) -> int:
    """How many ballots the second entry holds, from the first entry's count and the gaps."""
    only_first = sum(1 for d in gaps if d.second is None)
    only_second = sum(1 for d in gaps if d.first is None)
    return outcome.ballots_keyed - only_first + only_second
