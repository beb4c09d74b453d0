"""What the new-contest and new-event dialogs share: the kind of scoring chosen first (评委打分,
评分细则, 多赛段加权, 计量成绩, 知识竞赛, and for an event 对阵) and only the fields that kind needs,
each with an example in the CLI's notation; read back through models/contest_scheme.py, the parser
the CLI uses, or as the MatchFormat `contest event … --matches` makes."""

import re

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Select

from models.contest_scheme import scheme_from_text, split_list
from models.contests.match_format import KNOCKOUT, ROUND_ROBIN, MatchFormat
from models.errors import refuse
from models.rules.games import DEFAULT_BEST_OF, GAMES
from models.rules.scoring import LOWER
from tui.i18n import t

PANEL, CRITERIA, STAGES, MEASURED, QUIZ = "panel", "criteria", "stages", "measured", "quiz"
KINDS = (PANEL, CRITERIA, STAGES, MEASURED, QUIZ)
MATCH = "matches"  # 对阵: an event whose sides play matches (an event's kind, not a contest's)
MARKED = (PANEL, CRITERIA, STAGES)  # kinds a judges' panel marks
# scheme field → the kinds that show it; the field id is f"{prefix}-{field}"
SCHEME_FIELDS = {
    "stages": (STAGES,),
    "stage_single": (STAGES,),
    "criteria": (CRITERIA,),
    "stage_criteria": (STAGES,),
    "unit": (MEASURED,),
    "stage_measured": (STAGES,),
    "better": (MEASURED, STAGES),
    "start": (QUIZ,),
    "stakes": (QUIZ,),
}
# match field → the kinds that show it, in the order of `contest event … --matches` options
MATCH_FIELDS = {
    f: (MATCH,)
    for f in ("match_format", "game", "best_of", "groups", "advance", "third_place", "courts")
}
# A field only one 赛制 needs: groups and who advances from them are a round robin's.
ONLY_WHEN = {"groups": ("match_format", ROUND_ROBIN), "advance": ("match_format", ROUND_ROBIN)}
CHOICES = {
    "better": ("higher", LOWER),
    "team_score": ("sum", "mean"),
    "match_format": (ROUND_ROBIN, KNOCKOUT),
    "game": GAMES,
    "third_place": ("no", "yes"),
}
SELECTS = {"kind", *CHOICES}
WHOLE = re.compile(r"-?\d+")  # a whole number as typed (the service says what is wrong with it)
INTEGERS = {"judges", "trim", "decimals", "start", "best_of", "groups", "advance", "courts"}
# A field the kind cannot do without (blank would silently make a plain panel event).
REQUIRED = {CRITERIA: "criteria", STAGES: "stages", MEASURED: "unit"}


def sheets(text: str) -> list[str]:
    """Several stages' criteria sheets in one field: 「实操=规范:30,质量:70 / 演示=…」."""
    return [p.strip() for p in re.split(r"[/／]", text) if p.strip()]


