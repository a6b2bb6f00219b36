"""The systemd units ship as files in deploy/systemd/, and docs/deployment.md quotes each one
exactly as it is: an edit to either that forgets the other fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNITS = sorted((ROOT / "deploy" / "systemd").glob("*.service"))
DOC = ROOT / "docs" / "deployment.md"


def quoted_units() -> list[str]:
    """The doc's ```ini blocks, each as the text a file would hold."""
    return re.findall(r"^```ini\n(.*?)^```$", DOC.read_text(), flags=re.MULTILINE | re.DOTALL)


def test_both_units_ship():
    assert [unit.name for unit in UNITS] == ["workshop.service", "workshop@.service"]


@pytest.mark.parametrize("unit", UNITS, ids=[unit.name for unit in UNITS])
def test_the_doc_quotes_the_unit_as_it_is_and_links_it(unit):
    assert unit.read_text() in quoted_units(), f"docs/deployment.md does not quote {unit.name} as it is"
    assert f"(../deploy/systemd/{unit.name})" in DOC.read_text()


def test_every_unit_the_doc_quotes_is_a_shipped_file():
    shipped = {unit.read_text() for unit in UNITS}
    assert [block for block in quoted_units() if block not in shipped] == []


@pytest.mark.parametrize("unit", UNITS, ids=[unit.name for unit in UNITS])
def test_the_units_run_the_installed_command(unit):
    commands = [line for line in unit.read_text().splitlines() if line.startswith("ExecStart=")]
    assert commands == ["ExecStart=/opt/workshop/bin/workshop"]
