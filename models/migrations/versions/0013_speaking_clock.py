"""contest_event.clock and contest_timing: the speaking clock's rules per event, a time per entrant

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Events made before have no clock: a nullable column, added in place on both backends.
    with op.batch_alter_table("contest_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("clock", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.create_table(
        "contest_timing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entrant_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("seconds", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.ForeignKeyConstraint(["entrant_id"], ["contest_entrant.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("entrant_id"),
    )


def downgrade() -> None:
    op.drop_table("contest_timing")
    with op.batch_alter_table("contest_event", schema=None) as batch_op:
        batch_op.drop_column("clock")
