"""Where a count stands and where its two entries differ, as readable rows (the CLI's
``huiwu result``, the differences screen and the appraisal screen; no textual here)."""

from models.voting import APPRAISAL, ELECTION, MOTION
from tui.i18n import t
from tui.vote_words import DASH, ballot_text, dash_or


def _motion_where(d) -> str:
    if d.where == "ballot":
        return t("cliv.diff.ballot", number=d.key)
    if d.where == "delegation":
        name, _, field = d.key.rpartition(":")
        return t("cliv.diff.delegation", delegation=name, field=t(f"cliv.field.{field}"))
    return t(f"cliv.field.{d.key}")


def _motion_value(d, value) -> str:
    if value is None:
        return DASH
    return t(f"choice.{value}") if d.where == "ballot" else value


def status_lines(outcome) -> list[str]:
    item = outcome.item
    differences = list(outcome.differences)
    if differences:
        lines = [t("cliv.pending.differences", count=len(differences))]
        for where, first, second in difference_rows(item, differences):
            lines.append(t("settle.side_by_side", where=where, first=first, second=second))
        return lines
    if outcome.final:
        return [t("cliv.final.double" if item.double_entry else "cliv.final.single")]
    if item.kind == ELECTION:
        if not outcome.entries.get(1):
            return [t("cliv.not_counted")]
        if not outcome.complete:
            return [_still_keying(item, outcome.entries[1])]
        return [t("cliv.pending.second")]
    if outcome.result is None:
        return []  # "not counted" is already said by the body
    if item.kind == MOTION and not outcome.complete:
        return [_still_keying(item, outcome.ballots_keyed)]
    if item.kind == APPRAISAL and len(outcome.marked) < len(item.nominees):
        return [t("cliv.pending.subjects", count=len(item.nominees) - len(outcome.marked))]
    return [t("cliv.pending.second")]


def _still_keying(item, keyed: int) -> str:
    issued = "—" if item.issued is None else item.issued
    return t("cliv.pending.keying", keyed=keyed, issued=issued, number=item.number)


def difference_rows(item, differences) -> list[tuple[str, str, str]]:
    """(where, first entry, second entry) for each difference, readable; an appraisal person's
    row is split by level so each number stands beside the other clerk's."""
    rows = []
    for d in differences:
        if item.kind == APPRAISAL and d.key not in ("returned", "invalid"):
            rows += _appraisal_rows(item, d)
        else:
            rows.append(_difference(item, d))
    return rows


def _appraisal_rows(item, d) -> list[tuple[str, str, str]]:
    from models.rekey import appraisal_levels

    levels = appraisal_levels(item, d)
    if d.first is None or d.second is None:  # one clerk has nothing for this person

        def side(text):
            if text is None:
                return DASH
            counts = text.split("/")
            return " ".join(
                t("settle.counts", level=t(f"option.{o}"), count=c)
                for o, c in zip(_level_ids(item), counts, strict=False)
            )

        return [(t("settle.person_all", name=d.key), side(d.first), side(d.second))]
    return [
        (t("settle.level", name=d.key, level=t(f"option.{o}")), dash_or(a), dash_or(b))
        for o, a, b in levels
    ]


def _level_ids(item) -> list[str]:
    from models.rules.appraisal import SCALES

    return [o.id for o in SCALES[item.settings.get("scale", "sat3")]]


def _difference(item, d) -> tuple[str, str, str]:
    none = DASH
    if item.kind == MOTION:
        return _motion_where(d), _motion_value(d, d.first), _motion_value(d, d.second)
    if item.kind == ELECTION:
        return (
            t("cliv.diff.ballot", number=d.number),
            ballot_text(d.first, item.nominees),
            ballot_text(d.second, item.nominees),
        )
    where = t(f"cliv.field.{d.key}") if d.key in ("returned", "invalid") else d.key
    return (
        where,
        d.first if d.first is not None else none,
        d.second if d.second is not None else none,
    )
