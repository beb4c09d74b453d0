"""淘汰赛签表: the knockout drawn as a bracket on A4 landscape — a column per round, each side on
a line, the two lines of a match joined and the winner carried on to the next round's line with
the score beside it, the champion at the right, the third-place match under the final.

A bracket of more than 32 sides is split over pages (never shrunk below legibility): one page
per quarter of 32 first-round sides up to its winner, then a page from those winners to the
final. So 128 sides print on 5 pages at the same size as 32 on one."""

from reportlab.platypus import Flowable, PageBreak, Paragraph

from models.io.contest_table import SMALL
from models.io.match_data import EventPapers, MatchPapers
from models.io.match_order import ROUND
from models.io.match_scoresheet import fit
from models.io.match_words import BYE, score_words
from models.io.pdf_kit import FONT, GREY, INK, RULE, escape
from models.rules.bracket import THIRD_PLACE_NAME, round_name

SECTION_ROUNDS = 5  # 32 first-round sides a page
MAX_LINE = 26.0  # points between two sides' lines at most
NAME_SIZE = 8.0


class Bracket(Flowable):
    """Rounds ``first``..``last`` of the knockout for the matches of round ``first`` numbered
    ``start`` .. ``start + count - 1``; the column right of ``last`` shows who goes on (the
    champion when ``last`` is the final)."""

    def __init__(self, papers, event: EventPapers, first, last, start, count, width, height):
        super().__init__()
        self.papers, self.event = papers, event
        self.first, self.last, self.start, self.count = first, last, start, count
        self.width = width
        self.rounds = event.rounds or 1
        self.by_slot = {(m.round, m.slot): m for m in event.knockout}
        self.third = self.by_slot.get((self.rounds, 1)) if last == self.rounds else None
        leaves = 2 * count + (4 if self.third else 0)
        self.line = min(MAX_LINE, (height - 14) / leaves)
        self.height = self.line * leaves + 14

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def _column_x(self, rnd: int) -> float:
        columns = self.last - self.first + 2
        return (rnd - self.first) * self.width / columns

    def _y(self, rnd: int, index: int, side: int) -> float:
        """The y of ``side`` (0: a, 1: b) of match (rnd, index): the middle of the first-round
        lines it stands for."""
        span = 2 ** (rnd - self.first)  # first-round matches under one match of rnd
        offset = (index * span - self.start) * 2 + side * span
        middle = offset + span / 2  # in first-round lines, from the top
        return self.height - 12 - middle * self.line

    def draw(self):
        c = self.canv
        c.saveState()
        self._round_titles(c)
        for rnd in range(self.first, self.last + 1):
            span = 2 ** (rnd - self.first)
            for index in range(self.start // span, (self.start + self.count) // span):
                self._match(c, rnd, index)
        if self.third:
            self._third_place(c)
        c.restoreState()

    def _round_titles(self, c):
        c.setFont(FONT, 8.5)
        c.setFillColor(GREY)
        for rnd in range(self.first, self.last + 1):
            c.drawString(self._column_x(rnd) + 2, self.height - 8, round_name(rnd, self.rounds))
        tail = "冠军" if self.last == self.rounds else "出线"
        c.drawString(self._column_x(self.last + 1) + 2, self.height - 8, tail)

    def _side_name(self, match, side) -> str:
        who = (match.a, match.b)[side] if match else None
        if who is None:
            return BYE if match is not None and match.bye else ""
        seed = self.papers.entrants[who].seed
        unit = self.papers.unit(who)
        text = (f"[{seed}] " if seed else "") + self.papers.name(who)
        return f"{text}（{unit}）" if unit else text

    def _match(self, c, rnd, index):
        match = self.by_slot.get((rnd, index))
        x0, x1 = self._column_x(rnd), self._column_x(rnd + 1)
        ya, yb = self._y(rnd, index, 0), self._y(rnd, index, 1)
        room = x1 - x0 - 4
        for side, y in ((0, ya), (1, yb)):
            who = (match.a, match.b)[side] if match else None
            won = match is not None and who is not None and match.winner == who
            c.setStrokeColor(INK if won else RULE)
            c.setLineWidth(1.2 if won else 0.6)
            c.line(x0, y, x1, y)
            name = self._side_name(match, side)
            c.setFillColor(INK if who is not None else GREY)
            c.setFont(FONT, NAME_SIZE)
            c.drawString(x0 + 2, y + 1.6, fit(name, NAME_SIZE, room))
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        c.line(x1, ya, x1, yb)
        if match is None or match.winner is None:
            return
        self._carried(c, match, x1, (ya + yb) / 2, rnd)

    def _carried(self, c, match, x, y, rnd):
        """The winner on the next column's line (drawn there by its own match unless this is the
        section's last round) and the score by the joint."""
        if not match.bye:
            c.setFont(FONT, 7)
            c.setFillColor(GREY)
            c.drawRightString(x - 2, y - 3, score_words(match))
        if rnd == self.last:
            x_end = self._column_x(rnd + 2) if rnd + 1 <= self.last + 1 else x
            c.setStrokeColor(INK)
            c.setLineWidth(1.2)
            c.line(x, y, min(x_end, self.width), y)
            c.setFillColor(INK)
            c.setFont(FONT, NAME_SIZE + 1)
            name = self._side_name(match, 0 if match.winner == match.a else 1)
            c.drawString(x + 2, y + 1.6, fit(name, NAME_SIZE + 1, self.width - x - 4))

    def _third_place(self, c):
        m = self.third
        x0, x1 = self._column_x(self.rounds), self._column_x(self.rounds + 1)
        ya, yb = 3.2 * self.line, 1.2 * self.line
        c.setFont(FONT, 8.5)
        c.setFillColor(GREY)
        c.drawString(x0 + 2, ya + self.line * 0.9, THIRD_PLACE_NAME)
        for side, y in ((0, ya), (1, yb)):
            who = (m.a, m.b)[side]
            won = who is not None and m.winner == who
            c.setStrokeColor(INK if won else RULE)
            c.setLineWidth(1.2 if won else 0.6)
            c.line(x0, y, x1, y)
            c.setFillColor(INK)
            c.setFont(FONT, NAME_SIZE)
            c.drawString(x0 + 2, y + 1.6, fit(self._side_name(m, side), NAME_SIZE, x1 - x0 - 4))
        c.setStrokeColor(RULE)
        c.line(x1, ya, x1, yb)
        if m.winner is not None:
            y = (ya + yb) / 2
            c.setFont(FONT, 7)
            c.setFillColor(GREY)
            c.drawRightString(x1 - 2, y - 3, score_words(m))
            c.setStrokeColor(INK)
            c.setLineWidth(1.2)
            c.line(x1, y, self.width, y)
            c.setFillColor(INK)
            c.setFont(FONT, NAME_SIZE + 1)
            name = self._side_name(m, 0 if m.winner == m.a else 1)
            c.drawString(
                x1 + 2, y + 1.6, "第三名 " + fit(name, NAME_SIZE + 1, self.width - x1 - 40)
            )


def bracket_story(
    papers: MatchPapers, event: EventPapers, width: float, height: float, title: str
) -> list:
    """The bracket's pages, each beginning on a new page (the caller's pages are landscape)."""
    rounds = event.rounds
    if not rounds:
        return []
    pages = []
    if rounds <= SECTION_ROUNDS:
        pages.append(
            (title, Bracket(papers, event, 1, rounds, 0, 2 ** (rounds - 1), width, height))
        )
    else:
        per_page = 2 ** (SECTION_ROUNDS - 1)
        sections = 2 ** (rounds - 1) // per_page
        for s in range(sections):
            part = f"{title}（第 {s + 1}/{sections + 1} 页：第 {s * 2 * per_page + 1}–{(s + 1) * 2 * per_page} 签位）"
            pages.append(
                (
                    part,
                    Bracket(
                        papers, event, 1, SECTION_ROUNDS, s * per_page, per_page, width, height
                    ),
                )
            )
        final = Bracket(papers, event, SECTION_ROUNDS + 1, rounds, 0, sections // 2, width, height)
        pages.append((f"{title}（第 {sections + 1}/{sections + 1} 页：各区出线者至决赛）", final))
    story: list = []
    for heading, drawing in pages:
        story += [PageBreak(), Paragraph(escape(heading), ROUND), drawing]
    story.append(
        Paragraph("签位前的 [n] 为种子序号；粗线为胜方，连线旁为比分（胜局:负局）。", SMALL)
    )
    return story
