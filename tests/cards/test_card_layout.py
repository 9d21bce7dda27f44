"""Text stays inside its card at any length, in every language and format."""

from dataclasses import replace

import pytest

from campaign.cards import FORMATS, Branding
from campaign.cards.breaking import ELLIPSIS
from campaign.cards.geometry import design_names
from campaign.cards.layout import layout_card
from campaign.cards.paint import ink_box
from campaign.cards.samples import STATEMENTS, sample_content, statement_of_length

LANGUAGES = ["en", "fr", "es", "ar", "zh"]
CASES = [(language, name) for language in LANGUAGES for name in FORMATS]


def assert_inside_panel(card) -> None:
    left, top, right, bottom = card.panel
    align = "right" if card.rtl else "left"
    for placed in card.texts:
        box = ink_box(placed.block, placed.x, placed.y, placed.width, align=align)
        assert left <= box[0], f"{placed.role} overflows on the left: {box}"
        assert box[2] <= right, f"{placed.role} overflows on the right: {box}"
        assert top <= box[1], f"{placed.role} overflows at the top: {box}"
        assert box[3] <= bottom, f"{placed.role} overflows at the bottom: {box}"
    inks = sorted(
        ((ink_box(p.block, p.x, p.y, p.width, align=align), p.role) for p in card.texts),
        key=lambda item: item[0][1],
    )
    for (upper, upper_role), (lower, lower_role) in zip(inks, inks[1:], strict=False):
        assert upper[3] <= lower[1], f"{upper_role} runs into {lower_role}"


@pytest.mark.parametrize(("language", "fmt"), CASES)
def test_longest_statement_fits_whole_inside_the_card(language, fmt):
    content = sample_content(language, length=280)
    card = layout_card(content, FORMATS[fmt], Branding())
    statement = next(p.block for p in card.texts if p.role == "statement")
    assert not statement.excerpt
    assert statement.style.size >= 18
    assert_inside_panel(card)


def logical_end(block) -> str:
    """The last characters of a block in reading order (pieces are in display order)."""
    last_line = block.lines[-1].pieces
    return (last_line[0] if last_line[0].rtl else last_line[-1]).text


def line_texts(block) -> list[str]:
    return ["".join(piece.text for piece in line.pieces) for line in block.lines]


@pytest.mark.parametrize("design", design_names())
@pytest.mark.parametrize(("language", "fmt"), CASES)
def test_the_prompt_never_leaves_one_word_alone_on_its_last_line(language, fmt, design):
    content = replace(sample_content(language), design=design)
    card = layout_card(content, FORMATS[fmt], Branding())
    lines = line_texts(card.text("prompt").block)
    if len(lines) > 1:
        assert len(lines[-1].split()) >= 2, lines
    assert_inside_panel(card)


def test_the_french_prompt_on_two_lines_breaks_before_parce_que():
    card = layout_card(sample_content("fr"), FORMATS["landscape"], Branding())
    prompt = card.text("prompt").block
    assert line_texts(prompt) == ["J’apprends tout au long de la vie", "parce que…"]
    assert_inside_panel(card)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("length", [280, 1480, 1500])
def test_the_longest_samples_are_as_long_as_allowed_and_end_on_a_whole_word(language, length):
    text = statement_of_length(language, length)
    assert len(text) == length
    assert text == text.strip()
    whole = STATEMENTS[language]
    if language == "zh":
        # No spaces: any two ideographs may part, the Latin word inside ("Python") may not.
        assert text.startswith(whole)
        assert text[-1] in whole
        assert not text[-1].isascii()
    else:
        assert text.split()[-1] in whole.split()
        assert text.startswith(whole)


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_the_gallerys_longest_card_ends_on_the_samples_last_word(language):
    content = sample_content(language, length=280)
    card = layout_card(content, FORMATS["square"], Branding())
    statement = card.text("statement").block
    assert not statement.excerpt
    assert logical_end(statement).endswith(content.statement.split()[-1])


