"""The message catalogues as the tests need them: compiled, and read back."""

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
LOCALES = ("fr", "es", "ar", "zh")


def po_path(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def read_catalogue(path: Path, locale: str | None = None) -> Catalog:
    """A .po or .pot file as a babel Catalog."""
    with path.open("rb") as source:
        return read_po(source, locale=locale)


def ensure_compiled() -> None:
    """Compile each .po whose .mo is missing or older, as scripts/setup.sh does on install."""
    for locale in LOCALES:
        po = po_path(locale)
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        catalogue = read_catalogue(po, locale)
        partial = mo.with_suffix(".mo.part")
        with partial.open("wb") as target:
            write_mo(target, catalogue, use_fuzzy=False)
        partial.replace(mo)


def translate(locale: str, message: str) -> str:
    """The catalogue's translation of a message (the message itself in English)."""
    if locale == "en":
        return message
    return read_catalogue(po_path(locale), locale)[message].string
