"""A missing service or file skips a test on a laptop and fails it in CI, through one helper."""

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
# What a skip for a missing service, package or file says; tests/needs.py is the only place.
SERVICE_SKIP = re.compile(
    r"pytest\.importorskip\(|pytest\.skip\([^)]*(not (installed|reachable|found|available)|"
    r"[Nn]o Redis|[Cc]hromium|shared test ?data)",
)


def test_no_test_skips_for_a_missing_service_by_itself():
    offenders = [
        f"{path.relative_to(TESTS)}:{number}"
        for path in TESTS.rglob("*.py")
        if path.name != "needs.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if SERVICE_SKIP.search(line) and path.name != Path(__file__).name
    ]
    assert offenders == [], "use tests.needs.missing() so that CI=true fails instead"


PROBE = textwrap.dedent(
    """
    from tests.needs import import_or_missing, missing, postgres_required

    def test_chromium():
        missing("Debian's Chromium is not installed")

    def test_postgres():
        missing("PostgreSQL not reachable", required=postgres_required())

    def test_package():
        import_or_missing("a_package_that_is_not_there")
    """
)


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, {"skipped": 3}),
        ({"CI": "true"}, {"failed": 3}),
        ({"REQUIRE_POSTGRES": "1"}, {"failed": 1, "skipped": 2}),
    ],
)
def test_under_ci_a_missing_service_fails_the_run(tmp_path, environment, expected):
    probe = tmp_path / "test_probe.py"
    probe.write_text(PROBE)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(TESTS.parent), **environment}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(probe)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    summary = run.stdout.strip().splitlines()[-1]
    counts = {word: int(n) for n, word in re.findall(r"(\d+) (failed|skipped|passed)", summary)}
    assert counts == expected, run.stdout
    assert run.returncode == (1 if "failed" in expected else 0)
