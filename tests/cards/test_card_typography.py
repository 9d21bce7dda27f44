"""Every character gets a real glyph, Arabic is shaped, and mixed text keeps its order."""

import unicodedata
from functools import cache

import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops, ImageDraw, ImageFont

from campaign.cards import LANDSCAPE, CardContent, check_text_engine
from campaign.cards.breaking import analyse
from campaign.cards.fonts import split_runs
from campaign.cards.formats import Branding
from campaign.cards.layout import layout_card
from campaign.cards.lines import Style
from campaign.cards.samples import sample_content
from campaign.cards.text import fit, layout
from campaign.cards.typefaces import OWN_FACES, own_coverage

LANGUAGES = ["en", "fr", "es", "ar", "zh"]
IGNORABLE = {"\u200d", "\ufe0e", "\ufe0f"}  # shaping controls, never drawn on their own


@cache
def cmap(path: str) -> frozenset[int]:
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def drawn_characters(block) -> list[tuple[str, str]]:
    """(character, font file) for every character a block draws."""
    return [
        (char, str(OWN_FACES[piece.family].path(block.style.bold)))
        for line in block.lines
        for piece in line.pieces
        for char in piece.text
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_character_on_the_card_has_a_glyph_in_its_font(language):
    card = layout_card(sample_content(language, official=True), LANDSCAPE, Branding())
    for placed in card.texts:
        for char, font_file in drawn_characters(placed.block):
            if char in IGNORABLE:
                continue
            assert ord(char) in cmap(font_file), (
                f"{char!r} U+{ord(char):04X} has no glyph in {font_file} ({placed.role})"
            )


@pytest.mark.parametrize("language", LANGUAGES)
def test_statement_is_drawn_whole(language):
    content = sample_content(language)
    card = layout_card(content, LANDSCAPE, Branding())
    statement = next(p.block for p in card.texts if p.role == "statement")
    drawn = sorted(char for char, _ in drawn_characters(statement) if not char.isspace())
    assert drawn == sorted(char for char in content.statement if not char.isspace())


def test_french_sentence_with_arabic_hashtag_and_emoji_uses_a_font_per_script():
    runs = split_runs("J'apprends l'arabe انا اتعلم مدى الحياة# avec joie 😀👍🏽!", "latin")
    families = [run.family for run in runs]
    assert families == ["latin", "arabic", "latin", "emoji", "latin"]
    assert runs[3].text == "😀👍🏽"


def test_keycaps_and_emoji_with_variation_selector_go_to_the_emoji_font():
    runs = split_runs("Top 3️⃣ reasons ❤️ plain 3", "latin")
    assert [(run.text, run.family) for run in runs] == [
        ("Top ", "latin"),
        ("3️⃣", "emoji"),
        (" reasons ", "latin"),
        ("❤️", "emoji"),
        (" plain 3", "latin"),
    ]


def test_characters_no_font_has_are_left_out_rather_than_drawn_as_boxes():
    # Entries are refused such characters (campaign.drawable); one stored before still renders.
    analysis = analyse("Hi \U000f0000 there \U0010fffd", False, "latin")  # private use
    assert analysis.text == "Hi  there "


def test_coverage_file_matches_the_fonts():
    for family, face in OWN_FACES.items():
        for bold in (False, True):
            assert cmap(str(face.path(bold))) == own_coverage()[family], face.path(bold)


def test_text_engine_check_passes_with_raqm():
    check_text_engine()


def test_text_engine_check_explains_what_is_missing(monkeypatch):
    monkeypatch.setattr("campaign.cards.fonts.features.check", lambda name: False)
    with pytest.raises(RuntimeError, match="raqm"):
        check_text_engine()


def render_word(font: ImageFont.FreeTypeFont, text: str, **options) -> Image.Image:
    image = Image.new("L", (320, 120))
    ImageDraw.Draw(image).text((20, 90), text, font=font, fill=255, anchor="ls", **options)
    return image


def ink_difference(a: Image.Image, b: Image.Image) -> int:
    return sum(ImageChops.difference(a, b).point(lambda v: 255 if v > 96 else 0).histogram()[255:])


def test_arabic_is_shaped_with_joined_letter_forms():
    path = str(OWN_FACES["arabic"].regular)
    raqm = ImageFont.truetype(path, 60, layout_engine=ImageFont.Layout.RAQM)
    basic = ImageFont.truetype(path, 60, layout_engine=ImageFont.Layout.BASIC)
    word = "بيت"
    assert raqm.getlength(word, direction="rtl") != basic.getlength(word)
    # Initial beh, medial yeh, final teh as presentation forms, in display order.
    joined = render_word(basic, "\ufe96\ufef4\ufe91")
    isolated = render_word(basic, word[::-1])
    shaped = render_word(raqm, word, direction="rtl")
    # Glyphs may land a fraction of a pixel apart; letter forms differ by whole strokes.
    assert ink_difference(shaped, joined) * 10 < ink_difference(shaped, isolated)


def test_arabic_statement_is_shaped_and_right_aligned():
    content = sample_content("ar")
    card = layout_card(content, LANDSCAPE, Branding())
    assert card.rtl
    statement = next(p for p in card.texts if p.role == "statement")
    pieces = [piece for line in statement.block.lines for piece in line.pieces]
    arabic = [piece for piece in pieces if piece.family == "arabic" and piece.rtl]
    assert arabic
    basic = ImageFont.truetype(
        str(OWN_FACES["arabic"].regular),
        statement.block.style.size,
        layout_engine=ImageFont.Layout.BASIC,
    )
    longest = max(arabic, key=lambda piece: len(piece.text))
    assert abs(longest.width - basic.getlength(longest.text)) > 1
    # Every line ends at the right edge of the column.
    right = statement.x + statement.width
    for line in statement.block.lines:
        assert right - line.width >= statement.x - 0.5


def display(text: str, rtl: bool) -> list[str]:
    """The pieces of a one-line layout, left to right."""
    block = layout(analyse(text, rtl, "arabic" if rtl else "latin"), Style(30), 10_000)
    assert len(block.lines) == 1
    return [piece.text.strip() for piece in block.lines[0].pieces if piece.text.strip()]


def test_latin_words_and_numbers_inside_arabic_keep_their_order():
    pieces = display("درست Python 3 في عام 2024 مع 30 زميلاً", rtl=True)
    assert pieces == ["زميلاً", "30", "مع", "2024", "في عام", "Python 3", "درست"]


def test_arabic_inside_english_reads_right_to_left_as_a_unit():
    pieces = display("I said مرحبا بكم to everyone", rtl=False)
    assert pieces == ["I said", "مرحبا بكم", "to everyone"]


def test_number_with_separators_stays_one_run_in_arabic():
    assert "1,500" in display("دفعت 1,500 دينار", rtl=True)


def lines_of(text: str, width: float, preferred: str = "latin", size: int = 30) -> list[str]:
    block = fit(text, Style(size), width, 10_000, min_size=size, preferred=preferred)
    return ["".join(piece.text for piece in line.pieces) for line in block.lines]


def test_latin_wraps_word_by_word_within_the_width():
    lines = lines_of("Learning never exhausts the mind, said Leonardo da Vinci.", 300)
    assert len(lines) > 1
    assert all(not line.startswith(" ") and not line.endswith(" ") for line in lines)
    assert " ".join(lines) == "Learning never exhausts the mind, said Leonardo da Vinci."


def test_chinese_breaks_between_characters_but_not_before_closing_punctuation():
    text = "我是一名终身学习者，因为学习让我保持年轻。每天我都学习新的东西，这让我很快乐！"
    for width in range(200, 420, 20):
        lines = lines_of(text, width, "cjk")
        assert "".join(lines) == text
        assert all(line[0] not in "，。！）" for line in lines), lines
        assert all(line[-1] not in "（“" for line in lines), lines


def test_a_word_longer_than_the_line_is_broken_between_letters():
    word = "#" + "Lifelong" * 12
    block = fit(word, Style(30), 400, 10_000, min_size=30)
    assert len(block.lines) > 1
    assert all(line.width <= 400 for line in block.lines)


def test_hard_line_breaks_are_kept_and_blank_lines_collapsed():
    lines = lines_of("First line\n\n\nSecond line", 2000)
    assert lines == ["First line", "Second line"]


def test_emoji_is_scaled_to_the_text_size():
    content = CardContent("Learning 😀", "en", "A", "B", "C")
    card = layout_card(content, LANDSCAPE, Branding())
    statement = next(p.block for p in card.texts if p.role == "statement")
    emoji = [p for line in statement.lines for p in line.pieces if p.family == "emoji"]
    assert emoji
    assert 0.9 * statement.style.size < emoji[0].width < 1.6 * statement.style.size


def test_no_character_is_unshaped_control_or_combining_leftover():
    text = "café naïve résumé"  # decomposed accents are composed before drawing
    analysis = analyse(unicodedata.normalize("NFD", text), False, "latin")
    assert analysis.text == text
