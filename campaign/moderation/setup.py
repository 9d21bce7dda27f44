"""Wiring moderation into the app: Flask-Login and the two blueprints."""

from flask import Flask


def init_app(app: Flask) -> None:
    from campaign.moderation import public_views, staff_views, views  # noqa: F401 (routes)
    from campaign.moderation.access import bp, init_login

    init_login(app)
    app.register_blueprint(bp)
    app.register_blueprint(public_views.bp)
