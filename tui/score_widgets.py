"""Widgets of the scoring screen: the judges' marks (dropped ones struck through), the final score
in big digits with the rank, the quiz teams' points and the live leaderboard (keyed rows)."""

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ContentSwitcher, DataTable, Digits, Static

from models.contests import ContestInfo, EntrantInfo
from models.rules.scoring import MEASURED, plain, shown
from models.scores import ScoreCard, StageCard, StandingRow, Standings
from tui.i18n import t
from tui.literal import literal
from tui.score_text import exact_text, judge_label, signed

STRUCK = "strike dim"
LABEL_CELLS = 12  # 「10号评委」 and a judge's name fit


def pad(text: str, cells: int) -> str:
    """Pad to a width in terminal cells (a Chinese character takes two)."""
    return text + " " * max(0, cells - cell_len(text))


def is_single(stage_card: StageCard) -> bool:
    return stage_card.stage.single or stage_card.stage.kind == MEASURED


def stage_state(stage_card: StageCard, decimals: int) -> str:
    """「85.50」 when the stage is complete, else 「3/5」."""
    if stage_card.score is not None:
        return shown(stage_card.score, decimals)
    return f"{stage_card.marks_in}/{stage_card.judges}"


def stages_line(card: ScoreCard, current: int) -> Text:
    """「[理论 30% 85.50] 实操 70% 3/5」: every stage with its weight and state, current in reverse."""
    text = Text()
    for index, stage_card in enumerate(card.stages):
        stage = stage_card.stage
        words = f" {stage.name} {plain(stage.weight)}% {stage_state(stage_card, card.decimals)} "
        style = "bold reverse" if index == current else ""
        if index:
            text.append("  ")
        text.append(words, style=style)
    return text


class MarksPanel(Static):
    """Every judge's mark of the current stage in judge order; the dropped ones struck through
    (Rich ``strike``) with a note, the next judge to call marked with ▶."""

    def show(self, contest: ContestInfo, stage_card: StageCard, next_judge: int | None) -> None:
        text = Text()
        if is_single(stage_card):
            self._single(text, stage_card)
        else:
            self._panel(text, contest, stage_card, next_judge)
        self.update(text)

    @staticmethod
    def _single(text: Text, stage_card: StageCard) -> None:
        value = stage_card.marks[0] if stage_card.marks else None
        marker = "▶ " if value is None else "  "
        text.append(marker + pad(t("sc.result_label"), LABEL_CELLS), style="bold")
        if value is None:
            text.append("—", style="dim")
        else:
            text.append(plain(value), style="bold")
            if stage_card.stage.unit:
                text.append(" " + stage_card.stage.unit)

    @staticmethod
    def _panel(
        text: Text, contest: ContestInfo, stage_card: StageCard, next_judge: int | None
    ) -> None:
        panel = stage_card.panel
        criteria = stage_card.stage.criteria
        if criteria:  # a header naming the criteria in sheet order
            names = " + ".join(f"{c.name}{plain(c.maximum)}" for c in criteria)
            text.append(" " * (LABEL_CELLS + 2) + names + "\n", style="dim")
        for index, mark in enumerate(stage_card.marks):
            judge = index + 1
            if index:
                text.append("\n")
            marker = "▶ " if judge == next_judge else "  "
            text.append(marker, style="bold")
            text.append(pad(judge_label(contest, judge), LABEL_CELLS))
            if criteria:
                sheet = stage_card.criteria[index]
                parts = [plain(sheet[c.name]) if c.name in sheet else "—" for c in criteria]
                text.append(" + ".join(parts) + " = ", style="dim")
            if mark is None:
                text.append("—", style="dim")
                continue
            dropped_high = panel is not None and index in panel.dropped_high
            dropped_low = panel is not None and index in panel.dropped_low
            style = STRUCK if dropped_high or dropped_low else "bold"
            text.append(plain(mark), style=style)
            if dropped_high:
                text.append("  " + t("sc.dropped_high"), style="italic")
            elif dropped_low:
                text.append("  " + t("sc.dropped_low"), style="italic")

    @property
    def struck(self) -> list[str]:
        """The marks shown struck through (for tests and screen readers alike)."""
        content = self.content
        if not isinstance(content, Text):
            return []
        return [content.plain[s.start : s.end] for s in content.spans if "strike" in str(s.style)]


