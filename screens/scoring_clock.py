"""The speaking clock on the scoring screen (演讲比赛 计时): F8 starts the clock of the entrant on
stage and stops it; the line under the prompt runs (tui/clock_widgets.py), yellow at the warning,
red past the limit; the stopped time and its deduction go into the card at once. Shift+F8 takes
back a clock started by mistake (or a time), with a reason, so the entrant can be timed afresh.

Only a key starts or stops it: a badge scanned into the mark field is a scan, never F8 (the App
routes badge bursts, tui/scan_router.py), so a delegate's badge cannot touch the clock.

A part of ScoringScreen (screens/scoring.py); it relies on the screen's ``contest``, ``entrant``,
``card``, ``status``, ``show_card``, ``request_standings`` and ``_writes``.
"""

from models import scores
from models.errors import Refusal
from models.rules.speaking import clock_time
from tui.clock_text import verdict_words
from tui.i18n import t
from tui.texts import error_line, screen_refusal_text


class SpeakingClock:
    """F8: start or stop the clock of the entrant on stage."""

    @property
    def has_clock(self) -> bool:
        return self.card is not None and self.card.event.clock is not None

    def clock_allowed(self, action: str) -> bool:
        """F8 on a timed event; Shift+F8 only once there is a clock or a time to take back."""
        if action == "clock_reset":
            return self.has_clock and self.card.timing is not None
        return self.has_clock

    def clock_card(self):
        """What the clock line shows: the card on screen (the ClockLine's source)."""
        return self.card

    def action_clock(self) -> None:
        if not self.has_clock or self.entrant is None:
            return
        running = self.card.timing is not None and self.card.timing.running
        who = {"operator": self.app.operator, "station": self.app.station}
        number = self.contest.number
        try:
            if running:
                card = scores.stop_clock(self.app.db, number, self.entrant.number, **who)
            else:
                scores.start_clock(self.app.db, number, self.entrant.number, **who)
                card = scores.score_card(self.app.db, number, self.entrant.number)
        except Refusal as refusal:
            self.status(screen_refusal_text(refusal), "error")
            return
        except Exception as error:  # a locked database must not end the speech
            self.status(error_line(error), "error")
            return
        self._writes += 1
        self.card = card
        self.status(self._clock_text(card, running), "ok")
        self.show_card()
        self.request_standings()

    def _clock_text(self, card, stopped: bool) -> str:
        if not stopped:
            return t("clock.started", entrant=card.entrant.label)
        verdict = verdict_words(card.verdict, card.decimals)
        time = clock_time(card.timing.seconds)
        return t("clock.stopped", entrant=card.entrant.label, time=time, verdict=verdict)

    def action_clock_reset(self) -> None:
        from tui.reason_prompt import ReasonPrompt

        if not self.has_clock or self.card.timing is None:
            return
        entrant = self.entrant

        def given(reason: str | None) -> None:
            if reason:
                self._withdraw_time(entrant.number, reason)

        title = t("clock.reset.title", entrant=entrant.name)
        prompt = ReasonPrompt(title, t("clock.reset.prompt"), t("common.reason_required"))
        self.app.push_screen(prompt, given)

    def _withdraw_time(self, number: int, reason: str) -> None:
        who = {"operator": self.app.operator, "station": self.app.station}
        try:
            card = scores.withdraw_time(
                self.app.db, self.contest.number, number, reason=reason, **who
            )
        except Refusal as refusal:
            self.status(screen_refusal_text(refusal), "error")
            return
        except Exception as error:
            self.status(error_line(error), "error")
            return
        self._writes += 1
        if self.entrant is not None and self.entrant.number == number:
            self.card = card
        self.status(t("clock.withdrawn", entrant=card.entrant.name, reason=reason), "ok")
        self.show_card()
        self.request_standings()
