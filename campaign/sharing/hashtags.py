"""Finding hashtags in a post the way X does (twitter-text's extractHashtags rules).

A hashtag is '#' (or the full-width '＃') followed by hashtag characters: letters, marks,
decimal digits, '_' and a few joiners, with at least one letter or mark. Arabic and CJK
letters count like any others, so a Chinese tag only ends where a space or punctuation
begins: "#我是一名终身学习者因为" is one long tag, "#我是一名终身学习者 因为" is not.
"""

import unicodedata

HASH_SIGNS = "#＃"
# twitter-text's extra hashtag characters besides letters, marks, digits and '_'.
SPECIAL = set(
    "_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c\u30a0\u30fb\u3003\u0f0b\u0f0c\u00b7"
)


def _is_hashtag_char(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "Nd" or char in SPECIAL


def _is_letter_or_mark(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"


def extract_hashtags(text: str) -> list[str]:
    """Every hashtag X would link in the text, without the '#'."""
    found = []
    index = 0
    while index < len(text):
        char = text[index]
        before = text[index - 1] if index else ""
        # A '#' right after a hashtag character or '&' (as in "&#39;") starts no hashtag.
        if char not in HASH_SIGNS or (before and (_is_hashtag_char(before) or before == "&")):
            index += 1
            continue
        end = index + 1
        while end < len(text) and _is_hashtag_char(text[end]):
            end += 1
        tag = text[index + 1 : end]
        following = text[end : end + 3]
        # Emoji keycaps (#️⃣), tags made only of digits, "#tag#" and "#tag://" are not hashtags.
        if (
            tag
            and any(_is_letter_or_mark(c) for c in tag)
            and not (following[:1] and following[0] in HASH_SIGNS)
            and not following.startswith("://")
            and not tag.startswith(("\ufe0f", "\u20e3"))
        ):
            found.append(tag)
        index = max(end, index + 1)
    return found
