"""Entry or exit: which way the check-in desk's scans go (issue 21, RULES §1 在场).

An entry desk checks people in, and brings back those who left; an exit desk moves them out of
the hall. One desk can be either: Ctrl+E switches, and the scan field's title and colour say
which way it scans at every moment, so a clerk never scans the wrong way unawares. The mode is
the App's (``huiwu --exit-desk`` starts as an exit desk) and survives the screens in between."""

from models.offline.desk import ENTRY, EXIT
from tui.i18n import t
from tui.widgets import ResultPanel, ScanInput

# The panel's colour for each answer; not_in_hall is a warning when they left already.
STATES = {"ok": "ok", "reentered": "ok", "exited": "ok", "already": "warn"}


class DeskDirection:
    """Mixed into the check-in screen: the service a scan goes to, and the mode on screen."""

    @property
    def leaving(self) -> bool:
        return getattr(self.app, "exit_desk", False)

    def scan_kind(self) -> str:
        return EXIT if self.leaving else ENTRY

    def action_toggle_exit(self) -> None:
        self.app.exit_desk = not self.leaving
        self.show_direction()
        self.query_one(ResultPanel).show(t(self._waiting_key()), t("desk.mode.switched"), "idle")

    def show_direction(self) -> None:
        scan = self.query_one("#scan", ScanInput)
        scan.border_title = t("desk.mode.exit" if self.leaving else "desk.mode.entry")
        scan.set_class(self.leaving, "-exit")

    def _waiting_key(self) -> str:
        return "scan.waiting_exit" if self.leaving else "scan.waiting"


def answer_state(result) -> str:
    if result.status == "not_in_hall" and result.reason == "already_out":
        return "warn"
    return STATES.get(result.status, "error")
