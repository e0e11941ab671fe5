"""The pipeline's layers: each package imports only from the layers before it (load → check → relate → render
→ publish), and no test helper ships in the runtime package."""

from __future__ import annotations

import ast

import pytest

from praxisatlas import REPO_ROOT

PACKAGE = REPO_ROOT / "praxisatlas"
ORDER = ["domain", "io", "checks", "relate", "render", "intake", "publish", "cli"]
# intake (issue forms, scaffolds, statistics) and publish sit side by side above render; neither uses the other
SIDE_BY_SIDE = {("intake", "publish"), ("publish", "intake")}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "praxisatlas" and parts[1] in ORDER else None


def _module_name(path) -> str:
    """"praxisatlas.checks.validate" for praxisatlas/checks/validate.py (a package's __init__ is the package)."""
    parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path) -> list[str]:
    """Every module a file imports, relative imports resolved to absolute names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                found.append(".".join([*base, *([node.module] if node.module else [])]))
            elif node.module:
                found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=[p.relative_to(PACKAGE).as_posix() for p in MODULES])
def test_no_import_points_to_a_higher_layer(path):
    relative = path.relative_to(PACKAGE)
    own = relative.parts[0].removesuffix(".py") if relative.parts[0] != "__init__.py" else None
    if own not in ORDER:
        return
    wrong = [module for module in _imports(path) if (layer := _layer(module)) and
             (ORDER.index(layer) > ORDER.index(own) or (own, layer) in SIDE_BY_SIDE)]
    assert wrong == [], f"{relative} importiert aus einer höheren Schicht: {wrong}"


def test_no_test_helpers_in_the_runtime_package():
    for path in MODULES:
        imports = _imports(path)
        assert not any(m.startswith(("tests", "pytest", "playwright")) for m in imports), path
        assert "/usr/bin/chromium" not in path.read_text(encoding="utf-8"), path


# the adapters on top: MkDocs' hooks and the command scripts may use every layer; nothing below uses them
ADAPTERS = sorted([*(REPO_ROOT / "hooks").glob("*.py"), *(REPO_ROOT / "scripts").glob("*.py")])


# developer tools (measurements, synthetic corpus, screenshots) may use the test helpers; commands users run may not
DEV_TOOLS = {"benchmark.py", "benchmark_suche.py", "generate_corpus.py", "screenshots.py"}


@pytest.mark.parametrize("path", ADAPTERS, ids=[p.relative_to(REPO_ROOT).as_posix() for p in ADAPTERS])
def test_hooks_and_scripts_sit_on_top(path):
    imports = _imports(path)
    if path.name not in DEV_TOOLS:
        assert not any(m.split(".")[0] in ("tests", "pytest", "playwright") for m in imports), path
    assert not any(m.split(".")[0] == "hooks" for m in imports), path  # no adapter builds on another
    assert "sys.path" not in path.read_text(encoding="utf-8"), path  # developer tools run as `python -m scripts.…`


COMMANDS = [p for p in ADAPTERS if p.parent.name == "scripts" and p.name not in DEV_TOOLS]


@pytest.mark.parametrize("path", COMMANDS, ids=[p.name for p in COMMANDS])
def test_command_scripts_are_thin_wrappers_over_the_cli(path):
    """A command script only calls its entry point in praxisatlas/cli.py, and never edits sys.path: it runs the
    installed package on the project it is called in, not a package next to the script."""
    assert set(_imports(path)) == {"sys", "praxisatlas.cli"}, path
    assert "sys.path" not in path.read_text(encoding="utf-8"), path


def test_the_package_never_imports_an_adapter():
    for path in MODULES:
        assert not any(m.split(".")[0] in ("hooks", "scripts") for m in _imports(path)), path


def test_relative_imports_are_checked_too(tmp_path):
    """A relative import counts like an absolute one (it cannot slip past the layer rule)."""
    fake = PACKAGE / "domain" / "_probe_for_test.py"
    try:
        fake.write_text("from ..render import site\n", encoding="utf-8")
        assert _imports(fake) == ["praxisatlas.render"]
    finally:
        fake.unlink()
