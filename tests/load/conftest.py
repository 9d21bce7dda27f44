"""Load tests run against PostgreSQL only: several gunicorn workers need a real server."""

import os

import pytest

from tests.load.server import PG_URL, postgres_schema


@pytest.fixture
def load_database():
    with postgres_schema() as url:
        if url is None:
            if os.environ.get("REQUIRE_POSTGRES"):
                pytest.fail(f"PostgreSQL is required but not reachable at {PG_URL}")
            pytest.skip(f"PostgreSQL not reachable at {PG_URL}")
        yield url
