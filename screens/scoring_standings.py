"""The standings beside the scoring screen: read in a worker after each mark and every few
seconds (another desk's marks show up), adopted only when nothing was written since they were
read, and published (F7: they become final) or reopened with a reason.

A part of ScoringScreen (screens/scoring.py); it relies on the screen's ``contest``,
``entrants``, ``card``, ``status``, ``go_to`` and ``show_card``.
"""

from models import scores
from models.errors import Refusal
from models.scores import Standings
from tui.i18n import t
from tui.score_widgets import Leaderboards
from tui.texts import error_line, screen_refusal_text
from tui.workers import deliver, desk_work


class StandingsFollower:
    """The leaderboard kept current, and the standings published or reopened."""

    def request_standings(self) -> None:
        """One standings query at a time; marks typed meanwhile cost one more afterwards."""
        self._standings.request()

    def _standings_done(self) -> None:
        self._standings.done()

    @desk_work(group="standings")
    def load_standings(self, writes: int) -> None:
        from models.contest_publish import publication

        try:
            table = scores.standings(self.app.db, self.contest.number)
            published = publication(self.app.db, self.contest.number)
        except Exception as error:  # keep scoring even if a refresh fails
            deliver(self, self.status, error_line(error), "error")
        else:
            deliver(self, self.apply_publication, published)
            deliver(self, self.apply_standings, table, writes)
        deliver(self, self._standings_done)

    # ------------------------------------------------------------------ published means final

    def apply_publication(self, published) -> None:
        """The board says when the standings were published; F7 follows (publish ↔ reopen)."""
        if not self.is_attached or published == self.publication:
            return
        self.publication = published
        board = self.query_one(Leaderboards)
        if published.published:
            at = published.at.replace("T", " ")[:16]
            board.border_title = t("sc.board.published", at=at)
        else:
            board.border_title = t("sc.board.title")
        board.set_class(published.published, "-published")
        self.refresh_bindings()

    def action_publish(self) -> None:
        from tui.confirm import ConfirmDialog

        if self.contest is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._publish()

        question = t("sc.publish.question", title=self.contest.title)
        self.app.push_screen(ConfirmDialog(t("sc.publish.title"), question), answered)

    def _publish(self) -> None:
        from models.contest_publish import publish_contest

        try:
            published = publish_contest(
                self.app.db,
                self.contest.number,
                operator=self.app.operator,
                station=self.app.station,
            )
        except Refusal as refusal:
            self.status(screen_refusal_text(refusal), "error")
            return
        except Exception as error:  # keep the desk alive if the database hiccups
            self.status(error_line(error), "error")
            return
        self.apply_publication(published)
        self.status(t("sc.publish.done", count=len(published.standings)), "ok")

    def action_reopen(self) -> None:
        from tui.reason_prompt import ReasonPrompt

        if self.contest is None:
            return

        def given(reason: str | None) -> None:
            if reason:
                self._reopen(reason)

        prompt = ReasonPrompt(
            t("sc.reopen.title", title=self.contest.title),
            t("sc.reopen.prompt"),
            t("common.reason_required"),
        )
        self.app.push_screen(prompt, given)

    def _reopen(self, reason: str) -> None:
        from models.contest_publish import reopen_contest

        try:
            published = reopen_contest(
                self.app.db,
                self.contest.number,
                reason=reason,
                operator=self.app.operator,
                station=self.app.station,
            )
        except Refusal as refusal:
            self.status(screen_refusal_text(refusal), "error")
            return
        except Exception as error:
            self.status(error_line(error), "error")
            return
        self.apply_publication(published)
        self.status(t("sc.reopen.done", reason=reason), "ok")

    def apply_standings(self, table: Standings, writes: int) -> None:
        if not self.is_attached:  # the clerk left the screen while the query ran
            return
        if table.version == self._version and writes == self._writes:
            return  # nothing changed anywhere since the last refresh
        self._version = table.version
        self.standings = table
        self._adopt_entrants(table)
        current = self.entrant
        if current is not None and writes == self._writes:
            row = table.row_of(current.id)
            if row is not None and row.card != self.card:  # another desk changed this card
                self.card = row.card
        with self.app.batch_update():
            self.query_one(Leaderboards).apply(table, current)
            self.show_card()

    def _adopt_entrants(self, table: Standings) -> None:
        """Entrants added meanwhile (F5 here, or at another desk) join the running order."""
        known = {e.id for e in self.entrants}
        new = [r.entrant for r in table.rows if r.entrant.id not in known]
        if not new:
            return
        current = self.entrant
        self.entrants = sorted([*self.entrants, *new], key=lambda e: e.number)
        if current is None:
            self.go_to(0, announce=False)
        else:
            self.index = next(i for i, e in enumerate(self.entrants) if e.id == current.id)
