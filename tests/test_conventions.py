"""The conventions every feature follows, checked over the source so a new module keeps them."""

import ast
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
    """The environment variables campaign/config.py reads."""
    source = (CAMPAIGN / "config.py").read_text(encoding="utf-8")
    readers = r"os\.environ(?:\.get)?\(|os\.environ\[|_bool\(|_moment\(|_optional_int\("
    pattern = rf'(?:{readers})\s*"([A-Z0-9_]+)"'
    return set(re.findall(pattern, source))


def _variables_documented() -> set[str]:
    """The variables docs/configuration.md names in the first column of its table."""
    text = (CAMPAIGN.parent / "docs" / "configuration.md").read_text(encoding="utf-8")
    names = set()
    for line in text.splitlines():
        if line.startswith("| `"):
            names.update(re.findall(r"`([A-Z0-9_]+)`", line.split("|")[1]))
    return names


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
