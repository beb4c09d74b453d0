"""offline_scan: scans a desk journaled while the server was out of reach, uploaded once each

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "offline_scan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("congress_id", sa.Integer(), nullable=False),
        sa.Column("sitting_id", sa.Integer(), nullable=False),
        sa.Column("scan_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("station", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("operator", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("desk_status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("other_at", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("other_station", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("uploaded_at", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.ForeignKeyConstraint(["congress_id"], ["congress.id"]),
        sa.ForeignKeyConstraint(["sitting_id"], ["sitting.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("scan_id"),
    )
    with op.batch_alter_table("offline_scan", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_offline_scan_congress_id"), ["congress_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_offline_scan_sitting_id"), ["sitting_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("offline_scan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offline_scan_sitting_id"))
        batch_op.drop_index(batch_op.f("ix_offline_scan_congress_id"))
    op.drop_table("offline_scan")
