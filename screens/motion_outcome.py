"""The motion screen's result: the verdict, the yes votes big and clear, the rule's sentence and the
count's status (计票中 until the count is complete)."""

from rich.text import Text
from textual.widgets import Digits, Static

from models.motions import MotionOutcome
from screens.motion_text import (
    ballot_gaps,
    differences_text,
    on_line_sentence,
    rule_sentence,
    second_keyed,
)
from tui.i18n import t
from tui.item_status import item_state
from tui.literal import literal
from tui.motion_ballots import MotionBallots
from tui.result_text import replaces_lines


class MotionOutcomeView:
    """Mixed into MotionScreen."""

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
