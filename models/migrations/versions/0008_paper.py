"""paper_page: scanned paper ballots (issue 20) — each page's image hash, reading and decisions

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "paper_page",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("congress_id", sa.Integer(), nullable=False),
        sa.Column("sheet", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("test", sa.Boolean(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("image", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("reading", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("decisions", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("ballot", sa.Integer(), nullable=True),
        sa.Column("fingerprint", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("station", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.ForeignKeyConstraint(["congress_id"], ["congress.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("congress_id", "sha256"),
    )
    with op.batch_alter_table("paper_page", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_paper_page_congress_id"), ["congress_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("paper_page", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paper_page_congress_id"))
    op.drop_table("paper_page")
