"""Chaos tests: real services started, stopped and killed by the tests themselves."""

from tests.load.conftest import load_database  # noqa: F401 (a fixture, used by name)
