"""The app's own folders and its default data folder, in a checkout and installed; the packages
the wheel is made of."""

from __future__ import annotations

import tomllib
from pathlib import Path

from workshop import assets, config

ROOT = Path(__file__).resolve().parents[2]


def test_a_checkout_finds_the_repositorys_own_folders():
    assert assets.INSTALLED is False
    assert (assets.TEMPLATES, assets.STATIC, assets.TRANSLATIONS) == (
        ROOT / "templates",
        ROOT / "static",
        ROOT / "translations",
    )


def test_a_checkout_keeps_its_workshops_in_its_own_sessions_folder_wherever_it_is_started(
    monkeypatch, tmp_path
):
    monkeypatch.chdir(tmp_path)
    assert config.Settings.from_env({}).data_dir == ROOT / "sessions"
    assert config.Settings().data_dir == ROOT / "sessions"


def test_installed_the_default_data_folder_is_the_users_own(monkeypatch, tmp_path):
    monkeypatch.setattr(assets, "INSTALLED", True)
    monkeypatch.setenv("HOME", str(tmp_path))
    home_default = tmp_path / ".local" / "share" / "workshop" / "sessions"
    assert config.default_data_dir({}) == home_default
    assert config.default_data_dir({"XDG_DATA_HOME": "relative"}) == home_default  # the spec: ignored
    assert config.default_data_dir({"XDG_DATA_HOME": "/data"}) == Path("/data/workshop/sessions")


def test_the_data_folder_setting_wins_over_the_default(monkeypatch):
    monkeypatch.setattr(assets, "INSTALLED", True)
    assert config.Settings.from_env({"WORKSHOP_DATA_DIR": "here"}).data_dir == Path("here")


def test_the_wheel_names_every_subpackage_and_maps_each_folder_into_the_package():
    """pyproject.toml lists the packages by hand: a new subpackage must be added there too."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    subpackages = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "workshop").rglob("__init__.py")
    }
    folders = {
        "workshop.templates": "templates",
        "workshop.static": "static",
        "workshop.translations": "translations",
    }
    assert set(setuptools["packages"]) == subpackages | set(folders)
    assert setuptools["package-dir"] == folders
