"""The appraisal screen's results: 满意率 to two decimals, the grade, ⚠ past the warning share, the
weighted score, and the count's status (shown from the saved count only)."""

from rich.text import Text
from textual.widgets import Static

from screens.appraisal_text import rate_text
from tui.i18n import t
from tui.literal import literal
from tui.result_text import replaces_lines


class AppraisalResults:
    """Mixed into AppraisalScreen."""

    # ------------------------------------------------------------------ results

    def _blind(self) -> bool:
        outcome = self.outcome
        return self.entry == 2 and (2 not in outcome.entries or bool(outcome.differences))

    def _show_results(self) -> None:
        outcome = self.outcome
        blind = self._blind()
        self._mark_unsaved()
        status = self.query_one("#a-status", Static)
        status.set_class(outcome.final, "-final")
        status.set_class(not outcome.final, "-pending")
        status.update(literal(self._status_text(blind)))

    def _row_result(self, i: int, unsaved: bool) -> Text | str:
        if unsaved:
            return Text(t("vui.appraisal.unsaved"), style="bold yellow")
        outcome = self.outcome
        result = outcome.result
        if self._blind() or result is None or self.item.nominees[i] not in outcome.marked:
            return ""
        return self._result_text(result.subjects[i], bool(outcome.differences))

    def _result_text(self, subject, provisional: bool = False) -> Text:
        text = Text()
        if provisional:  # the entries disagree: a grade is the first entry's, not a finding
            text.append(t("settle.provisional_verdict", verdict=rate_text(subject)), style="yellow")
            return text
        text.append(rate_text(subject), style="bold")
        if subject.grade:
            style = {"satisfied": "green", "basically": "yellow"}.get(subject.grade, "red")
            text.append("  " + t(f"grade.{subject.grade}"), style=f"bold {style}")
        if subject.warning:
            share = self.item.settings.get("warn", "1/3")
            text.append("  ⚠ " + t("vui.appraisal.warning", share=share), style="bold red")
        if subject.warning_on_line:
            share = self.item.settings.get("warn", "1/3")
            text.append("  " + t("cliv.appraisal.warning_on_line", share=share), style="yellow")
        if subject.grade_on_line:
            text.append("  " + t("cliv.appraisal.grade_on_line"), style="yellow")
        if subject.weighted is not None:
            text.append("  " + t("vui.appraisal.score", score=f"{subject.weighted:.2f}"))
        return text

    def _status_text(self, blind: bool) -> str:
        outcome = self.outcome
        result = outcome.result
        if blind:
            if 2 in outcome.entries and outcome.differences:
                where = "、".join(self._where(d) for d in outcome.differences)
                return t("vui.check.blind", where=where)
            return t("vui.blind.body")
        if outcome.differences:
            from tui.difference_rows import difference_rows

            rows = difference_rows(self.item, outcome.differences)
            where = "；".join(
                t("vui.diff.values", where=w, first=a, second=b) for w, a, b in rows[:12]
            )
            return "⚠ " + t("settle.headline") + "\n" + t("vui.status_line.check", where=where)
        if result is None:
            return t("vui.appraisal.no_sheets")
        if not result.valid:
            return "✖ " + t("appraisal.void.returned_exceeds_issued")
        if len(outcome.marked) < len(self.item.nominees):
            return t(
                "vui.appraisal.progress",
                marked=len(outcome.marked),
                total=len(self.item.nominees),
            )
        if not outcome.final:
            return t("vui.status_line.second")
        key = "vui.status_line.final_double" if 2 in outcome.entries else "vui.status_line.final"
        return "\n".join([t(key), *replaces_lines(self.item)])

    @staticmethod
    def _where(difference) -> str:
        if difference.key in ("returned", "invalid"):
            return t(f"vui.sheets.{difference.key}")
        return difference.key
