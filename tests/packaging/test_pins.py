"""pyproject.toml asks for the same pins as requirements*.txt, which the README installs: a
change to one that forgets the other fails here."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
EXTRAS = PROJECT["optional-dependencies"]


def pin(line: str) -> str:
    """One requirement, spelt one way: no comment, no spaces, lower case."""
    return re.sub(r"\s+", "", line.split("#", 1)[0]).lower()


def pins(name: str) -> set[str]:
    """The requirements a file names itself (not the ones it includes with -r)."""
    lines = (pin(line) for line in (ROOT / name).read_text().splitlines())
    return {line for line in lines if line and not line.startswith("-r")}


def test_the_package_asks_for_requirements_txt_with_redis_only_as_the_scale_extra():
    needed = {pin(p) for p in PROJECT["dependencies"]}
    scale = {pin(p) for p in EXTRAS["scale"]}
    assert needed | scale == pins("requirements.txt")
    assert scale == {p for p in pins("requirements.txt") if p.startswith("redis==")}
    assert not needed & scale


def test_the_dev_extra_is_requirements_dev_txt_on_top_of_the_app_and_its_scale_extra():
    dev = {pin(p) for p in EXTRAS["dev"]}
    assert dev == pins("requirements-dev.txt") | {"workshop[scale]"}
    assert "-r requirements.txt" in (ROOT / "requirements-dev.txt").read_text().splitlines()


def test_every_requirement_is_pinned_to_one_version():
    for name in ("requirements.txt", "requirements-dev.txt"):
        assert [p for p in pins(name) if "==" not in p] == [], name


def test_the_command_is_the_same_entry_as_python_dash_m():
    assert PROJECT["scripts"] == {"workshop": "workshop.__main__:main"}