class BigScore(Horizontal):
    """The final score in big digits beside the rank, award and any flag."""

    DEFAULT_CSS = """
    BigScore {
        height: 5;
        border: round $success;
        padding: 0 1;
    }
    BigScore Digits {
        width: auto;
        min-width: 16;
        text-style: bold;
        color: $success;
    }
    BigScore .big-rank {
        width: 1fr;
        height: 3;
        padding: 0 0 0 2;
        content-align: left middle;
    }
    BigScore.-incomplete {
        border: round $primary;
    }
    BigScore.-incomplete Digits {
        color: $text-muted;
    }
    """

    def compose(self) -> ComposeResult:
        yield Digits("", id="sc-digits")
        yield Static("", classes="big-rank", id="sc-rank")

    def show(self, score: str | None, rank: Text | str) -> None:
        self.set_class(score is None, "-incomplete")
        self.query_one(Digits).update(score or "")
        self.query_one("#sc-rank", Static).update(rank)

    @property
    def value(self) -> str:
        return self.query_one(Digits).value


def rank_text(card: ScoreCard, row: StandingRow | None) -> Text:
    """「第 2 名 · 二等奖」 (and the tie-across-boundary flag), 「未完成 3/5」, or 名次计算中."""
    text = Text()
    if not card.complete:
        due = card.marks_due
        text.append(t("sc.incomplete", marks=card.marks_in, due=due), style="bold yellow")
        text.append("\n" + t("sc.not_ranked"), style="dim")
        return text
    if row is None or row.card.total != card.total or row.rank is None:
        text.append(t("sc.ranking"), style="dim")
        return text
    text.append(t("sc.rank", rank=row.rank), style="bold")
    if row.award:
        text.append(" · " + row.award, style="bold green")
    if row.flag:
        text.append("\n⚠ " + t(f"contest.flag.{row.flag}"), style="bold red")
    return text


def quiz_points(card: ScoreCard) -> str:
    return exact_text(card.total) if card.total is not None else "—"


class QuizPanel(Static):
    """The quiz teams with their points live; the team being scored marked with ▶."""

    def show(self, cards: list[ScoreCard], current_id: int | None) -> None:
        text = Text()
        for index, card in enumerate(cards):
            entrant = card.entrant
            if index:
                text.append("\n")
            marker = "▶ " if entrant.id == current_id else "  "
            style = "bold reverse" if entrant.id == current_id else ""
            text.append(marker, style="bold")
            text.append(pad(f"{entrant.number}. {entrant.name}", 24), style=style)
            text.append(pad(t("sc.quiz.points", points=quiz_points(card)), 12), style="bold")
            answers = [a for s in card.stages for a in s.answers if not a.void]
            if answers:
                last = answers[-1]
                kind = t(f"contest.question.{last.kind}")
                text.append(
                    t(
                        "sc.quiz.last",
                        question=last.question,
                        kind=kind,
                        points=signed(last.points),
                    ),
                    style="dim",
                )
        self.update(text)


# --- the leaderboard -----------------------------------------------------------------------------

BOARD_COLUMNS = ("rank", "number", "name", "unit", "score", "award")


def group_label(event_name: str, group: str) -> str:
    return " · ".join(p for p in (event_name, group) if p) or t("sc.board.all")


