"""The decisions on findings and the accept list.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("finding", sa.String(64), nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("excerpt", sa.Text, nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("document", "finding", name="uq_decision_per_finding"),
    )
    op.create_index("ix_decisions_document", "decisions", ["document"])
    op.create_table(
        "accepted_terms",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("term", sa.String(200), nullable=False),
        sa.Column("code", sa.String(16), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("accepted_terms")
    op.drop_index("ix_decisions_document", table_name="decisions")
    op.drop_table("decisions")
