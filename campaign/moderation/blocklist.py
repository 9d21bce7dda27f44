"""Blocklists per language: plain text files moderators can edit, matched on whole words,
ignoring case and accents.

The files live in campaign/moderation/blocklists/ (or MODERATION_BLOCKLIST_DIR): `<lang>.txt`
for one language and `all.txt` for every language; one word or phrase a line, `#` starts a
comment. A file is read again whenever it changes on disk, so every worker sees an edit.
"""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parent / "blocklists"

# Arabic letters people write interchangeably, and the elongation mark (tatweel).
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_TATWEEL = "\u0640"


def fold(text: str) -> str:
    """Text as compared: no case, no accents or diacritics, one kind of space."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace(_TATWEEL, "").translate(_ARABIC_FOLD)
    return " ".join(stripped.casefold().split())


def _has_word_boundaries(term: str) -> bool:
    # Chinese (and Japanese) text has no spaces between words: match those terms anywhere.
    return not any(
        "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"
        for ch in term
    )


def _pattern(terms: list[str]) -> re.Pattern | None:
    parts = []
    for term in sorted(set(terms), key=len, reverse=True):
        body = r"\s+".join(re.escape(word) for word in term.split())
        parts.append(rf"(?<!\w){body}(?!\w)" if _has_word_boundaries(term) else body)
    return re.compile("|".join(parts)) if parts else None


@dataclass
class _Cached:
    mtime_ns: int
    terms: list[str]


_cache: dict[Path, _Cached] = {}


def _read_terms(path: Path) -> list[str]:
    try:
        mtime_ns = path.stat().st_mtime_ns
    except FileNotFoundError:
        return []
    cached = _cache.get(path)
    if cached is None or cached.mtime_ns != mtime_ns:
        lines = path.read_text(encoding="utf-8").splitlines()
        terms = [fold(line.split("#", 1)[0]) for line in lines]
        cached = _Cached(mtime_ns, [term for term in terms if term])
        _cache[path] = cached
    return cached.terms


def matches(text: str, language: str, directory: str | Path | None = None) -> list[str]:
    """The blocklisted words and phrases of `language` (and of all.txt) found in text."""
    folder = Path(directory) if directory else DEFAULT_DIR
    safe_language = re.sub(r"[^a-z-]", "", language.lower())
    terms = _read_terms(folder / "all.txt") + _read_terms(folder / f"{safe_language}.txt")
    pattern = _pattern(terms)
    if pattern is None:
        return []
    found = dict.fromkeys(match.group(0) for match in pattern.finditer(fold(text)))
    return list(found)
