"""The register's tables, as SQLAlchemy Core metadata: the one description both databases are built from.

`events` is the record (append-only, hash-chained); `entries` is each entry's
latest state, rebuilt from its events by `verify`; `chain_head` is one row, the
last event's number and hash, locked by every writer so that two officers
recording at once take turns at the end of the chain.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, MetaData, String, Table, Text

SCHEMA_VERSION = "0003"
"""The newest migration's revision; checked on start without importing Alembic."""

metadata = MetaData()

entries = Table(
    "entries", metadata,
    Column("id", String(36), primary_key=True),
    Column("officer", String(63), nullable=False),
    Column("approver", String(63), nullable=False, server_default=""),
    Column("approver_role", String(200), nullable=False, server_default=""),
    Column("kind", String(20), nullable=False),
    Column("giver", String(200), nullable=False, server_default=""),
    Column("description", Text, nullable=False),
    Column("value_pence", Integer, nullable=True),
    Column("offered_on", Date, nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("circumstances", Text, nullable=False, server_default=""),
    Column("council", String(63), nullable=True),
    Column("question", Text, nullable=False, server_default=""),
    Column("verdict", String(40), nullable=False, server_default=""),
    Column("summary", Text, nullable=False, server_default=""),
    Column("citations", Text, nullable=False, server_default="[]"),
    Column("fingerprint", String(32), nullable=False, server_default=""),
    Column("status", String(20), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    Column("submitted_at", String(32), nullable=True),
    Column("decided_by", String(63), nullable=True),
    Column("decision_comment", Text, nullable=False, server_default=""),
    Column("last_seq", Integer, nullable=False),
    Index("ix_entries_officer", "officer"),
    Index("ix_entries_approver_status", "approver", "status"),
    Index("ix_entries_giver", "giver"),
)

events = Table(
    "events", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("entry_id", String(36), nullable=False),
    Column("type", String(20), nullable=False),
    Column("actor", String(63), nullable=False),
    Column("officer", String(63), nullable=False),
    Column("approver", String(63), nullable=False, server_default=""),
    Column("at", String(32), nullable=False),
    Column("payload", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("ix_events_entry", "entry_id"),
)

chain_head = Table(
    "chain_head", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)

GENESIS = "0" * 64
