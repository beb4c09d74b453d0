"""The scoring screen's F10: marks read from a file, as ``huiwu scores import`` without
--correct.

A part of ScoringScreen (screens/scoring.py); it relies on the screen's ``contest``,
``entrant``, ``status``, ``go_to``, ``show_card`` and ``request_standings``.
"""

from models import contests, scores
from models.contests import EntrantInfo
from models.errors import Refusal
from tui.i18n import t
from tui.texts import screen_refusal_text
from tui.workers import deliver, desk_work


class ScoreFileImport:
    """Marks from a file picked in the browser."""

    def action_import_file(self) -> None:
        """As ``huiwu scores import`` without --correct: a file that would change a stored mark
        is refused whole (F4 corrects a mark with a reason), the same mark again is skipped."""
        from tui.file_picker import pick_table_file

        if self.contest is None:
            return
        title = t("files.title.scores", title=self.contest.title)
        pick_table_file(self.app, title, self._import_picked)

    def _import_picked(self, path) -> None:
        self.status(t("files.importing", file=path.name))
        self.import_score_file(path, self.entrant.number if self.entrant else None)

    @desk_work(group="sc-import", exclusive=True)
    def import_score_file(self, path, current: int | None) -> None:
        from models.score_import import import_scores

        db, number = self.app.db, self.contest.number
        try:
            report = import_scores(
                db, number, path, operator=self.app.operator, station=self.app.station
            )
            entrants = contests.entrants_of(db, number)
            card = scores.score_card(db, number, current) if current is not None else None
        except Refusal as refusal:
            deliver(self, self.status, t("files.failed") + screen_refusal_text(refusal), "error")
            return
        text = t(
            "clic.scores_imported", title=report.title, added=report.added,
            corrected=report.corrected, unchanged=report.unchanged, rows=report.rows,
        )  # fmt: skip
        if report.new_entrants:
            names = "、".join(e.label for e in report.new_entrants)
            text += t("clic.new_entrants", count=len(report.new_entrants), names=names)
        deliver(self, self._scores_imported, entrants, card, text)

    def _scores_imported(self, entrants: list[EntrantInfo], card, text: str) -> None:
        self._writes += 1  # a standings snapshot read before the import is not adopted
        current = self.entrant
        self.entrants = entrants
        if current is None and entrants:
            self.go_to(0, announce=False)
        elif current is not None:
            self.index = next(i for i, e in enumerate(entrants) if e.id == current.id)
            self.card = card
            self.show_card()
        self.status(text, "ok")
        self.request_standings()
