"""The privacy notice: in five languages, linked from every page and next to the consent."""

import re

import pytest

LANGUAGES = {
    "en": ("Privacy notice", "Who is responsible"),
    "fr": ("Politique de confidentialité", "Qui est responsable"),
    "es": ("Aviso de privacidad", "Quién es responsable"),
    "ar": ("إشعار الخصوصية", "الجهة المسؤولة"),
    "zh": ("隐私声明", "谁负责"),
}


@pytest.fixture
def settings():
    return {
        "PRIVACY_CONTROLLER_NAME": "Ville d'Espoo & UNESCO UIL",
        "PRIVACY_CONTROLLER_CONTACT": "privacy@espoo.example",
        "RETENTION_REJECTED_PHOTO_DAYS": 21,
        "AGE_THRESHOLD": 15,
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_notice_is_in_each_language_with_the_configured_controller(client, language):
    client.set_cookie("lang", language, domain="campaign.test")
    response = client.get("/privacy")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    heading, section = LANGUAGES[language]
    assert f'<html lang="{language}"' in page
    assert f"<h1>{heading}</h1>" in page
    assert f"<h2>{section}</h2>" in page
    # Escaped once, never left as a placeholder.
    assert "Ville d&#39;Espoo &amp; UNESCO UIL" in page
    assert '<a href="mailto:privacy@espoo.example">privacy@espoo.example</a>' in page
    assert "$" not in re.sub(r"<script.*?</script>", "", page, flags=re.S)
    assert "21" in page
    assert "15" in page


def test_notice_without_a_controller_says_it_is_not_configured(app, client):
    app.config["PRIVACY_CONTROLLER_NAME"] = ""
    app.config["PRIVACY_CONTROLLER_CONTACT"] = ""
    page = client.get("/privacy").get_data(as_text=True)
    assert "not configured yet" in page


def test_operator_overrides_one_language_from_a_file(app, client, tmp_path):
    folder = tmp_path / "notices"
    folder.mkdir()
    (folder / "fr.html").write_text(
        "<p>Notice de la ville, responsable : $controller_name.</p>", encoding="utf-8"
    )
    app.config["PRIVACY_NOTICE_DIR"] = str(folder)
    client.set_cookie("lang", "fr", domain="campaign.test")
    french = client.get("/privacy").get_data(as_text=True)
    assert "Notice de la ville, responsable : Ville d&#39;Espoo &amp; UNESCO UIL." in french
    assert "Qui est responsable" not in french
    # Languages without a file keep the shipped text.
    client.set_cookie("lang", "es", domain="campaign.test")
    assert "Quién es responsable" in client.get("/privacy").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/", "/join", "/wall", "/officials", "/stats"])
def test_footer_links_the_notice(client, path):
    page = client.get(path).get_data(as_text=True)
    footer = page[page.index('<footer class="site-footer">') :]
    assert 'href="/privacy"' in footer


def test_join_form_links_the_notice_next_to_the_consent(client):
    page = client.get("/join").get_data(as_text=True)
    consent = page.index('name="consent"')
    age = page.index('name="age"')
    link = page.index('href="/privacy"', consent)
    assert consent < link < age
