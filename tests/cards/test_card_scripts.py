"""Names and cities in every script people write them in: drawn with a real glyph, shaped,
inside the card; what no font has is refused for its field, never a 500 or a silent gap."""

import unicodedata
from functools import cache

import pytest
from fontTools.ttLib import TTFont
from PIL import ImageFont

from campaign.cards import FORMATS, CardContent, unsupported_characters
from campaign.cards.breaking import analyse, cluster_starts
from campaign.cards.fonts import choose_families, face
from campaign.cards.formats import Branding
from campaign.cards.layout import layout_card
from campaign.cards.lines import Style
from campaign.cards.paint import ink_box
from campaign.cards.text import fit
from campaign.cards.typefaces import fallback_coverage, fallback_faces, ranges_of, read_coverage
from tests.needs import missing

# (name, city) in each script; rare CJK: 𠀋 (Extension B) and 㐂 (Extension A).
NAMES = {
    "Korean": ("김민준", "서울"),
    "Hebrew": ("דוד כהן", "תל אביב"),
    "Devanagari": ("प्रियंका शर्मा", "नई दिल्ली"),
    "Bengali": ("রবীন্দ্রনাথ ঠাকুর", "কলকাতা"),
    "Tamil": ("அருண் குமார்", "சென்னை"),
    "Telugu": ("శ్రీనివాస్", "హైదరాబాద్"),
    "Gujarati": ("ગાંધી", "અમદાવાદ"),
    "Georgian": ("ნინო ბერიძე", "თბილისი"),
    "Armenian": ("Արմեն Սարգսյան", "Երևան"),
    "Thai": ("สมชาย ใจดี", "กรุงเทพมหานคร"),
    "Lao": ("ສົມຊາຍ", "ວຽງຈັນ"),
    "Khmer": ("សុខ ចាន់", "ភ្នំពេញ"),
    "Myanmar": ("အောင်ဆန်း", "ရန်ကုန်"),
    "Sinhala": ("සුනිල් පෙරේරා", "කොළඹ"),
    "Ethiopic": ("አበበ ቢቂላ", "አዲስ አበባ"),
    "Cyrillic": ("Ольга Иванова", "Новосибирск"),
    "Greek": ("Γιώργος Παπαδόπουλος", "Θεσσαλονίκη"),
    "Japanese": ("山田 はなこ", "大阪"),
    "Traditional Chinese": ("陳嘉龍", "臺北"),
    "rare CJK": ("𠀋㐂", "香港"),
}
FORMAT_NAMES = list(FORMATS)
IGNORABLE = {"\u200c", "\u200d"}  # joiners: shaping hints, never drawn on their own


@pytest.fixture(scope="module", autouse=True)
def fallback_fonts():
    """The fallback chain comes from Debian's Noto packages, which scripts/setup.sh installs."""
    if "cjk-kr" not in fallback_faces() or "NotoSansThai" not in fallback_faces():
        missing("fonts-noto-core and fonts-noto-cjk are not installed")


@cache
def cmap(path: str, index: int) -> frozenset[int]:
    # Read with fontTools, apart from the renderer's own coverage tables.
    with TTFont(path, fontNumber=index, lazy=True) as font:
        return frozenset(font.getBestCmap())


def drawn(block) -> list[tuple[str, str, int]]:
    """(character, font file, face number) for every character the block draws."""
    bold = block.style.bold
    return [
        (char, str(face(piece.family).path(bold)), face(piece.family).index)
        for line in block.lines
        for piece in line.pieces
        for char in piece.text
    ]


