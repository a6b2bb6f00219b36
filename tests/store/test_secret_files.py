"""Secrets made once per data folder: the owner key and the cookie secret."""

from __future__ import annotations

import stat

from workshop.store import secret_files


def test_secret_file_is_made_once_readable_by_owner_only(tmp_path):
    value = secret_files.load_or_create(tmp_path, ".owner_key")
    path = tmp_path / ".owner_key"
    assert path.is_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text(encoding="utf-8").strip() == value
    assert len(value) >= 32


def test_second_call_returns_the_same_value(tmp_path):
    first = secret_files.load_or_create(tmp_path, ".owner_key")
    mtime = (tmp_path / ".owner_key").stat().st_mtime_ns
    assert secret_files.load_or_create(tmp_path, ".owner_key") == first
    assert (tmp_path / ".owner_key").stat().st_mtime_ns == mtime


def test_each_name_and_folder_has_its_own_value(tmp_path):
    a = secret_files.load_or_create(tmp_path / "one", ".owner_key")
    b = secret_files.load_or_create(tmp_path / "one", ".cookie_secret")
    c = secret_files.load_or_create(tmp_path / "two", ".owner_key")
    assert len({a, b, c}) == 3


def test_missing_folder_is_created(tmp_path):
    secret_files.load_or_create(tmp_path / "new" / "folder", ".owner_key")
    assert (tmp_path / "new" / "folder" / ".owner_key").is_file()


def test_value_written_by_hand_is_used(tmp_path):
    (tmp_path / ".owner_key").write_text("  chosen-by-hand\n", encoding="utf-8")
    assert secret_files.load_or_create(tmp_path, ".owner_key") == "chosen-by-hand"


def test_empty_file_gets_a_new_value(tmp_path):
    (tmp_path / ".owner_key").write_text("\n", encoding="utf-8")
    value = secret_files.load_or_create(tmp_path, ".owner_key")
    assert value
    assert secret_files.load_or_create(tmp_path, ".owner_key") == value
