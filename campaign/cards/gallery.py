"""Every language in every format, written to a folder for a person to look at."""

from pathlib import Path

from campaign.cards.formats import FORMATS, Branding
from campaign.cards.render import encode_card, render_card
from campaign.cards.samples import STATEMENTS, sample_content, sample_photo

VARIANTS = {"short": None, "longest": 280, "official": 1500}


def render_gallery(outdir: Path, branding: Branding = Branding()) -> list[Path]:  # noqa: B008
    """Render the sample cards (language × length × format) as JPEGs into outdir."""
    outdir.mkdir(parents=True, exist_ok=True)
    photo = sample_photo()
    written = []
    for language in STATEMENTS:
        for variant, length in VARIANTS.items():
            content = sample_content(language, length, official=variant == "official")
            for name, fmt in FORMATS.items():
                path = outdir / f"{language}-{variant}-{name}.jpg"
                path.write_bytes(
                    encode_card(render_card(photo, content, fmt, branding=branding), fmt)
                )
                written.append(path)
    return written
