"""Import the roster from a CSV/XLSX file, in a worker; every bad row is listed."""

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
    BINDINGS = [Binding("escape", "close", "key.close", id="close")]

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(classes="modal")
        self._changed = False
        self._picked = path  # picked in the file browser (F5): imported as soon as shown

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("import.title"), classes="dialog-title")
            yield Static(t("import.prompt"))
            yield Input(placeholder="C:\\代表名单.xlsx", id="path")
            with VerticalScroll(id="report"):
                yield Static("", id="message")
            yield Static(f"Enter {t('key.confirm')} · Esc {t('key.close')}", classes="dialog-hint")

    def on_mount(self) -> None:
        if self._picked is not None:
            field = self.query_one("#path", Input)
            field.value = str(self._picked)
            self._start(self._picked, field.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._start(Path(event.value.strip().strip('"')).expanduser(), event.value)

    def _start(self, path: Path, typed: str) -> None:
        if not path.is_file():
            self._say(t("import.no_file", path=typed), error=True)
            return
        self._say(t("import.running"))
        self.run_import(path)

    @desk_work(exclusive=True)
    def run_import(self, path: Path) -> None:
        from models.roster import import_roster

        try:
            report = import_roster(
                self.app.db, path, operator=self.app.operator, station=self.app.station
            )
        except Refusal as refusal:
            text = t("import.failed") + "\n" + screen_refusal_text(refusal)
            deliver(self, self._say, text, True)
            return
        self._changed = True
        done = t("import.done", added=report.added, updated=report.updated, total=report.total)
        deliver(self, self._say, done)

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#message", Static)
        message.update(literal(text))
        message.set_class(error, "dialog-error")
        if error:
            self.app.bell()

    def action_close(self) -> None:
        self.dismiss(self._changed)
