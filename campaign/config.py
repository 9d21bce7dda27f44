"""Settings read from the environment, with safe defaults for the embedded default."""

import os
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SECRET_KEY = "dev-only-insecure-secret-key"  # noqa: S105 (refused in production)


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'instance' / 'campaign.sqlite3'}")
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants the driver named.
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _moment(name: str) -> datetime | None:
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise RuntimeError(
            f"{name} must be a date or time in ISO 8601, e.g. 2027-03-31T23:59+02:00."
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _optional_int(name: str) -> int | None:
    value = os.environ.get(name, "").strip().lower()
    return None if value in {"", "never"} else int(value)


# Settings no environment variable changes: Flask's and the extensions' (tests may override).
FIXED = {
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": 6 * 3600,
    "RATELIMIT_HEADERS_ENABLED": True,
    "BABEL_DEFAULT_LOCALE": "en",
    "LANGUAGES": ["en", "fr", "es", "ar", "zh"],
    "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "translations"),
    # Entries per page of the moderation queue.
    "MODERATION_PAGE_SIZE": 20,
}


def from_environment() -> dict:
    """Every setting the app reads: the fixed ones, then one per environment variable.

    This is the one table of defaults: code reads app.config["NAME"] and writes no default of
    its own; docs/configuration.md documents every variable (tests/test_conventions.py).
    """
    env = os.environ.get("CAMPAIGN_ENV", "development")
    max_upload_mb = int(os.environ.get("MAX_UPLOAD_MB", "15"))
    moderation = os.environ.get("MODERATION", "pre").strip().lower()
    return {
        **FIXED,
        "ENV": env,
        "SECRET_KEY": os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY),
        "SQLALCHEMY_DATABASE_URI": _database_url(),
        "SQLALCHEMY_ENGINE_OPTIONS": {
            "pool_pre_ping": True,
            "pool_size": int(os.environ.get("DB_POOL_SIZE", "5")),
            "max_overflow": int(os.environ.get("DB_MAX_OVERFLOW", "5")),
            # Waiting longer for a free connection than for the database itself is pointless.
            "pool_timeout": float(os.environ.get("DB_POOL_TIMEOUT", "10")),
        }
        if _database_url().startswith("postgresql")
        else {},
        # Seconds a request may wait to connect to PostgreSQL, and any statement may run.
        "DB_CONNECT_TIMEOUT": float(os.environ.get("DB_CONNECT_TIMEOUT", "5")),
        "DB_STATEMENT_TIMEOUT": float(os.environ.get("DB_STATEMENT_TIMEOUT", "15")),
        "UPLOAD_DIR": os.environ.get("UPLOAD_DIR", str(ROOT / "uploads")),
        "MAX_UPLOAD_MB": max_upload_mb,
        # The photo limit plus room for the form fields around it.
        "MAX_CONTENT_LENGTH": max_upload_mb * 1024 * 1024 + 64 * 1024,
        "MODERATION": moderation,
        "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL", "").rstrip("/"),
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        # Seconds to wait for Redis (connect and each answer): it is an accelerator, so a
        # hung one must cost milliseconds; past it the app goes on without it.
        "REDIS_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
        # While PostgreSQL is unreachable, the wall, entry pages and the feed are served from
        # copies up to this many seconds old (0: never; then such requests answer 503).
        "STALE_IF_ERROR_SECONDS": int(os.environ.get("STALE_IF_ERROR_SECONDS", "600")),
        # /readyz writes and deletes a small file at most this often per process.
        "READYZ_STORAGE_SECONDS": int(os.environ.get("READYZ_STORAGE_SECONDS", "30")),
        "RATELIMIT_ENABLED": _bool("RATELIMIT_ENABLED", True),
        # How long the wall's counters and statistics may be cached (0: not at all).
        "WALL_CACHE_SECONDS": int(os.environ.get("WALL_CACHE_SECONDS", "60")),
        # Rate limits (Flask-Limiter notation) per client address.
        "SUBMIT_RATE_LIMIT": os.environ.get("SUBMIT_RATE_LIMIT", "20 per hour"),
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per minute; 50 per hour"),
        "REPORT_RATE_LIMIT": os.environ.get("REPORT_RATE_LIMIT", "10 per hour"),
        # Statement edits, each of which renders the cards again: per address and per entry.
        "EDIT_RATE_LIMIT": os.environ.get("EDIT_RATE_LIMIT", "30 per hour"),
        "EDIT_RATE_LIMIT_PER_ENTRY": os.environ.get("EDIT_RATE_LIMIT_PER_ENTRY", "10 per hour"),
        "API_RATE_LIMIT": os.environ.get("API_RATE_LIMIT", "120 per minute"),
        # The join page's live preview: its layouts (while typing) and face finding together.
        "PREVIEW_RATE_LIMIT": os.environ.get("PREVIEW_RATE_LIMIT", "240 per hour; 60 per minute"),
        # Searches (?q=) on the wall, its fragment, embed, feed and JSON, counted together.
        "WALL_SEARCH_RATE_LIMIT": os.environ.get("WALL_SEARCH_RATE_LIMIT", "30 per minute"),
        # Several campaigns may share one Redis: each counts under its own prefix.
        "RATELIMIT_KEY_PREFIX": os.environ.get("RATELIMIT_KEY_PREFIX", "campaign"),
        # Where files live: empty for UPLOAD_DIR, or s3://bucket/prefix.
        "STORAGE_URL": os.environ.get("STORAGE_URL", ""),
        "S3_ENDPOINT_URL": os.environ.get("S3_ENDPOINT_URL", ""),
        "S3_REGION": os.environ.get("S3_REGION", ""),
        "S3_PUBLIC_URL": os.environ.get("S3_PUBLIC_URL", ""),
        "S3_URL_EXPIRES": int(os.environ.get("S3_URL_EXPIRES", str(7 * 24 * 3600))),
        # boto3's standard retry mode, with bounds: a call gives up after this many attempts.
        "S3_CONNECT_TIMEOUT": float(os.environ.get("S3_CONNECT_TIMEOUT", "2")),
        "S3_READ_TIMEOUT": float(os.environ.get("S3_READ_TIMEOUT", "5")),
        "S3_MAX_ATTEMPTS": int(os.environ.get("S3_MAX_ATTEMPTS", "3")),
        # How many reverse proxies in front of the app set X-Forwarded-For/-Proto (0: none).
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES", "0")),
        # X-Forwarded-Host/-Port are believed only when the proxy is known to set them itself;
        # a proxy that passes a client's header through would let anyone choose the host.
        "TRUST_FORWARDED_HOST": _bool("TRUST_FORWARDED_HOST", False),
        # Sites allowed to frame the embeddable routes (CSP frame-ancestors syntax).
        "EMBED_FRAME_ANCESTORS": os.environ.get("EMBED_FRAME_ANCESTORS", "*"),
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", env == "production"),
        "CARD_ACCENT": os.environ.get("CARD_ACCENT", ""),
        "CARD_MARK_TEXT": os.environ.get("CARD_MARK_TEXT", ""),
        "CARD_LOGO": os.environ.get("CARD_LOGO", ""),
        # Officials: how long an invitation link works; SMTP to e-mail it (no SMTP_HOST:
        # the admin copies the link). SMTP_SECURITY is starttls, ssl or none.
        "INVITATION_VALID_DAYS": int(os.environ.get("INVITATION_VALID_DAYS", "14")),
        "SMTP_HOST": os.environ.get("SMTP_HOST", ""),
        "SMTP_PORT": int(os.environ.get("SMTP_PORT", "587")),
        "SMTP_SECURITY": os.environ.get("SMTP_SECURITY", "starttls").strip().lower(),
        "SMTP_USERNAME": os.environ.get("SMTP_USERNAME", ""),
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD", ""),
        "SMTP_FROM": os.environ.get("SMTP_FROM", ""),
        "SMTP_TIMEOUT": float(os.environ.get("SMTP_TIMEOUT", "10")),
        # Moderation: failed sign-ins per account (LOGIN_RATE_LIMIT counts them per address),
        # the blocklist folder and the thresholds of the automatic flags.
        "SIGN_IN_LIMIT_PER_ACCOUNT": os.environ.get(
            "SIGN_IN_LIMIT_PER_ACCOUNT", "5 per 15 minutes"
        ),
        "MODERATION_BLOCKLIST_DIR": os.environ.get("MODERATION_BLOCKLIST_DIR", ""),
        "PHOTO_DUPLICATE_DISTANCE": int(os.environ.get("PHOTO_DUPLICATE_DISTANCE", "3")),
        "IP_BURST_COUNT": int(os.environ.get("IP_BURST_COUNT", "5")),
        "IP_BURST_MINUTES": int(os.environ.get("IP_BURST_MINUTES", "10")),
        "REMEMBER_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", env == "production"),
        # Direct posting (campaign/sharing/oauth): a provider without a client id shows no button.
        "LINKEDIN_CLIENT_ID": os.environ.get("LINKEDIN_CLIENT_ID", ""),
        "LINKEDIN_CLIENT_SECRET": os.environ.get("LINKEDIN_CLIENT_SECRET", ""),
        "LINKEDIN_AUTHORIZE_URL": os.environ.get(
            "LINKEDIN_AUTHORIZE_URL", "https://www.linkedin.com/oauth/v2/authorization"
        ),
        "LINKEDIN_TOKEN_URL": os.environ.get(
            "LINKEDIN_TOKEN_URL", "https://www.linkedin.com/oauth/v2/accessToken"
        ),
        "LINKEDIN_API_BASE": os.environ.get("LINKEDIN_API_BASE", "https://api.linkedin.com"),
        "LINKEDIN_API_VERSION": os.environ.get("LINKEDIN_API_VERSION", ""),
        "X_CLIENT_ID": os.environ.get("X_CLIENT_ID", ""),
        "X_CLIENT_SECRET": os.environ.get("X_CLIENT_SECRET", ""),
        "X_AUTHORIZE_URL": os.environ.get("X_AUTHORIZE_URL", "https://x.com/i/oauth2/authorize"),
        "X_TOKEN_URL": os.environ.get("X_TOKEN_URL", "https://api.x.com/2/oauth2/token"),
        "X_API_BASE": os.environ.get("X_API_BASE", "https://api.x.com"),
        "SHARE_HTTP_TIMEOUT": float(os.environ.get("SHARE_HTTP_TIMEOUT", "10")),
        "SHARE_POST_RATE_LIMIT": os.environ.get("SHARE_POST_RATE_LIMIT", "30 per hour"),
        # Seconds the wall's rendered pages may be served from cache; unset: 5 (0 under
        # TESTING, so tests see their writes at once); 0: off. See campaign/wall/pagecache.py.
        # Privacy (campaign/privacy): who answers for the data, the notice's folder of
        # per-language overrides, the age threshold and how long each kind of data is kept.
        "PRIVACY_CONTROLLER_NAME": os.environ.get("PRIVACY_CONTROLLER_NAME", "").strip(),
        "PRIVACY_CONTROLLER_CONTACT": os.environ.get("PRIVACY_CONTROLLER_CONTACT", "").strip(),
        "PRIVACY_NOTICE_DIR": os.environ.get("PRIVACY_NOTICE_DIR", "").strip(),
        "AGE_THRESHOLD": int(os.environ.get("AGE_THRESHOLD", "16")),
        "RETENTION_REJECTED_PHOTO_DAYS": int(os.environ.get("RETENTION_REJECTED_PHOTO_DAYS", "30")),
        "RETENTION_REPORT_DAYS": int(os.environ.get("RETENTION_REPORT_DAYS", "90")),
        "RETENTION_IP_HASH_DAYS": int(os.environ.get("RETENTION_IP_HASH_DAYS", "7")),
        # The campaign's life: submissions open from/until (ISO 8601, UTC unless an offset is
        # given; empty: no limit), then the archive; after ARCHIVE_PURGE_AFTER_DAYS (empty:
        # never) `flask privacy purge` removes the photos ("photos") or every entry.
        "SUBMISSIONS_OPEN_FROM": _moment("SUBMISSIONS_OPEN_FROM"),
        "SUBMISSIONS_OPEN_UNTIL": _moment("SUBMISSIONS_OPEN_UNTIL"),
        "ARCHIVE_PURGE_AFTER_DAYS": _optional_int("ARCHIVE_PURGE_AFTER_DAYS"),
        "ARCHIVE_PURGE": os.environ.get("ARCHIVE_PURGE", "photos").strip().lower(),
        "WALL_PAGE_CACHE_SECONDS": (
            int(os.environ["WALL_PAGE_CACHE_SECONDS"])
            if os.environ.get("WALL_PAGE_CACHE_SECONDS", "").strip()
            else None
        ),
    }


