"""The minutes workbook (会议记录.xlsx): every figure of the congress in one file (openpyxl).

Sheets, in order: 「封面」 (the congress, the audit log's head the data stops at, the sheet list),
one 「出席-<会次>」 per sitting (the figures, the presiding officer's announcement, then every
person of the roster with the time and desk they checked in at, or their leave), 「表决」 (one row
per motion: every figure, the base, the threshold, the verdict, the settings and the roll's
SHA-256), 「选举」 (per election: the ballots and thresholds, then each candidate's 赞成 / 不赞成 /
弃权 and result, write-ins, runoffs and vacancies), 「测评」 (per appraisal: the sheets, then
each person's count per option, the rate as printed and the grade), 「提案」 (the registry rows,
then the committee's figures) and 「竞赛」 (each contest's standings, then its team standings).

Counts are numbers; satisfaction rates, contest scores and check-in times are
:class:`~models.io.cells.Shown` figures: in the workbook the number or time itself with a format
that shows exactly what the printed sheets show ("96.45%", "92.35", "2026-03-05 09:14:27"), in the
CSV copies that text. The row builders here are shared with :mod:`models.io.minutes_csv`. The styling and the words
come from the workbook kit and the other workbooks (:mod:`models.io.book_kit`, :mod:`models.io.proposal_book`)
and sheets (:mod:`models.io.result_facts`, :mod:`models.io.contest_sheet`).
"""

import os
from pathlib import Path

from openpyxl import Workbook

from models.io.cells import put
from models.io.minutes_data import MinutesData
from models.io.minutes_notes import (
    APPRAISAL_HEADERS,
    PROPOSAL_HEADERS,
    STANDING_HEADERS,
    SUBJECT_TAIL,
    TEAM_HEADERS,
    appraisal_values,
    election_notes,
    posts_of,
    proposal_values,
    standing_values,
    stats_rows,
    subject_heads,
    subject_tail,
    subject_values,
    team_values,
)
from models.io.minutes_rows import (
    ATTENDANCE_HEADERS,
    CANDIDATE_HEADERS,
    ELECTION_HEADERS,
    FIGURE_HEADERS,
    KIND_NAMES,
    METHOD_WORDS,
    MOTION_HEADERS,
    NO_APPRAISALS,
    NO_CONTESTS,
    NO_ELECTIONS,
    NO_MOTIONS,
    NO_PROPOSALS,
    NO_SITTINGS,
    SHEET_NAME_LIMIT,
    SHEET_NAME_REFUSED,
    STATUS_WORDS,
    attendance_values,
    candidate_values,
    election_values,
    facts_of,
    figure_values,
    joined,
    kind_outcomes,
    motion_values,
    settings_text,
    stamp,
    yes_no,
)
from models.io.minutes_sheets import (
    SHEET_WORDS,
    appraisal_sheet,
    contest_sheet,
    cover_sheet,
    election_sheet,
    empty_sheet,
    fill_row,
    motion_sheet,
    note_row,
    proposal_sheet,
    put_row,
    sheet_name,
    sitting_sheet,
    title_row,
    write_late,
)
from models.io.private_files import export_target, write_privately
from models.io.sheet_layout import ready_book

