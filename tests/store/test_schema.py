"""The schema of a workshop file: versioned migrations, WAL, the protocol's columns."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
import sqlite_utils

from workshop.store import schema
from workshop.store.handle import connect

EXPECTED_COLUMNS = {
    "workshop": {"code", "title", "question", "kinds", "assignment", "allow_anonymous", "created_at"},
    "groups": {"id", "name", "position"},
    "participants": {"id", "name", "organisation", "group_id", "joined_at"},
    "cards": {"id", "group_id", "participant_id", "kind", "text", "client_id", "created_at", "hidden"},
}


def raw(path: Path) -> closing[sqlite3.Connection]:
    """The file as any SQLite client sees it, without the app."""
    return closing(sqlite3.connect(str(path)))


@pytest.fixture
def db(tmp_path: Path):
    opened = connect(tmp_path / "schema.db", synchronous="NORMAL")
    yield opened
    opened.close()


def test_new_file_is_migrated_to_the_latest_version(db):
    assert schema.version(db) == 0
    assert schema.migrate(db) == schema.LATEST
    assert schema.version(db) == schema.LATEST
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST


def test_migrating_twice_changes_nothing(db):
    schema.migrate(db)
    before = db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    assert schema.migrate(db) == schema.LATEST
    assert db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == before


def test_reopened_file_keeps_its_version_and_data(files, reopen, ws):
    ws.groups.add("Ops")
    path = files.path(ws.code)
    again = reopen()
    assert [g.name for g in again.groups.all()] == ["Finance", "Design", "Ops"]
    again.close()
    with raw(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST


def test_file_newer_than_the_app_is_refused(db):
    db.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    with pytest.raises(RuntimeError):
        schema.migrate(db)


def test_workshop_file_is_in_wal_mode(files, ws):
    assert ws.handle.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    path = files.path(ws.code)
    files.close_all()
    with raw(path) as conn:  # WAL is a property of the file, not only the connection
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_keys_are_enforced(ws):
    assert ws.handle.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


@pytest.mark.parametrize("table", sorted(EXPECTED_COLUMNS))
def test_table_has_the_columns_the_protocol_names(files, ws, table):
    path = files.path(ws.code)
    files.close_all()
    with raw(path) as conn:
        columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    assert EXPECTED_COLUMNS[table] <= columns


def test_one_card_per_person_and_client_id_is_enforced_by_the_file(db):
    schema.migrate(db)
    indexes = {
        tuple(index.columns): index.unique for index in sqlite_utils.Database(db.conn)["cards"].indexes
    }
    assert indexes[("participant_id", "client_id")] == 1
