"""Share texts and intent links, built without a request."""

from urllib.parse import parse_qs, urlsplit

import pytest

from campaign.languages import LANGUAGES
from campaign.sharing.links import (
    X_LIMIT,
    X_URL_LENGTH,
    share_links,
    share_text,
    x_post_text,
    x_weighted_length,
)

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
    assert x_post_text("I love maps.", "en") == "I'm a lifelong learner because I love maps."


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
