"""Benchmark: uploaded bytes to three share cards and a thumbnail.

    .venv/bin/python bench/cards.py [--runs N]

Builds its own inputs (12 MP and 24 MP camera-like JPEGs with EXIF orientation 6
and sensor noise, an iPhone-sized HEIC, a PNG), then times, each in a fresh process
so peak RSS is its own:
  cards     load_photo + render_all, as the web app calls them
  naive     the straightforward pipeline: full decode, transpose, each format fitted
            from the full image (ImageOps.fit, Lanczos), drawn and saved; same text
            engine, its layout also redone each time
  floor     decoding the photo alone at the reduced scale the largest card needs
"""

import argparse
import io
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw, ImageFilter, ImageOps  # noqa: E402

from campaign import images  # noqa: E402
from campaign.cards import FORMATS, Branding, render_all  # noqa: E402
from campaign.cards.breaking import analyse  # noqa: E402
from campaign.cards.layout import layout_card  # noqa: E402
from campaign.cards.render import compose, encode_card  # noqa: E402
from campaign.cards.samples import sample_content  # noqa: E402
from campaign.cards.text import _reference_ink, _reference_width  # noqa: E402

PIPELINES = ("cards", "naive", "floor")


def camera_photo(size: tuple[int, int]) -> Image.Image:
    """Smooth shapes plus per-pixel noise, which is what makes camera JPEGs expensive."""
    width, height = size
    base = Image.linear_gradient("L").resize(size)
    image = Image.merge("RGB", (base, base.point(lambda v: 255 - v), base.point(lambda v: v // 2)))
    draw = ImageDraw.Draw(image)
    for index in range(12):
        x, y = (index * 7919) % width, (index * 104729) % height
        draw.ellipse((x, y, x + width // 5, y + height // 5), fill=(40 * index % 255, 120, 200))
    image = image.filter(ImageFilter.GaussianBlur(3))
    noise = Image.effect_noise(size, 40).convert("RGB")
    return Image.blend(image, noise, 0.15)


def build_inputs(folder: Path) -> dict[str, Path]:
    """Write the benchmark's uploads into folder; the names say what they are."""
    exif = Image.Exif()
    exif[0x0112] = 6  # stored on its side, as phones do
    inputs = {}
    for name, size in (("12MP JPEG, EXIF 6", (4000, 3000)), ("24MP JPEG, EXIF 6", (6000, 4000))):
        path = folder / f"{size[0]}x{size[1]}.jpg"
        camera_photo(size).save(path, "JPEG", quality=92, exif=exif.tobytes())
        inputs[name] = path
    heic = folder / "iphone.heic"
    camera_photo((4032, 3024)).save(heic, "HEIF", quality=80)
    inputs["12MP HEIC"] = heic
    png = folder / "photo.png"
    camera_photo((3000, 2000)).save(png, "PNG", compress_level=6)
    inputs["6MP PNG"] = png
    return inputs


def forget_text() -> None:
    """Every upload brings a new statement: drop what earlier runs laid out."""
    for cached in (layout_card, analyse, _reference_width, _reference_ink):
        cached.cache_clear()


def cards(data: bytes) -> dict[str, bytes]:
    """What the web app does in the request."""
    return render_all(images.load_photo(data).image, sample_content("en"))


def naive(data: bytes) -> dict[str, bytes]:
    """Open, decode at full size, turn upright, fit each format from that, draw, save."""
    image = ImageOps.exif_transpose(Image.open(io.BytesIO(data))).convert("RGB")
    content, branding = sample_content("en"), Branding()
    rendered = {}
    for name, fmt in FORMATS.items():
        card_layout = layout_card(content, fmt, branding)
        left, top, right, bottom = card_layout.photo
        fitted = ImageOps.fit(image, (right - left, bottom - top), Image.Resampling.LANCZOS)
        card = compose(card_layout, fitted, branding)
        rendered[name] = encode_card(card, fmt)
        if name == "landscape":
            rendered["thumb"] = encode_card(card.resize((480, 252), Image.Resampling.LANCZOS), fmt)
    return rendered


def floor(data: bytes) -> None:
    """Decode alone, at the reduced scale the largest card needs."""
    source = Image.open(io.BytesIO(data))
    orientation = source.getexif().get(0x0112, 1)
    cover = images.DECODE_COVER
    source.draft(source.mode, cover[::-1] if orientation in (5, 6, 7, 8) else cover)
    source.load()


def child(pipeline: str, path: Path, runs: int) -> None:
    """Time one pipeline on one input in this process and print JSON."""
    data = path.read_bytes()
    work = {"cards": cards, "naive": naive, "floor": floor}[pipeline]
    work(data)  # warm up: fonts loaded, codecs initialised
    timings = []
    for _ in range(runs):
        forget_text()
        start = time.perf_counter()
        work(data)
        timings.append((time.perf_counter() - start) * 1000)
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent through exec.
    status = Path("/proc/self/status").read_text()
    peak_kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
    peak_mb = peak_kb / 1024
    print(json.dumps({"ms": timings, "peak_mb": peak_mb}))


def measure(pipeline: str, path: Path, runs: int) -> dict:
    command = [sys.executable, __file__, "--child", pipeline, str(path), "--runs", str(runs)]
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(output.stdout)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    import PIL

    return f"{nproc} CPUs ({cpu}), Python {platform.python_version()}, Pillow {PIL.__version__}"


def main(runs: int) -> None:
    print(machine())
    print(f"{runs} runs each, after one warm-up; ms as median / p95; peak RSS of the process")
    header = (
        f"{'input':<20} {'cards':>15} {'naive':>15} {'floor':>13} "
        f"{'speed-up':>8} {'×floor':>6} {'RSS cards':>9} {'RSS naive':>9}"
    )
    print(header)
    with tempfile.TemporaryDirectory() as folder:
        for name, path in build_inputs(Path(folder)).items():
            result = {pipeline: measure(pipeline, path, runs) for pipeline in PIPELINES}
            median = {key: statistics.median(value["ms"]) for key, value in result.items()}
            cell = {key: f"{median[key]:.0f} / {p95(result[key]['ms']):.0f}" for key in result}
            speed_up = median["naive"] / median["cards"]
            over_floor = median["cards"] / median["floor"]
            print(
                f"{name:<20} {cell['cards']:>15} {cell['naive']:>15} {cell['floor']:>13} "
                f"{speed_up:>7.1f}× {over_floor:>5.1f}× "
                f"{result['cards']['peak_mb']:>7.0f}MB {result['naive']['peak_mb']:>7.0f}MB"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--child", nargs=2, metavar=("PIPELINE", "PATH"))
    arguments = parser.parse_args()
    if arguments.child:
        child(arguments.child[0], Path(arguments.child[1]), arguments.runs)
    else:
        main(arguments.runs)
