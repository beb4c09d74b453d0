"""vote_item.counted: the clerk closed the count (计票完毕)

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (not batch mode): SQLite can add a column with a constant default in
    # place, and rebuilding vote_item would trip the foreign keys that point at it.
    op.add_column(
        "vote_item", sa.Column("counted", sa.Boolean(), nullable=False, server_default=sa.false())
    )


def downgrade() -> None:
    with op.batch_alter_table("vote_item", schema=None) as batch_op:
        batch_op.drop_column("counted")
