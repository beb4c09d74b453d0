"""Matches and sports meets: contest_event.matches, contest_entrant.seed, contest_match, match_lot,
meet, meet_event, meet_record

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _text(length: int):
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    # Nullable columns are added in place on both backends: events and entrants made before are
    # scored events and unseeded entrants.
    with op.batch_alter_table("contest_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("matches", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    with op.batch_alter_table("contest_entrant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seed", sa.Integer(), nullable=True))
    op.create_table(
        "contest_match",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contest_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("phase", _text(12), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("group_name", _text(20), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("court", _text(20), nullable=False),
        sa.Column("side_a", sa.Integer(), nullable=True),
        sa.Column("side_b", sa.Integer(), nullable=True),
        sa.Column("bye", sa.Boolean(), nullable=False),
        sa.Column("games", _text(400), nullable=False),
        sa.Column("ended", _text(12), nullable=False),
        sa.Column("winner", sa.Integer(), nullable=True),
        sa.Column("at", _text(40), nullable=False),
        sa.ForeignKeyConstraint(["contest_id"], ["contest.id"]),
        sa.ForeignKeyConstraint(["event_id"], ["contest_event.id"]),
        sa.ForeignKeyConstraint(["side_a"], ["contest_entrant.id"]),
        sa.ForeignKeyConstraint(["side_b"], ["contest_entrant.id"]),
        sa.ForeignKeyConstraint(["winner"], ["contest_entrant.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("contest_id", "number"),
    )
    with op.batch_alter_table("contest_match", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contest_match_contest_id"), ["contest_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contest_match_event_id"), ["event_id"], unique=False)
    op.create_table(
        "match_lot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("group_name", _text(20), nullable=False),
        sa.Column("sides", _text(2000), nullable=False),
        sa.Column("at", _text(40), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["contest_event.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id", "group_name"),
    )
    with op.batch_alter_table("match_lot", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_match_lot_event_id"), ["event_id"], unique=False)
    op.create_table(
        "meet",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("congress_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", _text(200), nullable=False),
        sa.Column("points", _text(200), nullable=False),
        sa.Column("record", _text(20), nullable=False),
        sa.Column("decimals", sa.Integer(), nullable=False),
        sa.Column("created_at", _text(40), nullable=False),
        sa.ForeignKeyConstraint(["congress_id"], ["congress.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("congress_id", "number"),
    )
    with op.batch_alter_table("meet", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meet_congress_id"), ["congress_id"], unique=False)
    op.create_table(
        "meet_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meet_id", sa.Integer(), nullable=False),
        sa.Column("contest_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["contest_id"], ["contest.id"]),
        sa.ForeignKeyConstraint(["event_id"], ["contest_event.id"]),
        sa.ForeignKeyConstraint(["meet_id"], ["meet.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("meet_id", "event_id"),
    )
    with op.batch_alter_table("meet_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meet_event_meet_id"), ["meet_id"], unique=False)
    op.create_table(
        "meet_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meet_id", sa.Integer(), nullable=False),
        sa.Column("entrant_id", sa.Integer(), nullable=False),
        sa.Column("note", _text(200), nullable=False),
        sa.ForeignKeyConstraint(["entrant_id"], ["contest_entrant.id"]),
        sa.ForeignKeyConstraint(["meet_id"], ["meet.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("meet_id", "entrant_id"),
    )
    with op.batch_alter_table("meet_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meet_record_meet_id"), ["meet_id"], unique=False)


def downgrade() -> None:
    for table in ("meet_record", "meet_event", "meet", "match_lot", "contest_match"):
        op.drop_table(table)
    with op.batch_alter_table("contest_entrant", schema=None) as batch_op:
        batch_op.drop_column("seed")
    with op.batch_alter_table("contest_event", schema=None) as batch_op:
        batch_op.drop_column("matches")
