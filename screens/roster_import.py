"""Import the roster from a CSV/XLSX file: first what it would change (read in a worker, nothing
written), then Enter or Y writes exactly that and Esc cancels; every bad row is listed. When the
file would add someone under a new code whose name and delegation are already on the roster
(12 and 0012), the refusal says so and A previews again with such people allowed."""

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from models.errors import Refusal
from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.texts import screen_refusal_text
from tui.workers import deliver, desk_work


class RosterImport(Localized, ModalScreen[bool]):
    BINDINGS = [
        Binding("escape", "close", "key.close", id="close"),
        Binding("enter,y", "apply", "key.confirm", show=False, id="apply"),
        Binding("a", "allow_same_name", "key.allow_same_name", show=False, id="allow_same_name"),
    ]

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(classes="modal")
        self._changed = False
        self._picked = path  # picked in the file browser (F5): previewed as soon as shown
        self._path: Path | None = None
        self._preview = None  # the ImportPreview on screen, waiting for Enter/Y
        self._same_name_refused = False  # A previews again allowing the same names
        self._allow_same_name = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("import.title"), classes="dialog-title")
            yield Static(t("import.prompt"))
            yield Input(placeholder="C:\\代表名单.xlsx", id="path")
            with VerticalScroll(id="report"):
                yield Static("", id="message")
            yield Static(self._idle_hint(), id="hint", classes="dialog-hint")

    def on_mount(self) -> None:
        if self._picked is not None:
            field = self.query_one("#path", Input)
            field.value = str(self._picked)
            self._start(self._picked, field.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._start(Path(event.value.strip().strip('"')).expanduser(), event.value)

    def _start(self, path: Path, typed: str) -> None:
        self._forget_preview()
        self._allow_same_name = False
        if not path.is_file():
            self._say(t("import.no_file", path=typed), error=True)
            return
        self._path = path
        self._say(t("import.running"))
        self.run_preview(path, False)

    # --- preview (nothing written) ---------------------------------------------------------

    @desk_work(group="roster-import", exclusive=True)
    def run_preview(self, path: Path, allow_same_name: bool) -> None:
        from models.roster import preview_roster_import
        from tui.roster_texts import preview_lines

        try:
            preview = preview_roster_import(self.app.db, path, allow_same_name=allow_same_name)
        except Refusal as refusal:
            deliver(self, self._refused, refusal)
            return
        deliver(self, self._show_preview, preview, "\n".join(preview_lines(preview)))

    def _show_preview(self, preview, text: str) -> None:
        self._preview = preview
        self._say(text)
        self._hint(t("roster.preview.apply_hint"))
        self.query_one("#report", VerticalScroll).focus()  # Enter/Y now answer the preview

    def _refused(self, refusal: Refusal) -> None:
        self._forget_preview()
        self._say(t("import.failed") + "\n" + screen_refusal_text(refusal), error=True)
        if refusal.key == "roster.same_name":
            self._same_name_refused = True
            self._hint(t("roster.preview.same_name_hint"))
            self.query_one("#report", VerticalScroll).focus()  # A reaches the screen

    def action_allow_same_name(self) -> None:
        if not self._same_name_refused or self._path is None:
            return
        self._same_name_refused = False
        self._allow_same_name = True
        self._hint(self._idle_hint())
        self._say(t("import.running"))
        self.run_preview(self._path, True)

    # --- writing what was previewed --------------------------------------------------------

    def action_apply(self) -> None:
        preview, path = self._preview, self._path
        if preview is None or path is None:
            return
        self._forget_preview()
        self._say(t("import.running"))
        self.run_import(path, preview.digest, self._allow_same_name)

    @desk_work(group="roster-import", exclusive=True)
    def run_import(self, path: Path, digest: str, allow_same_name: bool) -> None:
        from models.roster import import_roster
        from tui.roster_texts import report_column_lines

        try:
            report = import_roster(
                self.app.db,
                path,
                operator=self.app.operator,
                station=self.app.station,
                allow_same_name=allow_same_name,
                expected_digest=digest,
            )
        except Refusal as refusal:
            deliver(self, self._refused, refusal)
            return
        self._changed = True
        done = t("import.done", added=report.added, updated=report.updated, total=report.total)
        deliver(self, self._say, "\n".join([done, *report_column_lines(report)]))

    # --- the dialog's words ----------------------------------------------------------------

    def _forget_preview(self) -> None:
        self._preview = None
        self._same_name_refused = False
        self._hint(self._idle_hint())

    def _idle_hint(self) -> str:
        return f"Enter {t('key.confirm')} · Esc {t('key.close')}"

    def _hint(self, text: str) -> None:
        self.query_one("#hint", Static).update(literal(text))

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#message", Static)
        message.update(literal(text))
        message.set_class(error, "dialog-error")
        if error:
            self.app.bell()

    def action_close(self) -> None:
        """Esc on a preview cancels it (nothing written); Esc again closes the dialog."""
        if self._preview is not None or self._same_name_refused:
            self._forget_preview()
            self._say(t("roster.preview.cancelled"))
            self.query_one("#path", Input).focus()
            return
        self.dismiss(self._changed)
