"""The settings a test app is created with (tests/conftest.py's `app`, the chaos tests' own)."""

from pathlib import Path

import sqlalchemy as sa


def app_settings(url: str, upload_dir: Path) -> dict:
    """The settings every test app starts from: this database, these uploads, no rate limits."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-for-tests",
        "SQLALCHEMY_DATABASE_URI": url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": sa.pool.NullPool},
        "UPLOAD_DIR": str(upload_dir),
        "MODERATION": "pre",
        "RATELIMIT_ENABLED": False,
        "PUBLIC_BASE_URL": "",
        "SERVER_NAME": "campaign.test",
        # Tests look at the wall right after changing entries: no micro-cache.
        "WALL_PAGE_CACHE_SECONDS": 0,
    }
