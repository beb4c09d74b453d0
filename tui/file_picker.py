"""Pick a file to import in a file browser: the places (Documents, desktop, Downloads, U盘, home)
on the left, the chosen folder on the right. Generic: the caller names the file types it reads
and gets the Path (or None). Folders are read in a worker, so a share that answers slowly or a
folder of thousands of files never freezes the desk."""

import os
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.places import Entry, Place, folder_entries, named, user_places
from tui.workers import deliver, desk_work

SHOWN = 500  # more than this is narrowed with the filter, never drawn at once


class FilePicker(Localized, ModalScreen[Path | None]):
    DEFAULT_CSS = """
    FilePicker #fp-dialog { width: 120; max-width: 98%; height: 90%; }
    FilePicker #fp-body { height: 1fr; }
    FilePicker #fp-places { width: 26; height: 1fr; max-height: 100%; margin-right: 1; }
    FilePicker #fp-right { width: 1fr; }
    FilePicker #fp-files { height: 1fr; max-height: 100%; }
    FilePicker #fp-typed { display: none; }
    FilePicker #fp-typed.-shown { display: block; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "key.cancel", id="fp-cancel"),
        Binding("backspace", "up", "files.key.up", id="fp-up", tooltip="files.tip.up"),
        Binding("ctrl+f", "find", "files.key.find", id="fp-find", tooltip="files.tip.find"),
        Binding("ctrl+l", "type_path", "files.key.type", id="fp-type", tooltip="files.tip.type"),
    ]

    def __init__(
        self,
        title: str,
        suffixes: tuple[str, ...],
        *,
        places: list[Place] | None = None,
        start: Path | None = None,
    ) -> None:
        super().__init__(classes="modal")
        self._title = title
        self._suffixes = suffixes
        self._places = places if places is not None else user_places()
        self._start = start
        self.folder: Path | None = None
        self._entries: list[Entry] = []
        self._shown: list[Entry] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="fp-dialog"):
            yield Static(literal(self._title), classes="dialog-title")
            with Horizontal(id="fp-body"):
                yield OptionList(*[self._place_label(p) for p in self._places], id="fp-places")
                with Vertical(id="fp-right"):
                    yield Static("", id="fp-folder")
                    yield Input(placeholder=t("files.filter"), id="fp-filter")
                    yield OptionList(id="fp-files")
            yield Input(placeholder=t("files.typed"), id="fp-typed")
            yield Static(
                t("files.hint", types=" ".join(self._suffixes)), classes="dialog-hint", id="fp-hint"
            )

    def on_mount(self) -> None:
        start = self._start or start_folder(self._places)
        self.open_folder(start)
        self.query_one("#fp-files", OptionList).focus()

    @staticmethod
    def _place_label(place: Place) -> Text:
        word = t(f"files.place.{place.kind}")
        return literal(f"{word} {place.label}" if place.label else word)

    # ------------------------------------------------------------------ reading a folder

    def open_folder(self, folder: Path) -> None:
        self.query_one("#fp-folder", Static).update(literal(str(folder)))
        self.query_one("#fp-hint", Static).update(t("files.reading"))
        self.list_folder(folder)

    @desk_work(group="file-picker", exclusive=True)
    def list_folder(self, folder: Path) -> None:
        try:
            entries = folder_entries(folder, self._suffixes)
        except OSError as error:
            deliver(self, self._unreadable, folder, error)
            return
        deliver(self, self._show_folder, folder, entries)

    def _show_folder(self, folder: Path, entries: list[Entry]) -> None:
        self.folder = folder
        self._entries = entries
        filter_field = self.query_one("#fp-filter", Input)
        if filter_field.value:
            filter_field.value = ""  # a new folder starts unfiltered (Changed redraws the list)
        self._redraw()

    def _unreadable(self, folder: Path, error: OSError) -> None:
        self._say(t("files.unreadable", folder=str(folder), reason=error.strerror or str(error)))

    def _redraw(self) -> None:
        shown = named(self._entries, self.query_one("#fp-filter", Input).value)
        self._shown = shown[:SHOWN]
        files = self.query_one("#fp-files", OptionList)
        files.clear_options()
        files.add_options([Option(self._entry_label(entry)) for entry in self._shown])
        if self._shown:
            files.highlighted = 0
        if not shown:
            hint = t("files.empty", types=" ".join(self._suffixes))
        elif len(shown) > SHOWN:
            hint = t("files.more", shown=SHOWN, total=len(shown))
        else:
            hint = t("files.hint", types=" ".join(self._suffixes))
        self.query_one("#fp-hint", Static).update(hint)

    @staticmethod
    def _entry_label(entry: Entry) -> Text:
        if entry.is_dir:
            label = literal(f"▸ {entry.name}/")
            label.stylize("bold")
            return label
        label = literal(entry.name)
        when = datetime.fromtimestamp(entry.modified).strftime("%Y-%m-%d %H:%M")
        label.append(f"   {size_text(entry.size)}   {when}", style="dim")
        return label

    def _say(self, text: str) -> None:
        hint = self.query_one("#fp-hint", Static)
        hint.update(literal(text, style="bold red"))
        self.app.bell()

    # ------------------------------------------------------------------ keys

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "fp-filter":
            self._redraw()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "fp-typed":
            self._take_typed(event.value)
            return
        index = self.query_one("#fp-files", OptionList).highlighted
        if index is None or not self._shown:
            self.app.bell()
            return
        self._choose(self._shown[index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "fp-places":
            self.open_folder(self._places[event.option_index].path)
            self.query_one("#fp-files", OptionList).focus()
        else:
            self._choose(self._shown[event.option_index])

    def _choose(self, entry: Entry) -> None:
        if entry.is_dir:
            self.open_folder(entry.path)
        else:
            self.dismiss(entry.path)

    def _take_typed(self, text: str) -> None:
        """A path typed for a network share (\\\\server\\share\\名单.xlsx): a folder opens, a
        file is picked, anything else is said and the field kept."""
        path = Path(text.strip().strip('"')).expanduser()
        if text.strip() and path.is_dir():
            self.query_one("#fp-typed", Input).set_class(False, "-shown")
            self.open_folder(path)
            self.query_one("#fp-files", OptionList).focus()
        elif text.strip() and path.is_file():
            self.dismiss(path)
        else:
            self._say(t("import.no_file", path=text))

    def action_up(self) -> None:
        if self.folder is not None and self.folder.parent != self.folder:
            self.open_folder(self.folder.parent)

    def action_find(self) -> None:
        self.query_one("#fp-filter", Input).focus()

    def action_type_path(self) -> None:
        field = self.query_one("#fp-typed", Input)
        field.add_class("-shown")
        if self.folder is not None and not field.value:
            field.value = str(self.folder)
            field.cursor_position = len(field.value)
        field.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


def start_folder(places: list[Place]) -> Path:
    """HUIWU_IMPORT_DIR when a desk sets it (a shared folder; the tests' own folder), else the
    first place (Documents)."""
    override = os.environ.get("HUIWU_IMPORT_DIR")
    if override:
        return Path(override)
    return places[0].path if places else Path.home()


def size_text(size: int) -> str:
    """1 KB = 1024 bytes, as Windows Explorer shows it."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size // 1024} KB"
    return f"{size // (1024 * 1024)} MB"


def pick_table_file(app, title: str, picked) -> None:
    """Open the picker for the table files the imports read; ``picked(path)`` only when a file
    was picked (Esc calls nothing)."""
    from models.io.table_file import TABLE_SUFFIXES

    def chosen(path: Path | None) -> None:
        if path is not None:
            picked(path)

    app.push_screen(FilePicker(title, TABLE_SUFFIXES), chosen)
