"""What a printed result says, as plain data: the one source for the PDF sheet and the workbook.

A result sheet is a Chinese document whatever the interface language (like the badges), so its
wording lives here as the print template rather than in the UI catalog. :func:`result_facts`
turns a motion's, an election's or an appraisal's outcome into :class:`ResultFacts`: the title,
grouped figures (numbers stay numbers), the verdict, the sentences that explain it, one table
(candidates, people appraised or delegations), the settings in words, the electorate roll, the
entry check and the signature lines. :mod:`models.io.result_sheet` draws it as a PDF and
:mod:`models.io.result_book` writes it as cells, so the two never disagree.
"""

from models.appraisals import AppraisalOutcome
from models.congress import CongressInfo
from models.elections import ElectionOutcome
from models.io.result_facts.appraisal import appraisal_facts
from models.io.result_facts.election import ROUND_KIND_WORDS, candidate_result, election_facts
from models.io.result_facts.facts import (
    BASE_COUNTS,
    BASES,
    COMPARATORS,
    DENOMINATORS,
    GRADES,
    MARK_SIGNS,
    METHODS,
    MOTION_FIELDS,
    OUTCOME_WORDS,
    SCALES,
    SHORTFALL_WORDS,
    TIE_WORDS,
    UNREADABLE_WORDS,
    VALIDITY,
    WARN,
    WRITE_IN,
    Column,
    Fact,
    FactGroup,
    Line,
    ResultFacts,
    ResultTable,
    Setting,
    Signature,
    Verdict,
    build_facts,
    fraction_words,
    joined_names,
    make_setting,
    moment,
    percent_text,
    plain_signatures,
    rate_words,
    replaces_words,
    status_line,
    subject_flags,
    unknown_settings,
    when,
    yes_no_word,
)
from models.io.result_facts.motion import motion_facts
from models.io.result_facts.unsettled import (
    ELECTED,
    PROVISIONAL,
    UNSETTLED,
    difference_rows,
    difference_table,
    unsettled,
)
from models.motions import MotionOutcome
from models.rules.election import Ballot

__all__ = [
    "BASES",
    "BASE_COUNTS",
    "COMPARATORS",
    "DENOMINATORS",
    "ELECTED",
    "GRADES",
    "MARK_SIGNS",
    "METHODS",
    "MOTION_FIELDS",
    "OUTCOME_WORDS",
    "PROVISIONAL",
    "ROUND_KIND_WORDS",
    "SCALES",
    "SHORTFALL_WORDS",
    "TIE_WORDS",
    "UNREADABLE_WORDS",
    "UNSETTLED",
    "VALIDITY",
    "WARN",
    "WRITE_IN",
    "Column",
    "Fact",
    "FactGroup",
    "Line",
    "ResultFacts",
    "ResultTable",
    "Setting",
    "Signature",
    "Verdict",
    "appraisal_facts",
    "build_facts",
    "candidate_result",
    "difference_rows",
    "difference_table",
    "election_facts",
    "fraction_words",
    "joined_names",
    "make_setting",
    "moment",
    "motion_facts",
    "percent_text",
    "plain_signatures",
    "rate_words",
    "replaces_words",
    "result_facts",
    "status_line",
    "subject_flags",
    "unknown_settings",
    "unsettled",
    "when",
    "yes_no_word",
]


def result_facts(
    outcome, congress: CongressInfo, ballots: list[Ballot] | None = None
) -> ResultFacts:
    if isinstance(outcome, MotionOutcome):
        facts = motion_facts(outcome, congress)
    elif isinstance(outcome, ElectionOutcome):
        facts = election_facts(outcome, congress, ballots)
    elif isinstance(outcome, AppraisalOutcome):
        facts = appraisal_facts(outcome, congress)
    else:
        raise TypeError(f"not a voting outcome: {type(outcome).__name__}")
    return unsettled(facts, outcome) if outcome.differences else facts
