"""The printed attendance sheet (出席情况 / 签到表) of every sitting, A4, in Chinese (issue 6).

Each sitting starts on a new page: its name, the figures (应到 / 实到 / 请假 / 缺席 / 列席 and the
quorum, ceil(2/3 of 应到)), the presiding officer's announcement in a framed box, then the roster
delegation by delegation (code, name, unit, the time and desk of the check-in, or 请假（reason） /
缺席), and the lines for the presiding officer and the staff to sign. Drawn with the house
builder :func:`models.io.pdf_kit.build_pdf` from a :class:`MinutesData`, so it says exactly
what the workbook and the CSV copies of the same collect say.
"""

import os
from collections import Counter
from datetime import datetime
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from models.congress import VOTING
from models.io.badges import CATEGORY_NAMES
from models.io.minutes_data import LEAVE, PRESENT, AttendanceRow, MinutesData, SittingMinutes
from models.io.pdf_kit import (
    BODY,
    FAIL,
    FONT,
    GREY,
    HEADING,
    PASS,
    PASS_BG,
    RULE,
    SHADE,
    SMALL,
    TITLE,
    WARN_BG,
    WIDTH,
    SignSlot,
    build_pdf,
    escape,
    paragraph_style,
    section_heading,
    signature_grid,
    user_markup,
)
from models.io.private_files import export_target, write_privately
from models.io.proposal_sheet import chinese_line_breaks

FIGURE_LABEL = paragraph_style("att_label", 8.5, 11, alignment=TA_CENTER, textColor=GREY)
FIGURE_VALUE = paragraph_style("att_value", 17, 21, alignment=TA_CENTER)
ANNOUNCE = paragraph_style("att_announce", 12.5, 20, alignment=TA_LEFT)
GROUP = paragraph_style("att_group", 11, 15, spaceBefore=8, spaceAfter=3)
GROUP_ROOM = 28 * mm  # a heading, the table header and a few rows: else the group starts a page
CELL_SIZE = 9.5
CELL = paragraph_style("att_cell", CELL_SIZE, 12, alignment=TA_LEFT)
CELL_GREY = paragraph_style("att_cell_grey", CELL_SIZE, 12, alignment=TA_LEFT, textColor=GREY)
CELL_WARN = paragraph_style("att_cell_warn", CELL_SIZE, 12, alignment=TA_LEFT, textColor=FAIL)
EMPTY = paragraph_style("att_empty", 12, 18, alignment=TA_CENTER, textColor=GREY, spaceBefore=10)

COLUMNS = (("编号", 22 * mm), ("姓名", 26 * mm), ("单位", None), ("签到时间", 24 * mm))
STATION_W = 38 * mm
PAD = 3  # points each side inside a cell
ROLE_WORDS = {"attendee": "列席", "guest": "特邀", "staff": "工作人员"}
NO_DELEGATION = "未分团代表"


# -- words --------------------------------------------------------------------------------------


def _moment(iso: str | None) -> datetime | None:
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        return None


def time_words(iso: str | None, with_day: bool) -> str:
    """``09:14``, or ``3月5日 09:14`` when the sitting's check-ins span more than one day."""
    moment = _moment(iso)
    if moment is None:
        return iso or ""
    if with_day:
        return f"{moment.month}月{moment.day}日 {moment:%H:%M}"
    return f"{moment:%H:%M}"


def spans_days(minutes: SittingMinutes) -> bool:
    days = {m.date() for m in (_moment(p.checked_in_at) for p in minutes.people) if m}
    return len(days) > 1


def status_words(person: AttendanceRow) -> str:
    if person.status == LEAVE:
        return f"请假（{person.leave_reason}）" if person.leave_reason else "请假"
    return "缺席" if person.category == VOTING else "未到"


def station_words(person: AttendanceRow) -> str:
    station = person.station or "—"
    return f"{station}（手工）" if person.method == "manual" else station


