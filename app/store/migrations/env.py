"""Alembic environment. Proofreel runs it from app.store.migrate with a live connection.

For development (``alembic revision --autogenerate``) without that connection, it connects to
``sqlalchemy.url`` from the config, else to the library ``$PROOFREEL_DB`` or the default points at.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from app.store.engine import make_engine, resolve_url
from app.store.models import Base

config = context.config


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table instead.
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or resolve_url(None))
    try:
        with engine.connect() as fresh:
            run_on(fresh)
            fresh.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Proofreel migrations run online only (they need the database to batch).")
run()
