"""Make the printable badge sheet (PDF) in a worker; F2 voids every printed badge (new key)."""

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from models.errors import Refusal
from tui.exports import export_folder
from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.texts import screen_refusal_text
from tui.workers import deliver, desk_work


class BadgesExport(Localized, ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "key.close", id="close"),
        Binding("f2", "rotate", "badges.rotate.title", id="rotate"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("badges.title"), classes="dialog-title")
            yield Static(t("badges.prompt"))
            # the export folder every other sheet goes to (Documents/huiwu, HUIWU_EXPORT_DIR)
            yield Input(str(export_folder() / t("badges.file")), id="path")
            yield Static("", id="message")
            yield Static(
                f"Enter {t('key.confirm')} · F2 {t('badges.rotate.title')} · Esc {t('key.close')}",
                classes="dialog-hint",
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#message", Static).update(t("badges.running"))
        self.make_badges(Path(event.value.strip().strip('"')).expanduser())

    @desk_work(exclusive=True)
    def make_badges(self, path: Path) -> None:
        from models.io.badges import write_badges
        from models.io.private_files import make_private_folder

        try:
            make_private_folder(path.parent)  # the export folder on first use
            report = write_badges(self.app.db, path)
        except Refusal as refusal:
            deliver(self, self._say, screen_refusal_text(refusal), True)
            return
        except OSError as error:
            deliver(self, self._say, str(error), True)
            return
        text = t("badges.done", count=report.count, pages=report.pages, path=path)
        deliver(self, self._say, text)

    def action_rotate(self) -> None:
        """Destructive (every printed badge stops working), so it is asked first."""
        from models.badge_keys import badge_holders
        from tui.confirm import ConfirmDialog

        people = badge_holders(self.app.db)  # one quick count, for the question

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._say(t("badges.rotate.running"))
                self.rotate()

        question = t("badges.rotate.question", people=people)
        self.app.push_screen(ConfirmDialog(t("badges.rotate.title"), question), confirmed)

    @desk_work(group="rotate", exclusive=True)
    def rotate(self) -> None:
        from models.badge_keys import rotate_badge_secret

        try:
            rotation = rotate_badge_secret(
                self.app.db, operator=self.app.operator, station=self.app.station
            )
        except Refusal as refusal:
            deliver(self, self._say, screen_refusal_text(refusal), True)
            return
        done = t("badges.rotate.done", generation=rotation.generation, people=rotation.void_badges)
        deliver(self, self._say, f"{done}\n{t('badges.rotate.print_tui')}")

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#message", Static)
        message.update(literal(text))
        message.set_class(error, "dialog-error")

    def action_close(self) -> None:
        self.dismiss(None)
