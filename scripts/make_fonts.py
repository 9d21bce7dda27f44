"""Rebuild the card fonts in static/fonts from Debian's Noto packages.

Usage (as root on Debian 12):
    cd /tmp && apt-get download fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji
    for f in fonts-noto-*.deb; do dpkg-deb -x "$f" noto; done
    python scripts/make_fonts.py /tmp/noto

Latin and Arabic faces are copied without their TrueType hinting: the cards set
text at 17 px and up, where hinting changes nothing visible, and FreeType renders
the unhinted outlines three times faster (the cards' largest cost after JPEG).
The Simplified Chinese face is taken out of the Noto Sans CJK collection and
subset with fontTools to the GB2312 repertoire (the 6,763 hanzi in everyday use)
plus punctuation and full-width forms, which brings ~20 MB down to about 3.5 MB
per weight.
The colour emoji font is copied as it is.

Finally it writes coverage.json, the characters each font has a glyph for, so the
card renderer can pick a font per character without fontTools at run time.
Redo the de-hinting (idempotent) and coverage.json on the fonts already in place with:
    python scripts/make_fonts.py --refresh

The fallback chain for other scripts (campaign/cards/typefaces.py) draws with the Noto fonts
Debian installs (fonts-noto-core, fonts-noto-cjk). Reading their character maps takes
seconds, so what they cover is recorded, with their file sizes, in fallback-coverage.json;
after an upgrade of those packages, record it again with:
    python scripts/make_fonts.py --fallbacks
"""

import json
import shutil
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

OUT = Path(__file__).resolve().parent.parent / "static" / "fonts"
TRUETYPE = "usr/share/fonts/truetype/noto"
OPENTYPE = "usr/share/fonts/opentype/noto"
COPIED = [
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
    "NotoColorEmoji.ttf",
]
DEHINTED = COPIED[:4]  # the TrueType text faces; the emoji font is bitmaps
HINTING_TABLES = ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX")
CJK_SC_INDEX = 2  # JP, KR, SC, TC, HK in the Debian collection


def gb2312_characters() -> str:
    """Every character GB2312 encodes, as text."""
    chars = []
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


def extra_ranges() -> str:
    ranges = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF)]
    return "".join(chr(c) for start, end in ranges for c in range(start, end + 1))


def subset_cjk(source: Path, weight: str) -> None:
    collection = TTCollection(str(source))
    font = collection.fonts[CJK_SC_INDEX]
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=gb2312_characters() + extra_ranges())
    subsetter.subset(font)
    font.save(str(OUT / f"NotoSansSC-{weight}.subset.otf"))


def dehint(path: Path) -> None:
    """Remove TrueType hinting programs from a font file, in place."""
    with TTFont(str(path)) as font:
        for tag in HINTING_TABLES:
            if tag in font:
                del font[tag]
        glyphs = font["glyf"]
        for name in font.getGlyphOrder():
            glyphs[name].removeHinting()
        font.save(str(path))


def ranges(codepoints: list[int]) -> list[list[int]]:
    """Sorted code points folded into inclusive [first, last] ranges."""
    folded: list[list[int]] = []
    for code in sorted(codepoints):
        if folded and code == folded[-1][1] + 1:
            folded[-1][1] = code
        else:
            folded.append([code, code])
    return folded


def write_coverage() -> None:
    """Write coverage.json: per font file, the code point ranges its cmap maps."""
    coverage = {}
    for path in sorted(OUT.glob("*.[ot]tf")):
        with TTFont(str(path), lazy=True) as font:
            coverage[path.name] = ranges(list(font.getBestCmap()))
    text = json.dumps(coverage, separators=(",", ":"), sort_keys=True)
    (OUT / "coverage.json").write_text(text + "\n", encoding="utf-8")


def write_fallback_coverage() -> None:
    """Write fallback-coverage.json: per installed fallback face, its sizes and ranges."""
    from campaign.cards.typefaces import (
        FALLBACK_COVERAGE,
        fallback_faces,
        file_sizes,
        read_coverage,
    )

    recorded = {
        family: {"sizes": file_sizes(face), "ranges": ranges(read_coverage(face))}
        for family, face in fallback_faces().items()
    }
    text = json.dumps(recorded, separators=(",", ":"), sort_keys=True)
    FALLBACK_COVERAGE.write_text(text + "\n", encoding="utf-8")


def main(root: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        shutil.copy(root / TRUETYPE / name, OUT / name)
    for name in DEHINTED:
        dehint(OUT / name)
    for weight in ("Regular", "Bold"):
        subset_cjk(root / OPENTYPE / f"NotoSansCJK-{weight}.ttc", weight)
    write_coverage()


if __name__ == "__main__":
    if sys.argv[1] == "--fallbacks":
        write_fallback_coverage()
    elif sys.argv[1] == "--refresh":
        for name in DEHINTED:
            dehint(OUT / name)
        write_coverage()
    else:
        main(Path(sys.argv[1]))
