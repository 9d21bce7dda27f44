"""Two campaigns on one Redis, each with its own RATELIMIT_KEY_PREFIX, as configuration.md
offers: each home page counts its own learners, never the other campaign's cached figures."""

import re
import secrets

import pytest

from campaign.extensions import db
from tests.factories import submit
from tests.needs import redis_or_missing
from tests.standalone import standalone_app

REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture
def two_campaigns(tmp_path):
    redis_or_missing(REDIS_URL)
    apps = []
    for name in ("lyon", "espoo"):
        folder = tmp_path / name
        folder.mkdir()
        settings = {
            "REDIS_URL": REDIS_URL,
            "RATELIMIT_KEY_PREFIX": f"{name}-{secrets.token_hex(4)}",  # unique to this run
            "WALL_CACHE_SECONDS": 60,
        }
        apps.append(standalone_app(folder, **settings))
    yield apps
    for app in apps:
        with app.app_context():
            db.engine.dispose()


def learners_on_the_home_page(app) -> int:
    html = app.test_client().get("/").get_data(as_text=True)
    return int(re.search(r"(\d+) learners?\b", html).group(1))


def test_each_campaign_counts_its_own_learners(two_campaigns):
    lyon, espoo = two_campaigns
    for name in ("Amélie", "Bastien"):
        submit(lyon.test_client(), name=name)
    submit(espoo.test_client(), name="Tuuli")
    assert learners_on_the_home_page(lyon) == 2  # now cached in Redis for a minute
    assert learners_on_the_home_page(espoo) == 1
    assert learners_on_the_home_page(lyon) == 2
