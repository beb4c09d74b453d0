"""待人工判定: the boxes and write-in lines the reader would not decide, one at a time, as a
picture beside the candidate's name. One key decides a box — ○ (O or 1), × (X or 2), blank
(0, - or Space), ? (unreadable) — a written name is typed and Enter takes it with ○ (F2 changes
the mark). A page with the same ink as an earlier one shows both pages' marks: Y calls it that
sheet scanned again (never counted), N another voter's. F4 shows the picture in the system's
viewer, F3 leaves a doubt for later, F5 takes back the page last decided here (with a reason)
while it is not counted yet. Each decision is logged with the hash of the picture the
clerk saw; a page counts once none is left."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from models.errors import Refusal
from models.paper import Doubt, decide, doubt_image, review_queue
from models.paper.reopen import last_reopenable, reopen_page
from models.paper.twins import DIFFERENT, SAME
from tui.i18n import t
from tui.ink_picture import png_picture
from tui.keys import Localized
from tui.literal import literal
from tui.message_line import show_line
from tui.paper_text import doubt_where, reason_words
from tui.reason_prompt import ReasonPrompt
from tui.texts import error_line, screen_refusal_text
from tui.workers import deliver, desk_work

BOX_KEYS = {"o": "○", "1": "○", "x": "×", "2": "×", "0": "", "-": "", "space": "", "?": "?"}
TWIN_KEYS = {"y": SAME, "n": DIFFERENT}
LINE_MARKS = ("○", "×", "", "?")
PICTURE_COLUMNS = 24  # a 16 mm box and its margin in 12 lines, the keys beside it: fits 80×24
TWIN_COLUMNS = 44  # two rows of up to four boxes, the keys beside them …
TWIN_LINES = 8  # … no higher than the keys beside them: fits 80×24


class PaperReviewScreen(Localized, ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "key.close", id="pr-close"),
        Binding("f2", "next_mark", "paper.key.mark", id="pr-mark", tooltip="paper.tip.mark"),
        Binding("f3", "skip", "paper.key.skip", id="pr-skip", tooltip="paper.tip.skip"),
        Binding("f4", "view", "paper.key.view", id="pr-view", tooltip="paper.tip.view"),
        Binding("f5", "reopen", "paper.key.reopen", id="pr-reopen", tooltip="paper.tip.reopen"),
    ]
    AUTO_FOCUS = None  # a box is decided by keys on the screen; the name field only for names
    DEFAULT_CSS = """
    #pr-dialog { width: 80; height: auto; max-height: 95%; }
    #pr-body { height: auto; margin: 1 0 0 0; }
    #pr-picture { width: auto; height: auto; margin-right: 2; }
    #pr-hint { width: 1fr; }
    #pr-message.-error { color: $error; }
    """

    def __init__(self, refs: list[str]) -> None:
        super().__init__(classes="modal")
        self.refs = refs
        self.queue: list[Doubt] = []
        self.skipped: set[tuple] = set()
        self.doubt: Doubt | None = None
        self.picture: bytes = b""
        self.picture_sha = ""
        self.line_mark = 0
        self.busy = False
        self.last: Doubt | None = None  # the last decision here, which F5 takes back
        self.reopened: int | None = None  # the page taken back: decided again first

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="pr-dialog"):
            yield Static(t("paper.review.title"), classes="dialog-title", id="pr-title")
            yield Static("", id="pr-what")
            with Horizontal(id="pr-body"):
                yield Static("", id="pr-picture")
                yield Static(t("paper.review.hint"), classes="dialog-hint", id="pr-hint")
            yield Input(placeholder=t("paper.review.name"), id="pr-name")
            yield Static("", id="pr-line-mark")
            yield Static("", id="pr-message")

    def on_mount(self) -> None:
        self.query_one("#pr-name", Input).display = False
        self.set_focus(None)  # a box is decided by keys on the screen, not typed into a field
        self.load()

    # ------------------------------------------------------------------ the queue

    @desk_work(group="paper-review", exclusive=True)
    def load(self) -> None:
        try:
            queue = review_queue(self.app.db, self.refs)
            reopened = [d for d in queue if d.page_id == self.reopened]
            doubt = next((d for d in reopened + queue if _key(d) not in self.skipped), None)
            doubt = doubt or (queue[0] if queue else None)
            picture = doubt_image(self.app.db, doubt) if doubt else (b"", "")
        except Refusal as refusal:
            deliver(self, self.say, screen_refusal_text(refusal), True)
            return
        except Exception as error:
            deliver(self, self.say, error_line(error), True)
            return
        deliver(self, self._show, queue, doubt, picture)

    def _show(self, queue: list[Doubt], doubt: Doubt | None, picture: tuple[bytes, str]) -> None:
        self.queue, self.doubt = queue, doubt
        self.picture, self.picture_sha = picture
        self.busy = False
        what = self.query_one("#pr-what", Static)
        name = self.query_one("#pr-name", Input)
        if doubt is None:
            self.set_focus(None)
            what.update(t("paper.review.empty"))
            self.query_one("#pr-picture", Static).update("")
            self.query_one("#pr-hint", Static).update(t("paper.review.hint"))
            name.display = False
            self.query_one("#pr-line-mark", Static).update("")
            return
        left = t("paper.review.left", count=len(queue))
        where = f"{doubt.label} · {doubt_where(doubt)} · {doubt.source}"
        what.update(literal(f"{left}\n{where}\n{reason_words(doubt.reason)}"))
        twin = doubt.what == "twin"
        picture = (
            png_picture(self.picture, TWIN_COLUMNS, TWIN_LINES)
            if twin
            else png_picture(self.picture, PICTURE_COLUMNS)
        )
        self.query_one("#pr-picture", Static).update(picture)
        hint = "paper.review.twin_hint" if twin else "paper.review.hint"
        self.query_one("#pr-hint", Static).update(t(hint))
        name.display = doubt.what == "write_in"
        if doubt.what == "write_in":
            name.value = ""
            name.focus()
            self.line_mark = 0
            self._show_line_mark()
        else:
            self.query_one("#pr-line-mark", Static).update("")
            self.set_focus(None)

    def _show_line_mark(self) -> None:
        mark = LINE_MARKS[self.line_mark] or t("paper.review.blank")
        self.query_one("#pr-line-mark", Static).update(t("paper.review.line_mark", mark=mark))

    # ------------------------------------------------------------------ deciding

    def on_key(self, event: events.Key) -> None:
        if self.doubt is None or self.doubt.what == "write_in" or self.busy:
            return
        keys = TWIN_KEYS if self.doubt.what == "twin" else BOX_KEYS
        typed = (event.character or "").lower()
        value = keys.get(typed if typed in keys else event.key)
        if value is None:
            return
        event.stop()
        event.prevent_default()
        self.decide_now(self.doubt, value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.doubt is None or self.doubt.what != "write_in" or self.busy:
            return
        value = {"name": event.value.strip(), "mark": LINE_MARKS[self.line_mark]}
        self.decide_now(self.doubt, value)

    def decide_now(self, doubt: Doubt, value) -> None:
        self.busy = True
        self.save(doubt, value, self.picture_sha)

    @desk_work(group="paper-decide")
    def save(self, doubt: Doubt, value, sha: str) -> None:
        try:
            decide(
                self.app.db,
                doubt,
                value,
                image_sha256=sha,
                operator=self.app.operator,
                station=self.app.station,
            )
        except Refusal as refusal:
            deliver(self, self._refused, screen_refusal_text(refusal))
            return
        deliver(self, self._saved, doubt, value)

    def _saved(self, doubt: Doubt, value) -> None:
        self.last = doubt
        if doubt.what == "twin":
            shown = t(f"paper.twin.{value}")
        else:
            shown = value if isinstance(value, str) else f"{value['name']} {value['mark']}"
        label = doubt.source if doubt.what == "twin" else doubt.label
        self.say(t("paper.decided", label=f"{label} → {shown or t('paper.review.blank')}"))
        self.load()

    def _refused(self, text: str) -> None:
        self.busy = False
        self.say(text, True)
        self.load()

    def action_next_mark(self) -> None:
        if self.doubt is not None and self.doubt.what == "write_in":
            self.line_mark = (self.line_mark + 1) % len(LINE_MARKS)
            self._show_line_mark()

    def action_skip(self) -> None:
        if self.doubt is not None:
            self.skipped.add(_key(self.doubt))
            self.load()

    def action_view(self) -> None:
        if self.picture:
            path = Path(tempfile.gettempdir()) / f"huiwu-{self.picture_sha[:16]}.png"
            path.write_bytes(self.picture)
            _open_in_viewer(path)

    def action_reopen(self) -> None:
        if self.last is not None:
            self._ask_reason(self.last.page_id, self.last.source)
        else:
            self.find_reopenable()

    @desk_work(group="paper-review", exclusive=True)
    def find_reopenable(self) -> None:
        try:
            found = last_reopenable(self.app.db, self.refs)
        except Refusal as refusal:
            deliver(self, self.say, screen_refusal_text(refusal), True)
            return
        if found is None:
            deliver(self, self.say, t("paper.reopen.none"), True)
        else:
            deliver(self, self._ask_reason, *found)

    def _ask_reason(self, page_id: int, source: str) -> None:
        prompt = ReasonPrompt(
            t("paper.reopen.title"),
            t("paper.reopen.prompt", source=source),
            t("common.reason_required"),
        )
        self.app.push_screen(prompt, lambda reason: reason and self.reopen(page_id, reason))

    @desk_work(group="paper-decide")
    def reopen(self, page_id: int, reason: str) -> None:
        try:
            source = reopen_page(
                self.app.db,
                self.refs,
                page_id,
                reason=reason,
                operator=self.app.operator,
                station=self.app.station,
            )
        except Refusal as refusal:
            deliver(self, self._refused, screen_refusal_text(refusal))
            return
        deliver(self, self._reopened, page_id, source)

    def _reopened(self, page_id: int, source: str) -> None:
        self.last, self.reopened = None, page_id
        self.skipped.clear()
        self.say(t("paper.reopened", source=source))
        self.load()

    def say(self, text: str, error: bool = False) -> None:
        show_line(self.query_one("#pr-message", Static), text, error)

    def action_close(self) -> None:
        self.dismiss(None)


def _key(doubt: Doubt) -> tuple:
    return (doubt.page_id, doubt.what, doubt.index)


def _open_in_viewer(path: Path) -> None:
    """The system's picture viewer; a desk without one simply shows nothing more."""
    try:
        if sys.platform == "win32":
            os.startfile(path)
        else:
            opener = "open" if sys.platform == "darwin" else "xdg-open"
            subprocess.Popen(
                [opener, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
    except OSError:
        pass
