"""Python code run in a process of its own: for what only a new process shows (the first
import of a library) or what could hang the test's own process (a thread waiting forever)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_fresh(code: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run code with the project's Python from the project's folder; its output as text."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
