"""The scoring screen's keys that move and correct: PageDown/PageUp to the next/previous
entrant, F2 to one by number or name, F6/Tab (Shift+Tab) between stages, F3 the calculation,
F4 a mark corrected or withdrawn with a reason, F5 a new entrant.

A part of ScoringScreen (screens/scoring.py); it relies on the screen's ``entrants``,
``index``, ``card``, ``status``, ``go_to``, ``show_card`` and ``request_standings``.
"""

import unicodedata

from models import contests
from models.errors import refuse
from screens.jump_prompt import JumpPrompt
from tui.i18n import refusal_text, t


class ScoringKeys:
    """Moving between entrants and stages, and the dialogs that change a card."""

    def action_next_entrant(self) -> None:
        if self.index + 1 >= len(self.entrants):
            self.status(t("sc.last_entrant"), "error")
            return
        self.go_to(self.index + 1)

    def action_previous_entrant(self) -> None:
        if self.index == 0:
            self.status(t("sc.first_entrant"), "error")
            return
        self.go_to(self.index - 1)

    def action_jump(self) -> None:
        def jumped(text: str | None) -> None:
            if not text:
                return
            found = self._find(text)
            if found is None:
                self.status(refusal_text(refuse("contest.no_such_entrant", ref=text)), "error")
                return
            self.go_to(found)

        self.app.push_screen(JumpPrompt(), jumped)

    def _find(self, text: str) -> int | None:
        clean = unicodedata.normalize("NFKC", text).strip()
        for i, entrant in enumerate(self.entrants):
            if str(entrant.number) == clean:
                return i
        named = [i for i, e in enumerate(self.entrants) if e.name == clean]
        return named[0] if len(named) == 1 else None

    def action_calculation(self) -> None:
        from screens.score_calc import ScoreCalc

        row = self.standings.row_of(self.entrant.id) if self.standings else None
        self.app.push_screen(ScoreCalc(self.card, self.contest, row))

    def action_correct(self) -> None:
        from screens.mark_correction import AnswerCorrection, Corrected, MarkCorrection

        if self.is_quiz:
            dialog = AnswerCorrection(self.contest, self.card)
        else:
            dialog = MarkCorrection(self.contest, self.card, self.stage_index)

        def corrected(done: Corrected | None) -> None:
            if done is None:
                return
            self._writes += 1
            self.card = done.card
            self.status(done.summary, "ok")
            self.show_card()
            self.request_standings()

        self.app.push_screen(dialog, corrected)

    def action_add_entrant(self) -> None:
        from screens.new_entrant import NewEntrantDialog

        if self.contest is None:
            return

        def added(number: int | None) -> None:
            if number is None:
                return
            self.entrants = contests.entrants_of(self.app.db, self.contest.number)
            self.status(t("sc.entrant_added", number=number), "ok")
            if self.card is None:
                self.go_to(0)
            else:
                self.index = next(
                    i for i, e in enumerate(self.entrants) if e.id == self.card.entrant.id
                )
                self.show_card()
            self.request_standings()

        self.app.push_screen(NewEntrantDialog(self.contest.number), added)

    def action_next_stage(self) -> None:
        self._switch_stage(1)

    def action_previous_stage(self) -> None:
        self._switch_stage(-1)

    def _switch_stage(self, step: int) -> None:
        if self.card is None or len(self.card.stages) < 2:
            return
        self.stage_index = (self.stage_index + step) % len(self.card.stages)
        self.show_card()
