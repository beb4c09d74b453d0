"""Every table, imported once so SQLModel.metadata knows them all (migrations compare against it)."""

from sqlmodel import SQLModel

from models import (  # noqa: F401  (registers the tables)
    appraisals,
    attendance,
    audit,
    congress,
    contests,
    elections,
    matches,
    motions,
    offline,
    paper,
    proposals,
    scores,
    voting,
)

metadata = SQLModel.metadata
