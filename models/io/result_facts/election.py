"""An election's result sheet as facts (选举结果): candidates, ballots, follow-up rounds."""

from fractions import Fraction

from models.congress import CongressInfo
from models.election_view import left_vacant, shown_abstain, shows_unreadable
from models.elections import ElectionOutcome
from models.io.result_facts.facts import (
    MARK_SIGNS,
    SHORTFALL_WORDS,
    TIE_WORDS,
    UNREADABLE_WORDS,
    VALIDITY,
    WARN,
    WRITE_IN,
    Column,
    Fact,
    FactGroup,
    Line,
    ResultFacts,
    ResultTable,
    Setting,
    Signature,
    Verdict,
    build_facts,
    joined_names,
    make_setting,
    rate_words,
    status_line,
    unknown_settings,
    yes_no_word,
)
from models.rules.election import (
    Ballot,
    is_void,
)
from models.rules.thresholds import GTE, parse_rate

# ----------------------------------------------------------------------------- elections


def _void_reason(r) -> str:
    reason = r.void_reason
    if reason == "returned_exceeds_issued":
        return f"收回选票 {r.returned} 张，多于发出选票 {r.issued} 张，选举无效，应重新选举。"
    if reason == "participation":
        words = "三分之二以上" if r.settings.validity == GTE else "超过三分之二"
        line = "（恰为三分之二，不算超过）" if r.participation_on_line else ""
        return (
            f"参加投票 {r.issued} 人{line}，未达到应到会有选举权人数 {r.due} 人的{words}"
            f"（至少 {r.participation_required} 人），选举无效，应重新选举。"
        )
    if reason == "not_issued":
        return "尚未登记发出选票数，不能确定选举结果。"
    if reason == "no_voters":
        return "没有应到会有选举权的代表，选举无效。"
    return f"选举无效（{reason}）。"


def candidate_result(c, valid: bool) -> str:
    if not valid:
        return "—"
    if c.elected:
        return "当选"
    if c.runoff:
        return "得票相等，须再次投票"
    if c.exactly_half:
        return "得票恰好半数，未当选"
    if c.qualified:
        return "得票过半，名额已满，未当选"
    return "未当选"


def _ballot_table(outcome: ElectionOutcome, ballots: list[Ballot]) -> ResultTable:
    item, r = outcome.item, outcome.result
    names = item.nominees
    columns = (
        Column("票号", "int"),
        *(Column(n) for n in names),
        Column(WRITE_IN),
        Column("有效/废票", "short"),
        Column("备注"),
    )
    rows = []
    void_rows = []
    for index, ballot in enumerate(ballots):
        void = is_void(ballot, names, r.settings)
        readable = not ballot.malformed and len(ballot.marks) == len(names)
        marks = [MARK_SIGNS.get(m, m) for m in ballot.marks] if readable else [""] * len(names)
        note = (
            ""
            if readable
            else f"无法识别的选票（{ballot.marks}）"
            if ballot.marks
            else "无法识别的选票"
        )
        rows.append(
            (ballot.number, *marks, "、".join(ballot.write_ins), "废票" if void else "有效", note)
        )
        if void:
            void_rows.append(index)
    return ResultTable("选票", "选票（第一次录入）", columns, tuple(rows), flagged=tuple(void_rows))


def _runoff_setting(settings: dict) -> list[Setting]:
    if not settings.get("runoff"):
        return []
    words = "在得票相等的候选人中再次投票，不设另选他人"
    return [make_setting("再次投票", "runoff", True, words)]


ROUND_KIND_WORDS = {"first": "第一轮", "runoff": "再次投票", "reelect": "另行选举"}


def _across_words(rounds) -> str:
    """All elected across the rounds, in order (ElectedAcrossRounds: round by round, then ○)."""
    names = "、".join(
        f"{row.name}（第 {row.item} 项{ROUND_KIND_WORDS[row.kind]}，{row.yes}票"
        + ("" if row.final else "，该轮未确定")
        + "）"
        for row in rounds.rows
    )
    text = f"应选 {rounds.seats} 名，各轮合计当选 {len(rounds.rows)} 名（按轮次，同一轮按得票多少为序）"
    text += f"：{names}" if names else "。"
    if rounds.open_seats:
        text += f"；尚缺 {rounds.open_seats} 名"
    return text + ("。" if names else "")


def _across_table(rounds) -> ResultTable | None:
    if rounds is None:
        return None
    columns = (
        Column("序号", "int"),
        Column("当选人"),
        Column("赞成", "int"),
        Column("事项", "int"),
        Column("轮次", "short"),
        Column("该轮结果", "short"),
    )
    rows = tuple(
        (
            row.rank,
            row.name,
            row.yes,
            row.item,
            ROUND_KIND_WORDS[row.kind],
            "已确定" if row.final else "未确定",
        )
        for row in rounds.rows
    )
    return ResultTable(
        "全部当选人", "全部当选人（各轮合计，按轮次，同一轮按得票多少为序）", columns, rows
    )


