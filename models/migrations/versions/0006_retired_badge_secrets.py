"""retired_badge_secret: the badge secrets a rotation replaced (old badges scan as revoked)

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "retired_badge_secret",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("congress_id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("secret", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("retired_at", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["congress_id"],
            ["congress.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("congress_id", "generation"),
    )
    with op.batch_alter_table("retired_badge_secret", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_retired_badge_secret_congress_id"), ["congress_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("retired_badge_secret", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_retired_badge_secret_congress_id"))

    op.drop_table("retired_badge_secret")