__all__ = [
    "APPRAISAL_HEADERS",
    "ATTENDANCE_HEADERS",
    "CANDIDATE_HEADERS",
    "ELECTION_HEADERS",
    "FIGURE_HEADERS",
    "KIND_NAMES",
    "METHOD_WORDS",
    "MOTION_HEADERS",
    "NO_APPRAISALS",
    "NO_CONTESTS",
    "NO_ELECTIONS",
    "NO_MOTIONS",
    "NO_PROPOSALS",
    "NO_SITTINGS",
    "PROPOSAL_HEADERS",
    "SHEET_NAME_LIMIT",
    "SHEET_NAME_REFUSED",
    "SHEET_WORDS",
    "STANDING_HEADERS",
    "STATUS_WORDS",
    "SUBJECT_TAIL",
    "TEAM_HEADERS",
    "appraisal_sheet",
    "appraisal_values",
    "attendance_values",
    "build_workbook",
    "candidate_values",
    "contest_sheet",
    "cover_sheet",
    "election_notes",
    "election_sheet",
    "election_values",
    "empty_sheet",
    "facts_of",
    "figure_values",
    "fill_row",
    "joined",
    "kind_outcomes",
    "motion_sheet",
    "motion_values",
    "note_row",
    "posts_of",
    "proposal_sheet",
    "proposal_values",
    "put",
    "put_row",
    "settings_text",
    "sheet_name",
    "sitting_sheet",
    "stamp",
    "standing_values",
    "stats_rows",
    "subject_heads",
    "subject_tail",
    "subject_values",
    "team_values",
    "title_row",
    "write_late",
    "write_minutes_xlsx",
    "yes_no",
]


# -- the book -----------------------------------------------------------------------------------


def build_workbook(data: MinutesData, matches=()) -> Workbook:
    """``matches``: per contest of ``data.contests``, its MatchPapers (None: no match event)."""
    book = Workbook()
    cover = book.active
    taken = {"封面"}
    listed: list[tuple[str, str]] = [("封面", SHEET_WORDS["封面"])]
    facts = facts_of(data)
    if data.sittings:
        for minutes in data.sittings:
            name = sheet_name(f"出席-{minutes.sitting.name}", taken)
            sitting_sheet(book.create_sheet(name), data, minutes)
            listed.append((name, f"{minutes.sitting.name}：{SHEET_WORDS['出席']}"))
    else:
        taken.add("出席")
        empty_sheet(book.create_sheet("出席"), "出席情况", NO_SITTINGS)
        listed.append(("出席", SHEET_WORDS["出席"]))
    for name, write in (
        ("表决", lambda sheet: motion_sheet(sheet, data, facts)),
        ("选举", lambda sheet: election_sheet(sheet, data, facts)),
        ("测评", lambda sheet: appraisal_sheet(sheet, data, facts)),
        ("提案", lambda sheet: proposal_sheet(sheet, data)),
        ("竞赛", lambda sheet: contest_sheet(sheet, data)),
    ):
        shown = sheet_name(name, taken)
        write(book.create_sheet(shown))
        listed.append((shown, SHEET_WORDS[name]))
    listed += _match_sheets(book, data, matches, taken)
    cover_sheet(cover, data, listed)
    congress = data.congress
    book.properties.title = f"{congress.name} 会议记录"
    book.properties.creator = "huiwu 会务"
    book.properties.subject = f"{congress.name}：会议记录（数据截至审计记录第 {data.head_id} 条）"
    return ready_book(book)


def _match_sheets(book: Workbook, data: MinutesData, matches, taken: set[str]) -> list:
    """A contest's match events: its groups' tables, the knockout's places, every result."""
    from models.io.match_book import groups_sheet, places_sheet, results_sheet

    listed = []
    for table, papers in zip(data.contests, matches or (), strict=False):
        if papers is None:
            continue
        number = table.contest.number
        for what, write, words in (
            ("积分", groups_sheet, "小组积分表"),
            ("名次", places_sheet, "淘汰赛名次"),
            ("结果", results_sheet, "全部比赛结果"),
        ):
            name = sheet_name(f"对阵{number}-{what}", taken)
            write(book.create_sheet(name), papers)
            listed.append((name, f"竞赛 {number} {table.contest.title}：{words}"))
    return listed


def write_minutes_xlsx(data: MinutesData, path: str | os.PathLike, matches=()) -> Path:
    """The minutes workbook at ``path`` (written beside it and moved into place)."""
    out = export_target(path)
    book = build_workbook(data, matches)
    write_privately(out, lambda temp: book.save(temp))
    return out