@pytest.mark.parametrize("design", design_names())
@pytest.mark.parametrize(("language", "fmt"), CASES)
def test_officials_long_statement_is_a_legible_excerpt_ending_with_an_ellipsis(
    language, fmt, design
):
    content = replace(sample_content(language, length=1500, official=True), design=design)
    card = layout_card(content, FORMATS[fmt], Branding())
    statement = card.text("statement").block
    assert statement.excerpt
    # At least 28 px on a 1,080-wide card; as large for its width on the 1,200-wide one.
    assert statement.style.size >= 28 * FORMATS[fmt].width / 1080, statement.style.size
    assert logical_end(statement).endswith(ELLIPSIS)
    assert card.badge is not None
    assert_inside_panel(card)


@pytest.mark.parametrize("length", [400, 700])
@pytest.mark.parametrize(("language", "fmt"), CASES)
def test_an_officials_statement_is_never_shrunk_below_the_excerpt_size(language, fmt, length):
    content = sample_content(language, length=length, official=True)
    statement = layout_card(content, FORMATS[fmt], Branding()).text("statement").block
    assert statement.style.size >= 28 * FORMATS[fmt].width / 1080, statement.style.size


@pytest.mark.parametrize(("language", "fmt"), CASES)
def test_short_statement_is_set_large(language, fmt):
    card = layout_card(sample_content(language), FORMATS[fmt], Branding())
    statement = next(p.block for p in card.texts if p.role == "statement")
    prompt = next(p.block for p in card.texts if p.role == "prompt")
    assert statement.style.size > prompt.style.size
    assert_inside_panel(card)


def test_very_long_name_and_place_are_cut_to_one_line():
    content = sample_content("en")
    long = type(content)(
        content.statement, "en", "Maximilian " * 12, "Llanfairpwllgwyngyll" * 3, "Wales"
    )
    card = layout_card(long, FORMATS["landscape"], Branding())
    for role in ("name", "place"):
        block = next(p.block for p in card.texts if p.role == role)
        assert len(block.lines) == 1
    assert_inside_panel(card)


def test_arabic_card_puts_the_photo_on_the_right():
    card = layout_card(sample_content("ar"), FORMATS["landscape"], Branding())
    assert card.photo[2] == 1200
    assert card.panel[0] == 0
    english = layout_card(sample_content("en"), FORMATS["landscape"], Branding())
    assert english.photo[0] == 0


@pytest.mark.parametrize("design", design_names())
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("variant", ["short", "longest", "official"])
def test_story_text_stays_out_of_the_networks_top_and_bottom_zones(design, language, variant):
    # Instagram, WhatsApp and Facebook draw their own buttons over about the top 14 % and
    # the bottom 20 % of a 1080 × 1920 story.
    length = {"short": None, "longest": 280, "official": 1500}[variant]
    content = sample_content(language, length=length, official=variant == "official")
    card = layout_card(replace(content, design=design), FORMATS["story"], Branding())
    align = "right" if card.rtl else "left"
    for placed in card.texts:
        box = ink_box(placed.block, placed.x, placed.y, placed.width, align=align)
        assert box[1] >= 1920 * 0.14, f"{placed.role} in the top zone: {box}"
        assert box[3] <= 1920 * 0.80, f"{placed.role} in the bottom zone: {box}"
    if card.badge is not None:
        assert card.badge[1] >= 1920 * 0.14
        assert card.badge[3] <= 1920 * 0.80


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_excerpt_cut_at_a_sentences_end_has_no_full_stop_before_its_ellipsis(language):
    content = sample_content(language, length=1500, official=True)
    for fmt in FORMATS.values():
        statement = layout_card(content, fmt, Branding()).text("statement").block
        pieces = statement.lines[-1].pieces
        # Reading order: a right-to-left line's pieces run from the right.
        line = "".join(p.text for p in (reversed(pieces) if pieces[0].rtl else pieces))
        assert line.endswith(ELLIPSIS)
        assert line[-2] not in {".", "。"}, line
