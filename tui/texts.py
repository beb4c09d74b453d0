"""Sentences built from domain results, shared by the CLI and the screens (no textual here)."""

from models.attendance import CheckinResult
from models.clock import hhmm
from models.rules.attendance import Attendance
from tui.i18n import _named, get_lang, refusal_text, t


def scan_headline(result: CheckinResult) -> str:
    if result.status == "invalid":
        return t(f"scan.invalid.{result.reason or 'malformed'}")
    if result.status == "not_in_hall":
        return t(f"scan.not_in_hall.{result.reason or 'never_entered'}")
    if result.offline and result.status in ("ok", "exited", "reentered"):
        return t(f"scan.offline.{result.status}")  # 「✔ 已签到（离线，待上传）」
    return t(f"scan.{result.status}")


def person_parts(result: CheckinResult, no_delegation: str = "") -> list[str]:
    """Name, delegation and category of a checked-in person, the words the desk and the CLI share;
    an empty part is left out."""
    from tui.i18n import category_name

    parts = (result.name, result.delegation or no_delegation, category_name(result.category))
    return [part for part in parts if part]


def scan_detail(result: CheckinResult) -> str:
    if result.status == "already":
        return t(
            "scan.already_detail",
            name=result.name,
            time=hhmm(result.at),
            station=result.station or t("station.unnamed"),
        )
    if result.status == "on_leave":
        return t("scan.on_leave_detail", name=result.name)
    if result.status == "not_in_hall" and result.reason == "already_out" and result.at:
        return t(
            "scan.already_out_detail",
            name=result.name,
            time=hhmm(result.at),
            station=result.station or t("station.unnamed"),
        )
    if result.name:
        parts = person_parts(result, no_delegation=t("delegation.none"))
        if result.method == "manual":
            parts.append(t("scan.manual"))
        return " · ".join(parts)
    return result.code or ""


def seat_words(label: str | None) -> str:
    """A stored seat as said aloud: 3排12座 → 「3 排 12 座」, 主席台1 → 「主席台 1 号」."""
    from models.seats.labels import seat_of_label

    seat = seat_of_label(label)
    if seat is None:
        return label or ""
    if get_lang() == "en":
        return (
            f"presidium seat {seat.number}"
            if seat.presidium
            else f"row {seat.row}, seat {seat.number}"
        )
    return seat.spoken


def checkin_guidance(result: CheckinResult) -> list[str]:
    """What a ✔ says under the name: 「请到 3 排 12 座」, then the person's and the category's
    notes. A re-entry or an exit needs none (they know their seat)."""
    if result.status != "ok":
        return []
    lines = [t("scan.seat", seat=seat_words(result.seat))] if result.seat else []
    return lines + list(result.notes)


def first_checkin_text(result: CheckinResult) -> str:
    """When and at which desk the check-in that stands was made (the CLI's ⚠ line)."""
    return t(
        "scan.first_checkin",
        time=hhmm(result.at),
        station=result.station or t("station.unnamed"),
    )


def announcement(figures: Attendance) -> str:
    """The presiding officer's line of RULES.md §1; once delegates have left the hall, with how
    many are in it."""
    key = "att.announcement_ok" if figures.quorum_met else "att.announcement_short"
    in_hall = ""
    if figures.in_hall is not None:
        in_hall = t("att.announcement_in_hall", in_hall=figures.in_hall)
    return t(
        key,
        due=figures.due,
        present=figures.present,
        in_hall=in_hall,
        leave=figures.leave,
        nonvoting=figures.nonvoting_present,
    )


def vote_announcement(figures: Attendance, hall: bool) -> str:
    """RULES §1: the presiding officer's line before a vote, with the figures of this moment —
    those in the hall when the congress's roll counts the hall, else those checked in."""
    from models.rules.attendance import quorum_met

    count = figures.in_hall_now if hall else figures.present
    verdict = "ok" if quorum_met(count, figures.due) else "short"
    key = f"att.vote_{'hall' if hall else 'present'}_{verdict}"
    return t(key, count=count, due=figures.due, present=figures.present)


def quorum_line(figures: Attendance) -> str:
    if figures.quorum_on_line:  # RULES §0: a result exactly on a line says so
        line = t("att.quorum_on_line", present=figures.present, required=figures.required)
    elif figures.quorum_met:
        line = t("att.quorum_met", present=figures.present, required=figures.required)
    else:
        line = t("att.quorum_not_met", missing=figures.missing, required=figures.required)
    if figures.in_hall is not None:
        line += t("att.quorum_in_hall", in_hall=figures.in_hall)
    return line


LOCK_REFUSALS = ("voting.result_final", "voting.count_closed", "contest.published")
# Refusals whose CLI words name a command: on a screen they name the key that does it.
KEY_REFUSALS = {"sitting.none": "F7", "badges.nobody": "F5"}


def screen_refusal_text(refusal, reopen_key: str = "F7") -> str:
    """A refusal as a screen with a reopen key says it: a locked result names that key where the
    CLI names `huiwu reopen`."""
    if refusal.key in LOCK_REFUSALS:
        return t(f"{refusal.key}.tui", key=reopen_key, **_named(refusal.key, refusal.params))
    if refusal.key in KEY_REFUSALS:
        return t(f"{refusal.key}.tui", key=KEY_REFUSALS[refusal.key])
    return refusal_text(refusal)


def error_line(error: Exception) -> str:
    """The first line of an unexpected error, short enough for a status panel or stderr.

    A lost connection (the server laptop went away, the network dropped) or a database busy past
    its timeout is said in the user's language first: nothing was recorded, try again."""
    lines = str(error).strip().splitlines()
    first = (lines[0] if lines else type(error).__name__)[:300]
    storage = storage_line(error)
    if storage is not None:
        return storage
    if is_operational_error(error):
        return t("error.db_unavailable", detail=first)
    return first


def is_operational_error(error: BaseException) -> bool:
    """SQLAlchemy's OperationalError (connection lost, database busy past its timeout), known by
    its class's name: the widget kit never imports SQLAlchemy (models raise it, tui/ only words it)."""
    return any(
        cls.__module__ == "sqlalchemy.exc" and cls.__name__ == "OperationalError"
        for cls in type(error).__mro__
    )


def storage_line(error: BaseException) -> str | None:
    """A read-only database or a full disk in those words, not as a connection to retry."""
    from models.db import storage_problem

    problem = storage_problem(error)
    return t(f"data.db_{problem}") if problem else None


def sitting_removal_question(plan) -> str:
    """The question before a sitting is removed (models.congress.SittingRemoval): removing the
    current one says which sitting every desk moves to."""
    if plan.next_current is not None:
        return t(
            "sitting.remove_question_current",
            name=plan.sitting.name,
            current=plan.next_current.name,
        )
    return t("sitting.remove_question", name=plan.sitting.name)
