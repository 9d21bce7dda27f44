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
