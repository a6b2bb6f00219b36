"""Group commit: writers that run while a transaction is open share its COMMIT.

Real threads stand in for green threads: `pause` holds each writer until both have run their
block, as `eventlet.sleep(0)` lets the other waiting writers in on the server."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.factories import FakeClock
from tests.store.conftest import new_workshop
from workshop.domain import keys
from workshop.domain.errors import StorageError
from workshop.store.files import WorkshopFiles
from workshop.store.handle import Writes
from workshop.store.workshops import WorkshopStore


class Recorder:
    """Counts COMMITs; can make the next one fail as a broken disk would."""

    def __init__(self) -> None:
        self.commits = 0
        self.fail_with: Exception | None = None

    def commit(self, call: Callable[[], None]) -> None:
        if self.fail_with is not None:
            raise self.fail_with
        call()
        self.commits += 1


def open_with(data_dir: Path, writes: Writes) -> WorkshopFiles:
    return WorkshopFiles(data_dir, clock=FakeClock(), synchronous="NORMAL", writes=writes)


def add_person(store: WorkshopStore, name: str) -> None:
    group = store.groups.all()[0].id
    store.people.add(name=name, organisation=None, group_id=group, token_hash=keys.hash_secret(name))


def together(*writers: Callable[[], None]) -> list[BaseException | None]:
    """Run each writer in its own thread; returns what each raised (None when it did not)."""
    errors: list[BaseException | None] = [None] * len(writers)

    def run(i: int) -> None:
        try:
            writers[i]()
        except BaseException as exc:  # the test inspects it
            errors[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(writers))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not any(t.is_alive() for t in threads)
    return errors


@pytest.fixture
def pair(tmp_path: Path):
    """A workshop whose writers wait for each other before committing."""
    recorder = Recorder()
    gate = threading.Barrier(2, timeout=5)
    files = open_with(tmp_path / "data", Writes(pause=lambda: None, commit=recorder.commit))
    store = new_workshop(files)
    # Set up first (one writer, no gate), then make every writer wait for the other.
    store.handle._writes = Writes(pause=gate.wait, commit=recorder.commit)
    recorder.commits = 0
    yield store, recorder, tmp_path / "data"
    files.close_all()


def names_on_disk(data_dir: Path, code: str) -> set[str]:
    again = open_with(data_dir, Writes(pause=lambda: None, commit=lambda call: call()))
    try:
        store = again.get(code)
        assert store is not None
        return {p.name for p in store.people.all()}
    finally:
        again.close_all()


def test_two_writers_share_one_commit_and_both_are_saved(pair):
    store, recorder, data_dir = pair
    errors = together(lambda: add_person(store, "Ada"), lambda: add_person(store, "Grace"))
    assert errors == [None, None]
    assert recorder.commits == 1
    assert names_on_disk(data_dir, store.code) == {"Ada", "Grace"}


def test_a_failing_block_undoes_only_its_own_writes(pair):
    store, recorder, data_dir = pair

    def fails() -> None:
        with store.atomic():
            add_person(store, "Mallory")
            raise RuntimeError("refused after writing")

    # The failing writer never reaches the pause, so the other one goes through the gate alone.
    store.handle._writes = Writes(pause=lambda: None, commit=recorder.commit)
    errors = together(lambda: add_person(store, "Ada"), fails)
    assert errors[0] is None
    assert isinstance(errors[1], RuntimeError)
    assert names_on_disk(data_dir, store.code) == {"Ada"}
    assert not store.handle.db.conn.in_transaction


def test_a_failed_commit_fails_every_writer_of_the_batch(pair):
    store, recorder, data_dir = pair
    store.people.all()  # fill the in-memory caches, which must not keep undone writes
    recorder.fail_with = sqlite3.OperationalError("disk I/O error")
    errors = together(lambda: add_person(store, "Ada"), lambda: add_person(store, "Grace"))
    assert all(isinstance(e, StorageError) for e in errors), errors
    assert store.people.count() == 0
    assert store.group_sizes() == {g.id: 0 for g in store.groups.all()}
    recorder.fail_with = None
    store.handle._writes = Writes(pause=lambda: None, commit=recorder.commit)
    add_person(store, "Linus")  # the next write starts afresh
    assert names_on_disk(data_dir, store.code) == {"Linus"}


def test_a_lone_failing_block_leaves_no_transaction_open(ws):
    with pytest.raises(RuntimeError), ws.atomic():
        ws.groups.add("Half-made")
        raise RuntimeError("boom")
    assert not ws.handle.db.conn.in_transaction
    assert [g.name for g in ws.groups.all()] == ["Finance", "Design"]


def test_nested_blocks_fail_alone_inside_their_outer_block(ws):
    with ws.atomic():
        ws.groups.add("Kept")
        with pytest.raises(RuntimeError), ws.atomic():
            ws.groups.add("Undone")
            raise RuntimeError("inner")
    assert [g.name for g in ws.groups.all()] == ["Finance", "Design", "Kept"]
