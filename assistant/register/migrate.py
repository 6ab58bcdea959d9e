"""Bring the register's schema up to date on open: forwards only, through Alembic's revisions.

The common case (already current) is one SELECT and no Alembic import. Two
Conduct processes opening a new register at once take turns: on SQLite the
migration runs inside BEGIN IMMEDIATE, on PostgreSQL under an advisory lock.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from assistant.register.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

_LOCK_KEY = 7_263_421_113  # pg_advisory_xact_lock key for Conduct's migrations


def current_version(conn: "Connection") -> str | None:
    from sqlalchemy import inspect, text

    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(conn: "Connection | None" = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("assistant.register") / "migrations"))
    if conn is not None:
        config.attributes["connection"] = conn
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade(engine: "Engine", target: str = "head") -> None:
    """Run the migrations up to `target` (head by default), in one transaction."""
    from alembic import command

    with engine.connect() as conn:
        conn = conn.execution_options(write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_KEY})")
            command.upgrade(alembic_config(conn), target)


def ensure_current(engine: "Engine") -> None:
    with engine.connect() as conn:
        version = current_version(conn)
        conn.rollback()
    if version == SCHEMA_VERSION:
        return
    upgrade(engine)
