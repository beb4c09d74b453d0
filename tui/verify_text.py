"""A verify report (models.verify) as numbered lines, and a finished export, in the user's
language."""

from models.verify import Check, VerifyReport
from tui.i18n import catalogs, get_lang, t


def _field(segment: str) -> str:
    key = f"verify.field.{segment}"
    return t(key) if key in catalogs()[get_lang()] else segment


def _problem_params(check: Check) -> dict:
    params = dict(check.problem_params)
    if isinstance(params.get("where"), list):  # a path into the results, words for its keys
        params["where"] = " › ".join(_field(p) for p in params["where"])
    if "fact" in params:
        params["fact"] = t(f"verify.fact.{params['fact']}")
    if "part" in params:
        part = t(f"verify.part.{params['part']}")
        params["part"] = f"{part} {params['number']}" if params.get("number") else part
    return params


def problem_text(check: Check) -> str:
    return t(check.problem, **_problem_params(check)) if check.problem else ""


def check_line(number: int, check: Check) -> str:
    if check.ok is False:
        return f"{number:>2}. {t('verify.mark_fail')} {problem_text(check)}"
    mark = t("verify.mark_ok") if check.ok else t("verify.mark_skip")
    return f"{number:>2}. {mark} {t(check.key, **check.params)}"


def header_line(report: VerifyReport) -> str:
    return t(f"verify.header_{report.source}", congress=report.congress, where=report.where)


def summary_line(report: VerifyReport) -> str:
    failure = report.first_failure
    if failure is not None:
        number, check = failure
        return t("verify.summary_fail", number=number, problem=problem_text(check))
    passed = sum(1 for c in report.checks if c.ok)
    skipped = sum(1 for c in report.checks if c.ok is None)
    return t("verify.summary_ok", passed=passed, skipped=skipped)


def report_lines(report: VerifyReport) -> list[str]:
    lines = [header_line(report)]
    lines.extend(check_line(n, c) for n, c in enumerate(report.checks, start=1))
    return lines


def export_lines(done) -> list[str]:
    """What a finished export (models.minutes.MinutesExport) says, on the CLI and in the TUI."""
    from models.minutes import ARCHIVE

    return [
        t(
            "export.done",
            folder=done.folder,
            files=len(done.files),
            sittings=done.sittings,
            items=done.items,
            proposals=done.proposals,
            contests=done.contests,
        ),
        t("export.sums", archive=done.folder / ARCHIVE),
    ]
