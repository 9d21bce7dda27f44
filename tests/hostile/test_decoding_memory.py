"""Hostile photos cannot take a worker past its memory budget, nor leave it holding memory.

Each upload goes to a fresh process (tests/hostile/memory_probe.py) that has served one
ordinary submission first, as a worker has; its peak resident memory is what a worker needs.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile import files

ROOT = Path(__file__).resolve().parents[2]
WORKER_BUDGET_MB = 400  # docs/deploying.md: "Give each worker about 400 MB."
# Pillow keeps up to four freed 16 MB blocks for the next image (PILLOW_BLOCKS_MAX).
KEPT_AFTER_MB = 80
COSTLY = "too large for us to process in this format"

CASES = {
    # name: (the file, whether it is accepted as a photo)
    "lossless WebP of 16383×3051 RGBA": (files.webp_rgba_16383x3051, False),
    "PNG of 7000×7000 RGBA": (lambda: files.png_rgba(7000, 7000), False),
    "PNG of 5000×5000 RGBA": (lambda: files.png_rgba(5000, 5000), True),
    "HEIC of 8000×6000 RGBA": (files.heic_rgba_8000x6000, False),
}


def probe(path: Path) -> dict:
    run = subprocess.run(
        [sys.executable, "-m", "tests.hostile.memory_probe", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_hostile_photo_stays_within_a_workers_memory(tmp_path, case):
    make, accepted = CASES[case]
    path = tmp_path / "upload"
    path.write_bytes(make())
    result = probe(path)
    if accepted:
        assert result["status"] == 303, result["text"][:2000]
    else:
        assert result["status"] == 422
        assert COSTLY in result["text"]
    assert result["peak"] <= WORKER_BUDGET_MB, result
    assert result["after"] <= result["before"] + KEPT_AFTER_MB, result
