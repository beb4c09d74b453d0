"""How an election's figures read (issue 17): plain values the screen, the CLI text, the PDF and
the workbooks share, so that they say the same thing. No textual here."""

from models.rules.election import CandidateTally, ElectionResult


def shown_abstain(candidate: CandidateTally) -> int | None:
    """弃权 as shown: none for a name written in. Nobody was asked about that name on the
    ballot, so a ballot that did not write it is no abstention; the rule's figure stays for the
    JSON contract."""
    return None if candidate.write_in else candidate.abstain


def shows_unreadable(result: ElectionResult) -> bool:
    """The 无法辨认 column is needed once a ? mark is counted, or the rows would not add up."""
    return any(c.unreadable for c in result.candidates)


def left_vacant(result: ElectionResult) -> int:
    """Seats nobody holds and no runoff will fill (另行选举 or left empty), as distinct from
    the seats that go to the runoff among the tied (再次投票)."""
    return result.vacant - result.runoff_seats


def elected_rows_json(rounds) -> list[dict] | None:
    """The list across rounds for `huiwu result --json` (not in the archive's figures)."""
    if rounds is None:
        return None
    return [row.__dict__ for row in rounds.rows]
