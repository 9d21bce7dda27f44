"""Concurrent submissions per second with 12 MP photos under gunicorn on PostgreSQL.

Prints throughput, p50/p99 latency, server CPU per submission, and next to them the cost of
the same photo's decoding + card rendering alone in this process (the floor a submission
cannot go under). Run: .venv/bin/python bench/submit.py [--submissions 60] [--workers 2]
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from campaign import cards  # noqa: E402
from campaign.images import encode_jpeg  # noqa: E402
from tests.load.server import (  # noqa: E402
    app_environment,
    form_token,
    gunicorn,
    join_fields,
    postgres_schema,
)

STATEMENT = "every day teaches me something new, and I share it with my city."


def twelve_megapixel_photo() -> bytes:
    """A 4000×3000 camera-like JPEG: a gradient with detail, so it does not compress away."""
    image = Image.effect_noise((4000, 3000), 40).convert("RGB")
    draw = ImageDraw.Draw(image)
    draw.ellipse([1300, 700, 2700, 2500], fill=(230, 190, 160))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def render_alone(photo: bytes, runs: int) -> float:
    """CPU seconds to decode the photo, re-encode it and render its four cards, in process."""
    content = cards.CardContent(
        statement=STATEMENT, language="en", name="Aino", city="Espoo", country="Finland"
    )
    started = time.process_time()
    for _ in range(runs):
        decoded, _, _ = cards.render_upload(photo, content, (0.5, 0.5), cards.Branding())
        encode_jpeg(decoded.image, quality=88)
    return (time.process_time() - started) / runs


def one_submission(base_url: str, photo: bytes, marker: str, start: threading.Barrier):
    with requests.Session() as session:
        token = form_token(session, base_url)
        start.wait(timeout=300)
        began = time.perf_counter()
        response = session.post(
            f"{base_url}/join",
            data=join_fields(token, marker, statement=f"{marker} {STATEMENT}"),
            files={"photo": ("photo.jpg", photo, "image/jpeg")},
            allow_redirects=False,
            timeout=300,
        )
        return response.status_code, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=60)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    arguments = parser.parse_args()
    photo = twelve_megapixel_photo()
    print(f"machine: {os.cpu_count()} cores; photo: 4000x3000 JPEG, {len(photo) // 1024} KB")
    alone = render_alone(photo, runs=5)
    with postgres_schema() as database_url, tempfile.TemporaryDirectory() as folder:
        if database_url is None:
            sys.exit("PostgreSQL is not reachable at TEST_DATABASE_URL")
        env = app_environment(database_url, Path(folder) / "uploads")
        with gunicorn(env, workers=arguments.workers, timeout=300) as server:
            count = arguments.submissions
            start = threading.Barrier(count)
            cpu_before = server.cpu_seconds()
            began = time.perf_counter()
            with ThreadPoolExecutor(max_workers=count) as pool:
                results = list(
                    pool.map(
                        lambda index: one_submission(server.base_url, photo, f"b{index}", start),
                        range(count),
                    )
                )
            elapsed = time.perf_counter() - began
            cpu = server.cpu_seconds() - cpu_before
    statuses = {status for status, _ in results}
    latencies = sorted(latency for _, latency in results)
    p99 = latencies[min(len(latencies) - 1, round(0.99 * (len(latencies) - 1)))]
    print(f"gunicorn: {arguments.workers} sync workers; {count} submissions sent at once")
    print(f"statuses: {sorted(statuses)}")
    print(f"throughput: {count / elapsed:.2f} submissions/s over {elapsed:.1f} s")
    print(f"latency: p50 {statistics.median(latencies):.2f} s, p99 {p99:.2f} s")
    print(f"server CPU per submission: {cpu / count:.3f} s (GET /join + POST, all processes)")
    print(f"decode + re-encode + four cards alone, in process: {alone:.3f} s CPU")
    print(f"ratio submission CPU / rendering alone: {cpu / count / alone:.2f}")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} (other work shares the cores)")


if __name__ == "__main__":
    main()
