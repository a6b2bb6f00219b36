"""The table of what relies on a dependency beyond its documented API (docs/architecture.md)
names the versions it was checked with: they must be the ones pinned and installed, so an
upgrade fails here until each row has been checked again."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).parents[2]
HEADING = "## Beyond a dependency's documented API"


def assumed_versions() -> set[tuple[str, str]]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split(HEADING, 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert rows, "the table has no rows"
    return {(name, pinned) for row in rows for name, pinned in re.findall(r"([\w-]+)==([\w.]+)", row)}


def test_every_version_the_table_assumes_is_pinned_and_installed():
    pins = dict(
        line.split("#")[0].strip().split("==")
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if "==" in line
    )
    for name, assumed in sorted(assumed_versions()):
        assert pins.get(name) == assumed, (
            f"requirements.txt pins {name} {pins.get(name)}, the table {assumed}"
        )
        assert version(name) == assumed, f"{name} {version(name)} is installed, the table assumes {assumed}"