def quorum_words(figures) -> str:
    need = f"法定人数为应到代表的三分之二以上，即至少 {figures.required} 名"
    if figures.due == 0:
        return "名册中没有正式代表，无法计算法定人数。"
    if figures.quorum_on_line:
        return f"{need}；实到 {figures.present} 名，恰为三分之二，达到法定人数。"
    if figures.quorum_met:
        return f"{need}；实到 {figures.present} 名，达到法定人数。"
    return f"{need}；实到 {figures.present} 名，尚差 {figures.missing} 名，不足法定人数。"


# -- blocks -------------------------------------------------------------------------------------


def _figures(figures) -> Table:
    cells = [
        ("应到代表", figures.due),
        ("实到代表", figures.present),
        ("请假", figures.leave),
        ("缺席", figures.absent),
        ("列席代表", figures.nonvoting_present),
        ("法定人数", figures.required),
    ]
    labels = [Paragraph(escape(label), FIGURE_LABEL) for label, _ in cells]
    values = [Paragraph(escape(f"{value} 名"), FIGURE_VALUE) for _, value in cells]
    table = Table([labels, values], colWidths=[WIDTH / len(cells)] * len(cells))
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, 0), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 3),
                ("TOPPADDING", (0, 1), (-1, 1), 4),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 6),
            ]
        )
    )
    return table


def _announcement(minutes: SittingMinutes) -> Table:
    """The line the presiding officer reads out, framed in the colour of its verdict."""
    met = minutes.figures.quorum_met
    table = Table([[Paragraph(escape(minutes.announcement), ANNOUNCE)]], colWidths=[WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.4, PASS if met else FAIL),
                ("BACKGROUND", (0, 0), (-1, -1), PASS_BG if met else WARN_BG),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
            ]
        )
    )
    return table


def group_of(person: AttendanceRow) -> str:
    """Which list a person is printed in: their delegation; without one, their category."""
    if person.delegation:
        return person.delegation
    if person.category == VOTING:
        return NO_DELEGATION
    return CATEGORY_NAMES.get(person.category, person.category)


def groups(minutes: SittingMinutes) -> list[tuple[str, list[AttendanceRow]]]:
    """The people by list, in the roster's order (delegations as made, then the others)."""
    found: dict[str, list[AttendanceRow]] = {}
    for person in minutes.people:
        found.setdefault(group_of(person), []).append(person)
    return list(found.items())


def group_heading(name: str, people: list[AttendanceRow]) -> Paragraph:
    voting = [p for p in people if p.category == VOTING]
    if voting:
        counts = Counter(p.status for p in voting)
        present, leave = counts[PRESENT], counts[LEAVE]
        figures = (
            f"应到 {len(voting)} 名 · 实到 {present} 名 · 请假 {leave} 名"
            f" · 缺席 {len(voting) - present - leave} 名"
        )
    else:
        present = sum(p.status == PRESENT for p in people)
        figures = f"共 {len(people)} 名 · 到会 {present} 名"
    grey = f'<font size="9" color="#6B6B6B">　{escape(figures)}</font>'
    return Paragraph(f"{user_markup(name)}{grey}", GROUP)


def _fits(text: str, width: float) -> bool:
    return pdfmetrics.stringWidth(text, FONT, CELL_SIZE) <= width - 2 * PAD


def text_cell(text: str, width: float):
    """A plain string when it fits on one line (fast: a roster has thousands of rows), else a
    paragraph that wraps."""
    if _fits(text, width):
        return text
    return Paragraph(user_markup(text), CELL)


def _widths() -> list[float]:
    fixed = sum(w for _, w in COLUMNS if w) + STATION_W
    return [w if w else WIDTH - fixed for _, w in COLUMNS] + [STATION_W]


def _person_cells(person: AttendanceRow, widths: list[float], with_day: bool) -> list:
    name = person.name
    role = ROLE_WORDS.get(person.category)
    if role and person.delegation:  # a non-voting member of a delegation says so
        name = f"{name}（{role}）"
    cells = [
        text_cell(person.code, widths[0]),
        text_cell(name, widths[1]),
        text_cell(person.unit or "", widths[2]),
    ]
    if person.status == PRESENT:
        cells += [
            time_words(person.checked_in_at, with_day),
            text_cell(station_words(person), widths[4]),
        ]
    else:
        style = CELL_WARN if person.status != LEAVE and person.category == VOTING else CELL_GREY
        cells += [Paragraph(user_markup(status_words(person)), style), ""]
    return cells


