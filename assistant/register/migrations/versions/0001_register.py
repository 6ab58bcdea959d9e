"""The register: entries, the hash-chained events, and the chain's head.

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
        "entries",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("officer", sa.String(63), nullable=False),
        sa.Column("approver", sa.String(63), nullable=False, server_default=""),
        sa.Column("approver_role", sa.String(200), nullable=False, server_default=""),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("giver", sa.String(200), nullable=False, server_default=""),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("value_pence", sa.Integer, nullable=True),
        sa.Column("offered_on", sa.Date, nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("circumstances", sa.Text, nullable=False, server_default=""),
        sa.Column("council", sa.String(63), nullable=True),
        sa.Column("question", sa.Text, nullable=False, server_default=""),
        sa.Column("verdict", sa.String(40), nullable=False, server_default=""),
        sa.Column("summary", sa.Text, nullable=False, server_default=""),
        sa.Column("citations", sa.Text, nullable=False, server_default="[]"),
        sa.Column("fingerprint", sa.String(32), nullable=False, server_default=""),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("submitted_at", sa.String(32), nullable=True),
        sa.Column("decided_by", sa.String(63), nullable=True),
        sa.Column("decision_comment", sa.Text, nullable=False, server_default=""),
        sa.Column("last_seq", sa.Integer, nullable=False),
    )
    op.create_index("ix_entries_officer", "entries", ["officer"])
    op.create_index("ix_entries_approver_status", "entries", ["approver", "status"])
    op.create_index("ix_entries_giver", "entries", ["giver"])
    op.create_table(
        "events",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("entry_id", sa.String(36), nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("actor", sa.String(63), nullable=False),
        sa.Column("officer", sa.String(63), nullable=False),
        sa.Column("approver", sa.String(63), nullable=False, server_default=""),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_events_entry", "events", ["entry_id"])
    head = op.create_table(
        "chain_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": "0" * 64}])
