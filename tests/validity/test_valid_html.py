"""Every public page, in five languages and in its error states, and every staff page in five
languages, is valid HTML by the W3C Nu checker: zero errors."""

import pytest

from campaign.extensions import db
from tests.clients import BrowserLikeClient
from tests.i18n.catalogues import ensure_compiled
from tests.standalone import standalone_app
from tests.validity import site, staff, tools


def _check_in_every_language(app, folder, pages, client_for) -> dict:
    """Each page fetched in each language (by the client `client_for(page, lang)` gives),
    written to `folder` and checked in one run of the Nu checker: (lang, name) -> errors."""
    files = {}
    for lang in site.LANGUAGES:
        for page in pages:
            response = site.fetch(client_for(page, lang), page, lang)
            assert response.status_code == page.status, (page, lang)
            assert f'<html lang="{lang}"' in response.get_data(as_text=True), (page, lang)
            path = folder / f"{lang}-{page.name}.html"
            path.write_bytes(response.get_data())
            files[lang, page.name] = path
    found = tools.nu_check(list(files.values()))
    with app.app_context():
        db.engine.dispose()
    return {key: found[path] for key, path in files.items()}


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """Each public page rendered in each language and checked."""
    ensure_compiled()
    folder = tmp_path_factory.mktemp("valid")
    app = standalone_app(folder, WALL_PAGE_CACHE_SECONDS=0)
    app.test_client_class = BrowserLikeClient
    pages = site.build(app)
    client = app.test_client()
    return _check_in_every_language(app, folder, pages, lambda page, lang: client)


@pytest.mark.parametrize("lang", site.LANGUAGES)
def test_every_public_page_is_valid_html(checked, lang):
    errors = {name: found for (language, name), found in checked.items() if language == lang}
    assert len(errors) >= 20
    problems = [f"{name}: {error}" for name, found in errors.items() for error in found]
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def checked_staff_pages(tmp_path_factory):
    """The staff pages, signed in as an admin (the sign-in page signed out), in each language."""
    ensure_compiled()
    folder = tmp_path_factory.mktemp("valid-staff")
    app = standalone_app(folder)
    app.test_client_class = BrowserLikeClient
    pages = staff.build(app)
    admin, visitor = staff.signed_in(app), app.test_client()

    def client_for(page, lang):
        return visitor if page.path == "/moderate/login" else admin

    return _check_in_every_language(app, folder, pages, client_for)


@pytest.mark.parametrize("lang", site.LANGUAGES)
def test_every_staff_page_is_valid_html(checked_staff_pages, lang):
    errors = {n: found for (language, n), found in checked_staff_pages.items() if language == lang}
    assert len(errors) >= 12
    problems = [f"{name}: {error}" for name, found in errors.items() for error in found]
    assert not problems, "\n".join(problems)
