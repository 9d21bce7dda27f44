"""The test client the apps of the tests use."""

from flask.testing import FlaskClient


class BrowserLikeClient(FlaskClient):
    """Each request runs in an app context of its own, as in production: the test's own
    database session then sees only what the request committed, and per-request state
    (such as the CSRF token cached in `g`) does not leak between requests or clients."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)
