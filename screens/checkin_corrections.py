"""The corrections made at the check-in desk: approved leave (F3 — also withdrawn when someone on
leave turns up after all) and undoing a check-in, this desk's last (F4) or anyone's found by
name (Shift+F4). Each asks for a reason and goes through its service in models.attendance; the
result or the refusal shows in the big panel.

A part of CheckinScreen (screens/checkin.py), kept in its own file so that the desk's scanning
and figures read apart from its corrections; it relies on the screen's ``_show_error`` and
``request_refresh``.
"""

from models.attendance import (
    SittingState,
    cancel_leave,
    last_checkin,
    record_leave,
    sitting_state,
    undo_checkin,
)
from models.clock import hhmm
from models.errors import Refusal
from tui.i18n import t
from tui.texts import error_line, screen_refusal_text
from tui.widgets import ResultPanel


class DeskCorrections:
    """Leave and undo on the check-in screen."""

    def action_leave(self) -> None:
        from screens.person_search import PersonSearch

        def picked(person) -> None:
            if person is None:
                return
            state = self._state_of(person.code)
            if state is None:
                return
            if state.checked_in_at is not None:
                # Said before any reason is typed: a present person cannot be put on leave.
                self.query_one(ResultPanel).show(
                    t("scan.already"), t("leave.checked_in", **self._checkin_words(state)), "warn"
                )
                self.app.bell()
            elif state.on_leave:
                self._offer_leave_cancel(state)
            else:
                self._ask_leave_reason(state)

        self.app.push_screen(PersonSearch(t("search.title_leave")), picked)

    def _state_of(self, code: str) -> SittingState | None:
        """The person's state read now (the search row may be older than another desk's scan);
        None, with the refusal shown, when it cannot be read."""
        try:
            return sitting_state(self.app.db, code)
        except Refusal as refusal:
            self._show_error(screen_refusal_text(refusal))
        except Exception as error:  # a locked or unreachable database must not end the desk
            self._show_error(error_line(error))
        return None

    @staticmethod
    def _checkin_words(state: SittingState) -> dict:
        return {
            "name": state.name,
            "code": state.code,
            "time": hhmm(state.checked_in_at),
            "station": state.checked_station or t("station.unnamed"),
        }

    def _ask_leave_reason(self, state: SittingState) -> None:
        from tui.reason_prompt import ReasonPrompt

        def reason_given(reason: str | None) -> None:
            if reason is None:
                return
            self._write(record_leave, state, reason, "leave.title", "leave.done")

        prompt = ReasonPrompt(
            t("leave.title"),
            t("leave.prompt", name=state.name, code=state.code),
            t("leave.reason_required"),
        )
        self.app.push_screen(prompt, reason_given)

    def _offer_leave_cancel(self, state: SittingState) -> None:
        """Someone on leave turned up after all: the leave is withdrawn (with a reason), after
        which they check in like anyone else."""
        from tui.confirm import ConfirmDialog
        from tui.reason_prompt import ReasonPrompt

        def reason_given(reason: str | None) -> None:
            if reason is None:
                return
            self._write(cancel_leave, state, reason, "leave.cancel_title", "leave.cancel_done")

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            prompt = ReasonPrompt(
                t("leave.cancel_title"),
                t("leave.cancel_prompt", name=state.name, code=state.code),
                t("leave.reason_required"),
            )
            self.app.push_screen(prompt, reason_given)

        question = t("leave.cancel_question", name=state.name, code=state.code)
        self.app.push_screen(ConfirmDialog(t("leave.cancel_title"), question), answered)

    def _write(self, service, state: SittingState, reason: str, title: str, done: str) -> bool:
        """A leave or undo service called for one person with a reason; what it did shows in the
        panel (``title``, ``done`` catalog keys), a refusal in words."""
        try:
            service(
                self.app.db,
                code=state.code,
                reason=reason,
                station=self.app.station,
                operator=self.app.operator,
            )
        except Refusal as refusal:
            self._show_error(screen_refusal_text(refusal))
            return False
        except Exception as error:  # a locked or unreachable database must not end the desk
            self._show_error(error_line(error))
            return False
        self.request_refresh()
        words = t(done, name=state.name, code=state.code, reason=reason)
        self.query_one(ResultPanel).show(t(title), words, "warn")
        return True

    def action_undo(self) -> None:
        from tui.reason_prompt import ReasonPrompt

        last = last_checkin(self.app.db, station=self.app.station)
        if last is None:
            self._show_error(t("undo.nothing_any"))
            return

        def confirmed(reason: str | None) -> None:
            if reason is None:
                return
            try:
                undone = undo_checkin(
                    self.app.db,
                    reason=reason,
                    station=self.app.station,
                    operator=self.app.operator,
                    code=last.code,
                )
            except Refusal as refusal:
                self._show_error(screen_refusal_text(refusal))
                return
            self.query_one(ResultPanel).show(
                t("undo.title"),
                t("undo.done", name=undone.name, code=undone.code, reason=reason),
                "warn",
            )
            self.request_refresh()

        prompt = ReasonPrompt(
            t("undo.title"),
            t("undo.prompt", name=last.name, code=last.code, time=hhmm(last.at))
            + "\n"
            + t("undo.any_hint"),
            t("undo.reason_required"),
        )
        self.app.push_screen(prompt, confirmed)

    def action_undo_any(self) -> None:
        """Undo the check-in of anyone found by name, code or 拼音 (F4 undoes this desk's last)."""
        from screens.person_search import PersonSearch
        from tui.confirm import ConfirmDialog
        from tui.reason_prompt import ReasonPrompt

        def reason_given(state: SittingState, reason: str | None) -> None:
            if reason is None:
                return
            self._write(undo_checkin, state, reason, "undo.any_title", "undo.done")

        def answered(state: SittingState, yes: bool | None) -> None:
            if not yes:
                return
            prompt = ReasonPrompt(
                t("undo.any_title"),
                t("undo.any_prompt", name=state.name, code=state.code),
                t("undo.reason_required"),
            )
            self.app.push_screen(prompt, lambda reason: reason_given(state, reason))

        def picked(person) -> None:
            if person is None:
                return
            state = self._state_of(person.code)
            if state is None:
                return
            if state.checked_in_at is None:
                self._show_error(t("undo.not_checked_in_name", name=state.name, code=state.code))
                return
            question = t("undo.any_question", **self._checkin_words(state))
            self.app.push_screen(
                ConfirmDialog(t("undo.any_title"), question), lambda yes: answered(state, yes)
            )

        self.app.push_screen(PersonSearch(t("search.title_undo")), picked)
