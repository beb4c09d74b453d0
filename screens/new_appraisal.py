"""A new appraisal: title, the people appraised (one a line, 「姓名 职务」), the scale, the
denominator of the satisfaction rate and the weighted score. Dismisses with the new item's number,
or None when cancelled."""

import re

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from models.appraisals import new_appraisal
from models.errors import Refusal
from models.rules.appraisal import DENOMINATORS, SCALES
from models.voting import congress_settings
from tui.i18n import t
from tui.item_dialog import NewItemDialog


def parse_subjects(text: str) -> list[tuple[str, str | None]]:
    """「姓名 职务」 one a line: the name up to the first space (an ideographic space too), the
    post after it; blank lines are skipped."""
    subjects = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        name, *post = re.split(r"[\s\u3000]+", line, maxsplit=1)
        subjects.append((name, post[0] if post else None))
    return subjects


class NewAppraisalDialog(NewItemDialog):
    def compose(self) -> ComposeResult:
        try:
            default_denominator = congress_settings(self.app.db)["appraisal.denominator"]
        except Refusal:
            default_denominator = DENOMINATORS[0]
        with Vertical(classes="dialog form", id="new-appraisal"):
            yield Static(t("vui.new_appraisal.title"), classes="dialog-title")
            yield Label(t("vui.new_appraisal.name"))
            yield Input(placeholder=t("vui.new_appraisal.placeholder"), id="title")
            yield Label(t("vui.new_appraisal.subjects"))
            yield TextArea(id="subjects", soft_wrap=False)
            with Horizontal(classes="dialog-field"):
                yield Label(t("vui.new_appraisal.scale"), classes="dialog-label")
                yield Select(
                    [(t(f"scale.{s}"), s) for s in SCALES],
                    value="sat3",
                    allow_blank=False,
                    compact=True,
                    id="scale",
                )
            with Horizontal(classes="dialog-field"):
                yield Label(t("vui.new_appraisal.denominator"), classes="dialog-label")
                yield Select(
                    [(t(f"vui.denominator.{d}"), d) for d in DENOMINATORS],
                    value=default_denominator,
                    allow_blank=False,
                    compact=True,
                    id="denominator",
                )
            yield Checkbox(t("vui.new_appraisal.weighted"), compact=True, id="weighted")
            yield Checkbox(t("vui.new_motion.double"), compact=True, id="double")
            yield from self.footer("vui.dialog.hint_area")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#subjects", TextArea).focus()

    def make_item(self):
        return new_appraisal(
            self.app.db,
            self.query_one("#title", Input).value,
            subjects=parse_subjects(self.query_one("#subjects", TextArea).text),
            scale=self.query_one("#scale", Select).value,
            denominator=self.query_one("#denominator", Select).value,
            weighted=self.query_one("#weighted", Checkbox).value,
            double_entry=self.query_one("#double", Checkbox).value,
            operator=self.app.operator,
            station=self.app.station,
        )
