"""The catalogues cover every message in the current sources, and say the same things."""

import re
from dataclasses import fields

import pytest
from babel.messages.frontend import CommandLineInterface

from campaign.languages import LANGUAGES
from campaign.sharing.texts import TEXTS, Texts
from tests.i18n.catalogues import LOCALES, ROOT, po_path, read_catalogue, translate

# The same keywords as scripts/i18n.sh: gettext's defaults plus the lazy spellings.
KEYWORDS = ("_l", "lazy_gettext", "N_")
BRACES = re.compile(r"\{(\w+)\}")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A catalogue template extracted now from the sources, as scripts/i18n.sh would."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    arguments = ["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-o", str(pot)]
    for keyword in KEYWORDS:
        arguments += ["-k", keyword]
    CommandLineInterface().run([*arguments, str(ROOT)])
    return read_catalogue(pot)


def test_extraction_finds_the_interface(template):
    ids = {message.id for message in template if message.id}
    assert "Join the campaign" in ids  # templates
    assert "Please write your statement." in ids  # lazy_gettext in forms
    assert "Page not found" in ids  # gettext in Python


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated(template, locale):
    catalogue = read_catalogue(po_path(locale), locale)
    problems = []
    for message in template:
        if not message.id:
            continue
        translated = catalogue.get(message.id, message.context)
        strings = translated.string if translated else None
        if isinstance(strings, tuple):
            strings = all(strings) and strings
        if translated is None:
            problems.append(f"missing (run scripts/i18n.sh): {message.id!r}")
        elif translated.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not strings:
            problems.append(f"untranslated: {message.id!r}")
    assert not problems, f"{locale}: {len(problems)} problems\n" + "\n".join(problems)


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_has_no_fuzzy_entries(locale):
    catalogue = read_catalogue(po_path(locale), locale)
    assert not catalogue.fuzzy, "the catalogue header is marked fuzzy"
    assert [message.id for message in catalogue if message.id and message.fuzzy] == []


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_their_placeholders(locale):
    catalogue = read_catalogue(po_path(locale), locale)
    problems = [f"{message.id!r}: {errors}" for message, errors in catalogue.check()]
    for message in catalogue:
        if message.id and isinstance(message.string, str) and message.string:
            wanted, found = set(BRACES.findall(message.id)), set(BRACES.findall(message.string))
            if wanted != found:
                problems.append(f"{message.id!r}: {sorted(found)} instead of {sorted(wanted)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_prompt_is_the_campaigns_own_phrase(locale):
    assert translate(locale, "I’m a lifelong learner because…") == LANGUAGES[locale].prompt


# French sets a space before : ; ! ? » and after «; a breaking one would let a phone's line
# start with the mark ("Signalée" / ": spam"). The space has to be a no-break one.
FRENCH_BREAKABLE_SPACE = re.compile(r" [:;!?»]|« ")


def campaign_texts(code: str, messages: list[str]) -> list[str]:
    """Everything the campaign says in a language: its interface messages, the privacy
    notice, the card's own phrases and the ready-made posts and invitations."""
    notice = (ROOT / "campaign" / "privacy" / "notices" / f"{code}.html").read_text("utf-8")
    language = LANGUAGES[code]
    posts = [getattr(TEXTS[code], field.name) for field in fields(Texts)]
    return [*messages, notice, language.prompt, language.campaign_line, *posts]


def _strings(value: str | tuple[str, ...]) -> list[str]:
    """A catalogue message's text, or each of its plural forms; none if empty."""
    return [text for text in (value if isinstance(value, tuple) else (value,)) if text]


def french_texts() -> list[str]:
    catalogue = read_catalogue(po_path("fr"), "fr")
    return campaign_texts(
        "fr", [text for message in catalogue for text in _strings(message.string)]
    )


def test_french_punctuation_never_starts_a_line():
    breakable = [text for text in french_texts() if FRENCH_BREAKABLE_SPACE.search(text)]
    assert not breakable, "\n".join(breakable)
    # The mark stays with its word once rendered, as the interface shows it.
    assert translate("fr", "Before:") == "Avant\u00a0:"


def test_french_elides_with_one_apostrophe():
    # "Inviter quelqu'un" beside "quelqu’un" on one page: French typesets ’ throughout.
    straight = [text for text in french_texts() if re.search(r"\w'\w", text)]
    assert not straight, "\n".join(straight)
    assert translate("fr", "Invite someone") == "Inviter quelqu’un"


def english_texts(template) -> list[str]:
    # English is the source language: its interface messages are the msgids.
    return campaign_texts("en", [text for message in template for text in _strings(message.id)])


def test_english_sets_one_apostrophe(template):
    # The home page's "I'm a lifelong learner" beside a flash's "cards’ background": the
    # English pages and cards typeset ’ throughout, as the other languages do.
    straight = [text for text in english_texts(template) if re.search(r"\w'(\w|\s)", text)]
    assert not straight, "\n".join(straight)
    assert LANGUAGES["en"].prompt == "I’m a lifelong learner because…"
