"""The quiz buzzer on the scoring screen (抢答器, RULES.md §6): F8 turns buzzer mode on and off.

In buzzer mode the buzzer panel (tui/buzzer_panel.py) has the focus and every key goes through
the rule (models/rules/buzzer.py): Space is the host's 「开始」, a team's key before it is a foul
(recorded at once with the quiz's deduction, F4 undoes it with a reason), after it the first
team's key wins: that team goes on stage (the projector follows) and Y / N scores its 抢答 as
right or wrong, through the same ``_quiz_record`` as the typed 3 / 4. Backspace drops the
question; Esc leaves the mode.

A part of ScoringScreen (screens/scoring.py) through QuizScoring; it relies on the screen's
``card``, ``entrant``, ``entrants``, ``contest``, ``quiz_teams``, ``go_to``, ``status``,
``show_card``, ``request_standings`` and ``_quiz_record``.
"""

from models import contests, scores
from models.errors import Refusal, refuse
from models.rules import buzzer as rule
from models.rules.buzzer import BuzzerState, Press
from models.rules.scoring import BUZZER
from models.scores import AnswerInfo
from tui.buzzer_panel import BuzzerPanel, BuzzerView
from tui.i18n import t
from tui.literal import literal
from tui.score_text import signed
from tui.texts import error_line, screen_refusal_text

JUDGE_KEYS = {"y": True, "n": False}  # the reserved keys of models/rules/buzzer.py


