"""After the meeting: write the minutes package (with a progress bar) and run the self-check.

Reached from the sittings dialog (F7 on the check-in screen, then F2). The export and
the verification run in thread workers: a 300-delegate package takes a few seconds of PDFs."""

from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, ProgressBar, Static

from models.congress import current_congress
from models.errors import Refusal
from models.io.file_names import safe_name
from tui.confirm import ConfirmDialog
from tui.exports import export_dir
from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.texts import error_line, screen_refusal_text
from tui.verify_text import check_line, export_lines, header_line, summary_line
from tui.workers import deliver, desk_work


def default_folder(congress_name: str, today: date | None = None) -> Path:
    """<export dir>/<congress>-会议材料-YYYYMMDD: one folder per export day."""
    stamp = (today or date.today()).strftime("%Y%m%d")
    return export_dir() / f"{safe_name(congress_name)[:40]}-{t('mx.folder')}-{stamp}"


class MinutesExportScreen(Localized, ModalScreen[None]):
    BINDINGS = [
        Binding("f2", "export", "mx.key.export", id="export"),
        Binding("f3", "verify", "mx.key.verify", id="verify"),
        Binding("escape", "close", "key.close", id="close"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="modal")
        self._busy = False

    def compose(self) -> ComposeResult:
        congress = current_congress(self.app.db)
        with Vertical(classes="dialog", id="mx-dialog"):
            yield Static(t("mx.title"), classes="dialog-title")
            yield Static(t("mx.contents"), id="mx-contents")
            yield Input(str(default_folder(congress.name)), id="mx-folder")
            yield ProgressBar(total=1, show_eta=False, id="mx-progress")
            yield Static("", id="mx-step")
            with VerticalScroll(id="mx-report"):
                yield Static("", id="mx-lines")
            yield Static(t("mx.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#mx-folder", Input).focus()

    # --- export -------------------------------------------------------------------------------

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_export()

    def _folder(self) -> Path:
        raw = self.query_one("#mx-folder", Input).value.strip().strip('"')
        return Path(raw).expanduser()

    def action_export(self) -> None:
        if self._busy:
            return
        folder = self._folder()
        if folder.is_dir() and any(folder.iterdir()):
            question = t("mx.overwrite", path=folder)
            self.app.push_screen(
                ConfirmDialog(t("mx.overwrite_title"), question, letters=True),
                lambda yes: self._start_export(folder, True) if yes else None,
            )
            return
        self._start_export(folder, False)

    def _start_export(self, folder: Path, force: bool) -> None:
        self._busy = True
        self._say([t("mx.running")])
        self.query_one("#mx-progress", ProgressBar).update(total=1, progress=0)
        self.export_package(folder, force)

    @desk_work(group="minutes", exclusive=True)
    def export_package(self, folder: Path, force: bool) -> None:
        from models.minutes import export_minutes

        def progress(done: int, total: int, label: str) -> None:
            deliver(self, self._progress, done, total, label)

        try:
            done = export_minutes(
                self.app.db,
                folder,
                force=force,
                progress=progress,
                operator=self.app.operator,
                station=self.app.station,
            )
        except Refusal as refusal:
            deliver(self, self._finish, [screen_refusal_text(refusal)], True)
            return
        except OSError as error:
            deliver(self, self._finish, [error_line(error)], True)
            return
        lines = export_lines(done)
        deliver(self, self._finish, lines, False)

    def _progress(self, done: int, total: int, label: str) -> None:
        self.query_one("#mx-progress", ProgressBar).update(total=total, progress=done)
        if label:
            step = t("export.step", done=done + 1, total=total, label=label)
            self.query_one("#mx-step", Static).update(literal(step))

    # --- verify -------------------------------------------------------------------------------

    def action_verify(self) -> None:
        if self._busy:
            return
        self._busy = True
        self._say([t("mx.verifying")])
        self.verify_database()

    @desk_work(group="minutes", exclusive=True)
    def verify_database(self) -> None:
        from models.verify import verify_database

        try:
            report = verify_database(self.app.db)
        except Refusal as refusal:
            deliver(self, self._finish, [screen_refusal_text(refusal)], True)
            return
        lines = [header_line(report)]
        lines += [check_line(n, c) for n, c in enumerate(report.checks, start=1)]
        lines.append(summary_line(report))
        deliver(self, self._finish, lines, not report.ok)

    # --- shared -------------------------------------------------------------------------------

    def _finish(self, lines: list[str], error: bool) -> None:
        self._busy = False
        self.query_one("#mx-step", Static).update("")
        self._say(lines, error)
        if error:
            self.app.bell()

    def _say(self, lines: list[str], error: bool = False) -> None:
        report = self.query_one("#mx-lines", Static)
        report.update(literal("\n".join(lines)))
        report.set_class(error, "dialog-error")

    def action_close(self) -> None:
        if not self._busy:
            self.dismiss(None)
