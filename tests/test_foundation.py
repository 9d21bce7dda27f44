"""Configuration, migrations and the database schema."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from campaign import create_app
from campaign.config import DEFAULT_SECRET_KEY


def test_migrations_build_exactly_the_schema_the_models_describe(app, db):
    # The same options `flask db migrate` uses, so objects it deliberately leaves alone
    # (the full-text search tables and index) are left alone here too.
    options = dict(app.extensions["migrate"].configure_args)
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts=options)
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_production_refuses_the_default_secret_key(monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="default SECRET_KEY"):
        create_app()
    monkeypatch.setenv("SECRET_KEY", DEFAULT_SECRET_KEY)
    with pytest.raises(RuntimeError, match="default SECRET_KEY"):
        create_app()


def test_production_refuses_to_start_without_the_card_text_engine(monkeypatch, caplog):
    # Without raqm, Arabic cards would be published unjoined and backwards.
    monkeypatch.setattr("campaign.cards.fonts.features.check", lambda name: False)
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://learners.example.org")
    monkeypatch.setenv("CAMPAIGN_ENV", "production")
    with pytest.raises(RuntimeError, match="Refusing to start in production.*raqm"):
        create_app()
    monkeypatch.setenv("CAMPAIGN_ENV", "development")
    create_app()  # a development machine may still work on everything but cards
    assert "Card text engine unavailable" in caplog.text


def test_unknown_moderation_mode_is_refused(monkeypatch):
    monkeypatch.setenv("MODERATION", "sometimes")
    with pytest.raises(RuntimeError, match="MODERATION"):
        create_app()


def test_heroku_style_database_urls_are_understood(monkeypatch):
    from campaign.config import from_environment

    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example:5432/campaign")
    url = from_environment()["SQLALCHEMY_DATABASE_URI"]
    assert url == "postgresql+psycopg://u:p@db.example:5432/campaign"


def test_pages_carry_security_headers(client):
    response = client.get("/")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
