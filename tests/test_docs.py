"""The generated parts of the docs say what the code does: cog would not change them."""

from __future__ import annotations

from pathlib import Path

import pytest
from cogapp import Cog

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ["docs/protocol.md"]


@pytest.mark.parametrize("doc", GENERATED)
def test_generated_tables_are_current(doc, capsys):
    status = Cog().main(["cog", "--check", "-I", str(ROOT), str(ROOT / doc)])
    assert status == 0, f"{doc} is stale: run `cog -I . -r {doc}`\n{capsys.readouterr().out}"
