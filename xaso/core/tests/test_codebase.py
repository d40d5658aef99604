"""The shape of the codebase (docs/architecture.md): no test module imports another, and no
module grows past about 500 lines unless the map names it as data or one algorithm. Imports
between the apps are checked by import-linter (`make lint`)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import xaso

ROOT = Path(xaso.__file__).parent
MAP = ROOT.parent / "docs" / "architecture.md"
LONGEST = 520  # "about 500 lines"


def _python_files() -> list[Path]:
    return [path for path in ROOT.rglob("*.py") if "migrations" not in path.parts]


def _imported(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found += [base] + [f"{base}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return found


def test_no_test_module_imports_another():
    offending = {
        f"{path.relative_to(ROOT.parent)} → {name}"
        for path in _python_files()
        if "tests" in path.parts
        for name in _imported(path)
        if re.search(r"\.tests\.test_[a-z0-9_]+$", name)
    }
    assert not offending, "share it through factories, xaso/testing or conftest: " + ", ".join(
        sorted(offending)
    )


def test_no_module_is_longer_than_the_map_allows():
    named = set(re.findall(r"^\| `(xaso/[^`]+\.py)` \|", MAP.read_text(encoding="utf-8"), re.M))
    long = {
        str(path.relative_to(ROOT.parent)): sum(1 for _ in path.open(encoding="utf-8"))
        for path in _python_files()
        if "tests" not in path.parts
    }
    too_long = {
        name: lines for name, lines in long.items() if lines > LONGEST and name not in named
    }
    assert not too_long, f"split, or name it in docs/architecture.md: {too_long}"