class SchemeForm:
    """Mix into a NewItemDialog: :meth:`rows` composes, :meth:`scheme` reads back."""

    prefix = "nc"
    words = "sc.new_contest"  # catalog prefix of the dialog's own fields
    form_layout: dict[str, tuple[str, ...]] = {}  # every field in order → kinds showing it
    defaults: dict[str, str] = {}
    first_field = "title"  # focused once the kind is chosen
    kinds = KINDS  # the kinds the kind Select offers

    def words_of(self, field: str) -> str:
        shared = field in SCHEME_FIELDS or field in MATCH_FIELDS or field == "kind"
        return "sc.scheme." + field if shared else f"{self.words}.{field}"

    def rows(self) -> ComposeResult:
        for field, kinds in self.form_layout.items():
            with Horizontal(classes="sf-row " + " ".join(f"-{k}" for k in kinds)):
                yield Label(t(self.words_of(field)), classes="sf-label")
                yield self.widget(field)

    def widget(self, field: str):
        wid = f"{self.prefix}-{field}"
        if field in SELECTS:
            values = self.kinds if field == "kind" else CHOICES[field]
            options = [(t(f"{self.words_of(field)}.{v}"), v) for v in values]
            return Select(options, value=options[0][1], allow_blank=False, compact=True, id=wid)
        return Input(
            self.defaults.get(field, ""),
            placeholder=t(self.words_of(field) + "_hint"),
            type="integer" if field in INTEGERS else "text",
            id=wid,
        )

    @property
    def kind(self) -> str:
        return str(self.query_one(f"#{self.prefix}-kind", Select).value)

    shown_kind = ""

    def show_kind(self) -> None:
        self.shown_kind = self.kind
        for row in self.query(".sf-row"):
            row.display = row.has_class(f"-{self.shown_kind}") and self.wanted(row)
        if "best_of" in self.form_layout:
            self.query_one(f"#{self.prefix}-best_of", Input).placeholder = t(
                "sc.scheme.best_of_hint", n=DEFAULT_BEST_OF[self.choice("game")]
            )

    def wanted(self, row) -> bool:
        """Whether the choice a row depends on (the 赛制 for groups) is the one made."""
        field = str(row.children[-1].id).removeprefix(f"{self.prefix}-")
        select, value = ONLY_WHEN.get(field, (None, None))
        return select is None or self.choice(select) == value

    def on_select_changed(self, event: Select.Changed) -> None:
        # The Select also reports its first value when mounted: only a new choice moves on.
        if event.select.id == f"{self.prefix}-kind" and self.kind != self.shown_kind:
            event.stop()
            self.show_kind()
            self.query_one(f"#{self.prefix}-{self.first_field}").focus()
        elif event.select.id in {f"{self.prefix}-match_format", f"{self.prefix}-game"}:
            event.stop()
            self.show_kind()  # the 赛制's own fields, the game's default best-of

    def text(self, field: str) -> str:
        return self.query_one(f"#{self.prefix}-{field}", Input).value.strip()

    def choice(self, field: str) -> str:
        return str(self.query_one(f"#{self.prefix}-{field}", Select).value)

    def on_input_submitted(self, event) -> None:
        """Enter walks to the next field; on the last one it creates."""
        event.stop()
        if event.input.id == self.last_field():
            self.create()
        else:
            self.focus_next()

    def last_field(self) -> str:
        """The id of the last text field this kind shows: Enter there confirms."""
        fields = [r.children[-1] for r in self.query(".sf-row") if r.display]
        typed = [f for f in fields if isinstance(f, Input)]
        return typed[-1].id if typed else ""

    def scheme(self, event_name: str, maximum):
        """(stages, quiz) for the kind chosen; (None, None) for a plain panel event."""
        kind = self.kind
        needed = REQUIRED.get(kind)
        if needed and not self.text(needed):
            raise refuse("sc.scheme.required", field=t(self.words_of(needed)))
        if kind == PANEL:
            return None, None
        if kind == QUIZ:
            start = self.text("start")
            return scheme_from_text(
                event_name=event_name,
                maximum=maximum,
                quiz=True,
                start=int(start) if start.lstrip("-").isdigit() else None,
                stakes=self.text("stakes") or None,
            )
        options = {"event_name": event_name, "maximum": maximum}
        if kind == CRITERIA:
            options["criteria"] = (self.text("criteria"),)
        elif kind == MEASURED:
            options["measured"] = (self.text("unit"),)
            options["lower_better"] = self.choice("better") == LOWER
        else:
            options["stages"] = self.text("stages")
            options["stage_single"] = tuple(split_list(self.text("stage_single")))
            options["criteria"] = tuple(sheets(self.text("stage_criteria")))
            options["measured"] = tuple(split_list(self.text("stage_measured")))
            options["lower_better"] = self.choice("better") == LOWER
        words = {
            "criteria": t("sc.scheme.stage_criteria"),
            "measured": t("sc.scheme.stage_measured"),
            "stage_single": t("sc.scheme.stage_single"),
        }
        return scheme_from_text(option_names=words, **options)

    def match_format(self) -> MatchFormat:
        """对阵: what `contest event … --matches` makes; a blank best-of is the game's usual one."""
        game = self.choice("game")
        fmt = self.choice("match_format")
        return MatchFormat(
            format=fmt,
            groups=self.number("groups", 1, "match.bad_groups", "value"),
            best_of=self.number("best_of", DEFAULT_BEST_OF[game], "match.bad_best_of", "best_of"),
            game=game,
            third_place=self.choice("third_place") == "yes",
            advance=self.number("advance", 0, "match.bad_advance", "advance"),
            courts=self.number("courts", 1, "match.bad_courts", "value"),
        )

    def number(self, field: str, blank: int, key: str, param: str) -> int:
        """A whole number from a field the 赛制 shows (else ``blank``, as the CLI's default)."""
        row = self.query_one(f"#{self.prefix}-{field}").parent
        text = self.text(field) if row.display else ""
        if not text:
            return blank
        if not WHOLE.fullmatch(text):
            raise refuse(key, **{param: text})
        return int(text)
