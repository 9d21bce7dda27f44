"""A hung PostgreSQL (a table locked by someone else) costs a request DB_STATEMENT_TIMEOUT, then
a 503, instead of holding the worker for as long as the lock lasts."""

import pytest
import sqlalchemy as sa

from tests.factories import submit


@pytest.fixture
def settings():
    return {"DB_STATEMENT_TIMEOUT": 1}


@pytest.fixture
def locked_entries(app, database_url):
    """The entries table locked by another connection until the test ends."""
    if not database_url.startswith("postgresql"):
        pytest.skip("statement_timeout is PostgreSQL's")
    engine = sa.create_engine(database_url, poolclass=sa.pool.NullPool)
    connection = engine.connect()
    transaction = connection.begin()
    connection.execute(sa.text("LOCK TABLE entries IN ACCESS EXCLUSIVE MODE"))
    yield
    transaction.rollback()
    connection.close()
    engine.dispose()


def test_a_statement_waiting_on_a_hung_database_ends_in_503(app, locked_entries):
    client = app.test_client()
    response = client.get("/wall")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    assert "The campaign is taking a short break" in response.get_data(as_text=True)


def test_a_submission_waiting_on_a_hung_database_ends_in_503_and_keeps_nothing(
    app, uploads, locked_entries
):
    response = submit(app.test_client())
    assert response.status_code == 503
    assert [path for path in uploads.rglob("*") if path.is_file()] == []
