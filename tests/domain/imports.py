"""What a module of the `workshop` package imports, read with `ast` (never imported)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import workshop

PACKAGE_ROOT = Path(workshop.__file__).parent


def modules_under(layer: str) -> list[Path]:
    """Every Python file of one layer, e.g. "domain"."""
    found = sorted((PACKAGE_ROOT / layer).rglob("*.py"))
    assert found, f"no modules found under workshop/{layer}"
    return found


def dotted_name(path: Path) -> str:
    """`workshop/store/cards.py` → `workshop.store.cards`; a package's `__init__` is the package."""
    parts = list(path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(path: Path) -> Iterator[str]:
    """Absolute names of everything the file at `path` imports."""
    yield from imported_by(
        path.read_text(encoding="utf-8"), module=dotted_name(path), is_package=path.name == "__init__.py"
    )


def imported_by(source: str, *, module: str, is_package: bool = False) -> Iterator[str]:
    """Absolute names of everything `source` imports, relative imports resolved.

    `from .. import store` yields `workshop.store` as well as `workshop`, so importing a
    sibling package by name is caught like `from ..store import x`.
    """
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                # The package a relative import starts from: the module's own package, then up.
                parts = module.split(".")
                drop = node.level - 1 if is_package else node.level
                base = parts[: len(parts) - drop]
                assert base, f"{module}: relative import climbs out of the package"
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            yield target
            for alias in node.names:
                if alias.name != "*":
                    yield f"{target}.{alias.name}"


def is_within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")
