"""机读选票: the scanner writes into a folder, this screen follows it and shows each sheet's
reading as it lands (read, for a person, refused with its reason), the test deck's state and how
many doubts wait in the review queue (F6). F5 reads one file (a PDF from a document scanner).
Nothing is counted from a refused page; a page with a doubt is counted once a person decides."""

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from models.errors import Refusal
from models.paper import PageOutcome, count_appraisal, scan_paths, sheet_summary, split_refs
from models.paper.check import draw_sample
from tui.file_picker import FilePicker
from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.message_line import show_line
from tui.paper_text import page_result, sample_lines, summary_line, title_line
from tui.texts import error_line, screen_refusal_text
from tui.workers import deliver, desk_work

SCAN_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf")
POLL_SECONDS = 1.0
MAX_ROWS = 400  # the newest first; older rows drop off the table, never out of the database


class PaperScanScreen(Localized, ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "key.close", id="ps-close"),
        Binding("f5", "read_file", "paper.key.file", id="ps-file", tooltip="paper.tip.file"),
        Binding("f6", "review", "paper.key.review", id="ps-review", tooltip="paper.tip.review"),
        Binding("f7", "count", "paper.key.count", id="ps-count", tooltip="paper.tip.count"),
        Binding("f8", "sample", "paper.key.sample", id="ps-sample", tooltip="paper.tip.sample"),
    ]
    DEFAULT_CSS = """
    #ps-dialog { width: 110; height: 90%; }
    #ps-table { height: 1fr; }
    #ps-message.-error { color: $error; }
    """

    def __init__(self, refs: list[str], *, motion: bool = False) -> None:
        super().__init__(classes="modal")
        self.refs = refs
        self.motion = motion
        self.following: Path | None = None
        self._timer = None
        self._polling = False
        self._sizes: dict[Path, tuple[int, int]] = {}
        self._done: dict[Path, tuple[int, int]] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="ps-dialog"):
            yield Static(t("paper.screen.title"), classes="dialog-title", id="ps-title")
            yield Static("", id="ps-summary")
            if self.motion:  # the motions of one 表决票 are one sheet: 2.3.4
                yield Input(".".join(self.refs), placeholder=t("paper.screen.items"), id="ps-items")
            yield Input(placeholder=t("paper.screen.folder"), id="ps-folder")
            yield DataTable(id="ps-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="ps-message")
            yield Static(t("paper.screen.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one("#ps-table", DataTable)
        for key in ("file", "page", "result"):
            table.add_column(t(f"paper.col.{key}"), key=key)
        self.query_one("#ps-items" if self.motion else "#ps-folder", Input).focus()
        self.refresh_summary()

    # ------------------------------------------------------------------ the sheet's state

    @desk_work(group="paper-summary", exclusive=True)
    def refresh_summary(self) -> None:
        try:
            summary = sheet_summary(self.app.db, self.refs)
        except Refusal as refusal:
            deliver(self, self.say, screen_refusal_text(refusal), True)
            return
        deliver(self, self._show_summary, summary)

    def _show_summary(self, summary) -> None:
        self.query_one("#ps-title", Static).update(literal(title_line(summary)))
        self.query_one("#ps-summary", Static).update(literal(summary_line(summary)))

    # ------------------------------------------------------------------ reading

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "ps-items":
            self.refs = split_refs(event.value) or self.refs
            self.refresh_summary()
            self.query_one("#ps-folder", Input).focus()
            return
        folder = Path(event.value.strip().strip('"')).expanduser()
        if not event.value.strip() or not folder.is_dir():
            self.say(t("paper.screen.no_folder", folder=event.value.strip()), True)
            return
        self.following = folder
        self._sizes, self._done = {}, {}
        self.say(t("paper.screen.following", folder=str(folder)))
        if self._timer is None:
            self._timer = self.set_interval(POLL_SECONDS, self._poll)
        self._poll()

    def _poll(self) -> None:
        if self.following is not None and not self._polling:
            self._polling = True  # one look at the folder at a time; a slow read skips ticks
            self.poll_folder(self.following)

    @desk_work(group="paper-follow")
    def poll_folder(self, folder: Path) -> None:
        """Read each new file of ``folder`` once its size has stopped changing between two
        looks (the scanner has finished writing it)."""
        try:
            for path in _scans_in(folder):
                stamp = _stamp(path)
                if stamp is None or self._done.get(path) == stamp:
                    continue  # gone, or read as it is now
                if self._sizes.get(path) != stamp:
                    self._sizes[path] = stamp  # still being written: read it on a later look
                    continue
                self._done[path] = stamp  # a file written over later is read again
                self._read(path)
        finally:
            deliver(self, self._polled)

    def _polled(self) -> None:
        self._polling = False

    def action_read_file(self) -> None:
        picker = FilePicker(t("paper.screen.pick"), SCAN_SUFFIXES)
        self.app.push_screen(picker, self._picked)

    def _picked(self, path: Path | None) -> None:
        if path is not None:
            self.read_one(path)

    @desk_work(group="paper-read")
    def read_one(self, path: Path) -> None:
        self._read(path)

    def _read(self, path: Path) -> None:
        try:
            scan_paths(
                self.app.db,
                self.refs,
                [path],
                operator=self.app.operator,
                station=self.app.station,
                progress=lambda page: deliver(self, self._show_page, page),
            )
        except Refusal as refusal:
            deliver(self, self.say, screen_refusal_text(refusal), True)
        except Exception as error:  # a locked database: said, and the next file is tried
            deliver(self, self.say, error_line(error), True)
        deliver(self, self.refresh_summary)

    def _show_page(self, page: PageOutcome) -> None:
        table = self.query_one("#ps-table", DataTable)
        if table.row_count >= MAX_ROWS:
            table.remove_row(table.coordinate_to_cell_key((0, 0)).row_key)
        table.add_row(literal(Path(page.file).name), str(page.page), literal(page_result(page)))
        table.move_cursor(row=table.row_count - 1)

    # ------------------------------------------------------------------ the rest

    def action_review(self) -> None:
        from screens.paper_review import PaperReviewScreen

        self.app.push_screen(PaperReviewScreen(self.refs), lambda _done: self.refresh_summary())

    def action_count(self) -> None:
        self.count_sheets()

    @desk_work(group="paper-count")
    def count_sheets(self) -> None:
        """测评表: the totals written once every page is in (a ballot counts as it is read)."""
        try:
            sheets, _waiting = count_appraisal(
                self.app.db, self.refs, operator=self.app.operator, station=self.app.station
            )
        except Refusal as refusal:
            deliver(self, self.say, screen_refusal_text(refusal), True)
            return
        deliver(self, self.say, t("paper.counted", sheets=sheets))
        deliver(self, self.refresh_summary)

    def action_sample(self) -> None:
        self.draw()

    @desk_work(group="paper-sample")
    def draw(self) -> None:
        """The ballots a clerk keys again, blind, each with the scan to find it by."""
        lines = []
        for ref in self.refs:  # each motion of a 表决票 is checked on its own sample
            try:
                drawn = draw_sample(
                    self.app.db, ref, operator=self.app.operator, station=self.app.station
                )
            except Refusal as refusal:
                deliver(self, self.say, screen_refusal_text(refusal), True)
                return
            lines += sample_lines(drawn)
        deliver(self, self.say, "\n".join(lines))

    def say(self, text: str, error: bool = False) -> None:
        show_line(self.query_one("#ps-message", Static), text, error)

    def action_close(self) -> None:
        self.dismiss(None)


def _scans_in(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix.lower() in SCAN_SUFFIXES)
    except OSError:
        return []


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns
