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


def _imports(path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
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
