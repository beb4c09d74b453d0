"""A quiz event scored by answers on the scoring screen: team number, then 1 必答对 2 必答错
3 抢答对 4 抢答错 5 风险题 (stake, then 1 对 / 2 错), each answer written through
``scores.record_answer``.

A part of ScoringScreen (screens/scoring.py), in its own file so that the marks of judges and
the answers of a quiz read apart; it relies on the screen's ``card``, ``entrant``, ``status``,
``go_to`` and ``request_standings``.
"""

import unicodedata
from dataclasses import dataclass

from textual.widgets import Static

from models import scores
from models.contests import EntrantInfo
from models.errors import Refusal, refuse
from models.rules.scoring import BUZZER, COMPULSORY, RISK
from models.scores import ScoreCard
from screens.scoring_buzzer import BuzzerMode
from tui.i18n import refusal_text, t
from tui.literal import literal
from tui.score_text import signed
from tui.score_widgets import QuizPanel, quiz_points
from tui.texts import error_line, screen_refusal_text

# quiz keys: 1 必答对 2 必答错 3 抢答对 4 抢答错 5 风险题 (then the stake, then 1 对 / 2 错)
QUIZ_KEYS = {
    "1": (COMPULSORY, True),
    "2": (COMPULSORY, False),
    "3": (BUZZER, True),
    "4": (BUZZER, False),
    "5": (RISK, None),
}
RIGHT_WORDS = {"1": True, "对": True, "y": True, "2": False, "错": False, "n": False}


@dataclass
class QuizEntry:
    """Where the clerk is in logging one answer: team → kind → (stake → right/wrong)."""

    step: str = "team"  # team | kind | stake | right
    stake: int | None = None


class QuizScoring(BuzzerMode):
    """Logging a quiz's answers, one token at a time (or by the buzzer: BuzzerMode)."""

    def quiz_teams(self) -> list[EntrantInfo]:
        return [e for e in self.entrants if e.event_id == self.card.event.id]

    def show_quiz(self) -> None:
        teams = self.quiz_teams()
        cards = {c.entrant.id: c for c in self._quiz_cards()}
        ordered = [cards[e.id] for e in teams if e.id in cards]
        self.query_one("#sc-quiz", QuizPanel).show(ordered, self.entrant.id)
        self.query_one("#sc-quiz", QuizPanel).border_title = t("sc.quiz.title")
        self.query_one("#sc-prompt", Static).update(literal(self._quiz_prompt()))
        self.show_buzzer()

    def _quiz_cards(self) -> list[ScoreCard]:
        cards = []
        rows = {r.entrant.id: r.card for r in self.standings.rows} if self.standings else {}
        for team in self.quiz_teams():
            card = self.card if team.id == self.entrant.id else rows.get(team.id)
            if card is not None:
                cards.append(card)
        return cards

    def _quiz_prompt(self) -> str:
        step = self.quiz.step
        team = t("sc.quiz.team", number=self.entrant.number, name=self.entrant.name)
        if step == "team":
            return t("sc.quiz.prompt_team")
        if step == "kind":
            return team + " · " + t("sc.quiz.prompt_kind")
        rules = self.card.event.quiz
        if step == "stake":
            stakes = "/".join(str(s) for s in rules.stakes)
            return team + " · " + t("sc.quiz.prompt_stake", stakes=stakes)
        return team + " · " + t("sc.quiz.prompt_right", stake=self.quiz.stake)

    def quiz_token(self, token: str) -> bool:
        """One step of logging an answer; False (with the refusal shown) stops the line."""
        token = unicodedata.normalize("NFKC", token).strip().lower()
        step = self.quiz.step
        if step == "team":
            return self._quiz_team(token)
        if step == "kind":
            if token not in QUIZ_KEYS:
                self.status(t("sc.quiz.bad_key", key=token), "error")
                return False
            kind, right = QUIZ_KEYS[token]
            if kind == RISK:
                self.quiz = QuizEntry(step="stake")
                return True
            return self._quiz_record(kind, right, None)
        if step == "stake":
            stakes = self.card.event.quiz.stakes
            if not token.isdigit() or int(token) not in stakes:
                stakes_text = "/".join(str(s) for s in stakes)
                self.status(
                    refusal_text(refuse("contest.bad_stake", stake=token, stakes=stakes_text)),
                    "error",
                )
                return False
            self.quiz = QuizEntry(step="right", stake=int(token))
            return True
        if token not in RIGHT_WORDS:
            self.status(t("sc.quiz.bad_right", key=token), "error")
            return False
        return self._quiz_record(RISK, RIGHT_WORDS[token], self.quiz.stake)

    def _quiz_team(self, token: str) -> bool:
        teams = self.quiz_teams()
        found = next((i for i, e in enumerate(self.entrants) if str(e.number) == token), None)
        if found is None or self.entrants[found] not in teams:
            self.status(refusal_text(refuse("contest.no_such_entrant", ref=token)), "error")
            return False
        if found != self.index:
            self.go_to(found, announce=False)
            if self.index != found:  # the move failed (its reason is on screen)
                return False
        self.quiz = QuizEntry(step="kind")
        return True

    def _quiz_record(self, kind: str, right: bool, stake: int | None) -> bool:
        entrant = self.entrant
        try:
            answer = scores.record_answer(
                self.app.db,
                self.contest.number,
                entrant.number,
                kind,
                right,
                stake=stake,
                operator=self.app.operator,
                station=self.app.station,
            )
            self.card = scores.score_card(self.app.db, self.contest.number, entrant.number)
        except Refusal as refusal:
            self.status(screen_refusal_text(refusal), "error")
            self.quiz = QuizEntry(step="kind")
            return False
        except Exception as error:  # a locked database must not end the quiz
            self.status(error_line(error), "error")
            self.quiz = QuizEntry(step="kind")
            return False
        self._writes += 1
        self.quiz = QuizEntry()
        words = t("sc.calc.right") if answer.right else t("sc.calc.wrong")
        self.status(
            t(
                "sc.quiz.saved",
                question=answer.question,
                team=entrant.name,
                kind=t(f"contest.question.{answer.kind}"),
                right=words,
                points=signed(answer.points),
                total=quiz_points(self.card),
            ),
            "ok",
        )
        self.request_standings()
        return True
