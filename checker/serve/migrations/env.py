"""Alembic's entry point for doccheck's review database (run by :func:`checker.serve.store.migrate`)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from checker.serve.store import Base

target_metadata = Base.metadata
url = context.config.get_main_option("sqlalchemy.url") or ""

if context.is_offline_mode():
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = create_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
