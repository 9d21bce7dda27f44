"""Rendering every card of an entry at once, on every core the work can use.

What costs time is the photo's decoding, its crop for each format and each card's JPEG
encoding; Pillow does all three without holding the GIL, so they run in threads: the text
of the cards is drawn while the photo decodes (and its faces are found in a small copy),
then each format is cut and encoded on its own thread.
"""

import os
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from PIL import Image

from campaign.cards.cutting import Cut, plan_cut, resized, taken_from
from campaign.cards.formats import FORMATS, LANDSCAPE, THUMB_WIDTH, Branding, CardContent
from campaign.cards.framing import Framing, framing_for_faces
from campaign.cards.geometry import trimmed
from campaign.cards.layout import layout_card
from campaign.cards.portrait import FaceBox, find_faces, small_upright
from campaign.cards.render import Panel, draw_panel, encode_card, with_crop
from campaign.images import Photo, encoded, load_photo
from campaign.orientation import upright, upright_size

Focal = tuple[float, float]


def render_upload(
    data: bytes,
    content: CardContent,
    focal: Focal | None = None,
    branding: Branding = Branding(),  # noqa: B008 - frozen, so one shared default is safe
    found: Sequence[FaceBox] | None = None,
) -> tuple[Photo, dict[str, bytes], tuple[FaceBox, ...] | None]:
    """Decode an uploaded photo and render its cards (as render_all), the text meanwhile.

    Without a focal point the faces are found (unless given as found: those the join
    page's preview had us find in its copy of this photo) and framed; they are returned
    (None when the focal point was given), so that later renderings frame them alike.
    Raises campaign.images.PhotoError when the photo cannot be used.
    """
    searching = focal is None and found is None
    with ThreadPoolExecutor(max_workers=1) as pool:
        # The decoding thread holds the GIL only briefly, before and after the decoder;
        # the drawing, which holds it throughout, stays here, so neither waits on the other.
        decoding = pool.submit(_decode_and_find, data, searching)
        panels = draw_panels(content, branding)
        photo, faces = decoding.result()
    if focal is None and found is not None:
        faces = tuple(tuple(face) for face in found)
    return photo, finish(panels, photo.stored, focal, photo.orientation, faces or ()), faces


def _decode_and_find(data: bytes, searching: bool) -> tuple[Photo, tuple[FaceBox, ...] | None]:
    """The photo decoded and, if searching, its faces: found in a small grey copy of the
    decoded pixels (a second, smaller decode of the upload would cost most of the first
    again: a JPEG's entropy decoding is the same at every scale)."""
    photo = load_photo(data)
    if not searching:
        return photo, None
    return photo, find_faces(small_upright(photo.stored, photo.orientation))


def render_all(
    photo: Image.Image,
    content: CardContent,
    focal: Focal | None = (0.5, 0.5),
    branding: Branding = Branding(),  # noqa: B008 - frozen, so one shared default is safe
    faces: Sequence[FaceBox] = (),
) -> dict[str, bytes]:
    """Every format as JPEG bytes by format name, plus "thumb": a WebP of the landscape card.

    The photo is cut around focal, or when it is None framed around faces.
    """
    return finish(draw_panels(content, branding), photo, focal, faces=faces)


def draw_panels(content: CardContent, branding: Branding) -> dict[str, Panel]:
    """Every format laid out and drawn, all but the photo."""
    return {
        name: draw_panel(layout_card(content, fmt, branding), branding)
        for name, fmt in FORMATS.items()
    }


