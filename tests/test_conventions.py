"""The conventions every feature follows, checked over the source so a new module keeps them."""

import ast
import re
from pathlib import Path

from campaign.config import SETTINGS, Setting, from_environment

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
    env = (CAMPAIGN.parent / "migrations" / "env.py").read_text(encoding="utf-8")
    assert kept == []
    assert not re.search(r"noqa: *F401", env), "migrations/env.py"


def _imports(path: Path) -> set[str]:
    """The campaign modules a module imports, at its top or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name.startswith("campaign.")}


def _package(module: str) -> str | None:
    """The feature package a module belongs to (campaign.<package>.<module>), if any."""
    parts = module.split(".")
    if len(parts) > 2 and (CAMPAIGN / parts[1]).is_dir():
        return parts[1]
    if len(parts) == 2 and (CAMPAIGN / parts[1]).is_dir():
        return parts[1]
    return None


def _package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in CAMPAIGN.rglob("*.py"):
        module = ".".join(path.relative_to(CAMPAIGN.parent).with_suffix("").parts)
        source = _package(module.removesuffix(".__init__"))
        if source is None:
            continue
        for imported in _imports(path):
            target = _package(imported)
            if target is not None and target != source:
                graph.setdefault(source, set()).add(target)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle in the graph, as the path that closes it, or None."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str] | None:
        if node in path:
            return path[path.index(node) :] + [node]
        if node in done:
            return None
        for target in sorted(graph.get(node, ())):
            found = visit(target, [*path, node])
            if found:
                return found
        done.add(node)
        return None

    for start in sorted(graph):
        found = visit(start, [])
        if found:
            return found
    return None


def test_feature_packages_depend_downward_only():
    cycle = _cycle(_package_graph())
    assert cycle is None, " -> ".join(cycle)


def test_the_cycle_check_sees_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}}) is None


def _module_graph() -> dict[str, set[str]]:
    """Module -> the campaign modules it imports when it is loaded (not inside functions)."""
    modules = {
        ".".join(path.relative_to(CAMPAIGN.parent).with_suffix("").parts).removesuffix(
            ".__init__"
        ): path
        for path in CAMPAIGN.rglob("*.py")
    }
    graph = {}
    for module, path in modules.items():
        targets = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    targets.add(full if full in modules else node.module)
            elif isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
        graph[module] = {target for target in targets if target in modules and target != module}
    return graph


def test_no_module_imports_one_that_imports_it_back():
    cycle = _cycle(_module_graph())
    assert cycle is None, " -> ".join(cycle)


def _variables_read() -> set[str]:
    """The environment variables campaign/config.py reads: its table of settings."""
    return {setting.name for setting in SETTINGS}


def _rows() -> list[tuple[list[str], str]]:
    """Each row of docs/configuration.md's table: the variables it names, its default cell."""
    text = (CAMPAIGN.parent / "docs" / "configuration.md").read_text(encoding="utf-8")
    return [
        (re.findall(r"`([A-Z0-9_]+)`", line.split("|")[1]), line.split("|")[2].strip())
        for line in text.splitlines()
        if line.startswith("| `")
    ]


def _variables_documented() -> set[str]:
    """The variables docs/configuration.md names in the first column of its table."""
    return {name for names, _ in _rows() for name in names}


def _split(cell: str) -> list[str]:
    """A default cell's parts: split at commas outside `code` and (parentheses)."""
    parts, depth, code, current = [], 0, False, ""
    for char in cell:
        code = not code if char == "`" else code
        depth += {"(": 1, ")": -1}.get(char, 0) if not code else 0
        if char == "," and not code and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return [*parts, current.strip()]


def _rendered(setting: Setting) -> str:
    """The default as the reference must state it."""
    value = setting.default
    if setting.shown is not None:
        return setting.shown
    if value is None or value == "":
        return "(none)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, float) and value.is_integer():
        return f"`{int(value)}`"
    return f"`{value}`"


def test_every_setting_is_documented_in_the_configuration_reference():
    assert _variables_read(), "the settings could not be read from campaign/config.py"
    assert sorted(_variables_read() - _variables_documented()) == []


def test_the_configuration_reference_names_only_settings_the_app_reads():
    # Read by the tests, by boto3 or by Pillow rather than by campaign/config.py.
    elsewhere = {
        "TEST_DATABASE_URL",
        "REQUIRE_POSTGRES",
        "PILLOW_BLOCKS_MAX",
        "CAMPAIGN_ADMIN_PASSWORD",
    }
    assert sorted(_variables_documented() - _variables_read() - elsewhere) == []


def test_the_configuration_reference_states_each_default_of_the_table():
    table = {setting.name: setting for setting in SETTINGS}
    wrong = []
    for names, cell in _rows():
        names = [name for name in names if name in table]
        if not names:
            continue
        stated = _split(cell)
        if len(stated) == 1:
            stated = stated * len(names)
        assert len(stated) == len(names), f"{names}: one default each, or one for all: {cell}"
        wrong += [
            f"{name}: reference says {said}, table {_rendered(table[name])}"
            for name, said in zip(names, stated, strict=True)
            if said != _rendered(table[name])
        ]
    assert wrong == []


def test_the_default_check_sees_a_changed_default():
    setting = Setting("SMTP_PORT", 587, int)
    assert _rendered(setting) == "`587`"
    assert _rendered(Setting("X", 0.25, float)) == "`0.25`"
    assert _rendered(Setting("X", 10.0, float)) == "`10`"
    assert _rendered(Setting("X", False, bool)) == "`false`"
    assert _split("(none), `10 per minute; 50 per hour`, (none: a, b)") == [
        "(none)",
        "`10 per minute; 50 per hour`",
        "(none: a, b)",
    ]


