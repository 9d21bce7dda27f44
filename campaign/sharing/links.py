"""Share-intent links for each network, built from the entry's public URL and statement."""

from dataclasses import dataclass
from urllib.parse import urlencode

from campaign.languages import get_language

X_LIMIT = 280
X_URL_LENGTH = 23  # X counts every link as 23 characters, whatever its length
# twitter-text v3: code points in these ranges weigh 1, every other one weighs 2.
X_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
ELLIPSIS = "…"


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


def x_post_text(statement: str, language: str) -> str:
    """The text part of an X post: sentence, shortened so text + link + hashtag fit."""
    hashtag = get_language(language).hashtag_for_posting
    # X appends the url and the hashtags, each after a space.
    budget = X_LIMIT - (1 + X_URL_LENGTH) - (1 + x_weighted_length(hashtag))
    return shorten_for_x(sentence(statement, language), budget)


def share_text(statement: str, language: str, url: str | None = None) -> str:
    """The text people copy and paste: the sentence, the hashtag and the link."""
    hashtag = get_language(language).hashtag_for_posting
    parts = [sentence(statement, language), hashtag]
    if url:
        parts.append(url)
    return " ".join(parts)


def share_links(public_url: str, statement: str, language: str) -> list[ShareLink]:
    """LinkedIn, X and Facebook intent links for an entry's public page."""
    hashtag = get_language(language).hashtag_for_posting
    return [
        ShareLink(
            "linkedin",
            "LinkedIn",
            # LinkedIn's share-offsite takes only the URL; the preview comes from Open Graph.
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": public_url}),
        ),
        ShareLink(
            "x",
            "X / Twitter",
            "https://twitter.com/intent/tweet?"
            + urlencode(
                {
                    "text": x_post_text(statement, language),
                    "url": public_url,
                    "hashtags": hashtag.lstrip("#"),
                }
            ),
        ),
        ShareLink(
            "facebook",
            "Facebook",
            "https://www.facebook.com/sharer/sharer.php?"
            + urlencode({"u": public_url, "hashtag": hashtag}),
        ),
    ]
