"""Debian's Chromium, driven through Playwright's Python package (its own browser download
does not work here). One Playwright and one browser serve the whole test run: Playwright's
sync API cannot be started twice on one thread."""

import shutil
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # A fake camera that needs no permission prompt, for the join page's camera path.
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"


def available() -> bool:
    return CHROMIUM.exists() and shutil.which(str(CHROMIUM)) is not None
