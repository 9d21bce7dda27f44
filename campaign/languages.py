"""The five languages the campaign speaks, and what each one says on a card."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself, for pickers
    english_name: str
    direction: str  # "ltr" or "rtl"
    hashtag: str  # the campaign's own spelling, as printed on cards
    prompt: str  # "I’m a lifelong learner because…" in this language
    campaign_line: str = "Learning Cities · Lifelong Learning Campaign"  # the card's mark
    place_separator: str = ", "  # between city and country on the card
    quote_marks: tuple[str, str] = ("\u201c", "\u201d")  # around words quoted in pages

    @property
    def hashtag_for_posting(self) -> str:
        """The hashtag as networks parse it: no spaces, '#' first."""
        words = self.hashtag.strip("#").split()
        return "#" + "_".join(words)

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"

    def place_line(self, city: str, country: str) -> str:
        """City as typed and country, joined as this language joins them (cards and pages)."""
        return self.place_separator.join(part for part in (city, country) if part)


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language(
            "en",
            "English",
            "English",
            "ltr",
            "#ImALifelongLearner",
            "I’m a lifelong learner because…",
        ),
        Language(
            "fr",
            "Français",
            "French",
            "ltr",
            "#JApprendsToutAuLongDeLaVie",
            "J’apprends tout au long de la vie parce que…",
            "Villes apprenantes · Campagne pour l’apprentissage tout au long de la vie",
            quote_marks=("«\u00a0", "\u00a0»"),  # no-break spaces keep the marks on the line
        ),
        Language(
            "es",
            "Español",
            "Spanish",
            "ltr",
            "#AprendoALoLargoDeLaVida",
            "Aprendo a lo largo de la vida porque…",
            "Ciudades del aprendizaje · Campaña por el aprendizaje a lo largo de la vida",
            quote_marks=("«", "»"),
        ),
        Language(
            "ar",
            "العربية",
            "Arabic",
            "rtl",
            "انا اتعلم مدى الحياة#",
            "أنا أتعلم مدى الحياة لأن…",
            "مدن التعلّم · حملة التعلّم مدى الحياة",
            "، ",
            quote_marks=("«", "»"),  # mirrored by the page's right-to-left direction
        ),
        Language(
            "zh",
            "中文",
            "Chinese",
            "ltr",
            "#我是一名终身学习者",
            "我是一名终身学习者，因为……",
            "学习型城市 · 终身学习运动",
            "，",
        ),
    )
}

DEFAULT_LANGUAGE = "en"


def get_language(code: str) -> Language:
    """The language for a code, falling back to English for anything unknown."""
    return LANGUAGES.get(code, LANGUAGES[DEFAULT_LANGUAGE])


# The locale form Open Graph readers (Facebook) expect for each language (og:locale).
OG_LOCALES = {"en": "en_US", "fr": "fr_FR", "es": "es_ES", "ar": "ar_AR", "zh": "zh_CN"}
