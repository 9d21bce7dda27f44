"""Settings read from the environment: one table, `SETTINGS`, holds every default.

Adding a setting is one line in `SETTINGS` (name, default, parser) and one row in
docs/configuration.md; code then reads `app.config["NAME"]` and writes no default of its own.
tests/test_conventions.py checks the table and the reference against each other, defaults too.
"""

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
ANYONE = "*"  # CSP frame-ancestors: any site may frame the embeddable routes
DEFAULT_SECRET_KEY = "dev-only-insecure-secret-key"  # noqa: S105 (refused in production)


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _word(value: str) -> str:
    return value.strip().lower()


def _stripped(value: str) -> str:
    return value.strip()


def _frame_ancestors(value: str) -> str:
    # Empty would be an invalid CSP directive; it has always meant the default, anyone.
    return value or ANYONE


def _base_url(value: str) -> str:
    return value.rstrip("/")


def _database_url(url: str) -> str:
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants the driver named.
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _moment(value: str) -> datetime | None:
    """An ISO 8601 date or time, UTC unless it names an offset; empty: None."""
    if not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(
            "must be a date or time in ISO 8601, e.g. 2027-03-31T23:59+02:00."
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _optional_int(value: str) -> int | None:
    """A number of days, or None for empty or "never"."""
    value = value.strip().lower()
    return None if value in {"", "never"} else int(value)


def _campaign_lines(value: str) -> tuple[tuple[str, str], ...]:
    """A JSON object of campaign lines by language code, as (code, line) pairs."""
    if not value.strip():
        return ()
    lines = json.loads(value)
    if not isinstance(lines, dict):
        raise ValueError('give a JSON object, e.g. {"fr": "Lyon, ville apprenante"}')
    languages = FIXED["LANGUAGES"]
    for code, line in lines.items():
        if code not in languages:
            raise ValueError(f"{code!r} is not one of the languages {', '.join(languages)}")
        if not isinstance(line, str) or not line.strip():
            raise ValueError(f"the line for {code!r} must be a non-empty text")
    return tuple((code, line.strip()) for code, line in lines.items())


def _host_map(value: str) -> dict[str, str]:
    """ "learn.espoo.example=espoo, ..." as {host: edition slug}; hosts in lower case."""
    hosts = {}
    for pair in filter(None, (part.strip() for part in value.split(","))):
        host, sep, slug = pair.partition("=")
        if not sep or not host.strip() or not slug.strip():
            raise ValueError("must be host=edition pairs, e.g. learn.espoo.example=espoo.")
        hosts[host.strip().lower()] = slug.strip()
    return hosts


def _secrets(value: str) -> tuple[str, ...]:
    """Keys separated by commas or white space."""
    return tuple(value.replace(",", " ").split())


def _int_or_unset(value: str) -> int | None:
    return int(value) if value.strip() else None


@dataclass(frozen=True)
class Setting:
    """One environment variable: its default (a parsed value) and how its text is read.

    `key` is the app.config name when it differs from the variable's; `shown` is the default
    as docs/configuration.md words it, only where the value alone does not say it (a path,
    a value computed elsewhere from an empty or None default).
    """

    name: str
    default: object
    parse: Callable[[str], object] = str
    key: str | None = None
    shown: str | None = None

    def read(self, environ: Mapping[str, str]) -> object:
        text = environ.get(self.name)
        if text is None:
            return self.default
        try:
            return self.parse(text)
        except ValueError as error:
            raise RuntimeError(f"{self.name}: {error}") from None


S, DAY = Setting, 24 * 3600
# fmt: off
SETTINGS: tuple[Setting, ...] = (
    S("CAMPAIGN_ENV", "development", key="ENV"),
    S("SECRET_KEY", DEFAULT_SECRET_KEY, shown="a development key"),
    # Earlier keys, so a key change signs nobody out and breaks no link (campaign/sessions.py).
    S("SECRET_KEY_FALLBACKS", (), _secrets, shown="(none)"),
    S("DATABASE_URL", f"sqlite:///{ROOT / 'instance' / 'campaign.sqlite3'}", _database_url,
      key="SQLALCHEMY_DATABASE_URI", shown="`sqlite:///instance/campaign.sqlite3`"),
    # PostgreSQL's pool per worker (SQLALCHEMY_ENGINE_OPTIONS) and its timeouts in seconds.
    S("DB_POOL_SIZE", 5, int),
    S("DB_MAX_OVERFLOW", 5, int),
    S("DB_POOL_TIMEOUT", 10.0, float),
    S("DB_CONNECT_TIMEOUT", 5.0, float),
    S("DB_STATEMENT_TIMEOUT", 15.0, float),
    S("UPLOAD_DIR", str(ROOT / "uploads"), shown="`uploads/`"),
    S("MAX_UPLOAD_MB", 15, int),
    S("MODERATION", "pre", _word),
    S("PUBLIC_BASE_URL", "", _base_url, shown="(none: in development the request's host)"),
    # Host names that serve a city edition at their root (campaign/editions/routing.py).
    S("EDITION_HOSTS", {}, _host_map, shown="(none)"),
    S("REDIS_URL", ""),
    # Redis is an accelerator: a hung one must cost milliseconds, then the app goes on.
    S("REDIS_TIMEOUT", 0.25, float),
    S("STALE_IF_ERROR_SECONDS", 600, int),
    S("READYZ_STORAGE_SECONDS", 30, int),
    S("WALL_CACHE_SECONDS", 60, int),
    # Unset: 5 s, or 0 under TESTING so tests see their writes (campaign/wall/pagecache.py).
    S("WALL_PAGE_CACHE_SECONDS", None, _int_or_unset, shown="`5` (`0` under `TESTING`)"),
    S("RATELIMIT_ENABLED", True, _bool),
    S("SUBMIT_RATE_LIMIT", "20 per hour"),
    S("LOGIN_RATE_LIMIT", "10 per minute; 50 per hour"),
    S("REPORT_RATE_LIMIT", "10 per hour"),
    S("EDIT_RATE_LIMIT", "30 per hour"),
    S("EDIT_RATE_LIMIT_PER_ENTRY", "10 per hour"),
    S("API_RATE_LIMIT", "120 per minute"),
    S("PREVIEW_RATE_LIMIT", "240 per hour; 60 per minute"),
    S("WALL_SEARCH_RATE_LIMIT", "30 per minute"),
    S("RATELIMIT_KEY_PREFIX", "campaign"),
    S("STORAGE_URL", "", shown="(none: `UPLOAD_DIR`)"),
    S("S3_ENDPOINT_URL", "", shown="(none: AWS)"),
    S("S3_REGION", "", shown="(none: AWS)"),
    S("S3_PUBLIC_URL", ""),
    S("S3_URL_EXPIRES", 7 * DAY, int),
    S("S3_CONNECT_TIMEOUT", 2.0, float),
    S("S3_READ_TIMEOUT", 5.0, float),
    S("S3_MAX_ATTEMPTS", 3, int),
    S("TRUSTED_PROXIES", 0, int),
    S("TRUST_FORWARDED_HOST", False, _bool),
    S("EMBED_FRAME_ANCESTORS", ANYONE, _frame_ancestors),
    # None: secure in production only (see _derived).
    S("SESSION_COOKIE_SECURE", None, _bool, shown="`true` in production"),
    S("CARD_ACCENT", "", shown="(none: campaign defaults)"),
    S("CARD_MARK_TEXT", "", shown="(none: campaign defaults)"),
    S("CARD_LOGO", "", shown="(none: campaign defaults)"),
    S("CARD_CAMPAIGN_LINES", (), _campaign_lines, shown="(none: the translated line)"),
    S("INVITATION_VALID_DAYS", 14, int),
    S("SMTP_HOST", ""),
    S("SMTP_PORT", 587, int),
    S("SMTP_SECURITY", "starttls", _word),
    S("SMTP_USERNAME", ""),
    S("SMTP_PASSWORD", ""),
    S("SMTP_FROM", "", shown="(none: `SMTP_USERNAME`)"),
    S("SMTP_TIMEOUT", 10.0, float),
    S("SIGN_IN_LIMIT_PER_ACCOUNT", "5 per 15 minutes"),
    S("MODERATION_BLOCKLIST_DIR", "", shown="(none: `campaign/moderation/blocklists/`)"),
    S("PHOTO_DUPLICATE_DISTANCE", 3, int),
    S("IP_BURST_COUNT", 5, int),
    S("IP_BURST_MINUTES", 10, int),
    S("LINKEDIN_CLIENT_ID", ""),
    S("LINKEDIN_CLIENT_SECRET", ""),
    S("LINKEDIN_AUTHORIZE_URL", "https://www.linkedin.com/oauth/v2/authorization"),
    S("LINKEDIN_TOKEN_URL", "https://www.linkedin.com/oauth/v2/accessToken"),
    S("LINKEDIN_API_BASE", "https://api.linkedin.com"),
    S("LINKEDIN_API_VERSION", "", shown="(none: the code's `linkedin.API_VERSION`)"),
    S("X_CLIENT_ID", ""),
    S("X_CLIENT_SECRET", ""),
    S("X_AUTHORIZE_URL", "https://x.com/i/oauth2/authorize"),
    S("X_TOKEN_URL", "https://api.x.com/2/oauth2/token"),
    S("X_API_BASE", "https://api.x.com"),
    S("SHARE_HTTP_TIMEOUT", 10.0, float),
    S("SHARE_POST_RATE_LIMIT", "30 per hour"),
    S("PRIVACY_CONTROLLER_NAME", "", _stripped),
    S("PRIVACY_CONTROLLER_CONTACT", "", _stripped),
    S("PRIVACY_NOTICE_DIR", "", _stripped, shown="(none: the shipped notice)"),
    S("AGE_THRESHOLD", 16, int),
    S("RETENTION_REJECTED_PHOTO_DAYS", 30, int),
    S("RETENTION_REPORT_DAYS", 90, int),
    S("RETENTION_IP_HASH_DAYS", 7, int),
    S("SUBMISSIONS_OPEN_FROM", None, _moment, shown="(none: always open)"),
    S("SUBMISSIONS_OPEN_UNTIL", None, _moment, shown="(none: always open)"),
    S("ARCHIVE_PURGE_AFTER_DAYS", None, _optional_int, shown="(none: never)"),
    S("ARCHIVE_PURGE", "photos", _word),
)
# fmt: on

# Settings no environment variable changes: Flask's and the extensions' (tests may override).
FIXED = {
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": 6 * 3600,
    "RATELIMIT_HEADERS_ENABLED": True,
    # Redis is an accelerator: when it is away, each process counts alone (Flask-Limiter
    # warns once and checks back with growing intervals) instead of failing the request.
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
    "RATELIMIT_SWALLOW_ERRORS": True,
    "BABEL_DEFAULT_LOCALE": "en",
    "LANGUAGES": ["en", "fr", "es", "ar", "zh"],
    "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "translations"),
    # Flask-Login's default, named here so the page cache can tell a remembered visitor.
    "REMEMBER_COOKIE_NAME": "remember_token",
    # Entries per page of the moderation queue.
    "MODERATION_PAGE_SIZE": 20,
}


def defaults() -> dict:
    """Every setting at its default, as an environment without any of the variables gives."""
    return from_environment({})


def from_environment(environ: Mapping[str, str] = os.environ) -> dict:
    """Every setting the app reads: the fixed ones, one per variable, then those derived."""
    values = {setting.key or setting.name: setting.read(environ) for setting in SETTINGS}
    return {**FIXED, **values, **_derived(values)}


def _derived(values: dict) -> dict:
    """Flask's and the extensions' settings that follow from ours."""
    secure = values["SESSION_COOKIE_SECURE"]
    if secure is None:
        secure = values["ENV"] == "production"
    postgres = values["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")
    return {
        # The photo limit plus room for the form fields around it.
        "MAX_CONTENT_LENGTH": values["MAX_UPLOAD_MB"] * 1024 * 1024 + 64 * 1024,
        "SESSION_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_SECURE": secure,
        "SQLALCHEMY_ENGINE_OPTIONS": {
            "pool_pre_ping": True,
            "pool_size": values["DB_POOL_SIZE"],
            "max_overflow": values["DB_MAX_OVERFLOW"],
            # Waiting longer for a free connection than for the database itself is pointless.
            "pool_timeout": values["DB_POOL_TIMEOUT"],
        }
        if postgres
        else {},
    }


def validate(config: dict) -> None:
    """Refuse settings that would be unsafe or meaningless."""
    if config["MODERATION"] not in {"pre", "post"}:
        raise RuntimeError("MODERATION must be 'pre' or 'post'.")
    if config["SMTP_SECURITY"] not in {"starttls", "ssl", "none"}:
        raise RuntimeError("SMTP_SECURITY must be 'starttls', 'ssl' or 'none'.")
    if not 1 <= config["INVITATION_VALID_DAYS"] <= 365:
        raise RuntimeError("INVITATION_VALID_DAYS must be from 1 to 365.")
    _validate_privacy(config)
    if config["ENV"] == "production":
        _validate_secret_keys(config)
    base = config["PUBLIC_BASE_URL"]
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


def _validate_secret_keys(config: dict) -> None:
    """Production: SECRET_KEY and every earlier key still accepted are long and random (the
    development key is in this repository: accepting it would let anyone forge a session)."""
    if config["SECRET_KEY"] in {DEFAULT_SECRET_KEY, ""}:
        raise RuntimeError(
            "Refusing to start in production with the default SECRET_KEY: "
            "set a long random SECRET_KEY."
        )
    if len(config["SECRET_KEY"]) < 32:
        raise RuntimeError(
            "SECRET_KEY is too short for production: use at least 32 random characters."
        )
    for earlier in config["SECRET_KEY_FALLBACKS"]:
        if earlier == DEFAULT_SECRET_KEY or len(earlier) < 32:
            raise RuntimeError(
                "SECRET_KEY_FALLBACKS holds the default or a short key: in production every "
                "key it lists must be at least 32 random characters."
            )


def _validate_privacy(config: dict) -> None:
    if not 1 <= config["AGE_THRESHOLD"] <= 99:
        raise RuntimeError("AGE_THRESHOLD must be from 1 to 99.")
    for name in (
        "RETENTION_REJECTED_PHOTO_DAYS",
        "RETENTION_REPORT_DAYS",
        "RETENTION_IP_HASH_DAYS",
    ):
        if config[name] < 0:
            raise RuntimeError(f"{name} must be 0 or more days.")
    if (config["ARCHIVE_PURGE_AFTER_DAYS"] or 0) < 0:
        raise RuntimeError("ARCHIVE_PURGE_AFTER_DAYS must be 0 or more days, or 'never'.")
    if config["ARCHIVE_PURGE"] not in {"photos", "everything"}:
        raise RuntimeError("ARCHIVE_PURGE must be 'photos' or 'everything'.")
    opens, closes = config["SUBMISSIONS_OPEN_FROM"], config["SUBMISSIONS_OPEN_UNTIL"]
    if opens and closes and closes <= opens:
        raise RuntimeError("SUBMISSIONS_OPEN_UNTIL must be after SUBMISSIONS_OPEN_FROM.")
