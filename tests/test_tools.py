"""A missing outside program skips its tests here and fails them under CI."""

from __future__ import annotations

import pytest

from tests.tools import missing


def test_a_missing_tool_skips_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no nginx"):
        missing("no nginx")


def test_a_missing_tool_fails_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"no nginx.*CI=true"):
        missing("no nginx")
