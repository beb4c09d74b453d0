"""A contest's results in words, shared by the PDF sheets and the workbook (:mod:`models.io.contest_book`).

What a stage, an award tier or a tie-breaker *is* is decided once here (:func:`stage_kind`,
:func:`award_parts`, :func:`breaker_parts`); the printed documents say it in fixed Chinese below and
the CLI in the interface language (:mod:`tui.score_text`), from the same parts."""

from dataclasses import dataclass

from models.io.clock_words import clock_rules_words, time_note
from models.numerals import chinese_number
from models.rules.buzzer import foul_deduction
from models.rules.ranking import TIE_ACROSS_BOUNDARY, UNROUNDED
from models.rules.scoring import LOWER, MEASURED, PANEL, QUIZ, plain
from models.scores import RankingGroup, StandingRow, Standings

FLAG_WORDS = {TIE_ACROSS_BOUNDARY: "并列跨越获奖名额线，请组委会确定"}
FLAG_SHORT = {TIE_ACROSS_BOUNDARY: "名额线并列＊"}  # in a table cell; the note says the rest
INCOMPLETE = "未完成"
DASH = "—"

# ----------------------------------------------------------------------------- shared words


def group_title(group: RankingGroup) -> str:
    return " · ".join(p for p in (group.event.name, group.group) if p)


def stage_label(stage, default: str = "评分") -> str:
    return stage.name or default


def mark_text(value) -> str:
    return DASH if value is None else plain(value)


def flag_words(flag: str | None) -> str:
    return FLAG_WORDS.get(flag, flag or "")


def count_words(n: int) -> str:
    """一个, 两个 (not 二个), 三个 …"""
    return "两个" if n == 2 else f"{chinese_number(n)}个"


def trim_words(judges: int, trim: int) -> str:
    if trim == 0:
        return f"取 {judges} 名评委分数的平均"
    k = count_words(trim)
    return f"去掉{k}最高分和{k}最低分，其余 {judges - 2 * trim} 个分数取平均"


def stage_kind(stage) -> str:
    """quiz | measured | single (one mark, e.g. a written test) | panel (the judges' marks)."""
    if stage.kind in (QUIZ, MEASURED):
        return stage.kind
    return "single" if stage.single else "panel"


def award_parts(contest) -> list[tuple[str, int | None, str | None]]:
    """(name, count, share) of each award tier: a fixed count, or a share of the entrants."""
    return [
        (tier.name, tier.count, None if tier.count is not None else tier.spec.split(":")[-1])
        for tier in contest.awards
    ]


def breaker_parts(contest) -> list[str | None]:
    """The tie-breakers in order: a stage's name, or None for the unrounded final score."""
    return [None if b == UNROUNDED else b for b in contest.tie_breakers]


def award_words(contest) -> str:
    parts = [
        f"{name} {count} 名" if share is None else f"{name} 占参赛人数 {share}（向下取整）"
        for name, count, share in award_parts(contest)
    ]
    return "，".join(parts) or "不设奖项"


def breaker_words(contest) -> str:
    names = ["未修约的最后得分" if b is None else f"「{b}」成绩" for b in breaker_parts(contest)]
    if not names:
        return "按保留小数后的最后得分排名；得分相同则名次并列（如 1、2、2、4）。"
    return (
        "先比保留小数后的最后得分；仍相同依次比较"
        + "、".join(names)
        + "；再相同则名次并列（如 1、2、2、4）。"
    )


def stage_words(stage, contest) -> str:
    kind = stage_kind(stage)
    if kind == QUIZ:
        return "按题记分"
    if kind == MEASURED:
        better = "越低越好" if stage.better == LOWER else "越高越好"
        how = f"测量成绩（{stage.unit or '无单位'}，{better}）"
    elif kind == "single":
        how = f"一个成绩（如笔试），满分 {plain(stage.maximum)}"
    else:
        how = f"评委打分，满分 {plain(stage.maximum)}"
    if stage.criteria:
        how += "；评分细则：" + "、".join(f"{c.name} {plain(c.maximum)}" for c in stage.criteria)
    if stage.name:
        weight = "不计入总分，仅用于同分比较" if stage.weight == 0 else f"占 {plain(stage.weight)}%"
        return f"{stage.name}（{weight}）：{how}"
    return how


