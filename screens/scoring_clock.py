"""The speaking clock on the scoring screen (演讲比赛 计时): F8 starts the clock of the entrant on
stage and stops it; the line under the prompt runs (tui/clock_widgets.py), yellow at the warning,
red past the limit; the stopped time and its deduction go into the card at once.

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