class Leaderboard(DataTable):
    """One ranking group's live standings, one row per entrant keyed by its id: cells change in
    place after each mark (``update_cell`` inside ``batch_update``), rows are sorted by rank with
    the incomplete at the bottom; nothing is ever cleared and reloaded."""

    def __init__(self, label: str, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.can_focus = False
        self.label = label
        self._order: dict[str, tuple] = {}
        for key in BOARD_COLUMNS:
            self.add_column(t(f"sc.col.{key}"), key=key)

    @staticmethod
    def cells(row: StandingRow) -> dict[str, str | Text]:
        card = row.card
        if card.complete:
            score: str | Text = card.shown or ""
        else:
            score = Text(t("sc.incomplete", marks=card.marks_in, due=card.marks_due), style="dim")
        award: str | Text = literal(row.award, no_wrap=True)
        if row.flag:
            award = Text((row.award or "") + " ⚠", style="bold red")
        return {
            "rank": "" if row.rank is None else str(row.rank),
            "number": str(row.entrant.number),
            "name": literal(row.entrant.name, no_wrap=True),
            "unit": literal(row.entrant.unit, no_wrap=True),
            "score": score,
            "award": award,
        }

    def apply(self, rows) -> None:
        order: dict[str, tuple] = {}
        for row in rows:
            key = str(row.entrant.id)
            values = self.cells(row)
            if key in self.rows:
                for column, value in values.items():
                    # a styled cell can change its style alone; a literal one only its text
                    styled = isinstance(value, Text) and bool(value.style)
                    if str(self.get_cell(key, column)) != str(value) or styled:
                        self.update_cell(key, column, value, update_width=True)
            else:
                self.add_row(*values.values(), key=key)
            order[values["number"]] = (row.rank is None, row.rank or 0, row.entrant.number)
        self._order = order
        self.sort("number", key=lambda number: self._order.get(str(number), (True, 0, 0)))

    def show_current(self, entrant_id: int | None) -> None:
        key = str(entrant_id) if entrant_id is not None else None
        if key is not None and key in self.rows:
            self.move_cursor(row=self.get_row_index(key), animate=False)

    def cell(self, entrant_id: int, column: str) -> str:
        return str(self.get_cell(str(entrant_id), column))


class Leaderboards(ContentSwitcher):
    """A leaderboard per ranking group (event × group: 焊工 · 男子组); the one of the entrant on
    stage is shown. Boards are added as groups appear and are never rebuilt."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.boards: dict[tuple[int, str], Leaderboard] = {}
        self.groups = 0

    def board(self, event_id: int, group: str) -> Leaderboard | None:
        return self.boards.get((event_id, group))

    def apply(self, standings: Standings, current: EntrantInfo | None) -> None:
        self.groups = len(standings.groups)
        for ranking in standings.groups:
            key = (ranking.event.id, ranking.group)
            board = self.boards.get(key)
            if board is None:
                label = group_label(ranking.event.name, ranking.group)
                board = Leaderboard(label, id=f"sc-board-{len(self.boards) + 1}")
                board.display = False  # the switcher shows one board at a time
                self.boards[key] = board
                self.mount(board)
            board.apply(ranking.rows)
        self.follow(current)

    def follow(self, entrant: EntrantInfo | None) -> None:
        """Show the board of the entrant on stage, with their row highlighted."""
        if entrant is None:
            return
        board = self.board(entrant.event_id, entrant.group)
        if board is None:
            return
        if self.current != board.id:
            self.current = board.id
        board.show_current(entrant.id)
        self.border_title = literal(
            t("sc.board.title_group", group=board.label) if self.groups > 1 else t("sc.board.title")
        )


def entrant_heading(entrant: EntrantInfo, position: int, count: int, event_name: str) -> Text:
    """「第 3/12 位 · 出场序号 3」 over 「张三  一车间 · 男子组」."""
    text = Text()
    text.append(t("sc.position", position=position, count=count), style="bold")
    text.append(" · " + t("sc.entrant_number", number=entrant.number))
    text.append("\n")
    text.append(entrant.name, style="bold")
    details = [p for p in (entrant.unit, entrant.group, event_name) if p]
    if entrant.team and entrant.team != entrant.name:
        details.append(t("sc.team", team=entrant.team))
    if details:
        text.append("  " + " · ".join(details))
    if entrant.members:
        text.append("\n" + t("sc.members", members="、".join(entrant.members)), style="dim")
    return text
