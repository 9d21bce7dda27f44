"""Every language in every design and format, written to a folder for a person to look at."""

import dataclasses
from pathlib import Path

from campaign.cards.formats import Branding
from campaign.cards.geometry import design_names
from campaign.cards.pipeline import render_upload
from campaign.cards.samples import STATEMENTS, portrait_photo_jpeg, sample_content

VARIANTS = {"short": None, "longest": 280, "official": 1500}


def render_gallery(outdir: Path, branding: Branding = Branding()) -> list[Path]:  # noqa: B008
    """Render the sample cards (design × language × length × format) as JPEGs into outdir.

    The photo is a public-domain portrait, framed as an upload without a focal point is.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    photo = portrait_photo_jpeg()
    written = []
    for design in design_names():
        for language in STATEMENTS:
            for variant, length in VARIANTS.items():
                content = sample_content(language, length, official=variant == "official")
                content = dataclasses.replace(content, design=design)
                _, cards, _ = render_upload(photo, content, None, branding)
                for name, data in cards.items():
                    if name == "thumb":
                        continue
                    path = outdir / f"{design}-{language}-{variant}-{name}.jpg"
                    path.write_bytes(data)
                    written.append(path)
    return written
