"""An app of its own, for a fixture that outlives one test (the validity check's pages, the
browser tests' live server): its own SQLite file, migrated, entries public at once."""

from pathlib import Path

import flask_migrate
import sqlalchemy as sa
from flask import Flask

from campaign import create_app


def standalone_app(folder: Path, **settings) -> Flask:
    """The app on a fresh database in `folder`, with `settings` over the shared ones."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "standalone-test-secret-key-long-enough-for-tests",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'campaign.sqlite3'}",
            "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": sa.pool.NullPool},
            "UPLOAD_DIR": str(folder / "uploads"),
            # Entries are public at once, so share buttons and entry pages are there to see.
            "MODERATION": "post",
            "RATELIMIT_ENABLED": False,
            "PUBLIC_BASE_URL": "",
            **settings,
        }
    )
    (folder / "uploads").mkdir()
    with app.app_context():
        flask_migrate.upgrade()  # the real schema, with the search index the wall queries
    return app
