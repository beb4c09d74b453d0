"""The check-in screen when the server is out of reach (issue 21, part 3): scans go on against
the desk's own copy (models/offline/link.py) and are answered at once; a banner says how many
wait to be uploaded; a timer tries the server every few seconds and uploads the journal when it
answers. While online, the copy is brought up to date in the background."""

from textual.widgets import Static

from models.offline.link import DeskLink, is_unreachable
from models.offline.mirror import mirror_figures
from tui.i18n import t
from tui.texts import error_line
from tui.workers import deliver, desk_work

RECONNECT_SECONDS = 3.0  # how often an offline desk asks whether the server is back
COPY_SECONDS = 30.0  # how often an online desk refreshes its copy


class DeskOffline:
    """Mixed into the check-in screen, which yields ``Static(id="offline-banner")``."""

    link: DeskLink

    def start_link(self) -> None:
        self.link = DeskLink(self.app.db, self.app.station)
        self._reconnecting = False
        if self.link.enabled:
            self.refresh_copy()
            self.set_interval(COPY_SECONDS, self.refresh_copy)
            self.set_interval(RECONNECT_SECONDS, self.offline_tick)
            self.show_banner()

    @desk_work(group="offline-copy", exclusive=True)
    def refresh_copy(self) -> None:
        try:
            self.link.refresh()
        except Exception as error:  # a damaged copy: say so, the online desk goes on
            deliver(self, self.app.notify, error_line(error), severity="warning", markup=False)

    def offline_tick(self) -> None:
        if self.link.offline and not self._reconnecting:
            self._reconnecting = True
            self.reconnect()

    @desk_work(group="offline-upload")
    def reconnect(self) -> None:
        try:
            report = self.link.reconnect()
        except Exception as error:  # a journal that cannot be uploaded: kept, and said
            deliver(self, self._upload_failed, error_line(error))
            return
        deliver(self, self._reconnected, report)

    def _reconnected(self, report) -> None:
        self._reconnecting = False
        if report is not None and report.uploaded:
            self.app.notify(t("offline.uploaded", uploaded=report.uploaded), markup=False)
        self.show_banner()
        if not self.link.offline:
            self.request_refresh()

    def _upload_failed(self, text: str) -> None:
        self._reconnecting = False
        self.app.notify(text, severity="error", markup=False, timeout=10)
        self.show_banner()

    def show_banner(self) -> None:
        pending = self.link.pending() if self.link.enabled else 0
        banner = self.query_one("#offline-banner", Static)
        banner.display = self.link.offline or pending > 0
        if self.link.offline:
            banner.update(t("offline.banner", count=pending))
        elif pending:
            banner.update(t("offline.banner_uploading", count=pending))

    def figures_unreachable(self, error: BaseException) -> bool:
        """A refresh that failed because the server is gone: the figures come from the desk's
        copy instead, and the answer panel keeps the last scan's answer."""
        if not (self.link.enabled and is_unreachable(error) and self.link.path.exists()):
            return False
        self.link.offline = True
        try:
            figures = mirror_figures(self.link.path)
        except Exception:
            figures = None
        deliver(self, self._apply_offline_figures, figures)
        return True