def _seat_outcome(r) -> FactGroup:
    """Where the seats went: elected, going to the runoff among the tied (再次投票), and left
    vacant (另行选举 or empty) — three numbers, so a runoff seat is never read as a vacancy."""
    return FactGroup(
        "名额结果",
        (
            Fact("已当选", len(r.elected), "名"),
            Fact("待再次投票名额", r.runoff_seats, "名"),
            Fact("空缺名额（另行选举或空缺）", left_vacant(r), "名"),
        ),
    )


def election_facts(
    outcome: ElectionOutcome, congress: CongressInfo, ballots: list[Ballot] | None = None
) -> ResultFacts:
    item, r = outcome.item, outcome.result
    s = r.settings
    seats, count = s.seats, len(item.nominees)
    rate = parse_rate(item.settings.get("rate", "5%"))
    if s.equal or count == seats:
        kind_words = "等额选举"
        margin = Fact("差额", 0, "名")
        margin_rate = Fact("差额比例", "0%", number=0.0)
    else:
        kind_words = "差额选举"
        margin = Fact("差额", count - seats, "名")
        share = Fraction(count - seats, seats)
        margin_rate = Fact("差额比例", rate_words(share), number=round(float(share * 100), 2))
    groups = [
        FactGroup(
            "名额",
            (
                Fact("应选", seats, "名"),
                Fact("候选人", count, "名"),
                Fact("选举方式", kind_words),
                margin,
                margin_rate,
            ),
        ),
        FactGroup(
            "人数",
            (
                Fact("应到会有选举权人数", r.due, "名"),
                Fact("实到", item.roll.present if item.roll else None, "名"),
                Fact("有效所需参加人数", r.participation_required, "名"),
                Fact("当选所需赞成票", r.threshold, "票"),
            ),
        ),
        FactGroup(
            "选票",
            (
                Fact("发出", r.issued, "张"),
                Fact("收回", r.returned, "张"),
                Fact("有效", r.valid_ballots, "张"),
                Fact("无效（废票）", r.void_ballots, "张"),
            ),
        ),
    ]
    if r.valid:
        groups.append(_seat_outcome(r))
    lines: list[Line] = []
    if r.valid:
        words = "三分之二以上" if s.validity == GTE else "超过三分之二"
        verdict = Verdict(
            "选举有效",
            "pass",
            f"收回选票 {r.returned} 张，不多于发出 {r.issued} 张；参加投票 {r.issued} 人，"
            f"达到应到会有选举权人数 {r.due} 人的{words}（至少 {r.participation_required} 人）"
            + ("；参加人数恰为三分之二" if r.participation_on_line else ""),
        )
    elif r.void_reason == "not_issued":  # not started: nothing is void yet
        verdict = Verdict("尚未计票", "open", _void_reason(r))
    else:
        verdict = Verdict("选举无效", "fail", _void_reason(r))
    lines.append(
        Line(
            "当选条件",
            f"得票超过应到会有选举权人数（{r.due}）的半数，即至少 {r.threshold} 票，始得当选。",
        )
    )
    if r.valid:
        if r.elected:
            votes = {c.name: c.yes for c in r.candidates}
            elected = "、".join(f"{n}（{votes[n]}票）" for n in r.elected)
            lines.append(Line("当选人", f"当选人（按得票多少为序）：{elected}", "key"))
        else:
            lines.append(Line("当选人", "无人当选。", "key"))
        if outcome.rounds is not None:
            lines.append(Line("全部当选人", _across_words(outcome.rounds), "key"))
        if r.runoff:
            tied = {c.name: c.yes for c in r.candidates if c.runoff}
            votes = next(iter(tied.values()))
            lines.append(
                Line(
                    "再次投票",
                    f"{WARN} {joined_names(r.runoff)} 得票相等（各 {votes} 票），须在他们中再次投票，"
                    f"选出 {r.runoff_seats} 名。",
                    "warn",
                )
            )
        shortfall = r.vacant - r.runoff_seats
        if r.seats_after is not None:
            lines.append(
                Line(
                    "名额",
                    f"当选人数不足应选名额，按设置应选名额由 {seats} 名减为 {r.seats_after} 名。",
                    "warn",
                )
            )
        elif shortfall > 0:
            if r.reelect:
                text = (
                    f"当选人数不足应选名额，尚缺 {shortfall} 名；建议另行选举，"
                    f"候选人（按第一轮得票多少为序）：{joined_names(r.reelect)}。"
                )
                if len(r.reelect) > r.reelect_wanted:
                    text += (
                        f"第 {r.reelect_wanted} 名处得票相等，得票相等的均列入名单"
                        f"（共 {len(r.reelect)} 人）。"
                    )
            else:
                text = f"当选人数不足应选名额，尚缺 {shortfall} 名，按设置名额空缺。"
            lines.append(Line("另行选举", f"{WARN} {text}", "warn"))
        halves = [c.name for c in r.candidates if c.exactly_half]
        if halves:
            lines.append(
                Line(
                    "恰好半数",
                    f"{WARN} {joined_names(halves)} 得票恰好为应到会有选举权人数 {r.due} 的半数，"
                    "不算超过半数，未当选。",
                    "warn",
                )
            )
    if r.void_numbers:
        lines.append(Line("废票票号", "废票票号：" + "、".join(str(n) for n in r.void_numbers)))
    with_unreadable = shows_unreadable(r)
    columns = [
        Column("序号", "short"),
        Column("候选人"),
        Column("赞成", "int"),
        Column("不赞成", "int"),
        Column("弃权", "int"),
    ]
    if with_unreadable:
        columns.append(Column("无法辨认", "int"))
    columns.append(Column("结果"))
    rows, marked, flagged = [], [], []
    for index, c in enumerate(r.candidates):
        row = [WRITE_IN if c.write_in else index + 1, c.name, c.yes, c.no, shown_abstain(c)]
        if with_unreadable:
            row.append(None if c.write_in else c.unreadable)
        row.append(candidate_result(c, r.valid))
        rows.append(tuple(row))
        if c.elected:
            marked.append(index)
        elif r.valid and (c.runoff or c.exactly_half):
            flagged.append(index)
    table = ResultTable(
        "得票",
        "各候选人得票情况（按选票上的顺序）",
        tuple(columns),
        tuple(rows),
        tuple(marked),
        tuple(flagged),
    )
    settings = [
        make_setting("应选名额", "seats", seats, f"{seats} 名"),
        make_setting(
            "选举方式",
            "equal",
            s.equal,
            "等额选举（候选人数等于应选名额）"
            if s.equal
            else f"差额选举（候选人至少比应选名额多 {rate_words(rate)}，且至少多 1 名）",
        ),
        make_setting("差额比例", "rate", item.settings.get("rate", "5%"), rate_words(rate)),
        make_setting("选举有效条件", "validity", s.validity, VALIDITY.get(s.validity, s.validity)),
        make_setting(
            "当选条件",
            "",
            "",
            "得赞成票超过应到会有选举权人数的半数（2×赞成 > 应到）",
        ),
        make_setting(
            "无法辨认的标记",
            "unreadable",
            s.unreadable,
            UNREADABLE_WORDS.get(s.unreadable, s.unreadable),
        ),
        make_setting("得票相等", "tie", s.tie, TIE_WORDS.get(s.tie, s.tie)),
        make_setting(
            "名额不足", "shortfall", s.shortfall, SHORTFALL_WORDS.get(s.shortfall, s.shortfall)
        ),
        make_setting(
            "废票",
            "",
            "",
            f"所选人数（○ 与另选他人合计）多于应选名额 {seats} 名的选票作废；全部空白的选票有效（均为弃权）",
        ),
        make_setting(
            "两次录入核对", "double_entry", item.double_entry, yes_no_word(item.double_entry)
        ),
        *_runoff_setting(item.settings),
        *unknown_settings(
            item.settings,
            {"seats", "equal", "rate", "validity", "unreadable", "tie", "shortfall", "runoff"},
        ),
    ]
    differences = [f"第 {d.number} 号票" for d in outcome.differences]
    missing = "" if outcome.entries.get(1) else "尚未录入选票，结果未确定"
    status = status_line(
        outcome, bool(outcome.entries.get(1)) or item.issued is not None, differences, missing
    )
    signatures = (
        Signature("监票人", tuple(item.scrutineers), 0 if item.scrutineers else 2),
        Signature("计票人", tuple(item.counters), 0 if item.counters else 2),
        Signature("主持人", (), 1),
    )
    title_congress = f"{congress.name} " if congress.name else ""
    title_parts = tuple(p for p in (congress.name, f"{item.title} 选举结果报告单") if p)
    return build_facts(
        outcome,
        congress,
        elected_all=_across_table(outcome.rounds) if r.valid else None,
        title=f"{title_congress}{item.title} 选举结果报告单",
        title_parts=title_parts,
        with_congress=False,
        groups=groups,
        verdict=verdict,
        lines=lines,
        table=table,
        settings=settings,
        status=status,
        signatures=signatures,
        ballots=None if ballots is None else _ballot_table(outcome, ballots),
    )
