"""计票完毕 / 重新打开 (F7) as the election and motion screens share it: closing asks once, with
the ballots keyed and issued; reopening asks for a reason for the audit log; the blind second
entry does neither (the first entry's clerk closes the count).

``prefix`` is the screen's catalog area: ``el`` (election) or ``vui`` (motion, appraisal); the
keys are ``<prefix>.close.title``, ``.close.question``, ``.closed``, ``.reopen.title``,
``.reopen.prompt`` and ``.reopened``."""

from dataclasses import dataclass

from models.errors import Refusal
from models.voting import ItemInfo, set_counted
from tui.confirm import ConfirmDialog
from tui.i18n import t
from tui.reason_prompt import ReasonPrompt
from tui.texts import error_line, screen_refusal_text


@dataclass
class CountStored:
    """What :func:`store_counted` did: the item as it now stands, or the words of the failure
    (``refused``: the service said no, rather than the database failing)."""

    item: ItemInfo | None = None
    error: str = ""
    refused: bool = False


def ask_close(app, prefix: str, item: ItemInfo, keyed: int, issued, closed) -> None:
    """Confirm 计票完毕; ``closed(done_text)`` runs on yes."""
    question = t(f"{prefix}.close.question", returned=keyed, issued=issued)

    def confirmed(yes: bool | None) -> None:
        if yes:
            closed(t(f"{prefix}.closed", returned=keyed, issued=issued))

    title = t(f"{prefix}.close.title", number=item.number, title=item.title)
    app.push_screen(ConfirmDialog(title, question), confirmed)


def ask_reopen(app, prefix: str, item: ItemInfo, reopened) -> None:
    """Ask the reason; ``reopened(done_text, reason)`` runs once one is given."""

    def given(reason: str | None) -> None:
        if reason:
            reopened(t(f"{prefix}.reopened", reason=reason), reason)

    prompt = ReasonPrompt(
        t(f"{prefix}.reopen.title", number=item.number, title=item.title),
        t(f"{prefix}.reopen.prompt"),
        t("common.reason_required"),
    )
    app.push_screen(prompt, given)


def store_counted(app, number: int, counted: bool, reason: str = "") -> CountStored:
    try:
        item = set_counted(
            app.db,
            number,
            counted,
            reason=reason,
            operator=app.operator,
            station=app.station,
        )
    except Refusal as refusal:
        return CountStored(error=screen_refusal_text(refusal), refused=True)
    except Exception as error:  # a locked database must not end the count
        return CountStored(error=error_line(error))
    return CountStored(item=item)
