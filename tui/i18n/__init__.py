"""The one catalog every user-visible string goes through.

Each area keeps its strings in its own module (``common``, ``roster``, ``badges``, ``checkin`` …)
with two dicts, ``ZH`` and ``EN``, holding the same keys; :func:`t` looks a key up in the active
language and formats it with ``str.format``. A test fails when a key is missing in either language.
"""

import os
from importlib import import_module

AREAS = (
    "common",
    "congress",
    "roster",
    "badges",
    "checkin",
    "cli",
    "voting",
    "ballots",
    "paper",
    "offline",
    "elections_ui",
    "cli_voting",
    "voting_ui",
    "contests",
    "contests_ui",
    "buzzer",
    "display",
    "cli_contests",
    "proposals",
    "proposals_ui",
    "proposal_sheets",
    "cli_proposals",
    "backup",
    "minutes",
    "desk",
    "records",
    "settle",
    "finality",
    "absent",
    "data",
    "cli_help",
    "setup",
    "files",
    "election_sums",
    "layout",
    "pdf_font",
    "seats",
    "seat_map",
    "matches",
    "sports",
    "clock",
    "match_setup",
)
# Refusal parameters that carry a code the reader should see as a word (the catalog names it).
NAMED_PARAMS = {
    "proposal.": {"status": "proposal.status.", "action": "proposal.action."},
    "roster.frozen": {"old": "category.", "new": "category."},
    "roster.ambiguous_column": {"first": "roster.field.", "second": "roster.field."},
    "roster.duplicate_column": {"field": "roster.field."},
    "roster.two_phone_columns": {"field": "roster.field."},
    "voting.result_final": {"outcome": "voting.outcome."},
    "contest.answer_kind_differs": {"kind": "contest.question."},
}
LANGS = ("zh", "en")

_catalogs: dict[str, dict[str, str]] = {"zh": {}, "en": {}}
_lang = "zh"


def _load() -> None:
    for area in AREAS:
        module = import_module(f"tui.i18n.{area}")
        _catalogs["zh"].update(module.ZH)
        _catalogs["en"].update(module.EN)


def catalogs() -> dict[str, dict[str, str]]:
    if not _catalogs["zh"]:
        _load()
    return _catalogs


def set_lang(lang: str | None) -> str:
    global _lang
    lang = (lang or os.environ.get("HUIWU_LANG") or "zh").lower()
    _lang = "en" if lang.startswith("en") else "zh"
    return _lang


def get_lang() -> str:
    return _lang


def t(key: str, /, **params) -> str:
    table = catalogs()[_lang]
    template = table.get(key)
    if template is None:
        template = catalogs()["zh"].get(key, key)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def refusal_text(error) -> str:
    """A Refusal (models.errors) as one or more lines in the active language."""
    lines = [t(error.key, **_named(error.key, error.params))]
    lines.extend(t(detail.key, **_named(detail.key, detail.params)) for detail in error.details)
    return "\n".join(lines)


def _named(key: str, params: dict) -> dict:
    for prefix, names in NAMED_PARAMS.items():
        if key.startswith(prefix):
            return {
                name: t(names[name] + str(value), **params) if name in names else value
                for name, value in params.items()
            }
    return params


def category_name(category: str | None) -> str:
    return t(f"category.{category}") if category else ""


def kind_name(kind: str) -> str:
    return t(f"kind.{kind}")
