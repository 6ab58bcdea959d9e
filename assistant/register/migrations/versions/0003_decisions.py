"""Who may decide, enforced by PostgreSQL: no one decides their own entry, a decision changes only the
decision, and an officer's own changes never set a decision (sql/policies_0003.sql). Nothing to do on
SQLite, which has no roles: there Conduct's own checks are the whole of it.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from importlib import resources

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        sql = (resources.files("assistant.register") / "sql" / "policies_0003.sql").read_text(encoding="utf-8")
        bind.exec_driver_sql(sql)
