"""Refusals carry a catalog key and parameters; the CLI and the TUI translate them.

The domain core never builds user-facing sentences itself, so one refusal reads correctly in
Chinese and in English (the catalog lives in tui/i18n and is applied at the boundary).
"""

from dataclasses import dataclass, field


@dataclass
class Refusal(Exception):
    """A rule or bad input refused the request; nothing was changed."""

    key: str
    params: dict = field(default_factory=dict)
    details: list["Refusal"] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.key} {self.params}"


def refuse(key: str, /, **params) -> Refusal:
    return Refusal(key, params)
