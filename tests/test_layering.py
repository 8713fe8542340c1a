"""Dependencies point one way: cli -> runner -> pipeline -> stages -> document/rules -> article."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "newsclean"

# module -> modules of the package it must never import
FORBIDDEN = {
    "article": {"document", "pipeline", "stages", "readers", "core", "cli", "runner"},
    "errors": {"document", "pipeline", "stages", "readers", "core", "cli", "runner", "article"},
    "document": {"pipeline", "stages", "readers", "core", "cli", "runner"},
    "rules": {"document", "pipeline", "stages", "readers", "core", "cli", "runner"},
    "stages": {"pipeline", "core", "cli", "runner"},
    "readers": {"stages", "pipeline", "core", "cli", "runner"},
    "pipeline": {"core", "cli", "runner"},
    "core": {"cli", "runner"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level >= 1 and node.module:
            out.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("newsclean.")
        ):
            out.add(node.module.split(".")[1])
    return out


@pytest.mark.parametrize("module", sorted(FORBIDDEN))
def test_lower_modules_never_import_higher_ones(module: str) -> None:
    """A module imports nothing from the layers above it."""
    target = SRC / module
    files = sorted(target.rglob("*.py")) if target.is_dir() else [target.with_suffix(".py")]
    for f in files:
        bad = _imports(f) & FORBIDDEN[module]
        assert not bad, f"{f.relative_to(SRC)} imports {sorted(bad)}"