class BuzzerMode:
    """Buzzer mode: the rule's state, the panel, and what each press records."""

    buzzer: BuzzerState | None = None
    _buzzer_event: int | None = None  # the quiz event whose teams have the keys
    _last_foul: tuple[int, AnswerInfo] | None = None  # (entrant number, answer) for F4

    @property
    def in_buzzer_mode(self) -> bool:
        return self.buzzer is not None

    async def action_buzzer(self) -> None:
        if self.in_buzzer_mode:
            self.leave_buzzer()
            return
        if not self.is_quiz:
            return
        try:
            keys = self._buzzer_keys()
        except Refusal as refusal:
            self.status(screen_refusal_text(refusal), "error")
            return
        self.buzzer = rule.new_round(keys)
        self._buzzer_event = self.card.event.id
        self._last_foul = None
        panel = BuzzerPanel(id="sc-bz")
        await self.query_one("#sc-left").mount(panel, after="#sc-quiz")
        self.query_one("#sc-quiz").display = False
        self.query_one("#sc-input").display = False  # it takes no keys now: room for the panel
        panel.focus()
        self.show_buzzer()
        self.status(t("bz.entered"), "ok")

    def _buzzer_keys(self) -> dict[str, int]:
        teams = [(e.number, e.name) for e in self.quiz_teams()]
        keys = rule.team_keys(self.card.event.quiz.keys, teams)
        if not keys:
            raise refuse("buzzer.no_keys")
        return keys

    def leave_buzzer(self) -> None:
        self._end_buzzer()
        self.show_card()
        self.status(t("bz.left"))

    def _end_buzzer(self) -> None:
        self.buzzer = self._buzzer_event = self._last_foul = None
        for panel in self.query(BuzzerPanel):
            panel.remove()
        scan = self.query_one("#sc-input")
        scan.display = True
        scan.focus()

    def on_screen_resume(self) -> None:
        """Back from a dialog (F4, F2 …): the keys go to the buzzer again, not to the hidden field
        (Textual calls this after ScoringScreen's own, which focuses the field)."""
        for panel in self.query(BuzzerPanel):
            panel.focus()

    def buzzer_shown(self) -> bool:
        """Whether the buzzer panel stands in the quiz panel's place (ScoringScreen.show_card);
        moving to an entrant of another event ends buzzer mode, whose keys were that quiz's."""
        if self.buzzer is not None and (
            not self.is_quiz or self.card.event.id != self._buzzer_event
        ):
            self._end_buzzer()
        return self.buzzer is not None

    # ------------------------------------------------------------------ keys

    def on_buzzer_panel_pressed(self, message: BuzzerPanel.Pressed) -> None:
        message.stop()
        if self.buzzer is None or self.card is None:
            return
        key, character = message.key, rule.normalize_key(message.character or "")
        if key == "escape":
            self.leave_buzzer()
        elif key == "f4":
            self._undo_foul()
        elif key == "backspace":
            self.buzzer = rule.next_question(self.buzzer)
            self.status(t("bz.dropped"))
        elif key == "space":
            self.buzzer, _ = rule.press(self.buzzer, rule.START)
        elif key in ("enter", "tab", "ctrl+j"):
            return  # a scanner's or a buzzer box's suffix: nothing to confirm here
        elif character in JUDGE_KEYS:
            self._judge(JUDGE_KEYS[character])
        else:
            self._press(character)
        if self.buzzer is not None:
            self.show_buzzer()

    def _press(self, character: str) -> None:
        before = self.buzzer
        self.buzzer, outcome = rule.press(before, character)
        if outcome.verdict == rule.FOUL and not self._foul(outcome):
            self.buzzer = before  # not recorded (its reason is on screen): not shown as a foul
        elif outcome.verdict == rule.WINS and not self._won(outcome):
            self.buzzer = before  # still open: the next press may win
        elif outcome.verdict == rule.UNKNOWN:
            self.status(t("bz.unknown_key", key=character))

    def _foul(self, outcome: Press) -> bool:
        team = self._team(outcome.team)
        try:
            answer = scores.record_foul(
                self.app.db,
                self.contest.number,
                outcome.team,
                operator=self.app.operator,
                station=self.app.station,
            )
        except Refusal as refusal:
            self.status(screen_refusal_text(refusal), "error")
            return False
        except Exception as error:  # a locked database must not end the quiz
            self.status(error_line(error), "error")
            return False
        self._writes += 1
        self._last_foul = (outcome.team, answer)
        if team.id == self.entrant.id:
            self.card = scores.score_card(self.app.db, self.contest.number, team.number)
            self.show_card()
        text = t("bz.foul", name=team.name, points=signed(answer.points)) + t("bz.foul_undo")
        self.status(text, "error")
        self.request_standings()
        return True

    def _won(self, outcome: Press) -> bool:
        try:
            scores.buzzer_won(
                self.app.db,
                self.contest.number,
                outcome.team,
                fouls=self.buzzer.fouls,
                operator=self.app.operator,
                station=self.app.station,
            )
            self.contest = contests.get_contest(self.app.db, self.contest.number)
        except Refusal as refusal:
            self.status(screen_refusal_text(refusal), "error")
            return False
        except Exception as error:
            self.status(error_line(error), "error")
            return False
        self._go_to_team(outcome.team)
        self.status(t("bz.won_status", name=self._team(outcome.team).name), "ok")
        return True

    def _judge(self, right: bool) -> None:
        """Y / N: the winner's 抢答 scored, then the next question."""
        if self.buzzer.phase != rule.WON:
            self.status(t("bz.not_won"), "error")
            return
        if not self._go_to_team(self.buzzer.winner):
            return
        if self._quiz_record(BUZZER, right, None):
            self.buzzer = rule.next_question(self.buzzer)
            self._last_foul = None
            self.show_card()  # the points, the big score

    def _undo_foul(self) -> None:
        """F4: void the last foul (the answer correction dialog, reason required); with no foul
        to undo, the screen's own F4 (correct the current team's answers)."""
        if self._last_foul is None:
            self.action_correct()
            return
        from screens.mark_correction import AnswerCorrection, Corrected

        number, answer = self._last_foul
        card = scores.score_card(self.app.db, self.contest.number, number)

        def corrected(done: Corrected | None) -> None:
            if done is None:
                return
            self._writes += 1
            self._last_foul = None
            if self.card is not None and done.card.entrant.id == self.card.entrant.id:
                self.card = done.card
            self.status(done.summary, "ok")
            self.show_card()
            self.request_standings()

        self.app.push_screen(
            AnswerCorrection(self.contest, card, question=answer.question, choice="void"),
            corrected,
        )

    # ------------------------------------------------------------------ showing

    def _team(self, number: int):
        return next(e for e in self.entrants if e.number == number)

    def _go_to_team(self, number: int) -> bool:
        index = next(i for i, e in enumerate(self.entrants) if e.number == number)
        if index != self.index:
            self.go_to(index, announce=False)
        return self.index == index

    def show_buzzer(self) -> None:
        if self.buzzer is None or not self.query(BuzzerPanel):
            return
        self.query_one(BuzzerPanel).show(self._buzzer_view(self.buzzer))
        self.query_one("#sc-prompt").update(literal(t("bz.prompt")))

    def _buzzer_view(self, state: BuzzerState) -> BuzzerView:
        names = {e.number: e.name for e in self.entrants}
        lines = []
        if state.late:
            lines.append(t("bz.locked", names="、".join(names[n] for n in state.late)))
        if state.fouls:
            lines.append(t("bz.fouls", names="、".join(names[n] for n in state.fouls)))
        phase = {rule.WAITING: "bz.waiting", rule.OPEN: "bz.open", rule.WON: "bz.won"}
        won = state.phase == rule.WON
        keys = " · ".join(f"{k} {names[n]}" for k, n in sorted(state.keys.items()))
        return BuzzerView(
            title=t("bz.title", event=self.card.event.name or self.contest.title),
            phase=t(phase[state.phase]),
            number=str(state.winner) if won else "",
            name=names[state.winner] if won else t("bz.nobody"),
            won=won,
            lines=tuple(lines),
            keys=t("bz.keys", keys=keys),
            hint=t("bz.hint"),
        )
