"""The #ImALifelongLearner campaign platform."""

import logging

from flask import Flask

from campaign.config import ROOT, from_environment, validate

log = logging.getLogger(__name__)


def create_app(overrides: dict | None = None) -> Flask:
    """Build the app from the environment, with optional overrides (tests pass theirs)."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    app.config.update(from_environment())
    app.config.update(overrides or {})
    validate(app.config)
    from campaign.numbers import register_id_converter

    register_id_converter(app)

    from campaign.sessions import EncryptedCookieSessionInterface

    app.session_interface = EncryptedCookieSessionInterface()
    _init_extensions(app)
    _register_blueprints(app)

    from campaign.errors import register_error_handlers
    from campaign.i18n import register_i18n
    from campaign.moderation.labels import register_labels
    from campaign.security import register_security_headers
    from campaign.templating import register_template_globals

    register_error_handlers(app)
    _give_back_memory_after_uploads(app)
    register_security_headers(app)
    register_template_globals(app)
    register_i18n(app)
    register_labels(app)

    from campaign.cli import register_commands

    register_commands(app)
    _check_card_text_engine(app)
    return app


def _init_extensions(app: Flask) -> None:
    from campaign import outages
    from campaign.dbtimeouts import engine_options
    from campaign.extensions import babel, csrf, db, limiter, migrate
    from campaign.i18n import select_locale
    from campaign.moderation.access import init_login
    from campaign.storage import make_storage

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        (ROOT / "instance").mkdir(exist_ok=True)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(app.config)
    db.init_app(app)
    outages.close_sessions_when_the_database_is_gone(app, db)
    from campaign.wall.indexes import include_name

    migrate.init_app(
        app,
        db,
        directory=str(ROOT / "migrations"),
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,
    )
    csrf.init_app(app)
    init_login(app)
    babel.init_app(app, locale_selector=select_locale)
    # Limits live in Redis when there is one, so they hold across workers and hosts;
    # the embedded default (a single host) counts in memory.
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["REDIS_URL"] or "memory://")
    if app.config["REDIS_URL"]:
        from campaign.accelerator import redis_options

        app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", redis_options(app.config))
    if (
        app.config["RATELIMIT_STORAGE_URI"].startswith("memory")
        and app.config["RATELIMIT_ENABLED"]
        and not _in_a_command()
    ):
        log.warning(
            "Rate limits (sign-in throttling included) are counted per process, without "
            "REDIS_URL: with several workers each counts alone. Set REDIS_URL in production."
        )
    limiter.init_app(app)
    from campaign.wall.cache import init_cache

    init_cache(app)
    app.extensions["campaign.storage"] = make_storage(app.config)


def _in_a_command() -> bool:
    """Whether a `flask` command made this app: one process, serving no visitor (a
    migration, the card gallery...), to which the warnings about serving do not apply."""
    import click

    return click.get_current_context(silent=True) is not None


def _register_blueprints(app: Flask) -> None:
    """Every blueprint of the app, public pages first, then the staff pages under /moderate."""
    from campaign import health, i18n, media
    from campaign.editions import admin as editions_admin
    from campaign.editions.routing import register_edition_routes
    from campaign.moderation import public_views as reports
    from campaign.moderation import staff_views as staff
    from campaign.moderation import views as moderation
    from campaign.network import views as network
    from campaign.officials import admin as officials_admin
    from campaign.officials import admin_cities
    from campaign.officials import views as officials
    from campaign.privacy import admin as privacy_admin
    from campaign.privacy import views as privacy
    from campaign.sharing import campaign_image
    from campaign.sharing import views as sharing
    from campaign.submissions import card_preview
    from campaign.submissions import views as submissions
    from campaign.wall import views as wall

    for blueprint in (
        submissions.bp,
        card_preview.bp,
        wall.bp,
        media.bp,
        health.bp,
        sharing.bp,
        campaign_image.bp,
        officials.bp,
        network.bp,
        reports.bp,
        i18n.bp,
        privacy.bp,
        staff.bp,
        moderation.bp,
        officials_admin.bp,
        admin_cities.bp,
        privacy_admin.bp,
        editions_admin.bp,
    ):
        app.register_blueprint(blueprint)
    # Last: the city editions' /c/<slug>/ twins of the pages registered above.
    register_edition_routes(app)


def _give_back_memory_after_uploads(app: Flask) -> None:
    from flask import request

    from campaign.images import give_back_memory

    @app.teardown_request
    def give_back(_error: BaseException | None) -> None:
        # A photo was decoded (or refused) in this request: its memory goes back to the
        # system, so a worker does not keep its largest request's peak for good.
        if request.method == "POST" and request.mimetype == "multipart/form-data":
            give_back_memory()


def _check_card_text_engine(app: Flask) -> None:
    from campaign import cards

    try:
        cards.check_text_engine()
    except RuntimeError as error:
        # Without raqm Arabic cards come out unjoined and backwards: production must not
        # publish them; a development machine may still work on everything else.
        if app.config["ENV"] == "production":
            raise RuntimeError(f"Refusing to start in production: {error}") from error
        log.error("Card text engine unavailable: %s", error)
