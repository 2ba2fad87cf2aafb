"""Imports run one way (DESIGN.md): a lower layer never imports a higher one."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Bottom to top. The office core and the office's top (home page, evidence) share a package;
# the demo layer sits on top of everything.
LAYERS = [
    "satpas_core",
    "applicants",
    "service_timing",
    "compensation",
    "personnel",
    "satpas_top",
    "demo",
]
TOP_MODULES = (
    "satpas.home",
    "satpas.evidence",
    "satpas.reports",
    "satpas.management",
)


def _layer_of_module(module: str) -> str | None:
    package = module.split(".")[0]
    if package == "satpas":
        return "satpas_top" if module.startswith(TOP_MODULES) else "satpas_core"
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
    for package in ["satpas", "applicants", "service_timing", "compensation", "personnel", "demo"]:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
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