def _roster_table(people: list[AttendanceRow], with_day: bool) -> Table:
    widths = _widths()
    head = [*(title for title, _ in COLUMNS), "签到台"]
    rows = [head] + [_person_cells(p, widths, with_day) for p in people]
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, CELL_SIZE),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ]
    for index, person in enumerate(people, start=1):
        if person.status != PRESENT:  # 请假（…） / 缺席 across the time and the desk
            style.append(("SPAN", (3, index), (4, index)))
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="CENTER")
    table.setStyle(TableStyle(style))
    return table


def _signatures() -> Table:
    label_w = 22 * mm
    slots = 4
    slot_w = (WIDTH - label_w) / slots
    rows = [
        [Paragraph("主持人：", CELL), SignSlot(slot_w), "", "", ""],
        [Paragraph("工作人员：", CELL), SignSlot(slot_w), SignSlot(slot_w), "", ""],
    ]
    return signature_grid(rows, label_w, slot_w, slots)


# -- the document -------------------------------------------------------------------------------


def _heading_lines(data: MinutesData) -> list[str]:
    congress = data.congress
    lines = [congress.name]
    where = " · ".join(
        part
        for part in (
            f"会议日期：{congress.date}" if congress.date else "",
            f"会议地点：{congress.venue}" if congress.venue else "",
        )
        if part
    )
    if where:
        lines.append(where)
    return lines


def sitting_story(data: MinutesData, minutes: SittingMinutes) -> list:
    figures = minutes.figures
    story: list = [
        Paragraph(user_markup(f"{minutes.sitting.name}出席情况"), TITLE),
        Spacer(1, 1.5 * mm),
        *(Paragraph(user_markup(line), HEADING) for line in _heading_lines(data)),
        Spacer(1, 4 * mm),
        _figures(figures),
        Spacer(1, 2.5 * mm),
        Paragraph(escape(quorum_words(figures)), BODY),
        Spacer(1, 2.5 * mm),
        _announcement(minutes),
        Spacer(1, 2 * mm),
        *section_heading("签到名单"),
    ]
    if not minutes.people:
        story.append(Paragraph("名册中没有人员。", EMPTY))
    with_day = spans_days(minutes)
    for name, people in groups(minutes):
        # not keepWithNext: reportlab would push a long group's whole table onto a new page
        story += [CondPageBreak(GROUP_ROOM), group_heading(name, people)]
        story.append(_roster_table(people, with_day))
    story += [
        Spacer(1, 6 * mm),
        Paragraph(escape(f"数据截至审计记录第 {data.head_id} 条（{data.head_short}）"), SMALL),
        # the signature block never splits: a lone 日期 line on a page of its own is unsignable
        KeepTogether([*section_heading("签名"), _signatures()]),
    ]
    return story


def attendance_story(data: MinutesData) -> list:
    if not data.sittings:
        return [
            Paragraph("出席情况", TITLE),
            Spacer(1, 1.5 * mm),
            *(Paragraph(user_markup(line), HEADING) for line in _heading_lines(data)),
            Paragraph("尚未设立会次，没有出席记录。", EMPTY),
        ]
    story: list = []
    for index, minutes in enumerate(data.sittings):
        if index:
            story.append(PageBreak())
        story += sitting_story(data, minutes)
    return story


def render_attendance(data: MinutesData, path) -> int:
    """Draw the sheet into ``path``; returns the page count."""
    congress = data.congress
    with chinese_line_breaks():  # 「，」 hangs at the line's end instead of starting the next
        return build_pdf(
            path,
            lambda: attendance_story(data),
            title=f"{congress.name} 出席情况",
            subject=f"{congress.name}：各次会议出席情况（签到表）",
            keywords="出席 签到 法定人数 职代会",
            footer=f"{congress.name}　出席情况",
        )


def write_attendance_pdf(data: MinutesData, path: str | os.PathLike) -> Path:
    """The attendance sheet of every sitting at ``path`` (written beside it, moved into place)."""
    out = export_target(path)
    write_privately(out, lambda temp: render_attendance(data, temp))
    return out
