"""What retention needs from a file: when it was closed (schema v4), and deleting it whole."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import replace

import pytest

from tests.store.conftest import CODE, old_file
from workshop.domain.errors import StorageError
from workshop.domain.phases import Phase
from workshop.domain.settings import Settings
from workshop.store import schema


@pytest.fixture
def v3_file(data_dir):
    """A closed workshop as version 3 wrote it: no closing time, no retention."""
    path = data_dir / f"{CODE}.db"
    db = old_file(data_dir, 3, settings=json.dumps({"votes_per_person": 5, "closed": True}))
    before = db.execute("SELECT * FROM workshop").fetchall()
    db.close()
    return path, before


def test_opening_a_v3_file_adds_the_closing_time_and_keeps_every_value(v3_file, open_files):
    path, before = v3_file
    store = open_files().get(CODE)
    assert schema.version(store.handle.db) == schema.LATEST
    after = store.handle.db.execute("SELECT * FROM workshop").fetchall()
    assert [row[: len(before[0])] for row in after] == before
    # Closed by a version that did not record when: unknown, and the workshop is kept.
    assert store.closed_at() is None
    assert store.live().closed is True
    assert store.live().settings == Settings(votes_per_person=5, closed=True)
    assert store.live().settings.retention_days is None
    store.close()
    with closing(sqlite3.connect(str(path))) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_a_new_workshop_is_open_with_no_closing_time_and_kept(ws):
    assert ws.closed_at() is None
    assert ws.live().settings.retention_days is None


def test_closing_records_the_time_and_reopening_clears_it(ws, clock, reopen):
    clock.now = 1_800_000_500.0
    ws.save_live(settings=replace(ws.live().settings, closed=True))
    assert ws.closed_at() == 1_800_000_500.0
    clock.tick(60)
    ws.save_live(settings=replace(ws.live().settings, votes_per_person=4))  # still closed
    assert ws.closed_at() == 1_800_000_500.0
    assert reopen().closed_at() == 1_800_000_500.0  # committed, not just kept in memory
    again = reopen()
    again.save_live(settings=replace(again.live().settings, closed=False))
    assert again.closed_at() is None
    assert reopen().closed_at() is None


def test_moving_into_a_closed_phase_also_records_the_closing_time(ws, clock):
    agenda = (Phase("brainstorm", "Brainstorm", 10), Phase("closed", "Closed", None))
    ws.save_live(agenda=agenda, phase_index=0)
    assert ws.closed_at() is None
    clock.now = 1_800_001_000.0
    ws.save_live(phase_index=1)
    assert ws.closed_at() == 1_800_001_000.0
    ws.save_live(phase_index=0)
    assert ws.closed_at() is None


def test_retention_is_kept_in_the_settings_across_a_restart(ws, reopen):
    ws.save_live(settings=replace(ws.live().settings, retention_days=30))
    assert reopen().live().settings.retention_days == 30


def companions(data_dir, code=CODE):
    return sorted(p.name for p in data_dir.iterdir() if p.name.startswith(code))


def test_deleting_removes_the_file_and_its_wal_companions(files, ws, data_dir, person):
    person()  # something written, so the WAL has content
    assert companions(data_dir) == [f"{CODE}.db", f"{CODE}.db-shm", f"{CODE}.db-wal"]
    assert files.delete(CODE) is True
    assert companions(data_dir) == []
    assert files.get(CODE) is None
    assert files.exists(CODE) is False
    assert CODE not in files.codes()


def test_deleting_closes_the_open_connection_first(files, ws):
    files.delete(CODE)
    with pytest.raises(sqlite3.ProgrammingError):  # closed, not left pointing at a deleted file
        ws.handle.db.execute("SELECT 1")


def test_deleting_removes_leftover_companions_of_a_file_that_was_never_opened(files, make_ws, data_dir):
    make_ws(files, "M2M2M2")
    files.close_all()
    for suffix in ("-wal", "-shm"):
        (data_dir / f"M2M2M2.db{suffix}").write_bytes(b"left over")
    assert files.delete("M2M2M2") is True
    assert companions(data_dir, "M2M2M2") == []


def test_deleting_one_workshop_leaves_the_others(files, ws, make_ws, data_dir):
    other = make_ws(files, "M2M2M2")
    files.delete(CODE)
    assert files.codes() == ["M2M2M2"]
    assert other.workshop().title == "Launch event"


def test_deleting_a_workshop_that_is_not_there_says_so(files):
    assert files.delete(CODE) is False


def test_a_folder_that_refuses_the_deletion_keeps_the_file(files, ws, data_dir, monkeypatch):
    path = data_dir / f"{CODE}.db"

    def refuse(self, missing_ok=False):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(type(path), "unlink", refuse)
    with pytest.raises(StorageError):
        files.delete(CODE)
    monkeypatch.undo()
    assert path.exists()
    assert files.get(CODE).workshop().code == CODE  # reopened as it was