def test_every_setting_is_read_from_its_variable_or_defaults_when_unset():
    unset = from_environment({})
    given = {"MAX_UPLOAD_MB": "3", "RATELIMIT_ENABLED": "no", "CAMPAIGN_ENV": "production"}
    read = from_environment(given)
    for setting in SETTINGS:
        assert unset[setting.key or setting.name] == setting.default or setting.default is None
    assert (read["MAX_UPLOAD_MB"], read["RATELIMIT_ENABLED"], read["ENV"]) == (
        3,
        False,
        "production",
    )
    assert read["MAX_CONTENT_LENGTH"] == 3 * 1024 * 1024 + 64 * 1024
    assert read["SESSION_COOKIE_SECURE"] is True
    assert unset["SESSION_COOKIE_SECURE"] is False


def test_code_writes_no_default_of_its_own_for_a_setting():
    # config.get("NAME", default), or config.get("NAME") or default, is a second default.
    guessing = sorted(name for name, text in _sources().items() if "config.get(" in text)
    assert guessing == []
    # Besides config.py: Pillow's own PILLOW_BLOCKS_MAX, and the admin password `flask users`
    # reads (a command's input, not a setting).
    reading = sorted(name for name, text in _sources().items() if "os.environ" in text)
    assert reading == ["campaign/config.py", "campaign/images.py", "campaign/moderation/cli.py"]


BUILT_BY_FACTORIES = {"Entry", "User", "OfficialInvitation"}


def _hand_built(path: Path) -> list[str]:
    """Where a test module constructs a model that tests/factories.py builds, or signs in
    a hand-written way."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in BUILT_BY_FACTORIES:
            found.append(f"{node.func.id}( at line {node.lineno}")
        elif isinstance(node, ast.FunctionDef) and node.name == "sign_in":
            found.append(f"def sign_in at line {node.lineno}")
    return found


def test_tests_build_entries_users_and_invitations_through_the_factories():
    tests = CAMPAIGN.parent / "tests"
    built = {
        path.relative_to(tests).as_posix(): found
        for path in sorted(tests.rglob("*.py"))
        if path.name != "factories.py" and (found := _hand_built(path))
    }
    assert built == {}


def test_the_factory_check_sees_a_hand_built_entry(tmp_path):
    module = tmp_path / "test_x.py"
    module.write_text("def test_x(db):\n    db.session.add(Entry(slug='x'))\n", encoding="utf-8")
    assert _hand_built(module) == ["Entry( at line 2"]


def _conftest_imports(path: Path) -> list[str]:
    """Where a module imports from a conftest.py (helpers belong in plain modules)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            modules = [base, *(f"{base}.{alias.name}".replace("..", ".") for alias in node.names)]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        else:
            continue
        named = [module for module in modules if module.rsplit(".", 1)[-1] == "conftest"]
        found += [f"{module} at line {node.lineno}" for module in named[:1]]
    return found


def test_test_modules_import_no_helper_from_a_conftest():
    # A conftest.py may take another's fixtures; every other module imports plain modules.
    tests = CAMPAIGN.parent / "tests"
    importing = {
        path.relative_to(tests).as_posix(): found
        for path in sorted(tests.rglob("*.py"))
        if path.name != "conftest.py" and (found := _conftest_imports(path))
    }
    assert importing == {}


def test_the_conftest_check_sees_an_import_from_a_conftest(tmp_path):
    module = tmp_path / "test_x.py"
    module.write_text(
        "import os\nfrom tests.factories import make_entry\n"
        "from tests.wall.conftest import page\nimport tests.conftest\nfrom . import conftest\n",
        encoding="utf-8",
    )
    assert _conftest_imports(module) == [
        "tests.wall.conftest at line 3",
        "tests.conftest at line 4",
        ".conftest at line 5",
    ]


ROOT = CAMPAIGN.parent
CONFLICT_MARKER = re.compile(r"^(<{7} |={7}$|>{7} )", re.MULTILINE)
TEXT_SUFFIXES = {".py", ".md", ".html", ".js", ".css", ".json", ".po", ".toml", ".sh", ".txt"}


def _tracked_text_files() -> list[Path]:
    folders = ["campaign", "templates", "static", "docs", "tests", "bench", "scripts", "migrations"]
    files = [ROOT / name for name in ("README.md", "BENCHMARKS.md", "pyproject.toml")]
    for folder in folders:
        files += [
            path
            for path in (ROOT / folder).rglob("*")
            if path.suffix in TEXT_SUFFIXES and "node_modules" not in path.parts
        ]
    return files


def test_no_file_keeps_a_merge_conflicts_markers():
    # A rebase's leftover once sat in docs/architecture.md unnoticed for a round.
    marked = [
        path.relative_to(ROOT).as_posix()
        for path in _tracked_text_files()
        if CONFLICT_MARKER.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert marked == []


def test_every_kind_of_template_is_extracted_for_translation():
    # A template kind missing from babel.cfg keeps its strings English in every language
    # (the Atom feed's subtitle did), and tests/i18n cannot see what was never extracted.
    babel_map = (ROOT / "babel.cfg").read_text(encoding="utf-8")
    extracted = set(re.findall(r"^\[jinja2: templates/\*\*\.(\w+)\]", babel_map, re.M))
    kinds = {path.suffix.lstrip(".") for path in (ROOT / "templates").rglob("*.*")}
    assert kinds <= extracted, f"templates not extracted: {sorted(kinds - extracted)}"
