"""Which database the register lives in, connecting to it, and saying plainly why it cannot be used.

SQLite under CONDUCT_HOME by default, with no set-up; PostgreSQL when
CONDUCT_DATABASE_URL (or `url` in CONDUCT_HOME/register.toml) names one. The
schema is brought up to date on open by Alembic, forwards only; when it is
already current (the usual case) only one small query runs and Alembic is
never imported, so recording stays fast.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

ENV_URL = "CONDUCT_DATABASE_URL"
SQLITE_BUSY_MS = 15_000


class RegisterError(Exception):
    """Something the officer should be told in a sentence, never a traceback."""


class Unavailable(RegisterError):
    """The database cannot be reached, is read-only or is full: keep the draft locally and say why."""

    def __init__(self, message: str, reason: str = "unreachable"):
        super().__init__(message)
        self.reason = reason


class NotAllowed(RegisterError):
    """The database (or Conduct) refuses this person this action."""


class NotFound(RegisterError):
    pass


def register_home() -> Path:
    from corpus.home import conduct_home

    return conduct_home() / "register"


def database_url(explicit: str | None = None) -> str:
    """The register's URL: given, from CONDUCT_DATABASE_URL, from register.toml, or the local SQLite file."""
    if explicit:
        return explicit
    env = os.environ.get(ENV_URL, "").strip()
    if env:
        return env
    config = register_home().parent / "register.toml"
    if config.is_file():
        try:
            url = tomllib.loads(config.read_text(encoding="utf-8")).get("database", {}).get("url", "")
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise RegisterError(f"{config} could not be read ({exc}); fix it or set {ENV_URL}") from None
        if isinstance(url, str) and url.strip():
            return url.strip()
    return f"sqlite:///{register_home() / 'register.db'}"


def shown(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown as its scheme only
        return url.split("://", 1)[0] + "://…"


def make_engine(url: str) -> "Engine":
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        raise RegisterError(f"{shown(url)} is not a database URL (expected sqlite:///PATH or postgresql://…)") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise Unavailable(f"the register's folder {Path(database).parent} cannot be created ({exc.strerror})",
                                  "read_only") from None
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_MS / 1000})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise RegisterError(f"the register runs on SQLite or PostgreSQL, not {parsed.get_backend_name()}")
    return create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 5})


def _sqlite_connect(dbapi_connection, _record) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN IMMEDIATE: writers then queue on the
    # busy timeout instead of failing half-way with "database is locked".
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
        except Exception:  # noqa: BLE001 - a read-only file keeps its journal mode; reading still works
            pass
    finally:
        cursor.close()


def _sqlite_begin(conn) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")


def explain(exc: BaseException, url: str) -> RegisterError:
    """A database error as one sentence; Unavailable when the draft should be kept for later."""
    from sqlalchemy import exc as sa

    where = shown(url)
    original = getattr(exc, "orig", None)
    text = str(original or exc).strip().splitlines()[0] if str(original or exc).strip() else type(exc).__name__
    low = text.lower()
    code = getattr(original, "sqlstate", None) or ""
    if "readonly" in low or "read-only" in low or code == "25006":
        return Unavailable(f"the register at {where} is read-only, so nothing could be saved", "read_only")
    if "disk is full" in low or "disk full" in low or code == "53100" or "no space left" in low:
        return Unavailable(f"the register at {where} is full (no disk space), so nothing could be saved", "full")
    if code == "42501" or "permission denied" in low or "row-level security" in low:
        return NotAllowed(f"the register's database refused this: {text}")
    if "unable to open database" in low or "could not connect" in low or "connection refused" in low \
            or "connection failed" in low or "timeout expired" in low or "could not translate host" in low \
            or "server closed the connection" in low or "name or service not known" in low:
        return Unavailable(f"the register at {where} cannot be reached ({text})", "unreachable")
    if "database is locked" in low:
        return Unavailable(f"the register at {where} is busy (locked by another program for too long)", "busy")
    if "file is not a database" in low or "malformed" in low:
        return Unavailable(f"the register at {where} is damaged ({text}); it was left as it is", "damaged")
    if isinstance(exc, (sa.OperationalError, sa.InterfaceError)):
        return Unavailable(f"the register at {where} cannot be used ({text})", "unreachable")
    return RegisterError(f"the register at {where} failed: {text}")
