"""A motion (表决事项): the count entered with live sum checks, and the result, big and clear.

F2 switches 举手表决 / 无记名投票 (an important item stays on secret ballot, and says why); F3
switches the first and the blind second entry (the second clerk never sees the first clerk's
numbers: the fields start empty and the result stays hidden until the second count is saved); F4
takes a show of hands delegation by delegation; Enter in any field saves; F9 writes the PDF and
xlsx result sheets.

A secret ballot can also be keyed ballot by ballot (F5, tui/motion_ballots.py): one keystroke per
ballot, saved in order by a worker, with the running tally; F6 records the ballots issued (发出)
first, Ctrl+Z takes back the last ballot with a reason, F7 closes the count once every returned
ballot is keyed (计票完毕; only the clerk knows, fewer back than issued is lawful) or reopens it
with a reason. Until the count is complete the result reads 计票中 and is not final.
"""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Digits, Header, Input, Label, Static

from models.attendance import attendance
from models.errors import Refusal
from models.motions import MotionOutcome, delegations_present, motion_outcome, record_count
from models.rules.attendance import Attendance
from models.rules.motion import HANDS, SECRET, MotionCount, count_problems, method_problems
from models.voting import ItemInfo, set_counted
from tui.exports import ExportsResult
from tui.i18n import refusal_text, t
from tui.item_status import item_state
from tui.keys import Localized
from tui.literal import literal
from tui.motion_ballots import MotionBallots
from tui.result_text import replaces_lines
from tui.texts import error_line, quorum_line, screen_refusal_text
from tui.widgets import DeskFooter
from tui.workers import deliver, desk_work

VOTES = ("yes", "no", "abstain")
BALLOTS = ("issued", "returned", "invalid")
ORDER = {HANDS: VOTES, SECRET: ("issued", "returned", *VOTES, "invalid")}
MAX_LISTED = 12  # differences named before "… N in all"


def number_in(text: str) -> int | None:
    text = (text or "").strip()
    if text in ("", "-"):
        return None
    try:
        return int(text)
    except ValueError:
        return None


def field_name(key: str) -> str:
    return t(f"vui.field.{key}")


def rule_sentence(result) -> str:
    """「赞成票须超过应到代表 N 人的半数，即至少 M 票」 for the base and comparator used."""
    return t(
        f"vui.rule.{result.base_kind}.{result.comparator}",
        base=result.base,
        threshold=result.threshold,
    )


def on_line_sentence(result) -> str:
    if not result.exactly_on_line:
        return ""
    return t("vui.on_line.passed") if result.passed else t("vui.on_line.failed")


def difference_text(difference, *, blind: bool) -> str:
    """One place where the two entries differ; the blind view names it without the numbers."""
    if difference.where == "field":
        where = field_name(difference.key)
    elif difference.where == "delegation":
        name, _, key = difference.key.partition(":")
        where = f"{name} {field_name(key)}"
    else:
        where = t("vui.diff.ballot", number=difference.key)
    if blind:
        return where
    return t(
        "vui.diff.values",
        where=where,
        first=difference_value(difference, difference.first),
        second=difference_value(difference, difference.second),
    )


def difference_value(difference, value) -> str:
    if value is None:
        return "—"
    return t(f"choice.{value}") if difference.where == "ballot" else value


def differences_text(differences, *, blind: bool, sep: str) -> str:
    """The places where the entries differ, the first few named (a long count stays readable)."""
    text = sep.join(difference_text(d, blind=blind) for d in differences[:MAX_LISTED])
    if len(differences) > MAX_LISTED:
        text += t("vui.diff.more", count=len(differences))
    return text


def ballot_gaps(differences) -> tuple[list, list]:
    """(ballots keyed differently, ballot numbers keyed in one entry only). The second kind is a
    count still being keyed (or a ballot skipped) rather than a disagreement over a ballot."""
    gaps = [d for d in differences if d.where == "ballot" and (d.first is None or d.second is None)]
    return [d for d in differences if d not in gaps], gaps


def second_keyed(outcome: MotionOutcome, gaps) -> int:
    """How many ballots the second entry holds, from the first entry's count and the gaps."""
    only_first = sum(1 for d in gaps if d.second is None)
    only_second = sum(1 for d in gaps if d.first is None)
    return outcome.ballots_keyed - only_first + only_second


