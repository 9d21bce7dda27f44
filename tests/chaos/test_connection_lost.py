"""PostgreSQL ends the request's connection after the view answered (a restart in between):
the answer still goes out, the dead connection is dropped, and the next request is served.

The restart test in test_postgres_restart.py meets this only when the timing falls right; this
one makes it happen every time, in the app's own request cycle.
"""

import time

import pytest
import sqlalchemy as sa

from campaign.extensions import db


def _terminate(url: str, pid: int) -> None:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            for _ in range(100):
                alive = connection.execute(
                    sa.text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"),
                    {"pid": pid},
                ).scalar()
                if not alive:
                    return
                time.sleep(0.02)
    finally:
        engine.dispose()
    raise AssertionError(f"backend {pid} is still there")


def test_a_connection_ended_before_teardown_still_answers_and_recovers(app, database_url, caplog):
    if not database_url.startswith("postgresql"):
        pytest.skip("pg_terminate_backend is PostgreSQL's")
    ended = []

    @app.teardown_request
    def end_the_connection(_error):
        # The view has answered; the session still holds its connection, in a transaction.
        if not ended:
            pid = db.session.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
            _terminate(database_url, pid)
            ended.append(pid)

    client = app.test_client()
    first = client.get("/wall")
    assert first.status_code == 200
    assert ended, "the connection was ended during the request"
    assert "database unavailable" in caplog.text

    again = client.get("/wall")
    assert again.status_code == 200
    assert "Traceback" not in again.get_data(as_text=True)
