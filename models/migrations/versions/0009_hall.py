"""checkin.in_hall, roll.presence and hall_move: delegates who leave the hall and come back (issue 21)

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Everyone checked in before exits were scanned is in the hall: the server default says so.
    with op.batch_alter_table("checkin", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("in_hall", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    with op.batch_alter_table("roll", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "presence",
                sqlmodel.sql.sqltypes.AutoString(length=8),
                nullable=False,
                server_default="checkin",
            )
        )
    op.create_table(
        "hall_move",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sitting_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("station", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("operator", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["sitting_id"], ["sitting.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("hall_move", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hall_move_sitting_id"), ["sitting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_hall_move_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("hall_move", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hall_move_person_id"))
        batch_op.drop_index(batch_op.f("ix_hall_move_sitting_id"))
    op.drop_table("hall_move")
    with op.batch_alter_table("roll", schema=None) as batch_op:
        batch_op.drop_column("presence")
    with op.batch_alter_table("checkin", schema=None) as batch_op:
        batch_op.drop_column("in_hall")
