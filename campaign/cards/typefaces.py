"""The font files the cards draw with: the card's own, then Debian's Noto for every other script.

The card's own fonts (static/fonts: Latin, Greek and Cyrillic; Arabic; Simplified Chinese;
colour emoji) cover the five campaign languages. Names and cities come in every script,
so after them comes a fallback chain from Debian's fonts-noto-core and fonts-noto-cjk
(scripts/setup.sh installs both): a face per script, and the CJK collection's Korean,
Japanese, Traditional Chinese and Hong Kong faces. Their coverage is read from the files
once per process, and only when a text has a character the card's own fonts lack.
"""

import json
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parents[2] / "static" / "fonts"
# Where Debian's fonts-noto-core and fonts-noto-cjk put their faces.
SYSTEM_FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/opentype/noto"))


@dataclass(frozen=True)
class Face:
    regular: Path
    bold: Path
    index: int = 0  # the face's number in a collection (.ttc)
    language: str | None = None  # the OpenType language raqm shapes with

    def path(self, bold: bool) -> Path:
        return self.bold if bold else self.regular


def _own(regular: str, bold: str, language: str | None = None) -> Face:
    return Face(FONT_DIR / regular, FONT_DIR / bold, language=language)


OWN_FACES = {
    "latin": _own("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "arabic": _own("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", "ar"),
    "cjk": _own("NotoSansSC-Regular.subset.otf", "NotoSansSC-Bold.subset.otf", "zh-Hans"),
    "emoji": _own("NotoColorEmoji.ttf", "NotoColorEmoji.ttf"),
}

# The faces of Debian's NotoSansCJK-*.ttc, by their number in the collection; Traditional
# Chinese first for ideographs the Simplified subset lacks (names in Taiwan and Hong Kong).
CJK_FACES = (
    ("cjk-tc", 3, "zh-Hant"),
    ("cjk-jp", 0, "ja"),
    ("cjk-kr", 1, "ko"),
    ("cjk-hk", 4, "zh-HK"),
)
# Faces of fonts-noto-core that duplicate the card's own or are not for running text.
NOT_FALLBACKS = {"NotoSans", "NotoSansArabic", "NotoSansMono", "NotoSansDisplay"}
# Last in the chain: symbols a name or a statement may use, drawn as text.
LAST = ("NotoSansSymbols", "NotoSansSymbols2", "NotoSansMath")


@cache
def fallback_faces() -> dict[str, Face]:
    """The installed fallback faces, in the order they are tried."""
    scripts: dict[str, Face] = {}
    cjk: dict[str, Face] = {}
    for folder in SYSTEM_FONT_DIRS:
        for regular in sorted(folder.glob("NotoSans*-Regular.ttf")):
            family = regular.name.removesuffix("-Regular.ttf")
            if family in NOT_FALLBACKS or family.endswith("UI") or family in scripts:
                continue
            bold = regular.with_name(f"{family}-Bold.ttf")
            scripts[family] = Face(regular, bold if bold.is_file() else regular)
        collection = folder / "NotoSansCJK-Regular.ttc"
        if collection.is_file() and not cjk:
            bold = folder / "NotoSansCJK-Bold.ttc"
            for family, index, language in CJK_FACES:
                cjk[family] = Face(
                    collection, bold if bold.is_file() else collection, index, language
                )
    last = {family: scripts.pop(family) for family in LAST if family in scripts}
    return scripts | cjk | last


@dataclass(frozen=True)
class Ranges:
    """Code points as sorted, inclusive, disjoint ranges."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __contains__(self, code: int) -> bool:
        position = bisect_right(self.starts, code) - 1
        return position >= 0 and code <= self.ends[position]


def ranges_of(codes: list[int]) -> Ranges:
    """Code points folded into Ranges."""
    starts: list[int] = []
    ends: list[int] = []
    for code in sorted(codes):
        if ends and code == ends[-1] + 1:
            ends[-1] = code
        else:
            starts.append(code)
            ends.append(code)
    return Ranges(tuple(starts), tuple(ends))


@cache
def own_coverage() -> dict[str, frozenset[int]]:
    """Per family of the card's own fonts, the code points its regular face maps."""
    ranges = json.loads((FONT_DIR / "coverage.json").read_text(encoding="utf-8"))
    return {
        family: frozenset(
            code for first, last in ranges[face.regular.name] for code in range(first, last + 1)
        )
        for family, face in OWN_FACES.items()
    }


FALLBACK_COVERAGE = FONT_DIR / "fallback-coverage.json"


@cache
def fallback_coverage() -> dict[str, Ranges]:
    """Per fallback family, the code points both its faces map.

    Read from fallback-coverage.json where the installed files are the ones it was made
    from (scripts/make_fonts.py --fallbacks): reading a CJK collection's character map
    takes seconds and 200 MB. Other files are read as they are.
    """
    recorded = {}
    if FALLBACK_COVERAGE.is_file():
        recorded = json.loads(FALLBACK_COVERAGE.read_text(encoding="utf-8"))
    coverage = {}
    for family, face in fallback_faces().items():
        entry = recorded.get(family)
        if entry and entry["sizes"] == file_sizes(face):
            coverage[family] = Ranges(
                tuple(first for first, _ in entry["ranges"]),
                tuple(last for _, last in entry["ranges"]),
            )
        else:
            coverage[family] = ranges_of(read_coverage(face))
    return coverage


def file_sizes(face: Face) -> list[int]:
    """What tells one release of a face's files from another."""
    return [face.regular.stat().st_size, face.bold.stat().st_size]


def read_coverage(face: Face) -> list[int]:
    """The code points both weights of a face map, read from the files."""
    # fontTools only here: a machine whose fonts match the recorded coverage never loads it.
    from fontTools.ttLib import TTFont

    def cmap(path: Path) -> set[int]:
        with TTFont(str(path), fontNumber=face.index, lazy=True) as font:
            return set(font.getBestCmap())

    codes = cmap(face.regular)
    if face.bold != face.regular:
        codes &= cmap(face.bold)
    return sorted(codes)
