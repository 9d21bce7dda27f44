"""The app served to the browser: what a test reads back from it, and a hold on join posts."""

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from werkzeug.serving import make_server

from campaign.extensions import db
from tests.factories import find_entry


@dataclass
class LiveServer:
    app: object
    url: str
    hold_joins: threading.Event = field(default_factory=threading.Event)
    release_joins: threading.Event = field(default_factory=threading.Event)
    join_sizes: list = field(default_factory=list)  # body size of every join post

    def entry(self, **where):
        """The entry matching the given columns, read fresh from the database."""
        return find_entry(self.app, **where)

    def stored(self, key: str) -> bytes:
        """A stored file (card, photo) by its storage key."""
        from campaign.storage import get_storage

        with self.app.app_context():
            return get_storage().read(key)


class HeldJoins:
    """WSGI middleware: while `hold` is set, a join post waits for `release` before the app
    answers, so a test can look at the page during the upload. It changes nothing else."""

    def __init__(self, wsgi_app, server: "LiveServer"):
        self.wsgi_app, self.hold, self.release = wsgi_app, server.hold_joins, server.release_joins
        self.sizes = server.join_sizes

    def __call__(self, environ, start_response):
        posting = environ["REQUEST_METHOD"] == "POST" and environ["PATH_INFO"] == "/join"
        if posting:
            self.sizes.append(int(environ.get("CONTENT_LENGTH") or 0))
        if posting and self.hold.is_set():
            # Take the whole upload first, as a proxy would, then wait to answer.
            length = int(environ.get("CONTENT_LENGTH") or 0)
            environ["wsgi.input"] = io.BytesIO(environ["wsgi.input"].read(length))
            self.release.wait(30)
        return self.wsgi_app(environ, start_response)


@contextmanager
def serving(app) -> Iterator[str]:
    """The app served by werkzeug on 127.0.0.1 in a thread, at the URL yielded."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
        with app.app_context():
            db.engine.dispose()
