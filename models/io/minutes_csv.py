"""CSV copies of the minutes workbook's tables, for other tools (issue 6).

UTF-8 with a byte-order mark, so Chinese Excel opens them without asking for an encoding; Chinese
headers; one file per table, one record per line:

    sittings.csv        one row per sitting: the attendance figures and the announcement
    attendance.csv      one row per person per sitting: status, check-in time, desk, leave
    motions.csv         one row per motion: every figure, base, threshold, verdict, roll SHA-256
    elections.csv       one row per candidate per election, with the election's ballot figures
    appraisals.csv      one row per person appraised per option of the scale, with the rate
    proposals.csv       the proposal registry
    proposal_stats.csv  the committee's figures (收到, 立案 … 满意率)
    contests.csv        one row per entrant per contest: rank, score as printed, award
    contest_teams.csv   one row per team per contest

Every value comes from the row builders of :mod:`models.io.minutes_book`, so the copies hold
exactly what the workbook shows: counts as integers, rates and scores as the printed strings,
times as ``YYYY-MM-DD HH:MM:SS`` (a proposal's 提交时间 ``YYYY-MM-DD HH:MM``, as the workbook
formats it). A table with nothing in it is a file with its header only. Every cell goes through
:mod:`models.io.cells`: text starting with = + - @, Tab or CR is preceded by ' so no spreadsheet
runs it as a formula.
"""

import os
from pathlib import Path

from models.io.cells import csv_table, csv_value
from models.io.minutes_book import (
    ATTENDANCE_HEADERS,
    CANDIDATE_HEADERS,
    ELECTION_HEADERS,
    FIGURE_HEADERS,
    MOTION_HEADERS,
    PROPOSAL_HEADERS,
    STANDING_HEADERS,
    SUBJECT_TAIL,
    TEAM_HEADERS,
    appraisal_values,
    attendance_values,
    candidate_values,
    election_values,
    facts_of,
    figure_values,
    kind_outcomes,
    motion_values,
    posts_of,
    proposal_values,
    standing_values,
    stats_rows,
    subject_tail,
    team_values,
)
from models.io.minutes_data import MinutesData
from models.io.private_files import write_privately
from models.rules.thresholds import parse_rate
from models.voting import APPRAISAL, ELECTION, MOTION

ENCODING = "utf-8-sig"  # the BOM tells Excel the file is UTF-8


# one cell as text, as every huiwu CSV writes it (dates as the workbook shows them, risky text quoted)
csv_text = csv_value


# -- the tables ---------------------------------------------------------------------------------


def sitting_table(data: MinutesData):
    head = ("会次", *FIGURE_HEADERS, "宣布词")
    rows = [[m.sitting.name, *figure_values(m.figures), m.announcement] for m in data.sittings]
    return head, rows


def attendance_table(data: MinutesData):
    head = ("会次", *ATTENDANCE_HEADERS)
    rows = [
        [m.sitting.name, *attendance_values(person)] for m in data.sittings for person in m.people
    ]
    return head, rows


def motion_table(data: MinutesData, facts: dict):
    rows = [motion_values(o, facts[o.item.number]) for o in kind_outcomes(data, MOTION)]
    return MOTION_HEADERS, rows


def election_table(data: MinutesData, facts: dict):
    head = ("事项序号", "选举", *ELECTION_HEADERS, *CANDIDATE_HEADERS)
    rows = []
    for outcome in kind_outcomes(data, ELECTION):
        item, r = outcome.item, outcome.result
        lead = [item.number, item.title, *election_values(outcome, facts[item.number])]
        rows += [[*lead, *candidate_values(i, c, r)] for i, c in enumerate(r.candidates)]
    return head, rows


def appraisal_table(data: MinutesData, facts: dict):
    head = (
        "事项序号",
        "测评",
        "测评结果",
        "序号",
        "测评对象",
        "职务",
        "选项",
        "票数",
        *SUBJECT_TAIL,
    )
    rows = []
    for outcome in kind_outcomes(data, APPRAISAL):
        item, r = outcome.item, outcome.result
        verdict = appraisal_values(outcome, facts[item.number])[-1]
        lead = [item.number, item.title, verdict]
        posts = posts_of(item)
        if r is None:  # not counted yet: the people, without figures
            blank = [None] * (2 + len(SUBJECT_TAIL))
            rows += [[*lead, i + 1, n, posts.get(n), *blank] for i, n in enumerate(item.nominees)]
            continue
        warn = parse_rate(item.settings.get("warn", "1/3"))
        for index, subject in enumerate(r.subjects):
            person = [index + 1, subject.name, posts.get(subject.name)]
            tail = subject_tail(subject, warn)
            for option, count in zip(r.options, subject.counts, strict=True):
                rows.append([*lead, *person, option.label, count, *tail])
    return head, rows


def proposal_table(data: MinutesData):
    return PROPOSAL_HEADERS, [proposal_values(detail) for detail in data.proposals]


def proposal_stats_table(data: MinutesData):
    return ("项目", "件数"), [list(row) for row in stats_rows(data.proposal_stats)]


def contest_table(data: MinutesData):
    head = ("竞赛序号", "竞赛", *STANDING_HEADERS)
    rows = []
    for table in data.contests:
        lead = [table.contest.number, table.contest.title]
        for group in table.groups:
            rows += [[*lead, *standing_values(group, row)] for row in group.rows]
    return head, rows


def team_table(data: MinutesData):
    head = ("竞赛序号", "竞赛", *TEAM_HEADERS)
    rows = [
        [table.contest.number, table.contest.title, *team_values(team)]
        for table in data.contests
        for team in table.teams
    ]
    return head, rows


def minutes_tables(data: MinutesData) -> dict[str, tuple]:
    """File name → (header, rows), in the order the files are written."""
    facts = facts_of(data)
    return {
        "sittings.csv": sitting_table(data),
        "attendance.csv": attendance_table(data),
        "motions.csv": motion_table(data, facts),
        "elections.csv": election_table(data, facts),
        "appraisals.csv": appraisal_table(data, facts),
        "proposals.csv": proposal_table(data),
        "proposal_stats.csv": proposal_stats_table(data),
        "contests.csv": contest_table(data),
        "contest_teams.csv": team_table(data),
    }


# -- writing ------------------------------------------------------------------------------------


def _csv_bytes(head, rows) -> bytes:
    return csv_table(head, rows).encode(ENCODING)


def write_minutes_csv(data: MinutesData, folder: str | os.PathLike) -> list[Path]:
    """Every table as ``folder/<name>.csv``; the paths written, in order."""
    out = Path(folder).expanduser()
    written = []
    for name, (head, rows) in minutes_tables(data).items():
        path = out / name
        content = _csv_bytes(head, rows)
        write_privately(path, lambda temp, content=content: Path(temp).write_bytes(content))
        written.append(path)
    return written
