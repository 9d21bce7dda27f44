"""Share texts and intent links, built without a request."""

from urllib.parse import parse_qs, urlsplit

import pytest

from campaign.languages import LANGUAGES
from campaign.sharing.links import (
    X_LIMIT,
    X_URL_LENGTH,
    sentence,
    share_links,
    share_text,
    x_post_length,
    x_post_text,
    x_weighted_length,
)
from campaign.sharing.texts import texts_for

URL = "https://learning.example/e/AbCdEfGhIjK"


def test_x_counts_chinese_and_emoji_double_and_latin_single():
    assert x_weighted_length("abc") == 3
    assert x_weighted_length("学习") == 4
    assert x_weighted_length("é") == 1
    assert x_weighted_length("📚") == 2


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_longest_statement_fits_in_one_post_with_link_and_hashtag(language):
    statement = ("学" * 140) if language == "zh" else "learning " * 31
    text = x_post_text(statement.strip(), language)
    hashtag = LANGUAGES[language].hashtag_for_posting
    total = x_weighted_length(text) + 1 + X_URL_LENGTH + 1 + x_weighted_length(hashtag)
    assert total <= X_LIMIT
    assert text.endswith("…")


def test_short_statement_is_posted_whole():
    assert x_post_text("I love maps.", "en") == "I’m a lifelong learner because I love maps."


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_share_links_round_trip_in_every_language(language):
    statement = {"ar": "أتعلم كل يوم 😊", "zh": "学无止境。"}.get(language, "j'aime apprendre 😊")
    links = {link.network: link.url for link in share_links(URL, statement, language)}
    hashtag = LANGUAGES[language].hashtag_for_posting
    x = parse_qs(urlsplit(links["x"]).query)
    assert x["url"] == [URL]
    assert statement in x["text"][0]
    assert x["hashtags"] == [hashtag.lstrip("#")]
    assert " " not in x["hashtags"][0]
    assert parse_qs(urlsplit(links["facebook"]).query) == {"u": [URL], "hashtag": [hashtag]}
    assert parse_qs(urlsplit(links["linkedin"]).query) == {"url": [URL]}


def test_chinese_hashtag_is_followed_by_a_space_in_the_copied_text():
    text = share_text("学无止境", "zh", URL)
    assert "#我是一名终身学习者 " + URL in text
    assert text.startswith("我是一名终身学习者，因为学无止境")


STATEMENTS = {
    "en": "every day teaches me something new 😊",
    "fr": "chaque jour m'apprend quelque chose & c'est 100% vrai",
    "es": "aprender me hace libre, ¿y a ti?",
    "ar": "التعلم نور 📚 كل يوم",
    "zh": "学无止境，每天进步一点点",
}


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_network_link_parses_back_to_what_was_meant(language):
    statement = STATEMENTS[language]
    hashtag = LANGUAGES[language].hashtag_for_posting
    links = {link.network: link.url for link in share_links(URL, statement, language)}
    assert set(links) == {"linkedin", "x", "facebook", "whatsapp", "telegram", "email"}
    for url in links.values():
        assert url.isascii(), "every script and emoji is percent-encoded"
        assert " " not in url

    whatsapp = parse_qs(urlsplit(links["whatsapp"]).query)
    assert whatsapp == {"text": [f"{share_text(statement, language)} {URL}"]}
    assert urlsplit(links["whatsapp"]).netloc == "wa.me"
    telegram = parse_qs(urlsplit(links["telegram"]).query)
    assert telegram == {"url": [URL], "text": [share_text(statement, language)]}
    email = urlsplit(links["email"])
    assert email.scheme == "mailto"
    assert "+" not in email.query, "mail clients show '+' literally: spaces are %20"
    mail = parse_qs(email.query)
    assert mail["subject"] == [texts_for(language).subject]
    assert mail["body"] == [f"{share_text(statement, language)}\n\n{URL}"]
    x = parse_qs(urlsplit(links["x"]).query)
    assert x == {"text": [sentence(statement, language)], "url": [URL], "hashtags": [hashtag[1:]]}


def test_x_counts_a_whole_post_with_links_as_23():
    assert x_post_length("hi https://example.org/a/very/long/path/indeed?x=1") == 3 + 23
    assert x_post_length("学 http://a.b") == 3 + 23
