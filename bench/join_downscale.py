"""How much data the join page saves by downscaling photos in the browser before upload.

Serves the app on 127.0.0.1, opens /join in Debian's Chromium, chooses each photo and prints
the size of the file the page would send against the original (a ratio measured in the same
run; no timing). Run: .venv/bin/python bench/join_downscale.py
"""

import logging
import os
import sys
import tempfile
import threading
from pathlib import Path

from PIL import Image
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from campaign import create_app  # noqa: E402
from campaign.extensions import db  # noqa: E402
from tests import chromium  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "testdata" / "exif-orientation" / "Landscape_0.jpg"


def photos(folder: Path) -> list[tuple[str, Path]]:
    made = []
    if SAMPLE.exists():
        photo = Image.open(SAMPLE).convert("RGB").resize((4032, 3024), Image.Resampling.LANCZOS)
        made.append(("12 MP photo (a real scene, upscaled), JPEG q92", photo, 92))
    noise = Image.frombytes("RGB", (4032, 3024), os.urandom(4032 * 3024 * 3))
    made.append(("12 MP sensor noise (worst case), JPEG q85", noise, 85))
    small = Image.open(SAMPLE).convert("RGB") if SAMPLE.exists() else noise.resize((1800, 1200))
    made.append(("1800 × 1200 photo, JPEG q90 (sent as it is)", small, 90))
    paths = []
    for index, (label, image, quality) in enumerate(made):
        path = folder / f"photo-{index}.jpg"
        image.save(path, "JPEG", quality=quality)
        paths.append((label, path))
    return paths


def main() -> None:
    from playwright.sync_api import sync_playwright

    logging.getLogger("werkzeug").setLevel(logging.WARNING)

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        app = create_app(
            {
                "SECRET_KEY": "bench-secret-key-long-enough-for-the-bench",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite3'}",
                "UPLOAD_DIR": str(folder / "uploads"),
                "RATELIMIT_ENABLED": False,
            }
        )
        with app.app_context():
            db.create_all()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(chromium.CHROMIUM), args=chromium.ARGS
                )
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{server.server_port}/join")
                print(f"{'photo':<48} {'original':>10} {'sent':>10} {'sent/original':>14}")
                for label, path in photos(folder):
                    page.set_input_files('input[name="photo"]', str(path))
                    page.wait_for_function(
                        "() => document.querySelector('[data-photo-status]').textContent"
                    )
                    sent, width, height = page.locator('input[name="photo"]').evaluate(
                        """async input => { const file = input.files[0];
                             const bitmap = await createImageBitmap(file);
                             return [file.size, bitmap.width, bitmap.height]; }"""
                    )
                    original = path.stat().st_size
                    print(
                        f"{label:<48} {original / 1e6:>8.2f}MB {sent / 1e6:>8.2f}MB "
                        f"{sent / original:>13.0%}   ({width} × {height} sent)"
                    )
                    page.evaluate("document.querySelector('[data-photo-status]').textContent = ''")
                browser.close()
        finally:
            server.shutdown()
            thread.join()
            server.server_close()


if __name__ == "__main__":
    main()
