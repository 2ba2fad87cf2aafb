"""Imports run one way (DESIGN.md): a lower layer never imports a higher one."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Bottom to top; each layer is a top-level package.
LAYERS = ["satpas", "applicants", "service_timing", "compensation", "personnel", "evidence", "demo"]
# The project configuration (root URLconf, settings) wires every app together: outside the layers.
CONFIGURATION = ("satpas.urls", "satpas.settings")


def _layer_of_module(module: str) -> str | None:
    package = module.split(".")[0]
    return package if package in LAYERS else None


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_imports_run_one_way() -> None:
    violations = []
    for package in LAYERS:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            if module.startswith(CONFIGURATION):
                continue
            own = _layer_of_module(module)
            for imported in _imports(path):
                target = _layer_of_module(imported)
                if own and target and LAYERS.index(target) > LAYERS.index(own):
                    violations.append(f"{module} imports {imported}")
    assert violations == []


def test_nothing_outside_the_demo_imports_it() -> None:
    """The product runs without the demo layer: only demo/, tests/ and bench/ import `demo`."""
    allowed = {"demo", "tests", "bench"}
    paths = list(ROOT.glob("*.py"))
    for folder in ROOT.iterdir():
        if folder.is_dir() and folder.name not in allowed and (folder / "__init__.py").exists():
            paths += folder.rglob("*.py")
    importers = [
        f"{path.relative_to(ROOT)} imports {imported}"
        for path in paths
        for imported in _imports(path)
        if imported == "demo" or imported.startswith("demo.")
    ]
    assert paths
    assert importers == []
