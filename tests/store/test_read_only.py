"""A workshop file opened outside the server, for reading only: never written, never migrated."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing

import pytest

from tests.factories import make_context, make_workshop
from workshop.domain.errors import NeedsMigration, WorkshopUnavailable
from workshop.store import schema
from workshop.store.files import open_read_only


@pytest.fixture
def saved(tmp_path):
    """A workshop file as the server leaves it once it has stopped (checkpointed, no -wal)."""
    ctx = make_context(tmp_path / "sessions")
    store, _ = make_workshop(ctx, title="Launch A")
    path = ctx.files.path(store.code)
    ctx.files.close_all()
    return path


def _folder(path):
    return {p.name: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in path.parent.iterdir()}


def test_a_saved_workshop_is_read_and_nothing_is_written_beside_it(saved):
    before = _folder(saved)
    store = open_read_only(saved)
    assert store.workshop().title == "Launch A"
    assert [g.name for g in store.groups.all()] == ["Finance", "Design"]
    store.close()
    assert _folder(saved) == before


def test_a_write_through_the_read_only_store_is_refused(saved):
    store = open_read_only(saved)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.handle.db.execute("UPDATE workshop SET title = 'changed'")
    store.close()


def test_a_file_the_server_is_writing_is_read_through_its_wal(tmp_path):
    ctx = make_context(tmp_path / "sessions")
    store, _ = make_workshop(ctx, title="Running")
    store.groups.add("Policy")  # committed to the -wal, which the server keeps open
    path = ctx.files.path(store.code)
    assert path.with_name(path.name + "-wal").exists()
    before = path.read_bytes()
    reader = open_read_only(path)
    assert [g.name for g in reader.groups.all()] == ["Finance", "Design", "Policy"]
    reader.close()
    assert path.read_bytes() == before
    ctx.files.close_all()


def test_a_file_of_an_older_schema_is_refused_and_left_as_it_is(saved):
    with closing(sqlite3.connect(saved)) as db:
        db.execute(f"PRAGMA user_version = {schema.LATEST - 1}")
    before = _folder(saved)
    with pytest.raises(NeedsMigration, match="older version") as raised:
        open_read_only(saved)
    assert raised.value.code == "needs_migration"
    assert _folder(saved) == before
    with closing(sqlite3.connect(saved)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST - 1


def test_a_file_of_a_newer_schema_is_refused(saved):
    with closing(sqlite3.connect(saved)) as db:
        db.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    with pytest.raises(NeedsMigration, match="newer version"):
        open_read_only(saved)


@pytest.mark.parametrize("content", [b"", b"not a database at all, just some text" * 100])
def test_a_file_that_is_not_a_workshop_is_refused(tmp_path, content):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(WorkshopUnavailable):
        open_read_only(path)
    assert path.read_bytes() == content


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(WorkshopUnavailable, match="is not a file"):
        open_read_only(tmp_path / "nowhere.db")