def content(name: str, city: str) -> CardContent:
    return CardContent(
        statement="every day teaches me something new.",
        language="en",
        name=name,
        city=city,
        country="Ireland",
    )


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
@pytest.mark.parametrize("script", NAMES)
def test_name_and_city_are_drawn_whole_with_real_glyphs_inside_the_card(script, fmt):
    name, city = NAMES[script]
    card = layout_card(content(name, city), FORMATS[fmt], Branding())
    for role, text in (("name", name), ("place", city)):
        placed = card.text(role)
        characters = drawn(placed.block)
        # Nothing dropped...
        visible = [char for char, _, _ in characters if not char.isspace()]
        for char in text:
            if not char.isspace():
                assert char in visible, f"{char!r} U+{ord(char):04X} of the {role} is not drawn"
        # ...and each character has a glyph in the font it is drawn with: no .notdef box.
        for char, path, index in characters:
            if char in IGNORABLE:
                continue
            assert ord(char) in cmap(path, index), f"{char!r} U+{ord(char):04X} not in {path}"
        left, top, right, bottom = ink_box(
            placed.block, placed.x, placed.y, placed.width, align="right" if card.rtl else "left"
        )
        panel = card.panel
        assert panel[0] <= left, f"{role} leaves its panel: {left} < {panel[0]}"
        assert right <= panel[2], f"{role} leaves its panel: {right} > {panel[2]}"
        assert top >= 0
        assert bottom <= FORMATS[fmt].height


def test_korean_japanese_and_traditional_chinese_take_their_own_cjk_faces():
    assert set(choose_families("김민준", "latin")) == {"cjk-kr"}
    # 辺 is not in the Simplified subset: a Japanese name takes the Japanese face for it.
    assert choose_families("渡辺 はなこ", "latin")[1] == "cjk-jp"
    assert choose_families("國", "latin") == ["cjk-tc"]


def test_indic_names_are_shaped_by_raqm():
    """A conjunct is one shaped cluster: raqm's width differs from glyph-by-glyph layout."""
    family = choose_families("प्रियंका", "latin")[0]
    path = str(face(family).regular)
    raqm = ImageFont.truetype(path, 60, layout_engine=ImageFont.Layout.RAQM)
    basic = ImageFont.truetype(path, 60, layout_engine=ImageFont.Layout.BASIC)
    assert abs(raqm.getlength("प्रियंका") - basic.getlength("प्रियंका")) > 2


@pytest.mark.parametrize(
    "text", ["สมชายใจดีมีความสุขทุกวัน" * 6, "ខ្ញុំរៀនរាល់ថ្ងៃនៅសាលារៀន" * 5, "ຂ້ອຍຮຽນທຸກມື້" * 8]
)
def test_scripts_without_spaces_break_between_grapheme_clusters_and_never_overflow(text):
    block = fit(text, Style(40), 500, 2000, min_size=40)
    assert len(block.lines) > 1
    for line in block.lines:
        assert line.width <= 500 + 0.5
        first = line.pieces[0].text[0] if line.pieces else ""
        assert unicodedata.category(first)[0] != "M", "a line starts with a combining mark"
    drawn_text = "".join(piece.text for line in block.lines for piece in line.pieces)
    assert sorted(drawn_text) == sorted(analyse(text, False, "latin").text)


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("क्षत्रिय", [1, 2, 4, 5, 6]),  # क्ष and त्रि are conjuncts: no break after the virama
        ("กำแพง", [1, 3]),  # SARA AM holds to its consonant; แ never ends a line
        ("🇫🇮🇯🇵", [1, 3]),  # two flags, not four letters
        ("q\u0301x", [1]),  # a combining accent (q has no precomposed form)
    ],
)
def test_the_last_resort_breaks_only_between_grapheme_clusters(text, inside):
    analysis = analyse(text, False, "latin")
    starts = cluster_starts(analysis, 0, len(analysis.text))
    assert not set(inside) & set(starts), f"breaks inside a cluster at {set(inside) & set(starts)}"


def test_characters_no_font_has_are_named():
    assert unsupported_characters("Ann\U000f0000a \U0010fffd") == ["\U000f0000", "\U0010fffd"]
    assert unsupported_characters("김민준 ❤️ Ольга\u200d") == []


@pytest.mark.parametrize("family", ["NotoSansHebrew", "NotoSansThai", "NotoSansDevanagari"])
def test_recorded_fallback_coverage_is_what_the_installed_fonts_map(family):
    recorded = fallback_coverage()[family]
    assert recorded == ranges_of(read_coverage(fallback_faces()[family]))
