"""Where result sheets go: the user's Documents folder (huiwu), created on first use.

Kept out of models/ because it is a desk choice, not a rule; HUIWU_EXPORT_DIR overrides it (the
tests point it into a temporary directory).
"""

import os
from pathlib import Path

import platformdirs

from models.io.file_names import safe_name, safe_stem
from models.io.private_files import make_private_folder
from tui.i18n import t as _t
from tui.message_line import show_line
from tui.workers import deliver, desk_work


def export_folder() -> Path:
    """The one export folder, not yet created: what a dialog offers before anything is written."""
    override = os.environ.get("HUIWU_EXPORT_DIR")
    return Path(override) if override else platformdirs.user_documents_path() / "huiwu"


def export_dir() -> Path:
    base = export_folder()
    make_private_folder(base)  # 0700 when huiwu makes it: what lands there carries names
    return base


def result_paths(number: int, title: str) -> tuple[Path, Path]:
    """``<dir>/<number>-<title>.pdf`` and ``.xlsx``, with characters Windows refuses replaced."""
    stem = safe_stem(number, title)
    folder = export_dir()
    return folder / f"{stem}.pdf", folder / f"{stem}.xlsx"


def contest_paths(number: int, title: str) -> tuple[Path, Path, Path]:
    """The ranking PDF, the workbook and the certificate list of a contest."""
    stem = f"竞赛{safe_stem(number, title)}"
    folder = export_dir()
    return (
        folder / f"{stem}-成绩排名.pdf",
        folder / f"{stem}.xlsx",
        folder / f"{stem}-证书名单.pdf",
    )


def write_contest_sheets(db, number: int, title: str) -> tuple[str, bool]:
    """F9 on the scoring screen: (message for the screen, is_error)."""
    from models.errors import Refusal
    from models.io.contest_export import export_contest
    from tui.i18n import refusal_text, t
    from tui.texts import error_line

    try:
        pdf, xlsx, certificates = contest_paths(number, title)
        export_contest(db, number, pdf=pdf, xlsx=xlsx, certificates=certificates)
    except Refusal as refusal:
        return refusal_text(refusal), True
    except OSError as error:
        return error_line(error), True
    return t("sc.export.done", pdf=pdf, xlsx=xlsx, certificates=certificates), False


def write_result_sheets(db, number: int, title: str) -> tuple[str, bool]:
    """Write an item's PDF result sheet and workbook: (message for the screen, is_error)."""
    from models.errors import Refusal
    from models.io.result_export import export_item
    from tui.i18n import refusal_text, t
    from tui.texts import error_line

    try:
        pdf, xlsx = result_paths(number, title)
        export_item(db, number, pdf=pdf, xlsx=xlsx)
    except Refusal as refusal:
        return refusal_text(refusal), True
    except OSError as error:
        return error_line(error), True
    return t("vui.export.done", pdf=pdf, xlsx=xlsx), False


class ExportsResult:
    """F9 on the motion and appraisal screens: write the sheets in a worker and show the paths
    (or the reason) in the Static named by ``EXPORT_LINE``. Needs ``self.item``."""

    EXPORT_LINE = "#export"

    def action_export(self) -> None:
        if self.item is None:
            return
        self.query_one(self.EXPORT_LINE).update(_t("vui.export.running"))
        self.export(self.item.number, self.item.title)

    @desk_work(group="export", exclusive=True)
    def export(self, number: int, title: str) -> None:
        deliver(self, self._show_export, *write_result_sheets(self.app.db, number, title))

    def _show_export(self, text: str, error: bool) -> None:
        show_line(self.query_one(self.EXPORT_LINE), text, error)


def proposal_paths(prefix: str = "") -> tuple[Path, Path]:
    """The 提案汇编 (PDF) and the proposal registry workbook, named after the numbering prefix
    (「三届二次」) so two congresses exporting into one folder keep their own files."""
    safe = safe_name(prefix)[:40]
    stem = f"{safe}-" if safe else ""
    folder = export_dir()
    return folder / f"{stem}提案汇编.pdf", folder / f"{stem}提案登记.xlsx"


def write_proposal_sheets(db) -> tuple[str, bool]:
    """F9 on the proposals screen: (message for the screen, is_error)."""
    from models.errors import Refusal
    from models.io.proposal_export import export_proposals
    from models.proposals import proposal_settings
    from tui.i18n import refusal_text, t
    from tui.texts import error_line

    try:
        pdf, xlsx = proposal_paths(proposal_settings(db).prefix)
        done = export_proposals(db, pdf=pdf, xlsx=xlsx)
    except Refusal as refusal:
        return refusal_text(refusal), True
    except OSError as error:
        return error_line(error), True
    return (
        t(
            "psheet.export.done",
            pdf=done.pdf,
            xlsx=done.xlsx,
            accepted=done.accepted,
            received=done.received,
        ),
        False,
    )
