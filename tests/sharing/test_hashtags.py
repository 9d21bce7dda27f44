"""Hashtags that work as hashtags: X's extraction rules applied to what each language posts."""

from urllib.parse import parse_qs, urlsplit

import pytest

from campaign.languages import LANGUAGES
from campaign.sharing.hashtags import extract_hashtags
from campaign.sharing.links import share_links, share_text

URL = "https://learning.example/e/AbCdEfGhIjK"
STATEMENT = {
    "en": "maps, #maths and music.",
    "fr": "la curiosité n'a pas d'âge.",
    "es": "cada día aprendo algo.",
    "ar": "التعلم نور.",
    "zh": "学无止境。",
}


def test_extractor_follows_x_rules():
    assert extract_hashtags("#learning is fun") == ["learning"]
    assert extract_hashtags("#life_long #2024 #a1") == ["life_long", "a1"], (
        "digits alone are no tag"
    )
    assert extract_hashtags("no#tag here, &#39; neither") == []
    assert extract_hashtags("#انا_اتعلم_مدى_الحياة") == ["انا_اتعلم_مدى_الحياة"]
    assert extract_hashtags("#انا اتعلم") == ["انا"], "a space ends a hashtag"
    assert extract_hashtags("＃全角 ok") == ["全角"]
    assert extract_hashtags("#tag#other") == []
    assert extract_hashtags("#️⃣ keycap") == []


def test_a_chinese_hashtag_runs_until_a_space_or_punctuation():
    assert extract_hashtags("#我是一名终身学习者因为学习") == ["我是一名终身学习者因为学习"]
    assert extract_hashtags("#我是一名终身学习者 因为") == ["我是一名终身学习者"]
    assert extract_hashtags("#我是一名终身学习者，因为") == ["我是一名终身学习者"]


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_each_language_posts_exactly_its_campaign_hashtag(language):
    tag = LANGUAGES[language].hashtag_for_posting.removeprefix("#")
    statement = STATEMENT[language]
    expected = [tag, "maths"] if language == "en" else [tag]

    # The copied text: the sentence, the hashtag, the link.
    assert sorted(extract_hashtags(share_text(statement, language, URL))) == sorted(expected)

    # X's intent: X composes "text url #hashtags" from the parameters.
    links = {link.network: link.url for link in share_links(URL, statement, language)}
    query = parse_qs(urlsplit(links["x"]).query)
    composed = f"{query['text'][0]} {query['url'][0]} #{query['hashtags'][0]}"
    assert sorted(extract_hashtags(composed)) == sorted(expected)

    # Facebook's one hashtag parameter is the whole tag.
    facebook = parse_qs(urlsplit(links["facebook"]).query)["hashtag"][0]
    assert extract_hashtags(facebook) == [tag]


def test_the_arabic_tag_is_posted_with_underscores_from_the_campaigns_spelling():
    arabic = LANGUAGES["ar"]
    assert arabic.hashtag_for_posting == "#انا_اتعلم_مدى_الحياة"
    assert " " in arabic.hashtag, "the campaign's own spelling; cards draw the posted form"
