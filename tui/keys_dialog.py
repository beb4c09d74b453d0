"""F1 on any screen: every key of the screen below, footer or not, and Enter runs the chosen one.

The footer has room for a few keys at 80 columns (and some keys, such as Shift+F4, are kept out
of it on purpose); this list is where none of them is lost. It reads the screen's bindings and
the app's as Textual holds them, so a key added to a screen shows here with no further work.
"""

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal

HELP_ACTION = "keys"  # the app's F1 itself is not listed: it is what opened the list


@dataclass(frozen=True)
class KeyEntry:
    keys: str  # as the footer shows them, several joined: "F4 / Ctrl+Z"
    description: str
    tooltip: str
    namespace: object  # the screen or the app: where the action runs
    action: str


def declared_keys(node) -> set[tuple[str, str]]:
    """(key, action) of the bindings huiwu's own classes declare on ``node``: Textual's built-in
    ones (Tab, Ctrl+C copy) speak English and are the same on every screen."""
    declared = set()
    for cls in type(node).__mro__:
        if cls.__module__.split(".")[0] == "textual":
            continue
        for binding in cls.__dict__.get("BINDINGS", ()):
            for key in binding.key.split(","):
                declared.add((key.strip(), binding.action))
    return declared


def key_entries(app, screen) -> list[KeyEntry]:
    """The bindings of ``screen`` then of the app, one entry per action (its keys together)."""
    entries: dict[tuple[int, str], list] = {}
    for namespace in (screen, app):
        declared = declared_keys(namespace)
        for key, bindings in namespace._bindings.key_to_bindings.items():
            for binding in bindings:
                if (key, binding.action) not in declared:
                    continue
                if namespace is app and binding.action == HELP_ACTION:
                    continue
                found = entries.setdefault(
                    (id(namespace), binding.action), [namespace, binding, {}]
                )
                found[2].setdefault(key, app.get_key_display(binding))
    return [
        KeyEntry(
            " / ".join(keys.values()),
            binding.description or binding.tooltip or binding.action,
            binding.tooltip,
            namespace,
            binding.action,
        )
        for namespace, binding, keys in entries.values()
    ]


class KeysDialog(Localized, ModalScreen[KeyEntry | None]):
    """Every key of the screen below: Enter runs the highlighted one there, Esc closes."""

    BINDINGS = [Binding("escape", "close", "key.cancel", id="close")]
    DEFAULT_CSS = """
    #keys-dialog { height: 90%; }
    #keys-table { height: 1fr; }
    #keys-tip { height: auto; color: $text-muted; }
    """

    def __init__(self, entries: list[KeyEntry]) -> None:
        super().__init__(classes="modal")
        self.entries = entries

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="keys-dialog"):
            yield Static(t("keys.title"), classes="dialog-title")
            yield DataTable(id="keys-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="keys-tip")
            yield Static(t("keys.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(t("keys.col.key"), key="key")
        table.add_column(t("keys.col.description"), key="description")
        for index, entry in enumerate(self.entries):
            table.add_row(entry.keys, literal(entry.description, no_wrap=True), key=str(index))
        table.focus()
        self._show_tip(0)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_tip(event.cursor_row)

    def _show_tip(self, row: int) -> None:
        # The tooltip wraps under the table: in a column it would be cut at 80 columns.
        tip = self.entries[row].tooltip if 0 <= row < len(self.entries) else ""
        self.query_one("#keys-tip", Static).update(literal(tip))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(self.entries[event.cursor_row])

    def action_close(self) -> None:
        self.dismiss(None)
