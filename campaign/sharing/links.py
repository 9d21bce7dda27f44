"""Share-intent links for each network, built from the entry's public URL and statement.

Each network's documented share URL takes different things:
- LinkedIn's share-offsite takes only the page URL; the preview comes from Open Graph tags.
- X's intent takes text, url and hashtags (without '#'); X appends the url and the tags.
- Facebook's sharer takes the URL and one hashtag (with '#').
- WhatsApp takes one text; Telegram a url and a text; e-mail a subject and a body.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from campaign.languages import get_language
from campaign.sharing.texts import texts_for

X_LIMIT = 280
X_URL_LENGTH = 23  # X counts every link as 23 characters, whatever its length
# twitter-text v3: code points in these ranges weigh 1, every other one weighs 2.
X_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
ELLIPSIS = "…"

LINKEDIN_SHARE = "https://www.linkedin.com/sharing/share-offsite/"
X_INTENT = "https://twitter.com/intent/tweet"
FACEBOOK_SHARER = "https://www.facebook.com/sharer/sharer.php"
WHATSAPP_SHARE = "https://wa.me/"
TELEGRAM_SHARE = "https://t.me/share/url"


@dataclass(frozen=True)
class ShareLink:
    network: str
    label: str
    url: str


def x_weighted_length(text: str) -> int:
    """The length of a post the way X counts it (links not included)."""
    return sum(
        1 if any(low <= ord(char) <= high for low, high in X_LIGHT_RANGES) else 2 for char in text
    )


def hashtags_for(language: str, local: str | None = None) -> str:
    """The hashtags a post carries: the campaign's in the language, then a city edition's."""
    return " ".join(filter(None, (get_language(language).hashtag_for_posting, local)))


def sentence(statement: str, language: str) -> str:
    """The statement completing the campaign's prompt, as one sentence."""
    prompt = get_language(language).prompt.rstrip(ELLIPSIS).rstrip(".")
    joiner = "" if language == "zh" else " "
    return f"{prompt}{joiner}{statement}"


def shorten_for_x(text: str, budget: int) -> str:
    """Text cut at a word (or character) boundary with an ellipsis to fit X's weighted budget."""
    if x_weighted_length(text) <= budget:
        return text
    budget -= x_weighted_length(ELLIPSIS)
    cut = ""
    for char in text:
        if x_weighted_length(cut + char) > budget:
            break
        cut += char
    if " " in cut and len(cut) - cut.rfind(" ") < 20:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip() + ELLIPSIS


def x_budget(hashtag: str, *, with_url: bool = True) -> int:
    """What is left of X's limit for text once the link and the hashtag(s) are appended."""
    budget = X_LIMIT - (1 + x_weighted_length(hashtag))
    if with_url:
        budget -= 1 + X_URL_LENGTH
    return budget


def x_post_text(
    statement: str, language: str, *, with_url: bool = True, local_hashtag: str | None = None
) -> str:
    """The text part of an X post: sentence, shortened so text + link + hashtags fit."""
    hashtag = hashtags_for(language, local_hashtag)
    return shorten_for_x(sentence(statement, language), x_budget(hashtag, with_url=with_url))


def share_text(
    statement: str, language: str, url: str | None = None, local_hashtag: str | None = None
) -> str:
    """The text people copy and paste: the sentence, the hashtag(s) and the link.

    The hashtag is followed by a space (before the link), so a Chinese tag never runs
    into the characters after it.
    """
    hashtag = hashtags_for(language, local_hashtag)
    parts = [sentence(statement, language), hashtag]
    if url:
        parts.append(url)
    return " ".join(parts)


def intent_links(
    url: str, *, text: str, x_text: str, hashtag: str, subject: str
) -> list[ShareLink]:
    """The six share links for any page: an entry or an invitation (hashtag: one or more,
    separated by spaces)."""
    return [
        ShareLink("linkedin", "LinkedIn", LINKEDIN_SHARE + "?" + urlencode({"url": url})),
        ShareLink(
            "x",
            "X / Twitter",
            X_INTENT
            + "?"
            + urlencode(
                {
                    "text": x_text,
                    "url": url,
                    "hashtags": ",".join(tag.lstrip("#") for tag in hashtag.split()),
                }
            ),
        ),
        ShareLink(
            "facebook",
            "Facebook",
            # Facebook takes one hashtag: the campaign's.
            FACEBOOK_SHARER + "?" + urlencode({"u": url, "hashtag": hashtag.split()[0]}),
        ),
        ShareLink(
            "whatsapp", "WhatsApp", WHATSAPP_SHARE + "?" + urlencode({"text": f"{text} {url}"})
        ),
        ShareLink(
            "telegram", "Telegram", TELEGRAM_SHARE + "?" + urlencode({"url": url, "text": text})
        ),
        ShareLink(
            "email",
            "E-mail",
            # RFC 6068: mailto wants %20 for spaces; mail clients show a '+' as a plus.
            "mailto:?"
            + urlencode({"subject": subject, "body": f"{text}\n\n{url}"}, quote_via=quote),
        ),
    ]


def share_links(
    public_url: str, statement: str, language: str, local_hashtag: str | None = None
) -> list[ShareLink]:
    """Share links for an entry's public page on every network."""
    return intent_links(
        public_url,
        text=share_text(statement, language, local_hashtag=local_hashtag),
        x_text=x_post_text(statement, language, local_hashtag=local_hashtag),
        hashtag=hashtags_for(language, local_hashtag),
        subject=texts_for(language).subject,
    )


URL_IN_TEXT = re.compile(r"https?://[^\s]+", re.IGNORECASE)


def x_post_length(text: str) -> int:
    """A whole post's length the way X counts it: each link 23, the rest weighted."""
    links = URL_IN_TEXT.findall(text)
    return x_weighted_length(URL_IN_TEXT.sub("", text)) + X_URL_LENGTH * len(links)
