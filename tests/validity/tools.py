"""The two checkers the suite runs over the pages: the W3C Nu HTML checker (vnu.jar, from the
`vnu-jar` npm package, run by Java) and axe-core (from npm, injected into Chromium pages).

scripts/setup.sh --test installs both (`npm ci`) and Java. Without them a test skips, except
under CI=true, where a missing checker fails the run instead of passing it unchecked.
"""

import json
import shutil
import subprocess
from pathlib import Path

from tests.needs import missing

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def unavailable(reason: str) -> None:
    """Skip, or fail under CI, when a checker is missing (tests/needs.py)."""
    missing(f"{reason} (scripts/setup.sh --test installs it)")


def nu_check(files: list[Path]) -> dict[Path, list[str]]:
    """Every error the Nu checker finds, per file (one Java run for all of them)."""
    java = shutil.which("java")
    if java is None:
        unavailable("Java is not installed")
    if not VNU_JAR.exists():
        unavailable(f"the Nu HTML checker is not at {VNU_JAR}")
    result = subprocess.run(
        [
            java,
            "-Xss4m",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            "--exit-zero-always",
        ]
        + [str(path) for path in files],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    found: dict[Path, list[str]] = {path: [] for path in files}
    by_name = {str(path.resolve()): path for path in files}
    for message in json.loads(result.stderr or result.stdout)["messages"]:
        path = by_name.get(message.get("url", "").removeprefix("file:"))
        line = message.get("lastLine", "?")
        text = f"line {line}: {message['message']} [{message.get('extract', '').strip()[:120]}]"
        if path is None:
            raise AssertionError(f"the checker could not read a page: {message}")
        found[path].append(text)
    return found


def axe_source() -> str:
    if not AXE_JS.exists():
        unavailable(f"axe-core is not at {AXE_JS}")
    return AXE_JS.read_text(encoding="utf-8")


AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => `${v.impact} ${v.id}: ${v.help} `
    + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


def axe_violations(page, source: str) -> list[str]:
    """axe-core's violations on the page as loaded (WCAG 2 A/AA and best practices)."""
    page.add_script_tag(content=source)
    return page.evaluate(AXE_RUN)
