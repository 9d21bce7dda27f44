"""Alembic environment, run through Flask-Migrate (flask db ...)."""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

from campaign.models import metadata

config = context.config
# Keep the app's own loggers: the default would disable every logger configured before.
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

target_db = current_app.extensions["migrate"].db
config.set_main_option(
    "sqlalchemy.url",
    target_db.engine.url.render_as_string(hide_password=False).replace("%", "%%"),
)


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    def skip_empty_autogenerate(context, revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            logger.info("No changes in schema detected.")

    configure_args = dict(current_app.extensions["migrate"].configure_args)
    configure_args.setdefault("process_revision_directives", skip_empty_autogenerate)
    with target_db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            # DB_STATEMENT_TIMEOUT bounds requests; building an index on a big table may
            # rightly take longer.
            connection.exec_driver_sql("SET statement_timeout = 0")
            connection.commit()  # else Alembic joins this transaction and never commits
        context.configure(connection=connection, target_metadata=metadata, **configure_args)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
