"""Sample statements in every language, for the gallery, tests and benchmarks."""

import io
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

from campaign.cards.breaking import analyse
from campaign.cards.formats import CardContent
from campaign.cards.layout import FAMILY_OF_LANGUAGE
from campaign.languages import LANGUAGES

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
    """The language's sample statement repeated to exactly length characters, ending on a
    whole word: a card in the gallery must not end on "a do" because the cut fell there.

    The statement is read whole first (it follows the card's prompt); its repetitions may
    start at another of its words, so that the end falls between two words. Sentence
    starts are tried first. Words are where the cards' own line breaking may break."""
    cycle = STATEMENTS[language] + " "
    for start in _word_starts(language, cycle):
        again = cycle[start:] + cycle[:start]
        repeated = cycle + again * (length // len(again) + 1)
        candidate = repeated[:length]
        if not candidate.endswith(" ") and (
            repeated[length] == " " or length in _breaks(language, repeated)
        ):
            return candidate
    repeated = cycle * (length // len(cycle) + 1)
    return repeated[:length].rstrip().ljust(length, ".")


def _word_starts(language: str, text: str) -> list[int]:
    """Where a repetition may start: the beginning, each sentence, then each word."""
    words = [0, *_breaks(language, text)]
    sentences = [i for i in words if i == 0 or text[:i].rstrip().endswith((".", "!", "。", "！"))]
    return sentences + [i for i in words if i not in sentences]


def _breaks(language: str, text: str) -> tuple[int, ...]:
    """Where a card's line may start in this text (campaign/cards/breaking.py)."""
    family = FAMILY_OF_LANGUAGE.get(language, "latin")
    return analyse(text, LANGUAGES[language].is_rtl, family).breaks


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


def gradient(size: tuple[int, int], *channels: Callable[[int], int]) -> Image.Image:
    """A top-to-bottom sky: each RGB channel maps the 0-255 ramp through its function."""
    ramp = Image.linear_gradient("L").resize(size)
    return Image.merge("RGB", tuple(ramp.point(channel) for channel in channels))


def sample_photo(size: tuple[int, int] = (1600, 1200)) -> Image.Image:
    """A stand-in photo: sky, hills, a sun and a person-like figure, drawn with Pillow."""
    width, height = size
    photo = gradient(size, lambda v: 90 + v // 2, lambda v: 140 + v // 3, lambda v: 215 - v // 8)
    draw = ImageDraw.Draw(photo)
    draw.ellipse((width * 0.68, height * 0.12, width * 0.8, height * 0.28), fill=(255, 214, 120))
    draw.ellipse((-width * 0.2, height * 0.55, width * 0.7, height * 1.4), fill=(74, 124, 89))
    draw.ellipse((width * 0.35, height * 0.62, width * 1.3, height * 1.5), fill=(52, 98, 70))
    head = min(size) // 10
    cx, cy = width // 2, height // 2
    draw.ellipse((cx - head, cy - head, cx + head, cy + head), fill=(196, 142, 108))
    draw.rounded_rectangle(
        (cx - head * 2, cy + head * 1.2, cx + head * 2, height), head, fill=(191, 72, 58)
    )
    return photo


# NASA's portrait of Eileen Collins (scikit-image's data.astronaut(), public domain), 512 px.
PORTRAIT = Path(__file__).resolve().parents[1] / "data" / "astronaut.jpg"


def portrait(scale: float = 1.0, *, height: int | None = None) -> Image.Image:
    """The portrait in RGB, resized by `scale` or to `height` pixels."""
    with Image.open(PORTRAIT) as source:
        image = source.convert("RGB")
    if height is not None:
        scale = height / image.height
    if scale == 1.0:
        return image
    size = (round(image.width * scale), round(image.height * scale))
    return image.resize(size, Image.Resampling.LANCZOS)


def portrait_jpeg(width: int = 1600, height: int = 1200) -> bytes:
    """A camera-like JPEG upload: the portrait, off centre, on a wider plain background
    (for the framing tests: the face must be found and moved)."""
    person = portrait(height=height * 0.9)
    scene = Image.new("RGB", (width, height), (176, 184, 196))
    scene.paste(person, (round(width * 0.62 - person.width / 2), height - person.height))
    return _jpeg(scene)


def portrait_photo_jpeg(side: int = 1024) -> bytes:
    """The portrait as a photographer took it, the person and the room filling the frame:
    what the gallery shows, so no card has an empty strip of plain background."""
    return _jpeg(portrait(height=side))


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()
