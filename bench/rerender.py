"""How long `flask cards rerender` takes per entry, beside a submission's own cards.

Makes ENTRIES entries in a fresh SQLite database through the service a submission goes
through (create_entry: the upload decoded, its faces found, the photo stored, four cards
rendered), each from its own 12 MP camera-like JPEG with a face-like figure, and times each;
then makes every entry's cards again with the command's own function (rerender_entry: the
stored photo read, framed around the faces found at submission, four cards rendered, the
old files removed) and times each. The submission is the baseline of the same run. Prints
median and p95 milliseconds per entry, their ratio, and entries per hour for one process.

    .venv/bin/python bench/rerender.py [--entries 40]

Not part of the test suite.
"""

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import flask_migrate  # noqa: E402

from campaign import create_app  # noqa: E402
from campaign.branding import branding_from_config  # noqa: E402
from campaign.submissions.rerender import Outcome, rerender_entry  # noqa: E402
from campaign.submissions.service import Submission, create_entry  # noqa: E402
from campaign.unit_of_work import unit_of_work  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from cards import machine, p95  # noqa: E402

STATEMENT = "every day teaches me something new, and I share it with my city."


def camera_photo(seed: int) -> bytes:
    """A 4000×3000 JPEG with sensor-like noise and a face-like figure off the centre."""
    image = Image.effect_noise((4000, 3000), 40 + seed % 7).convert("RGB")
    draw = ImageDraw.Draw(image)
    left = 900 + 150 * (seed % 8)
    draw.ellipse([left, 600, left + 1100, 2000], fill=(230, 190, 160))
    draw.rectangle([left - 300, 2000, left + 1400, 3000], fill=(60, 90, 160))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def main(count: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-rerender-"))
    app = create_app(
        {
            "SECRET_KEY": "bench-secret-key-long-enough-for-the-bench",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite3'}",
            "UPLOAD_DIR": str(folder / "uploads"),
            "RATELIMIT_ENABLED": False,
        }
    )
    photos = [camera_photo(seed) for seed in range(count)]
    made, again, ids = [], [], []
    with app.app_context():
        flask_migrate.upgrade(directory=str(ROOT / "migrations"))
        branding = branding_from_config()
        for photo in photos:
            submission = Submission(
                name="Aino Virtanen",
                city="Espoo",
                country_code="FI",
                language="en",
                statement=STATEMENT,
                photo=photo,
            )
            started = time.perf_counter()
            with unit_of_work() as files:
                entry, _ = create_entry(
                    submission, files=files, moderation="post", branding=branding
                )
            made.append(time.perf_counter() - started)
            ids.append(entry.id)
        for entry_id in ids:
            started = time.perf_counter()
            outcome = rerender_entry(entry_id)
            again.append(time.perf_counter() - started)
            assert outcome is Outcome.DONE, outcome

    def ms(values: list[float]) -> str:
        return f"{1000 * statistics.median(values):.0f} ms (p95 {1000 * p95(values):.0f})"

    print(f"Machine: {machine()}; {count} entries, SQLite, local storage")
    print("| per entry | median (p95) |")
    print("|---|---|")
    print(f"| submission's cards (baseline: 12 MP upload decoded, faces, 4 cards) | {ms(made)} |")
    print(f"| `cards rerender` (stored photo, 4 cards, files swapped) | {ms(again)} |")
    ratio = statistics.median(again) / statistics.median(made)
    print(f"rerender / submission: {ratio:.2f}×")
    print(f"one process: {3600 / statistics.median(again):,.0f} entries per hour")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=40)
    main(parser.parse_args().entries)
