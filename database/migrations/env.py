"""Alembic environment for plan files.

Migrations always run on a connection handed in by ``planner_app.storage.migrate``
(``config.attributes["connection"]``): the app never lets Alembic open a file itself, so
locking, backups and error handling stay in one place.
"""

from alembic import context

from planner_app.domain import Base

target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:  # `alembic revision --autogenerate` from a developer shell
        from sqlalchemy import create_engine

        url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///:memory:"
        with create_engine(url).connect() as conn:
            _run(conn)
        return
    _run(connection)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
