"""发出: how many ballots (or appraisal sheets) were handed out. Recording it freezes the roll.

``IssueDialog(number)`` dismisses with the count now recorded, or None when cancelled.
"""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from models.attendance import attendance
from models.errors import Refusal
from models.voting import issue, load_item
from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.texts import error_line, screen_refusal_text


class IssueDialog(Localized, ModalScreen[int | None]):
    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="cancel")]

    def __init__(self, number: int) -> None:
        super().__init__(classes="modal")
        self.number = number

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="issue-dialog"):
            yield Static("", classes="dialog-title", id="issue-title")
            yield Static("", id="issue-present")
            yield Static("", id="issue-current")
            yield Static("", id="issue-prompt")
            yield Input(type="integer", id="issue-count")
            yield Static("", classes="dialog-error", id="error")
            yield Static(t("issuedlg.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        db = self.app.db
        try:
            with db.read() as conn:
                item = load_item(conn, self.number)
            present = item.roll.present if item.roll else attendance(db).figures.present
        except Refusal as refusal:
            self._error(screen_refusal_text(refusal))
            return
        self.query_one("#issue-title", Static).update(
            literal(t("issuedlg.title", label=item.label))
        )
        if item.roll is not None:
            line = t("issuedlg.frozen", present=present, sha=item.roll.sha256[:12])
        else:
            line = t("issuedlg.now", present=present)
        self.query_one("#issue-present", Static).update(line)
        current = self.query_one("#issue-current", Static)
        if item.issued is not None:
            current.update(t("issuedlg.current", issued=item.issued))
            self.query_one(Input).value = str(item.issued)
        else:
            current.display = False
        self.query_one("#issue-prompt", Static).update(t(f"issuedlg.prompt.{item.kind}"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text.isdigit():
            self._error(t("issuedlg.bad_number"))
            return
        try:
            item = issue(
                self.app.db,
                self.number,
                int(text),
                operator=self.app.operator,
                station=self.app.station,
            )
        except Refusal as refusal:
            self._error(screen_refusal_text(refusal))
            return
        except Exception as error:  # a locked database: say so, keep the dialog
            self._error(error_line(error))
            return
        self.dismiss(item.issued)

    def _error(self, text: str) -> None:
        self.query_one("#error", Static).update(literal(text))
        self.app.bell()

    def action_cancel(self) -> None:
        self.dismiss(None)
