"""Where result sheets go: the user's Documents folder (huiwu), created on first use.

Kept out of models/ because it is a desk choice, not a rule; HUIWU_EXPORT_DIR overrides it (the
tests point it into a temporary directory).
"""

import os
from pathlib import Path

import platformdirs


def export_dir() -> Path:
    override = os.environ.get("HUIWU_EXPORT_DIR")
    base = Path(override) if override else platformdirs.user_documents_path() / "huiwu"
    base.mkdir(parents=True, exist_ok=True)
    return base


def result_paths(number: int, title: str) -> tuple[Path, Path]:
    """``<dir>/<number>-<title>.pdf`` and ``.xlsx``, with characters Windows refuses replaced."""
    safe = "".join("_" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in title).strip(" .")
    stem = f"{number:02d}-{safe[:60]}"
    folder = export_dir()
    return folder / f"{stem}.pdf", folder / f"{stem}.xlsx"


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
