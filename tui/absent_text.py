"""The 未到名单's sentences, shared by `huiwu absent` and the screen (no textual here)."""

from models.absentees import Absentee, AbsenteeReport, DelegationAbsentees
from tui.i18n import t


def figures_line(report: AbsenteeReport) -> str:
    """应到 / 实到 / 请假 / 未到: those on leave are counted here and not listed (RULES §1)."""
    return t(
        "absent.figures",
        due=report.due,
        present=report.present,
        leave=report.leave,
        absent=report.absent,
    )


def heading(report: AbsenteeReport) -> str:
    if report.delegation is not None:
        return t("absent.heading_one", sitting=report.sitting.name, delegation=report.delegation)
    return t("absent.heading", sitting=report.sitting.name)


def delegation_name(group: DelegationAbsentees) -> str:
    return group.delegation or t("absent.no_delegation")


def head_text(group: DelegationAbsentees) -> str:
    if group.head is None:
        return t("absent.no_head")
    if group.head_phone:  # the number to call first
        return t("absent.head_phone", head=group.head, code=group.head_code, phone=group.head_phone)
    return t("absent.head", head=group.head, code=group.head_code)


def group_title(group: DelegationAbsentees) -> str:
    return t(
        "absent.group",
        delegation=delegation_name(group),
        head=head_text(group),
        count=len(group.people),
    )


def absentee_lines(report: AbsenteeReport) -> list[str]:
    """The list as `huiwu absent` prints it: heading, figures, then delegation by delegation."""
    lines = [f"{report.congress.name} · {heading(report)}", figures_line(report)]
    if not report.groups:
        lines.append(t("absent.none"))
    for group in report.groups:
        lines.append(group_title(group))
        lines.extend(person_line(report, p) for p in group.people)
    return lines


def person_line(report: AbsenteeReport, person: Absentee) -> str:
    """Code, name, unit and, when the roster has phones, the phone: tab-separated."""
    cells = [person.code, person.name, person.unit or ""]
    if report.phones:
        cells.append(person.phone or "")
    return ("  " + "\t".join(cells)).rstrip()
