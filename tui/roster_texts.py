"""What a roster import preview and its result say, shared by the CLI and the import screen
(no textual here)."""

from models.roster import ImportPreview, ImportReport
from tui.i18n import category_name, get_lang, t

SHOWN_PEOPLE = 20  # a re-import of 2,000 people is summed up, not printed person by person


def _sep() -> str:
    return "、" if get_lang() == "zh" else ", "


def preview_lines(preview: ImportPreview) -> list[str]:
    """The preview, line by line: counts, who is added, each change old → new, who is on the
    roster but not in the file (never deleted), and the columns not used."""
    lines = [
        t("roster.preview.title", file=preview.file),
        t(
            "roster.preview.counts",
            total=preview.total,
            added=len(preview.added),
            updated=len(preview.changed),
            categories=len(preview.category_changes),
            unchanged=preview.unchanged,
            delegations=len(preview.delegations_new),
        ),
    ]
    if preview.added:
        lines.append(t("roster.preview.added", people=_people(preview.added)))
    names = preview.names or {}
    for entry in preview.changed[:SHOWN_PEOPLE]:
        code = entry["code"]
        lines.append(
            t(
                "roster.preview.changed",
                code=code,
                name=names.get(code, ""),
                changes=_changes(entry),
            )
        )
    if len(preview.changed) > SHOWN_PEOPLE:
        lines.append(t("roster.preview.more", count=len(preview.changed)))
    if preview.not_in_file:
        people = _people(preview.not_in_file)
        lines.append(t("roster.preview.not_in_file", count=len(preview.not_in_file), people=people))
    if preview.same_name:
        lines.append(t("roster.preview.same_name_allowed", count=len(preview.same_name)))
    lines += column_lines(
        preview.ignored_columns, preview.unused_columns, preview.unlabelled_columns
    )
    if not preview.added and not preview.changed:
        lines.append(t("roster.preview.nothing"))
    return lines


def report_column_lines(report: ImportReport) -> list[str]:
    return column_lines(report.ignored_columns, report.unused_columns, report.unlabelled_columns)


def column_lines(ignored, unused, unlabelled) -> list[str]:
    """「已忽略的列：备注、民族」 and its kin: nothing in a file is left out without a word."""
    lines = []
    if ignored:
        lines.append(t("roster.preview.ignored", columns=_sep().join(ignored)))
    if unlabelled:
        lines.append(t("roster.preview.unlabelled", letters=_sep().join(unlabelled)))
    if unused:
        lines.append(t("roster.preview.unused", columns=_sep().join(unused)))
    return lines


def _people(people: list[dict]) -> str:
    shown = _sep().join(f"{p['code']} {p['name']}" for p in people[:SHOWN_PEOPLE])
    if len(people) > SHOWN_PEOPLE:
        shown += t("roster.preview.more", count=len(people))
    return shown


def _changes(entry: dict) -> str:
    return _sep().join(
        t(
            "roster.preview.change",
            field=t(f"roster.field.{field}"),
            old=_value(field, change[0]),
            new=_value(field, change[1]),
        )
        for field, change in entry.items()
        if field != "code"
    )


def _value(field: str, value) -> str:
    if value is None or value == "":
        return t("roster.preview.blank")
    return category_name(value) if field == "category" else str(value)
