"""The notes a ✔ shows (issue 21): Ctrl+N on the check-in screen sets a person's own note."""

from tui.i18n import t


class DeskNotes:
    """Mixed into the check-in screen."""

    def action_note(self) -> None:
        """Pick the person, then edit the note their ✔ shows (screens/person_note.py)."""
        from screens.person_note import PersonNoteDialog
        from screens.person_search import PersonSearch

        def saved(note) -> None:
            if note is not None:
                key = "note.saved" if note.note else "note.cleared"
                self.app.notify(t(key, name=note.name), markup=False)

        def picked(person) -> None:
            if person is not None:
                self.app.push_screen(PersonNoteDialog(person.code, person.name), saved)

        self.app.push_screen(PersonSearch(t("note.pick")), picked)
