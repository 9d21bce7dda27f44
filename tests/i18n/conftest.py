import pytest

from tests.i18n.catalogues import ensure_compiled


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues():
    """The tests read the compiled catalogues the install step builds."""
    ensure_compiled()
