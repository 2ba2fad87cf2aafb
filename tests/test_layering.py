"""Imports run one way (DESIGN.md): a lower layer never imports a higher one."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Bottom to top. The office core and the office's top (home page, evidence) share a package.
LAYERS = ["satpas_core", "applicants", "service_timing", "compensation", "personnel", "satpas_top"]
TOP_MODULES = (
    "satpas.home",
    "satpas.evidence",
    "satpas.reports",
    "satpas.generate",
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
    for package in ["satpas", "applicants", "service_timing", "compensation", "personnel"]:
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
