"""The referee's score sheet (记分表): one per match to be played, three to an A4 page with a
dashed line to cut along. Each names the contest and event, 第N场, the round, group and court,
the two sides (or where a knockout side comes from: 第12场胜者), a box for every game of
best-of-N for each side, 胜方 and the score in games, and lines for the referee's and both
players' signatures. Drawn straight on the canvas so every sheet is the same height."""

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from models.io.match_data import EventPapers, MatchPapers
from models.io.match_order import feeder_words, side_text
from models.io.match_words import court_words, group_words, round_words
from models.io.pdf_kit import FONT, GREY, INK, RULE, SHADE
from models.matches.records import BRACKET, MatchInfo

SHEET_H = 80 * mm
GAP = 5 * mm  # the cut line runs through it
PER_PAGE = 3


def fit(text: str, size: float, width: float) -> str:
    """``text`` cut with … to ``width`` points in the embedded font."""
    if pdfmetrics.stringWidth(text, FONT, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", FONT, size) > width:
        text = text[:-1]
    return text + "…"


class ScoreSheet(Flowable):
    def __init__(self, papers: MatchPapers, event: EventPapers, match: MatchInfo, width: float):
        super().__init__()
        self.papers, self.event, self.match = papers, event, match
        self.width, self.height = width, SHEET_H + GAP

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def _side(self, index: int) -> str:
        m = self.match
        side = (m.a, m.b)[index]
        if side is None and m.phase == BRACKET and m.round > 1:
            return feeder_words(self.event, m, index)
        return side_text(self.papers, side)

    def draw(self):
        c = self.canv
        c.saveState()
        top = self.height - GAP
        self._outline(c, top)
        self._heading(c, top)
        grid_top = top - 20 * mm
        self._grid(c, grid_top)
        self._closing(c, grid_top - 42 * mm)
        self._cut_line(c)
        c.restoreState()

    def _outline(self, c, top):
        c.setStrokeColor(INK)
        c.setLineWidth(0.9)
        c.rect(0, top - SHEET_H, self.width, SHEET_H)

    def _heading(self, c, top):
        m, event = self.match, self.event.event
        title = f"{self.papers.contest.title} · {event.name}" if event.name else ""
        title = (title or self.papers.contest.title) + "　记分表"
        c.setFillColor(INK)
        c.setFont(FONT, 13)
        c.drawString(4 * mm, top - 8 * mm, fit(title, 13, self.width - 45 * mm))
        c.setFont(FONT, 15)
        c.drawRightString(self.width - 4 * mm, top - 8 * mm, f"第 {m.number} 场")
        c.setFont(FONT, 9.5)
        parts = [
            f"轮次：{round_words(m, self.event.rounds)}",
            f"组别：{group_words(m) or '—'}",
            f"场地：{court_words(m) or '＿＿＿'}",
            f"赛制：{event.matches.best_of}局{event.matches.best_of // 2 + 1}胜",
            "日期时间：＿＿＿＿＿＿＿＿",
        ]
        c.drawString(4 * mm, top - 15 * mm, "　　".join(parts))

    def _grid(self, c, top):
        games = self.event.event.matches.best_of
        label_w, name_w, tally_w = 14 * mm, 58 * mm, 16 * mm
        left, right = 4 * mm, self.width - 4 * mm
        game_w = min(22 * mm, (right - left - label_w - name_w - tally_w) / games)
        xs = [left, left + label_w, left + label_w + name_w]
        for _ in range(games):
            xs.append(xs[-1] + game_w)
        xs.append(xs[-1] + tally_w)
        heights = [7 * mm, 12 * mm, 12 * mm]
        ys = [top]
        for h in heights:
            ys.append(ys[-1] - h)
        c.setFillColor(SHADE)
        c.rect(xs[0], ys[1], xs[-1] - xs[0], heights[0], stroke=0, fill=1)
        c.setStrokeColor(INK)
        c.setLineWidth(0.6)
        for y in ys:
            c.line(xs[0], y, xs[-1], y)
        for x in xs:
            c.line(x, ys[0], x, ys[-1])
        c.setFillColor(INK)
        c.setFont(FONT, 9)
        heads = ["", "姓名（单位）", *[f"第{g}局" for g in range(1, games + 1)], "胜局"]
        for i, head in enumerate(heads):
            c.drawCentredString((xs[i] + xs[i + 1]) / 2, ys[1] + 2.2 * mm, head)
        for row, label in enumerate(("甲方", "乙方")):
            base = ys[row + 2] + 4.4 * mm
            c.setFont(FONT, 10.5)
            c.drawCentredString((xs[0] + xs[1]) / 2, base, label)
            c.drawString(xs[1] + 2 * mm, base, fit(self._side(row), 10.5, name_w - 4 * mm))
        c.setFont(FONT, 8)
        c.setFillColor(GREY)
        c.drawString(xs[0], ys[-1] - 4 * mm, "每局比分分别记在甲、乙两方的格内；胜局记赢得的局数。")

    def _closing(self, c, y):
        c.setFillColor(INK)
        c.setStrokeColor(INK)
        c.setLineWidth(0.6)
        c.setFont(FONT, 10)
        x = 4 * mm
        c.drawString(x, y, "胜方：")
        c.line(x + 11 * mm, y - 1, x + 62 * mm, y - 1)
        c.drawString(x + 68 * mm, y, "比分（局）：")
        c.line(x + 90 * mm, y - 1, x + 102 * mm, y - 1)
        c.drawString(x + 103.5 * mm, y, ":")
        c.line(x + 106 * mm, y - 1, x + 118 * mm, y - 1)
        c.drawString(x + 124 * mm, y, "□ 弃权　□ 退赛")
        y -= 11 * mm
        c.drawString(x, y, "裁判员签名：")
        c.line(x + 22 * mm, y - 1, x + 62 * mm, y - 1)
        c.drawString(x + 68 * mm, y, "运动员签名：甲方")
        c.line(x + 97 * mm, y - 1, x + 127 * mm, y - 1)
        c.drawString(x + 130 * mm, y, "乙方")
        c.line(x + 139 * mm, y - 1, min(self.width - 4 * mm, x + 170 * mm), y - 1)

    def _cut_line(self, c):
        c.setStrokeColor(RULE)
        c.setLineWidth(0.4)
        c.setDash(3, 3)
        c.line(0, GAP / 2, self.width, GAP / 2)
        c.setDash()


def sheets_story(papers: MatchPapers, width: float) -> list:
    """A score sheet for every match that is played (not a bye), in the order of play."""
    story = []
    for event in papers.events:
        for m in event.matches:
            if not m.bye:
                story.append(ScoreSheet(papers, event, m, width))
    return story