def method_bar(current: str) -> Text:
    text = Text()
    text.append(t("vui.method.label"), style="bold")
    for method in (HANDS, SECRET):
        word = f" {t(f'method.{method}')} "
        if method == current:
            text.append("▶" + word, style="bold reverse")
        else:
            text.append(" " + word, style="dim")
        text.append("  ")
    return text


def entry_bar(current: int) -> Text:
    text = Text()
    text.append(t("vui.entry.label"), style="bold")
    for entry in (1, 2):
        word = f" {t(f'vui.entry.{entry}')} "
        if entry == current:
            text.append("▶" + word, style="bold reverse")
        else:
            text.append(" " + word, style="dim")
        text.append("  ")
    return text


class MotionScreen(ExportsResult, Localized, Screen):
    EXPORT_LINE = "#m-export"
    BINDINGS = [
        Binding("f2", "toggle_method", "vui.key.method", id="method", tooltip="vui.tip.method"),
        Binding("f3", "toggle_entry", "vui.key.entry", id="entry", tooltip="vui.tip.entry"),
        Binding("f4", "delegations", "vui.key.delegations", id="delegations", tooltip="vui.tip.delegations"),
        Binding("f5", "ballots", "vui.key.ballots", id="ballots", tooltip="vui.tip.ballots"),
        Binding("f6", "issue", "vui.key.issue", id="issue", tooltip="vui.tip.issue"),
        Binding("ctrl+z", "undo_ballot", "vui.key.undo", id="undo", tooltip="vui.tip.undo", show=False),
        Binding("f7", "close_count", "vui.key.close", id="close", tooltip="vui.tip.close"),
        Binding("f7", "reopen_count", "vui.key.reopen", id="reopen", tooltip="vui.tip.reopen"),
        Binding("f8", "differences", "settle.key", id="differences", tooltip="settle.tip"),
        Binding("f9", "export", "vui.key.export", id="export", tooltip="vui.tip.export"),
        Binding("escape", "back", "vui.key.back", id="back", tooltip="vui.tip.back"),
    ]  # fmt: skip

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number
        self.item: ItemInfo | None = None
        self.outcome: MotionOutcome | None = None
        self.present: int | None = None  # the roll's present, or the current attendance's
        self.figures: Attendance | None = None  # the current attendance, before the roll
        self.frozen = False
        self.method = HANDS
        self.entry = 1
        self.delegations = 0  # delegations present, when the count goes by delegation
        self._filled = False
        self.keying = False  # secret ballots keyed one by one (F5) instead of totals
        self._prefill_next = False
        self._refreshing = False
        self._stale = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="m-body"):
            yield Static(t("vui.loading"), id="m-title", classes="vote-title")
            yield Static("", id="m-settings", classes="vote-line")
            yield Static("", id="m-roll", classes="vote-line")
            with Horizontal(id="m-modes"):
                yield Static("", id="m-method")
                yield Static("", id="m-entry")
            yield Static("", id="m-note", classes="vote-note")
            with Horizontal(id="m-fields"):
                for key in ORDER[SECRET]:
                    with Vertical(id=f"box-{key}", classes="count-box"):
                        yield Label(field_name(key), classes="count-label")
                        yield Input(placeholder="0", type="integer", id=f"f-{key}")
            yield MotionBallots(self.number, id="m-ballots")
            yield Static("", id="m-sums", classes="vote-line")
            yield Static("", id="m-problems", classes="vote-problems")
            yield Static(t("vui.motion.hint"), id="m-message", classes="vote-line")
            with Horizontal(id="m-result"):
                yield Static("", id="m-verdict", classes="verdict -none")
                with Vertical(id="m-yesbox"):
                    yield Label(t("vui.yes_votes"), classes="count-label")
                    yield Digits("", id="m-yes")
            yield Static("", id="m-explain", classes="vote-explain")
            yield Static("", id="m-status", classes="vote-status")
            yield Static("", id="m-export", classes="vote-line")
        yield DeskFooter()

    def on_mount(self) -> None:
        self._show_fields()
        self.load()

    # ------------------------------------------------------------------ loading

    @desk_work(group="motion", exclusive=True)
    def load(self) -> None:
        db = self.app.db
        try:
            outcome = motion_outcome(db, self.number)
            figures = None if outcome.item.roll else attendance(db).figures
            if outcome.by_delegation:
                self.delegations = len(present_by_delegation(db, outcome.item))
        except Refusal as refusal:
            deliver(self, self._say, screen_refusal_text(refusal), True)
            return
        except Exception as error:  # keep the desk alive if the database hiccups
            deliver(self, self._say, error_line(error), True)
            return
        deliver(self, self._apply, outcome, figures)

    def _apply(self, outcome: MotionOutcome, figures: Attendance | None = None) -> None:
        first_load = self.item is None
        self.outcome = outcome
        self.item = item = outcome.item
        self.frozen = item.roll is not None
        if figures is not None:
            self.figures = figures
        self.present = item.roll.present if item.roll else getattr(self.figures, "present", None)
        if first_load:
            self.method = item.method or (SECRET if item.important else HANDS)
            self.keying = self.method == SECRET and outcome.ballots_keyed > 0
            if self.keying:
                self.query_one("#m-message", Static).update(t("vui.mb.on"))
        if item.method and self.entry == 2:
            self.method = item.method
            self.keying = self.keying and self.method == SECRET
        ballots = self.query_one(MotionBallots)
        ballots.set_issued(item.issued)
        ballots.set_closed(item.counted)
        title = Text()
        title.append(t("vui.item_number", number=item.number), style="bold")
        title.append(" " + item.title, style="bold")
        if item.important:
            title.append("  " + t("vui.important") + " ", style="bold reverse red")
        if item.counted:
            title.append("  " + t("vui.closed_tag") + " ", style="bold reverse green")
        self.query_one("#m-title", Static).update(title)
        settings = t(
            "vui.motion.settings",
            comparator=t(f"comparator.{item.settings['comparator']}"),
            base=t(f"base.{item.settings['base']}"),
        )
        if item.double_entry:
            settings += " · " + t("vui.double_entry")
        self._settings_text = settings
        self._show_roll()
        if item.important:
            self.query_one("#m-note", Static).update(t("vui.important_note"))
        if first_load or not self._filled or self._prefill_next:
            self._prefill_next = False
            self._prefill()
        if outcome.by_delegation and self.entry == 1:
            message = self.query_one("#m-message", Static)
            message.update(t("vui.by_delegation_note"))
            message.remove_class("-ok", "-error")
        self._show_fields(refocus=first_load)
        self._show_outcome()
        self.refresh_bindings()  # F7 follows the lock

    def _show_roll(self) -> None:
        item = self.item
        if item.roll is not None:
            text = t("vui.roll.frozen", due=item.roll.due, present=item.roll.present)
        elif self.figures is not None:
            text = t("vui.roll.open", present=self.present) + "  " + quorum_line(self.figures)
        else:
            text = ""
        line = self.query_one("#m-roll", Static)
        line.update(text)
        line.set_class(
            item.roll is None and not getattr(self.figures, "quorum_met", True), "-error"
        )

    def _prefill(self) -> None:
        """The first entry's saved count goes back into the fields; the second entry never."""
        if self.entry != 1 or self.outcome is None or self.outcome.count is None:
            return
        count = self.outcome.count
        for key in ORDER[SECRET]:
            value = getattr(count, key)
            self.query_one(f"#f-{key}", Input).value = "" if value is None else str(value)
        self._filled = True

    def _clear_fields(self) -> None:
        for key in ORDER[SECRET]:
            self.query_one(f"#f-{key}", Input).value = ""
        self._filled = False

    # ------------------------------------------------------------------ entry and live checks

    def _show_fields(self, *, refocus: bool = False) -> None:
        keying = self.keying and self.method == SECRET
        shown = () if keying else ORDER[self.method]
        for key in ORDER[SECRET]:
            self.query_one(f"#box-{key}").display = key in shown
        self.query_one("#m-fields").display = not keying
        self.query_one("#m-method", Static).update(method_bar(self.method))
        self.query_one("#m-entry", Static).update(entry_bar(self.entry))
        ballots = self.query_one(MotionBallots)
        ballots.display = keying
        ballots.set_entry(self.entry)
        ballots.border_title = t("vui.mb.title", entry=t(f"vui.entry.{self.entry}"))
        ballots.border_subtitle = t("vui.mb.subtitle")
        self.query_one("#m-sums").display = not keying
        self.query_one("#m-problems").display = not keying
        self.refresh_bindings()
        if keying:
            if refocus or not ballots.has_focus:
                ballots.focus()
            return
        focused = self.focused
        if refocus or not isinstance(focused, Input) or focused.id.removeprefix("f-") not in shown:
            self.query_one(f"#f-{shown[0]}", Input).focus()
        self._check()

    def typed_count(self) -> MotionCount | None:
        """The count in the fields (blank = 0), or None when nothing is typed yet."""
        keys = ORDER[self.method]
        values = {key: number_in(self.query_one(f"#f-{key}", Input).value) for key in keys}
        if all(v is None for v in values.values()):
            return None
        numbers = {key: values.get(key) or 0 for key in keys}
        return MotionCount(**numbers)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("f-"):
            self._check()

    def _check(self) -> list[str]:
        """Sums and what does not add up, under the same rules the service applies."""
        sums = self.query_one("#m-sums", Static)
        problems_line = self.query_one("#m-problems", Static)
        count = self.typed_count()
        if count is None:
            sums.update("")
            problems_line.update("")
            return []
        present = "—" if self.present is None else self.present
        if self.method == HANDS:
            sums.update(t("vui.sums.hands", valid=count.valid, present=present))
        else:
            sums.update(
                t(
                    "vui.sums.secret",
                    valid=count.valid,
                    counted=count.valid + (count.invalid or 0),
                    returned=count.returned,
                    issued=count.issued,
                    present=present,
                )
            )
        problems = []
        if self.present is not None:
            problems = [
                refusal_text(p)
                for p in count_problems(count, method=self.method, present=self.present)
            ]
        problems_line.update(literal("\n".join(f"✖ {p}" for p in problems)))
        return problems

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def save(self) -> None:
        if self.item is None:
            return
        count = self.typed_count()
        if count is None:
            self._say(t("vui.nothing_typed"), True)
            return
        try:
            outcome = record_count(
                self.app.db,
                self.number,
                count,
                method=self.method,
                entry=self.entry,
                operator=self.app.operator,
                station=self.app.station,
            )
        except Refusal as refusal:
            self._say(t("vui.not_saved", reason=screen_refusal_text(refusal)), True)
            return
        except Exception as error:
            self._say(t("vui.not_saved", reason=error_line(error)), True)
            return
        self._filled = True
        self._say(t("vui.saved", entry=t(f"vui.entry.{self.entry}")))
        self._apply(outcome)
        self.query_one(MotionBallots).reload()  # a total replaces the entry's keyed ballots

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#m-message", Static)
        message.update(literal(text))
        message.set_class(error, "-error")
        message.set_class(not error, "-ok")
        if error:
            self.app.bell()

    # ------------------------------------------------------------------ the result

    def _show_status(self) -> None:
        """The status word of the items list leads the settings line (never in the blind entry)."""
        text = getattr(self, "_settings_text", "")
        if self.entry == 1:
            text = t("elx.status", status=item_state(self.outcome)[0]) + " · " + text
        self.query_one("#m-settings", Static).update(text)

    def _show_outcome(self) -> None:
        outcome = self.outcome
        self._show_status()
        verdict = self.query_one("#m-verdict", Static)
        digits = self.query_one("#m-yes", Digits)
        explain = self.query_one("#m-explain", Static)
        status = self.query_one("#m-status", Static)
        blind = self.entry == 2 and (
            2 not in outcome.entries or bool(outcome.differences) or outcome.result is None
        )
        differing, gaps = ballot_gaps(outcome.differences)
        if blind:
            self._verdict(verdict, "blind", t("vui.blind.title"))
            digits.update("")
            if 2 in outcome.entries and differing:
                where = differences_text(differing, blind=True, sep="、")
                self._verdict(verdict, "check", t("vui.check.title"))
                text = t("vui.check.blind", where=where)
                if gaps:
                    text += "\n" + t("vui.mb.count_differs_blind")
                explain.update(literal(text))
            elif 2 in outcome.entries and gaps:
                keyed = self.query_one(MotionBallots).keyed(2)
                explain.update(t("vui.mb.blind_progress", count=keyed))
            elif 1 not in outcome.entries:
                explain.update(t("vui.blind.no_first"))
            else:
                explain.update(t("vui.blind.body"))
            status.update("")
            return
        result = outcome.result
        if result is None:
            self._verdict(verdict, "none", t("vui.no_count"))
            digits.update("")
            explain.update("")
            status.update("")
            return
        passed = result.passed
        word = t("motion.passed") if passed else t("motion.failed")
        spaced = word if word.isascii() else " ".join(word)  # 通 过 reads better spaced out
        headline = ("✔  " if passed else "✖  ") + spaced
        partial = self._partial()
        keying = self._keying_left(outcome)
        counting = self._counting(outcome)
        if differing or (gaps and 2 in outcome.entries):  # never 通过 until the entries agree
            self._verdict(verdict, "check", "⚠ " + t("settle.headline"))
        elif partial:
            self._verdict(verdict, "blind", t("vui.partial.title", **partial))
        else:
            if counting:
                headline += "\n" + t("vui.mb.verdict_counting", **counting)
            elif not outcome.final:
                headline += "\n" + t("vui.verdict.provisional")
            elif keying:
                headline += "\n" + t("vui.mb.verdict_keyed", **keying)
            self._verdict(verdict, "passed" if passed else "failed", headline)
        digits.update(str(result.yes))
        lines = [self._count_sentence(result), rule_sentence(result)]
        on_line = on_line_sentence(result)
        if on_line:
            lines.append(on_line)
        explain.update(Text("\n".join(lines)))
        explain.set_class(bool(on_line), "-on-line")
        final = outcome.final and not partial
        text = t("vui.partial.status", **partial) if partial else self._status_text(outcome)
        if final and keying:
            text += "\n" + t("vui.mb.status_keyed", **keying)
        status.update(literal(text))
        status.set_class(final, "-final")
        status.set_class(not final, "-pending")

    @staticmethod
    def _keying_left(outcome: MotionOutcome) -> dict:
        """{keyed, issued} while fewer secret ballots are keyed one by one than were issued."""
        keyed, issued = outcome.ballots_keyed, outcome.item.issued
        if keyed and issued is not None and keyed < issued:
            return {"keyed": keyed, "issued": issued}
        return {}

    @staticmethod
    def _counting(outcome: MotionOutcome) -> dict:
        """{keyed, issued} while ballots keyed one by one are not complete (计票中)."""
        if outcome.complete:
            return {}
        issued = outcome.item.issued
        return {"keyed": outcome.ballots_keyed, "issued": "？" if issued is None else issued}

    def _partial(self) -> dict:
        """{done, total} while a count by delegation still misses some delegations present."""
        done = len(self.outcome.by_delegation)
        if done and done < self.delegations:
            return {"done": done, "total": self.delegations}
        return {}

    def _verdict(self, widget: Static, state: str, text: str) -> None:
        for name in ("none", "passed", "failed", "check", "blind"):
            widget.set_class(name == state, f"-{name}")
        widget.update(text)
        self.query_one("#m-yesbox").display = state in ("passed", "failed")

    def _count_sentence(self, result) -> str:
        text = t("vui.count.votes", yes=result.yes, no=result.no, abstain=result.abstain)
        if self.outcome.by_delegation:
            text += " · " + t("vui.count.by_delegation", count=len(self.outcome.by_delegation))
        if result.issued is not None:
            text += " · " + t(
                "vui.count.ballots",
                issued=result.issued,
                returned=result.returned,
                valid=result.valid,
                invalid=result.invalid or 0,
            )
        return text

    def _status_text(self, outcome: MotionOutcome) -> str:
        differing, gaps = ballot_gaps(outcome.differences)
        if differing:
            where = differences_text(differing, blind=False, sep="；")
            text = t("vui.status_line.check", where=where)
            if gaps:
                second = second_keyed(outcome, gaps)
                text += "\n" + t("vui.mb.count_differs", first=outcome.ballots_keyed, second=second)
            return text
        if gaps:
            second = second_keyed(outcome, gaps)
            return t("vui.mb.count_differs", first=outcome.ballots_keyed, second=second)
        counting = self._counting(outcome)
        if counting:
            return t("vui.mb.status_counting", **counting)
        if outcome.final:
            key = (
                "vui.status_line.final_double" if 2 in outcome.entries else "vui.status_line.final"
            )
            return "\n".join([t(key), *replaces_lines(outcome.item)])
        return t("vui.status_line.second")

    # ------------------------------------------------------------------ actions

    def action_toggle_method(self) -> None:
        if self.item is None:
            return
        wanted = SECRET if self.method == HANDS else HANDS
        problems = method_problems(wanted, self.item.important)
        note = self.query_one("#m-note", Static)
        if problems:
            note.update(literal("✖ " + refusal_text(problems[0])))
            note.add_class("-error")
            self.app.bell()
            return
        if self.entry == 2 and self.item.method and self.item.method != wanted:
            note.update("✖ " + t("motion.method_differs", method=t(f"method.{self.item.method}")))
            note.add_class("-error")
            self.app.bell()
            return
        note.remove_class("-error")
        note.update(t("vui.important_note") if self.item.important else "")
        self.method = wanted
        self.keying = self.keying and wanted == SECRET
        self._show_fields(refocus=True)

    def action_toggle_entry(self) -> None:
        if self.item is None:
            return
        self.entry = 2 if self.entry == 1 else 1
        self._clear_fields()
        if self.entry == 1:
            self._prefill()
        elif self.item.method:
            self.method = self.item.method
            self.keying = self.keying and self.method == SECRET
        self._say(t("vui.entry.switched", entry=t(f"vui.entry.{self.entry}")))
        self._show_fields(refocus=True)
        self._show_outcome()

    def action_delegations(self) -> None:
        if self.item is None:
            return
        if self.method != HANDS:
            self._say(t("motion.delegation_needs_hands"), True)
            return
        prefill = {}
        if self.entry == 1 and self.outcome is not None:
            prefill = self.outcome.by_delegation

        def closed(changed: bool) -> None:
            if changed and self.entry == 1:
                self._filled = False  # the fields take the delegations' sum
            self.load()

        self.app.push_screen(DelegationHands(self.item, self.entry, prefill), closed)

    def action_back(self) -> None:
        self.query_one(MotionBallots).when_saved(self.app.pop_screen)

    # ------------------------------------------------------------------ ballot by ballot

    def action_ballots(self) -> None:
        """F5: key the secret ballots one by one, or go back to the counted totals."""
        if self.item is None:
            return
        if self.method != SECRET:
            self._say(t("vui.mb.needs_secret"), True)
            return
        ballots = self.query_one(MotionBallots)
        if not self.keying:
            if ballots.totals[self.entry]:
                self._say(t("motion.counts_exist"), True)
                return
            self.keying = True
            self._show_fields(refocus=True)
            if self.item.issued is None:
                self._say(t("vui.mb.on_issue_first"))
                self.action_issue()
            else:
                self._say(t("vui.mb.on"))
            return
        self.keying = False
        keyed = ballots.keyed(self.entry)
        self._clear_fields()
        if self.entry == 1:  # the fields show the keyed ballots' totals once they are stored
            self._prefill_next = True
            ballots.when_saved(self.request_refresh)
        self._say(t("vui.mb.off", count=keyed) if keyed else t("vui.mb.off_plain"))
        self._show_fields(refocus=True)

    def action_issue(self) -> None:
        """F6: 发出, what the ballots keyed one by one are checked against."""
        if self.item is None:
            return
        if self.method != SECRET:
            self._say(t("vui.mb.needs_secret"), True)
            return
        from screens.issue_ballots import IssueDialog

        def issued(count: int | None) -> None:
            if count is not None:
                self.query_one(MotionBallots).set_issued(count)
                self._say(t("vui.mb.issued", issued=count))
                self.request_refresh()

        self.app.push_screen(IssueDialog(self.number), issued)

    # ------------------------------------------------------------------ 计票完毕

    def action_differences(self) -> None:
        """F8: both entries side by side; a ballot re-keyed there is reloaded into the keying
        widget (its Ctrl+Z list) and the result."""
        if self.entry == 2:  # blind: the first entry's ballots are not shown while keying
            self._say(t("settle.blind"), True)
            return
        from screens.differences import DifferencesScreen

        def closed(changed: bool | None) -> None:
            if changed:
                self.query_one(MotionBallots).reload()
                self.request_refresh()

        self.query_one(MotionBallots).when_saved(
            lambda: self.app.push_screen(DifferencesScreen(self.number), closed)
        )

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """F7 is 计票完毕 while ballots are keyed one by one, 重新打开 once the count is closed or
        the result is final (then every save is refused until it is reopened)."""
        counted = self.item is not None and self.item.counted
        if action == "close_count":
            return self.keying and self.method == SECRET and not counted and not self._locked()
        if action == "reopen_count":
            return counted or self._locked()
        return True

    def _locked(self) -> bool:
        """Final and not reopened since (a reopen updates ``self.item`` at once)."""
        outcome = self.outcome
        return outcome is not None and outcome.final and not (self.item and self.item.reopened)

    def action_close_count(self) -> None:
        if self.item is None:
            return
        if self.entry == 2:
            self._say(t("vui.close_blind"), True)
            return
        self.query_one(MotionBallots).when_saved(self._ask_close)

    def _ask_close(self) -> None:
        from tui.confirm import ConfirmDialog

        ballots = self.query_one(MotionBallots)
        keyed = ballots.keyed(1)
        issued = "？" if ballots.issued is None else ballots.issued
        question = t("vui.close.question", returned=keyed, issued=issued)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._set_counted(True, t("vui.closed", returned=keyed, issued=issued))

        title = t("vui.close.title", number=self.item.number, title=self.item.title)
        self.app.push_screen(ConfirmDialog(title, question), confirmed)

    def action_reopen_count(self) -> None:
        from tui.reason_prompt import ReasonPrompt

        if self.item is None:
            return
        if self.entry == 2:
            self._say(t("vui.close_blind"), True)
            return

        def given(reason: str | None) -> None:
            if reason:
                self._set_counted(False, t("vui.reopened", reason=reason), reason)

        prompt = ReasonPrompt(
            t("vui.reopen.title", number=self.item.number, title=self.item.title),
            t("vui.reopen.prompt"),
            t("common.reason_required"),
        )
        self.app.push_screen(prompt, given)

    def _set_counted(self, counted: bool, done: str, reason: str = "") -> None:
        try:
            item = set_counted(
                self.app.db,
                self.number,
                counted,
                reason=reason,
                operator=self.app.operator,
                station=self.app.station,
            )
        except Refusal as refusal:
            self._say(screen_refusal_text(refusal), True)
        except Exception as error:  # keep the desk alive if the database hiccups
            self._say(error_line(error), True)
        else:
            self.item = item  # locked (or unlocked) at once, before the result comes back
            ballots = self.query_one(MotionBallots)
            ballots.set_closed(item.counted)
            self.refresh_bindings()
            self._say(done)
            if self.keying:
                ballots.focus()
        self.request_refresh()

    def action_undo_ballot(self) -> None:
        if self.item is None:
            return
        if not self.keying:
            self._say(t("vui.mb.undo_keying"), True)
            return
        self.query_one(MotionBallots).undo()

    def on_motion_ballots_stored(self, message: MotionBallots.Stored) -> None:
        message.stop()
        self.request_refresh()

    def on_motion_ballots_say(self, message: MotionBallots.Say) -> None:
        message.stop()
        if message.state == "clear":
            line = self.query_one("#m-message", Static)
            line.update("")
            line.remove_class("-error", "-ok")
        else:
            self._say(message.text, message.state == "error")

    def request_refresh(self) -> None:
        """One outcome query at a time, one more if ballots were stored meanwhile."""
        self._stale = True
        if not self._refreshing:
            self._refreshing = True
            self._stale = False
            self.refresh_outcome()

    @desk_work(group="motion-refresh")
    def refresh_outcome(self) -> None:
        outcome = None
        try:
            outcome = motion_outcome(self.app.db, self.number)
        except Refusal as refusal:
            deliver(self, self._say, screen_refusal_text(refusal), True)
        except Exception as error:  # keep the count alive if the database hiccups
            deliver(self, self._say, error_line(error), True)
        deliver(self, self._refreshed, outcome)

    def _refreshed(self, outcome: MotionOutcome | None) -> None:
        self._refreshing = False
        if outcome is not None:
            self._apply(outcome)
        if self._stale:
            self.request_refresh()


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