def finish(
    panels: dict[str, Panel],
    photo: Image.Image,
    focal: Focal | None,
    orientation: int = 1,
    faces: Sequence[FaceBox] = (),
) -> dict[str, bytes]:
    """The photo (stored as orientation says) put into each panel and the cards encoded,
    a thread a format; cut around focal, or framed around the faces when it is None."""
    framings = {
        name: card_framing(panel, photo, orientation, focal, faces)
        for name, panel in panels.items()
    }
    cuts = {
        name: plan_cut(
            photo.size,
            trimmed(panel.layout.photo, framings[name].drop, framings[name].lift),
            framings[name].focal,
            orientation,
            framings[name].zoom,
        )
        for name, panel in panels.items()
    }
    # The largest card first: the smaller ones share the other cores while it runs. A
    # card whose photo lies inside a larger one's waits for that one's and crops it.
    by_size = sorted(panels, key=lambda name: _area(panels[name]), reverse=True)
    sources = {name: _source(name, cuts, by_size) for name in by_size}
    order = sorted(by_size, key=lambda name: sources[name] is not None)
    pixels: dict[str, Future[Image.Image]] = {name: Future() for name in panels}
    drawn: dict[str, Future[Image.Image]] = {name: Future() for name in panels}
    jobs: dict[str, Future[bytes]] = {}
    with ThreadPoolExecutor(max_workers=min(len(panels), _cores())) as pool:
        for name in order:
            jobs[name] = pool.submit(
                _finish_one,
                panels[name],
                photo,
                cuts[name],
                sources[name],
                pixels,
                drawn[name],
                framings[name],
            )
            if name == LANDSCAPE.name:
                # Queued right behind its card, so never before it, and ahead of the cards
                # that wait: the first thread free makes it while the card is encoded.
                jobs["thumb"] = pool.submit(_thumbnail_of, drawn[name])
        done = {name: job.result() for name, job in jobs.items()}
    rendered = {}
    for name in panels:  # in the formats' order, the thumbnail after its landscape card
        rendered[name] = done[name]
        if name == LANDSCAPE.name:
            rendered["thumb"] = done["thumb"]
    return rendered


def card_framing(
    panel: Panel,
    photo: Image.Image,
    orientation: int,
    focal: Focal | None,
    faces: Sequence[FaceBox],
) -> Framing:
    """Focal point, zoom, drop and lift of one card's cut: the person's focal point, else
    the framing of the faces."""
    if focal is not None:
        return Framing(focal, 1.0, 0, 0)
    layout = panel.layout
    size = upright_size(photo.size, orientation)
    return framing_for_faces(faces, size, layout.photo, layout.clear, layout.drop, layout.lift)


Source = tuple[str, tuple[int, int]] | None  # a larger card's name and where this one lies in it


def _source(name: str, cuts: dict[str, Cut], by_size: list[str]) -> Source:
    for larger in by_size[: by_size.index(name)]:
        offset = cuts[name].offset_in(cuts[larger])
        if offset is not None:
            return larger, offset
    return None


def _finish_one(
    panel: Panel,
    photo: Image.Image,
    cut: Cut,
    source: Source,
    pixels: dict[str, Future[Image.Image]],
    drawn: Future[Image.Image],
    framing: Framing | None = None,
) -> bytes:
    fmt = panel.layout.fmt
    drop, lift = (framing.drop, framing.lift) if framing else (0, 0)
    try:
        if source is None:
            photo_pixels = upright(resized(photo, cut), cut.orientation)
        else:
            larger, offset = source
            photo_pixels = taken_from(pixels[larger].result(), offset, cut)
        pixels[fmt.name].set_result(photo_pixels)
        drawn.set_result(with_crop(panel, photo_pixels, drop, lift))
    except BaseException as error:
        # Whatever waits for these pixels or this card (a smaller card, the thumbnail)
        # fails too, instead of waiting for ever.
        for waited in (pixels[fmt.name], drawn):
            if not waited.done():
                waited.set_exception(error)
        raise
    return encode_card(drawn.result(), fmt)


def _thumbnail_of(card: Future[Image.Image]) -> bytes:
    return webp_thumbnail(card.result())


def webp_thumbnail(card: Image.Image) -> bytes:
    """The card THUMB_WIDTH wide, as the wall shows it."""
    height = round(card.height * THUMB_WIDTH / card.width)
    # Halved by box averaging, then bicubic for the rest: a thumbnail can take it.
    thumb = card.resize((THUMB_WIDTH, height), Image.Resampling.BICUBIC, reducing_gap=1.0)
    return encoded(thumb, "WEBP", quality=80, method=2)


def _area(panel: Panel) -> int:
    return panel.layout.fmt.width * panel.layout.fmt.height


def _cores() -> int:
    """The CPUs this process may run on (a container's share, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
