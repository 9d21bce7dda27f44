"""The conventions every feature follows, checked over the source so a new module keeps them."""

import re
from pathlib import Path

CAMPAIGN = Path(__file__).resolve().parent.parent / "campaign"


def _sources() -> dict[str, str]:
    return {
        path.relative_to(CAMPAIGN.parent).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(CAMPAIGN.rglob("*.py"))
    }


def test_unit_of_work_is_the_only_commit():
    committing = [name for name, text in _sources().items() if re.search(r"\.commit\(\)", text)]
    assert committing == ["campaign/unit_of_work.py"]


def test_every_blueprint_is_registered_by_the_app_factory():
    registering = [name for name, text in _sources().items() if "register_blueprint(" in text]
    assert registering == ["campaign/__init__.py"]


def test_no_import_is_kept_only_for_its_side_effect():
    kept = [name for name, text in _sources().items() if re.search(r"noqa: *F401", text)]
    assert kept == []
