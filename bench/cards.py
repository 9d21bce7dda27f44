"""Benchmark: uploaded bytes to three share cards and a thumbnail.

    .venv/bin/python bench/cards.py [--runs N] [--only JPEG HEIC PNG]

Builds its own inputs (12 MP and 24 MP camera-like JPEGs with EXIF orientation 6
and sensor noise, an iPhone-sized HEIC, a PNG), then times, interleaved round by round
in one process, and measures the peak RSS of each in a process of its own:
  cards     render_upload, as the web app calls it (decoding and cards, on every core)
  naive     the straightforward pipeline: full decode, transpose, each format fitted
            from the full image (ImageOps.fit, Lanczos), drawn and saved; same text
            engine, its layout also redone each time
  floor     decoding the photo alone at the reduced scale the largest card needs
  faces     finding the faces alone (a small grey copy of the decoded photo and the
            detector), which cards includes since no focal point is given
and the resident size the face detector's libraries and model add to a process.
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
from campaign.cards import FORMATS, Branding, render_upload  # noqa: E402
from campaign.cards.breaking import analyse  # noqa: E402
from campaign.cards.layout import layout_card  # noqa: E402
from campaign.cards.metrics import _reference_ink, _reference_width  # noqa: E402
from campaign.cards.portrait import find_faces, small_upright  # noqa: E402
from campaign.cards.render import compose, encode_card  # noqa: E402
from campaign.cards.samples import sample_content  # noqa: E402


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
    return render_upload(data, sample_content("en"))[1]


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
    """Decode alone, at the reduced scale the largest card needs, as load_photo decodes."""
    images.decode_reduced(Image.open(io.BytesIO(data)), images.DECODE_COVER, len(data))


_decoded: dict[int, images.Photo] = {}


def faces(data: bytes) -> None:
    """The faces found as render_upload finds them, alone: in a small grey copy of the
    photo the cards are cut from (decoded once, outside the timing)."""
    photo = _decoded.get(id(data))
    if photo is None:
        photo = _decoded[id(data)] = images.load_photo(data)
    find_faces(small_upright(photo.stored, photo.orientation))


def detector_rss() -> dict:
    """What importing OpenCV and loading the cascade add to a process's resident size: in
    all, and the anonymous part (the libraries' code pages are shared between workers)."""

    def resident(field: str) -> float:
        status = Path("/proc/self/status").read_text()
        return (
            next(int(line.split()[1]) for line in status.splitlines() if line.startswith(field))
            / 1024
        )

    before = {field: resident(field) for field in ("VmRSS", "RssAnon")}
    find_faces(Image.new("L", (64, 64)))
    return {
        "detector_mb": resident("VmRSS") - before["VmRSS"],
        "detector_anon_mb": resident("RssAnon") - before["RssAnon"],
    }


WORK = {"cards": cards, "naive": naive, "floor": floor, "faces": faces}
PIPELINES = list(WORK)


def time_child(path: Path, runs: int) -> None:
    """Time every pipeline on one input, interleaved, and print JSON.

    Each round runs the three one after the other (in turn, a different one first), so
    the machine's speed, which drifts on these shared hosts, is the same for all three
    within a round; the ratios are taken round by round.
    """
    data = path.read_bytes()
    for pipeline in PIPELINES:
        WORK[pipeline](data)  # warm up: fonts loaded, codecs initialised
    wall: dict[str, list[float]] = {pipeline: [] for pipeline in PIPELINES}
    cpu: dict[str, list[float]] = {pipeline: [] for pipeline in PIPELINES}
    for round_number in range(runs):
        shift = round_number % len(PIPELINES)
        for pipeline in PIPELINES[shift:] + PIPELINES[:shift]:
            forget_text()
            started, started_cpu = time.perf_counter(), time.process_time()
            WORK[pipeline](data)
            wall[pipeline].append((time.perf_counter() - started) * 1000)
            cpu[pipeline].append((time.process_time() - started_cpu) * 1000)
    print(json.dumps({"ms": wall, "cpu_ms": cpu}))


def rss_child(pipeline: str, path: Path) -> None:
    """Peak RSS of a process that runs one pipeline a few times, as JSON; freed memory is
    handed back to the system after each, as the web app does after every upload."""
    data = path.read_bytes()
    for _ in range(3):
        forget_text()
        WORK[pipeline](data)
        images.give_back_memory()
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent through exec.
    status = Path("/proc/self/status").read_text()
    peak_kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
    print(json.dumps({"peak_mb": peak_kb / 1024}))


def run_child(*arguments: str) -> dict:
    command = [sys.executable, __file__, "--child", *arguments]
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


def main(runs: int, only: list[str]) -> None:
    print(machine())
    print(
        f"{runs} interleaved rounds after a warm-up; ms as median / p95 (wall clock); "
        "CPU: all threads' CPU time; ratios are medians of each round's ratio; "
        "peak RSS of a process running that pipeline alone"
    )
    header = (
        f"{'input':<20} {'cards':>11} {'CPU':>5} {'naive':>11} {'CPU':>5} {'floor':>11} "
        f"{'CPU':>5} {'faces':>9} {'CPU':>5} {'speed-up':>8} {'×floor':>6} {'CPU speed-up':>12} "
        f"{'CPU ×floor':>10} {'RSS cards':>9} {'RSS naive':>9}"
    )
    detector = run_child("detector")
    print(
        f"face detector (OpenCV, numpy, cascade) adds {detector['detector_mb']:.0f} MB "
        f"resident, {detector['detector_anon_mb']:.0f} MB of it anonymous (not shared)"
    )
    print(header)
    with tempfile.TemporaryDirectory() as folder:
        for name, path in build_inputs(Path(folder)).items():
            if only and not any(word in name for word in only):
                continue
            times = run_child("time", str(path), "--runs", str(runs))
            wall = times["ms"]
            rss = {
                pipeline: run_child("rss", str(path), pipeline)["peak_mb"]
                for pipeline in ("cards", "naive")
            }
            cell = {
                key: f"{statistics.median(wall[key]):.0f} / {p95(wall[key]):.0f}" for key in wall
            }
            speed_up = statistics.median(
                n / c for n, c in zip(wall["naive"], wall["cards"], strict=True)
            )
            over_floor = statistics.median(
                c / f for c, f in zip(wall["cards"], wall["floor"], strict=True)
            )
            cpu = {key: statistics.median(value) for key, value in times["cpu_ms"].items()}
            print(
                f"{name:<20} {cell['cards']:>11} {cpu['cards']:>5.0f} "
                f"{cell['naive']:>11} {cpu['naive']:>5.0f} {cell['floor']:>11} "
                f"{cpu['floor']:>5.0f} {statistics.median(wall['faces']):>9.1f} "
                f"{cpu['faces']:>5.1f} "
                f"{speed_up:>7.1f}× {over_floor:>5.2f}× "
                f"{cpu['naive'] / cpu['cards']:>11.1f}× {cpu['cards'] / cpu['floor']:>9.2f}× "
                f"{rss['cards']:>7.0f}MB {rss['naive']:>7.0f}MB"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--only", nargs="*", default=[], help="inputs whose name has one of these words"
    )
    parser.add_argument("--child", nargs="+", metavar="ARGUMENT", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child and arguments.child[0] == "time":
        time_child(Path(arguments.child[1]), arguments.runs)
    elif arguments.child and arguments.child[0] == "detector":
        print(json.dumps(detector_rss()))
    elif arguments.child:
        rss_child(arguments.child[2], Path(arguments.child[1]))
    else:
        main(arguments.runs, arguments.only)
