"""What people type is tidied, and characters that mislead are refused."""

import pytest

from campaign.textinput import TextInputError, clean_text


def test_whitespace_is_tidied_and_text_normalised():
    assert clean_text("  cafe\u0301   au  lait \n") == "café au lait"


@pytest.mark.parametrize("text", ["a\u202eb", "a\u2066b", "a\x00b", "a\ud800b", "a\ufffeb"])
def test_misleading_or_broken_characters_are_refused(text):
    with pytest.raises(TextInputError):
        clean_text(text)


def test_emoji_sequences_and_zero_width_joiners_survive():
    family = "👩\u200d👩\u200d👧"
    assert clean_text(f"my {family} learns") == f"my {family} learns"


def test_invisible_characters_are_dropped():
    assert clean_text("le\u200barn") == "learn"


FORMAT_CHARACTERS = {
    "Arabic letter mark": "\u061c",
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "LRE, RLE, PDF, LRO, RLO": "\u202a\u202b\u202c\u202d\u202e",
    "isolates": "\u2066\u2067\u2068\u2069",
    "deprecated format characters": "\u206a\u206b\u206c\u206d\u206e\u206f",
    "Mongolian vowel separator": "\u180e",
    "invisible operators": "\u2061\u2062\u2063\u2064",
    "interlinear annotation": "\ufff9\ufffa\ufffb",
    "tag characters without a flag": "\U000e0001\U000e0041",
    "a cancel tag alone": "\U000e007f",
}


@pytest.mark.parametrize("characters", FORMAT_CHARACTERS.values(), ids=list(FORMAT_CHARACTERS))
def test_every_invisible_formatting_character_is_refused(characters):
    for character in characters:
        with pytest.raises(TextInputError):
            clean_text(f"Call {character}555-0100")
    with pytest.raises(TextInputError):
        clean_text(f"Call {characters}555-0100")


def test_a_flag_whose_tags_never_end_is_refused():
    with pytest.raises(TextInputError):
        clean_text("🏴\U000e0067\U000e0062 and more")


def test_no_format_character_passes_unless_it_is_on_the_allow_list():
    """Every Cf code point of Python's Unicode tables: refused, or on the justified list."""
    import sys
    import unicodedata

    from campaign.textinput import DROPPED, JOINERS

    for code in range(sys.maxunicode + 1):
        character = chr(code)
        if unicodedata.category(character) != "Cf" or character in JOINERS | DROPPED:
            continue
        with pytest.raises(TextInputError):
            clean_text(f"a{character}b")


def test_joiners_that_scripts_and_emoji_need_are_kept():
    persian = "می\u200cخواهم"  # ZWNJ: "I want", written as Persian spells it
    hindi = "क्\u200dष"  # ZWJ: a half form in Devanagari
    scotland = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    for text in (persian, hindi, f"learning in {scotland} and 🏳\ufe0f\u200d🌈"):
        assert clean_text(text) == text
