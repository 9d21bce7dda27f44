"""Load tests run against PostgreSQL only: several gunicorn workers need a real server."""

import pytest

from tests.load.server import PG_URL, postgres_schema
from tests.needs import missing, postgres_required


@pytest.fixture
def load_database():
    with postgres_schema() as url:
        if url is None:
            missing(f"PostgreSQL not reachable at {PG_URL}", required=postgres_required())
        yield url
