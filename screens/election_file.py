"""F10 on the election screen: the ballots of one entry read from a file (as ``huiwu ballots
import`` does)."""

from models.errors import Refusal
from screens.election_text import last_ballot
from tui.confirm import ConfirmDialog
from tui.i18n import t
from tui.texts import screen_refusal_text
from tui.workers import deliver, desk_work


class ElectionFile:
    """Mixed into ElectionScreen."""

    # ------------------------------------------------------------------ F10: ballots from a file

    def action_import_file(self) -> None:
        """The whole file replaces this entry's ballots (as ``huiwu ballots import`` does), so
        an entry that already holds ballots is asked about first, never replaced silently."""
        if self.item is None:
            return
        if self.locked:
            self._refuse_closed()
            return
        self._when_saved(self._pick_ballot_file)

    def _pick_ballot_file(self) -> None:
        from tui.file_picker import pick_table_file

        entry = self.entry
        title = t("files.title.ballots", number=self.number, title=self.item.title)
        pick_table_file(self.app, title, lambda path: self._ask_replace(path, entry))

    def _ask_replace(self, path, entry: int) -> None:
        if not self._last[entry]:
            self._start_import(path, entry, True)
            return
        entry_name, count = t(f"el.entry.{entry}"), self._last[entry]
        question = t("files.ballots.replace", entry=entry_name, count=count, file=path.name)
        title = t("files.ballots.replace_title", number=self.number, title=self.item.title)
        self.app.push_screen(
            ConfirmDialog(title, question),
            lambda yes: self._start_import(path, entry, yes),
        )

    def _start_import(self, path, entry: int, go: bool | None) -> None:
        if go:
            self._say(t("files.importing", file=path.name), "warn")
            self.import_ballot_file(path, entry)

    @desk_work(group="el-import", exclusive=True)
    def import_ballot_file(self, path, entry: int) -> None:
        from models.elections import import_ballots

        db = self.app.db
        try:
            report = import_ballots(
                db, self.number, path, entry=entry, operator=self.app.operator,
                station=self.app.station,
            )  # fmt: skip
            last = last_ballot(db, self.number, entry)
        except Refusal as refusal:
            deliver(self, self._say, t("files.failed") + screen_refusal_text(refusal), "error")
            return
        text = t(
            "cliv.ballots.imported", number=report.item.number, title=report.item.title,
            entry=report.entry, imported=report.imported, void=report.void,
        )  # fmt: skip
        if report.replaced:
            text += t("cliv.ballots.replaced", entry=report.entry)
        deliver(self, self._imported, entry, last.number if last else 0, text)

    def _imported(self, entry: int, last: int, text: str) -> None:
        self._last[entry] = last
        self._show_number()
        self._say(text, "ok")
        self.request_refresh()
