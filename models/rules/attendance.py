"""docs/RULES.md §1 — attendance and quorum, in integer arithmetic."""

from dataclasses import dataclass


def quorum_met(present: int, due: int) -> bool:
    """法定人数 — 须有全体职工代表三分之二以上出席: ``3*实到 >= 2*应到`` (以上 includes the line)."""
    return due > 0 and 3 * present >= 2 * due


def quorum_required(due: int) -> int:
    """法定人数所需实到人数: the smallest 实到 that meets the quorum, ceil(2*due/3)."""
    return (2 * due + 2) // 3


def absent(due: int, present: int, leave: int) -> int:
    """缺席 = 应到 − 实到 − 请假."""
    return due - present - leave


@dataclass(frozen=True)
class Attendance:
    due: int
    present: int
    leave: int
    nonvoting_present: int
    # 在场 (docs/RULES.md §1): voting delegates checked in and not exited since; None while nobody has
    # been scanned out at this sitting (then everyone checked in is in the hall)
    in_hall: int | None = None

    @property
    def in_hall_now(self) -> int:
        return self.present if self.in_hall is None else self.in_hall

    @property
    def absent(self) -> int:
        return absent(self.due, self.present, self.leave)

    @property
    def quorum_met(self) -> bool:
        return quorum_met(self.present, self.due)

    @property
    def quorum_on_line(self) -> bool:
        """Exactly two-thirds present: the quorum is met (以上 includes the line), and said so."""
        return self.due > 0 and 3 * self.present == 2 * self.due

    @property
    def required(self) -> int:
        return quorum_required(self.due)

    @property
    def missing(self) -> int:
        """How many more voting delegates must arrive before the quorum is met."""
        return max(0, self.required - self.present)