def validate(config: dict) -> None:
    """Refuse settings that would be unsafe or meaningless."""
    if config["MODERATION"] not in {"pre", "post"}:
        raise RuntimeError("MODERATION must be 'pre' or 'post'.")
    if config.get("SMTP_SECURITY", "starttls") not in {"starttls", "ssl", "none"}:
        raise RuntimeError("SMTP_SECURITY must be 'starttls', 'ssl' or 'none'.")
    if not 1 <= config.get("INVITATION_VALID_DAYS", 14) <= 365:
        raise RuntimeError("INVITATION_VALID_DAYS must be from 1 to 365.")
    _validate_privacy(config)
    if config["ENV"] == "production" and config["SECRET_KEY"] in {DEFAULT_SECRET_KEY, ""}:
        raise RuntimeError(
            "Refusing to start in production with the default SECRET_KEY: "
            "set a long random SECRET_KEY."
        )
    if config["ENV"] == "production" and len(config["SECRET_KEY"]) < 32:
        raise RuntimeError(
            "SECRET_KEY is too short for production: use at least 32 random characters."
        )
    base = config.get("PUBLIC_BASE_URL", "")
    if config["ENV"] == "production" and not base:
        raise RuntimeError(
            "Refusing to start in production without PUBLIC_BASE_URL: every absolute link "
            "(shared pages, og:image, the embeddable wall) is built from it, never from a "
            "request's Host header. Set it to e.g. https://learners.example.org."
        )
    if base:
        parts = urlsplit(base)
        if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query:
            raise RuntimeError(
                "PUBLIC_BASE_URL must be an http(s) URL such as https://learners.example.org."
            )


def _validate_privacy(config: dict) -> None:
    if not 1 <= config.get("AGE_THRESHOLD", 16) <= 99:
        raise RuntimeError("AGE_THRESHOLD must be from 1 to 99.")
    for name in (
        "RETENTION_REJECTED_PHOTO_DAYS",
        "RETENTION_REPORT_DAYS",
        "RETENTION_IP_HASH_DAYS",
    ):
        if config.get(name, 0) < 0:
            raise RuntimeError(f"{name} must be 0 or more days.")
    if (config.get("ARCHIVE_PURGE_AFTER_DAYS") or 0) < 0:
        raise RuntimeError("ARCHIVE_PURGE_AFTER_DAYS must be 0 or more days, or 'never'.")
    if config.get("ARCHIVE_PURGE", "photos") not in {"photos", "everything"}:
        raise RuntimeError("ARCHIVE_PURGE must be 'photos' or 'everything'.")
    opens, closes = config.get("SUBMISSIONS_OPEN_FROM"), config.get("SUBMISSIONS_OPEN_UNTIL")
    if opens and closes and closes <= opens:
        raise RuntimeError("SUBMISSIONS_OPEN_UNTIL must be after SUBMISSIONS_OPEN_FROM.")