def event_words(event, contest) -> str:
    if event.quiz is not None:
        q = event.quiz
        return (
            f"知识竞赛：基础分 {q.start}；必答题答对 +{q.compulsory_right}、答错 "
            f"−{q.compulsory_wrong}；抢答题答对 +{q.buzzer_right}、答错 −{q.buzzer_wrong}；"
            f"风险题按所选分值（{'/'.join(map(str, q.stakes))}）加减；"
            f"抢答犯规 −{foul_deduction(q)}"
        )
    words = "；".join(stage_words(s, contest) for s in event.stages)
    if event.clock is not None:  # the speaking clock is part of how the score is made
        words += "；" + clock_rules_words(event.clock)
    return words


def settings_words(contest, has_teams: bool = False) -> list[tuple[str, str]]:
    """(label, words) of every setting a reader needs to re-check the ranking by hand."""
    names = "、".join(f"{i}号 {n}" for i, n in enumerate(contest.judge_names, start=1) if n)
    rows = []
    if has_panel(contest):
        rows += [
            ("评委", f"{contest.judges} 名" + (f"（{names}）" if names else "")),
            ("计分方法", trim_words(contest.judges, contest.trim)),
        ]
    rows += [
        (
            "保留小数",
            f"最后得分保留 {contest.decimals} 位小数，四舍五入；计算全程用完整精度，只在显示时修约",
        ),
    ]
    if any(s.kind == PANEL for e in contest.events for s in e.stages):
        rows.append(("满分", f"{plain(contest.maximum)} 分"))
    for event in contest.events:
        rows.append(
            (f"项目「{event.name}」" if event.name else "评分方式", event_words(event, contest))
        )
    rows += [
        ("奖项", award_words(contest)),
        ("同分处理", breaker_words(contest)),
        ("名额线上并列", "获奖名额线上出现并列时不作删减，表中标注，由组委会确定"),
    ]
    if has_teams:
        how = "成员成绩之和" if contest.team_score == "sum" else "成员成绩平均"
        rows.append(("团体成绩", how))
    return rows


def has_panel(contest) -> bool:
    """Whether any stage is marked by the judges' panel (else the judges' rule is moot)."""
    return any(stage_kind(s) == "panel" for e in contest.events for s in e.stages)


def rule_line(contest) -> str:
    """评委 5 名，去掉一个最高分和一个最低分，保留 2 位小数，四舍五入。"""
    if contest.events and all(e.is_match for e in contest.events):
        return "对阵项目：按比分决出胜负，名次按小组积分或淘汰赛决定。"
    if not has_panel(contest):
        return f"保留 {contest.decimals} 位小数，四舍五入。"
    if contest.trim:
        k = count_words(contest.trim)
        trim = f"去掉{k}最高分和{k}最低分"
    else:
        trim = "不去掉最高分和最低分"
    return f"评委 {contest.judges} 名，{trim}，保留 {contest.decimals} 位小数，四舍五入。"


def note_words(row: StandingRow, short: bool = False) -> str:
    card = row.card
    if not card.complete:
        return f"{INCOMPLETE}（已收 {card.marks_in}/{card.marks_due}）"
    notes = [time_note(card)] if card.verdict is not None else []
    if row.flag:
        notes.append(FLAG_SHORT.get(row.flag, row.flag) if short else flag_words(row.flag))
    if row.decided_by:
        by = "未修约分" if row.decided_by == UNROUNDED else f"「{row.decided_by}」"
        notes.append(f"同分，按{by}排定")
    return "；".join(notes)


@dataclass(frozen=True)
class AwardRow:
    award: str
    rank: int
    number: int
    name: str
    unit: str
    event: str
    group: str
    score: str
    members: tuple[str, ...]
    flag: str | None

    @property
    def event_group(self) -> str:
        return " · ".join(p for p in (self.event, self.group) if p)


def award_rows(table: Standings) -> list[AwardRow]:
    """Every award winner, in the contest's award order, then group by group, then by rank."""
    order = {tier.name: i for i, tier in enumerate(table.contest.awards)}
    rows = []
    for g, group in enumerate(table.groups):
        for row in group.rows:
            if not row.award or row.rank is None:
                continue
            entrant = row.entrant
            rows.append(
                (
                    (order.get(row.award, len(order)), g, row.rank, entrant.number),
                    AwardRow(
                        row.award,
                        row.rank,
                        entrant.number,
                        entrant.name,
                        entrant.unit,
                        group.event.name,
                        group.group,
                        row.score or "",
                        entrant.members,
                        row.flag,
                    ),
                )
            )
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]
