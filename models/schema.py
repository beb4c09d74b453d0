"""Every table, imported once so SQLModel.metadata knows them all (migrations compare against it)."""

from sqlmodel import SQLModel

from models import attendance, audit, congress  # noqa: F401  (registers the tables)

metadata = SQLModel.metadata
