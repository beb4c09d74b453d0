"""Make the printable badge sheet (PDF) in a worker."""

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from models.errors import Refusal
from tui.i18n import refusal_text, t
from tui.keys import Localized


class BadgesExport(Localized, ModalScreen[None]):
    BINDINGS = [Binding("escape", "close", "key.close", id="close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("badges.title"), classes="dialog-title")
            yield Static(t("badges.prompt"))
            yield Input(str(Path.home() / "代表证.pdf"), id="path")
            yield Static("", id="message")
            yield Static(f"Enter {t('key.confirm')} · Esc {t('key.close')}", classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#message", Static).update(t("badges.running"))
        self.make_badges(Path(event.value.strip().strip('"')).expanduser())

    @work(thread=True, exclusive=True)
    def make_badges(self, path: Path) -> None:
        from models.io.badges import write_badges

        try:
            report = write_badges(self.app.db, path)
        except Refusal as refusal:
            self.app.call_from_thread(self._say, refusal_text(refusal), True)
            return
        except OSError as error:
            self.app.call_from_thread(self._say, str(error), True)
            return
        text = t("badges.done", count=report.count, pages=report.pages, path=path)
        self.app.call_from_thread(self._say, text)

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#message", Static)
        message.update(text)
        message.set_class(error, "dialog-error")

    def action_close(self) -> None:
        self.dismiss(None)
