"""Sample statements in every language, for the gallery, tests and benchmarks."""

from campaign.cards.formats import CardContent

STATEMENTS = {
    "en": (
        "every new skill opens a door I didn't know was there. At 67 I learned to code 🐍 "
        "and now I teach my grandchildren on Saturdays."
    ),
    "fr": (
        "la curiosité n'a pas d'âge : à 54 ans, je reprends des études d'infirmière 💪 "
        "avec ma fille, et nous révisons ensemble le soir."
    ),
    "es": (
        "el mundo cambia y quiero cambiar con él. Este año empecé a estudiar árabe, "
        "¡مرحبا! 📚 y cada lección me recuerda lo mucho que queda por descubrir."
    ),
    "ar": (
        "المعرفة تفتح الأبواب، وقد بدأت دراسة Python في عام 2024 مع 30 زميلاً 🎓 "
        "وأتعلم كل يوم شيئاً جديداً مع أحفادي."
    ),
    "zh": (
        "学习让我保持年轻。65岁时我开始学习编程（Python），现在每天都有新发现！"
        "我和孙女一起读书、画画，她教我用手机，我教她写毛笔字。😊"
    ),
}

PEOPLE = {
    "en": ("Margaret O'Brien", "Cork", "Ireland"),
    "fr": ("Élodie Lefèvre", "Lyon", "France"),
    "es": ("José Martínez Núñez", "Medellín", "Colombia"),
    "ar": ("أمينة الحداد", "عمّان", "الأردن"),
    "zh": ("李明华", "上海", "中国"),
}

OFFICIAL_TITLES = {
    "en": "Mayor of Cork",
    "fr": "Maire de Lyon",
    "es": "Alcalde de Medellín",
    "ar": "عمدة عمّان",
    "zh": "上海市市长",
}


def statement_of_length(language: str, length: int) -> str:
    """The language's sample statement repeated and cut to exactly length characters."""
    text = STATEMENTS[language]
    repeated = " ".join([text] * (length // len(text) + 1))
    return repeated[:length].rstrip() + "." * (length - len(repeated[:length].rstrip()))


def sample_content(language: str, length: int | None = None, official: bool = False) -> CardContent:
    """A realistic card for a language; length stretches the statement to that many characters."""
    name, city, country = PEOPLE[language]
    statement = STATEMENTS[language] if length is None else statement_of_length(language, length)
    return CardContent(
        statement=statement,
        language=language,
        name=name,
        city=city,
        country=country,
        title=OFFICIAL_TITLES[language] if official else None,
        verified=official,
    )
