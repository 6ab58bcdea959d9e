"""Who may do what, enforced by the database: events become append-only on both databases;
on PostgreSQL, roles, grants and row-level security (sql/roles.sql, sql/policies.sql).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from importlib import resources

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for name in ("roles.sql", "policies.sql"):
            sql = (resources.files("assistant.register") / "sql" / name).read_text(encoding="utf-8")
            bind.exec_driver_sql(sql)
        return
    op.execute("CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
               "BEGIN SELECT RAISE(ABORT, 'register events are append-only'); END")
    op.execute("CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
               "BEGIN SELECT RAISE(ABORT, 'register events are append-only'); END")
