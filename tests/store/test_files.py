"""The data folder: one file per workshop, found by its code, created all or nothing."""

from __future__ import annotations

import sqlite3

import pytest

from workshop.domain.entities import Kind, Workshop


def test_created_workshop_is_a_file_named_by_its_code(files, ws):
    assert files.path("K7MQ2Z") == files.data_dir / "K7MQ2Z.db"
    assert files.path("K7MQ2Z").is_file()
    assert files.exists("K7MQ2Z")
    assert files.get("K7MQ2Z") is ws


def test_created_workshop_is_found_by_a_fresh_folder(files, open_files, ws):
    files.close_all()
    again = open_files().get("K7MQ2Z")
    assert again is not None
    assert again.workshop() == Workshop(
        code="K7MQ2Z",
        title="Launch event",
        question="What holds your organisation back?",
        kinds=(Kind("challenge", "Challenge"), Kind("opportunity", "Opportunity")),
        assignment="self",
        allow_anonymous=False,
        created_at=1_800_000_000.0,
    )


def test_get_returns_the_same_open_store_each_time(files, open_files, ws):
    files.close_all()
    folder = open_files()
    assert folder.get("K7MQ2Z") is folder.get("K7MQ2Z")


@pytest.mark.parametrize(
    "code",
    ["ABCDEF", "k7mq2z", "K7MQ2", "K7MQ2Z7", "K7M-Q2Z", "", "../K7MQ2Z", "K7MQ2Z.db", "00000O"],
)
def test_get_of_an_unknown_or_malformed_code_is_none(files, ws, code):
    assert files.get(code) is None


def test_get_does_not_open_a_file_whose_name_is_not_a_code(files, data_dir):
    (data_dir / "notes.db").write_bytes(b"")
    assert files.get("notes") is None


def test_creating_an_existing_code_is_refused(files, ws, make_ws):
    with pytest.raises(FileExistsError):
        make_ws(files, "K7MQ2Z")


def test_codes_ignores_files_whose_stem_is_not_a_valid_code(files, make_ws, data_dir):
    make_ws(files, "K7MQ2Z")
    make_ws(files, "ABCDEF")
    for stray in ("notes.db", "k7mq2z.db", "ABCDE.db", "ABCDEFG.db", "ABC-EF.db", "O0O0O0.db", "ABCDEF.txt"):
        (data_dir / stray).write_bytes(b"")
    assert files.codes() == ["ABCDEF", "K7MQ2Z"]


def test_codes_of_an_empty_folder_is_empty(files):
    assert files.codes() == []


def test_failing_init_leaves_no_file_behind(files, data_dir):
    def init(store):
        store.groups.add("Finance")
        raise RuntimeError("set-up failed half way")

    with pytest.raises(RuntimeError, match="half way"):
        files.create("K7MQ2Z", init)
    assert sorted(p.name for p in data_dir.iterdir()) == []
    assert not files.exists("K7MQ2Z")
    assert files.get("K7MQ2Z") is None
    assert files.codes() == []


def test_code_is_free_again_after_a_failing_init(files, make_ws):
    def init(store):
        raise ValueError("no")

    with pytest.raises(ValueError):
        files.create("K7MQ2Z", init)
    assert make_ws(files, "K7MQ2Z").code == "K7MQ2Z"


def test_every_workshop_comes_with_its_store_and_an_unreadable_file_with_none(files, make_ws, data_dir):
    make_ws(files, "K7MQ2Z")
    make_ws(files, "ABCDEF")
    with sqlite3.connect(data_dir / "ABCDEF.db") as db:  # its running state no longer parses
        db.execute("UPDATE workshop SET settings = '{not json'")
    (data_dir / "D4D4D4.db").write_bytes(b"not a database" * 100)
    found = {code: store for code, store in files.every()}
    assert set(found) == {"ABCDEF", "D4D4D4", "K7MQ2Z"}
    assert found["K7MQ2Z"] is files.get("K7MQ2Z")
    assert found["ABCDEF"] is None and found["D4D4D4"] is None
    assert (data_dir / "D4D4D4.db").read_bytes() == b"not a database" * 100
