"""F4 on the motion screen: a show of hands taken delegation by delegation (代表团), each row checked
as it is typed and the sums carried to the motion's count."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from models.errors import Refusal
from models.motions import delegations_present, record_count
from models.rules.motion import HANDS, MotionCount, count_problems
from models.voting import ItemInfo
from screens.motion_text import VOTES, field_name
from tui.entry_bars import number_in
from tui.i18n import refusal_text, t
from tui.keys import Localized
from tui.literal import literal
from tui.texts import screen_refusal_text
from tui.workers import deliver, desk_work


def present_by_delegation(db, item: ItemInfo) -> dict[str, int]:
    return delegations_present(db, item.number)


class DelegationHands(Localized, ModalScreen[bool]):
    """A show of hands counted delegation by delegation: one row per delegation present, saved
    row by row (Enter), each checked against that delegation's present voters."""

    BINDINGS = [
        Binding("escape", "close", "key.close", id="close"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(self, item: ItemInfo, entry: int, prefill: dict[str, MotionCount]) -> None:
        super().__init__(classes="modal")
        self.item = item
        self.entry = entry
        self.prefill = prefill
        self.present: dict[str, int] = {}
        self.names: list[str] = []
        self.saved: dict[int, MotionCount] = {}  # row → the count stored for it
        self._changed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="hands-dialog"):
            title = t("vui.hands.title", number=self.item.number, title=self.item.title)
            yield Static(literal(title), classes="dialog-title")
            yield Static(t("vui.hands.entry", entry=t(f"vui.entry.{self.entry}")))
            with Horizontal(classes="hands-row hands-head"):
                yield Label(t("vui.hands.delegation"), classes="hands-name")
                yield Label(t("vui.field.present"), classes="hands-present")
                for key in VOTES:
                    yield Label(field_name(key), classes="hands-cell")
                yield Label("", classes="hands-state")
            yield VerticalScroll(id="hands-rows")
            yield Static("", id="hands-sum", classes="vote-line")
            yield Static("", classes="dialog-error", id="hands-error")
            yield Static(t("vui.hands.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.load_delegations()

    @desk_work(exclusive=True)
    def load_delegations(self) -> None:
        try:
            present = present_by_delegation(self.app.db, self.item)
        except Refusal as refusal:
            deliver(self, self._error, screen_refusal_text(refusal))
            return
        deliver(self, self._rows, list(present), present)

    async def _rows(self, names: list[str], present: dict[str, int]) -> None:
        self.names = names
        self.present = present
        box = self.query_one("#hands-rows", VerticalScroll)
        lines = []
        for i, name in enumerate(names):
            count = self.prefill.get(name)
            cells = [
                Label(literal(name), classes="hands-name"),
                Label(str(present[name]), classes="hands-present"),
            ]
            for key in VOTES:
                value = "" if count is None else str(getattr(count, key))
                cells.append(
                    Input(
                        value,
                        placeholder="0",
                        type="integer",
                        compact=True,
                        id=f"h-{i}-{key}",
                        classes="hands-cell",
                    )
                )
            cells.append(
                Label("✔" if count is not None else "", id=f"h-{i}-state", classes="hands-state")
            )
            lines.append(Horizontal(*cells, classes="hands-row", id=f"h-{i}"))
            if count is not None:
                self.saved[i] = count
        await box.mount_all(lines)
        if names:
            self.call_after_refresh(lambda: self.query_one("#h-0-yes", Input).focus())
        else:
            self._error(t("vui.hands.none"))
        self._sum()

    def _row_count(self, i: int) -> MotionCount | None:
        values = [number_in(self.query_one(f"#h-{i}-{key}", Input).value) for key in VOTES]
        if all(v is None for v in values):
            return None
        return MotionCount(*(v or 0 for v in values))

    def on_input_changed(self, event: Input.Changed) -> None:
        row = self._row_of(event.input)
        if row is None:
            return
        count = self._row_count(row)
        state = self.query_one(f"#h-{row}-state", Label)
        problems = []
        if count is not None:
            present = self.present[self.names[row]]
            problems = count_problems(count, method=HANDS, present=present)
        if problems:
            state.update("✖")
        elif count is not None and self.saved.get(row) == count:
            state.update("✔")
        else:
            state.update("●" if count is not None else "")
        state.set_class(bool(problems), "-error")
        name = self.names[row]
        self.query_one("#hands-error", Static).update(
            literal(f"{name}：{refusal_text(problems[0])}" if problems else "")
        )
        self._sum()

    @staticmethod
    def _row_of(widget) -> int | None:
        parts = (widget.id or "").split("-")
        if len(parts) == 3 and parts[0] == "h" and parts[1].isdigit():
            return int(parts[1])
        return None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        row = self._row_of(event.input)
        if row is None:
            return
        count = self._row_count(row)
        if count is None:
            return
        name = self.names[row]
        try:
            record_count(
                self.app.db,
                self.item.number,
                count,
                method=HANDS,
                entry=self.entry,
                delegation=name,
                operator=self.app.operator,
                station=self.app.station,
            )
        except Refusal as refusal:
            self._error(f"{name}：{screen_refusal_text(refusal, 'Esc → F7')}")
            return
        self._changed = True
        self.saved[row] = count
        state = self.query_one(f"#h-{row}-state", Label)
        state.update("✔")
        state.remove_class("-error")
        self.query_one("#hands-error", Static).update("")
        self._sum()
        if row + 1 < len(self.names):
            self.query_one(f"#h-{row + 1}-yes", Input).focus()

    def _sum(self) -> None:
        counts = [self._row_count(i) for i in range(len(self.names))]
        counts = [c for c in counts if c is not None]
        self.query_one("#hands-sum", Static).update(
            t(
                "vui.hands.sum",
                yes=sum(c.yes for c in counts),
                no=sum(c.no for c in counts),
                abstain=sum(c.abstain for c in counts),
                saved=len(self.saved),
                total=len(self.names),
            )
        )

    def action_move(self, step: int) -> None:
        """↑/↓: the same column of the delegation above or below."""
        focused = self.focused
        row = self._row_of(focused) if focused is not None else None
        if row is None or not 0 <= row + step < len(self.names):
            return
        column = focused.id.rsplit("-", 1)[1]
        self.query_one(f"#h-{row + step}-{column}", Input).focus()

    def _error(self, text: str) -> None:
        self.query_one("#hands-error", Static).update(literal(text))
        self.app.bell()

    def action_close(self) -> None:
        self.dismiss(self._changed)
