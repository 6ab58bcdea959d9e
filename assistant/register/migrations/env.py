"""Alembic's entry point for the register: always run on a connection Conduct hands it."""

from __future__ import annotations

from alembic import context

from assistant.register.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
