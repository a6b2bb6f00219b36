"""An open workshop file: the connection, its lock, the clock, and small query helpers."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from ..domain.errors import StorageError, StorageFull, StorageReadOnly

log = logging.getLogger(__name__)
Clock = Callable[[], float]
Row = dict[str, Any]


@dataclass(frozen=True)
class Writes:
    """How writes meet the server's concurrency model.

    `pause` lets other waiting writers run before a COMMIT (on eventlet, a zero sleep), so
    they share it; `commit` runs the COMMIT (inline, or in a native thread)."""

    pause: Callable[[], None]
    commit: Callable[[Callable[[], None]], None]


def _inline(call: Callable[[], None]) -> None:
    call()


WRITES_INLINE = Writes(pause=lambda: None, commit=_inline)


@dataclass
class _Batch:
    """One SQLite transaction shared by every block that ran while it was open."""

    waiting: int = 0  # blocks done and waiting for the COMMIT
    done: bool = False
    error: BaseException | None = None


def connect(path: Path, *, synchronous: str) -> sqlite_utils.Database:
    """Open a workshop file in WAL mode with the given durability."""
    # In the threading mode handlers run on several threads; the handle's lock serialises
    # them, so one connection can be shared (and stays open: no reconnect per event).
    conn = sqlite3.connect(str(path), check_same_thread=False)
    db = sqlite_utils.Database(conn, execute_plugins=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA synchronous={synchronous}")
    db.execute("PRAGMA busy_timeout=5000")
    db.execute("PRAGMA foreign_keys=ON")
    return db


class Handle:
    """Shared by the tables of one workshop file."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        clock: Clock,
        writes: Writes = WRITES_INLINE,
    ) -> None:
        self.db = db
        self.clock = clock
        self._writes = writes
        self._batch: _Batch | None = None
        self._depth = 0  # > 0 while a block of the lock's owner runs
        self.lock = threading.RLock()
        # SQLite opens a file it cannot write read-only, and the connection stays so even
        # after the disk is writable again: a stale handle is reopened on the next use.
        self.stale = False
        self._rollback_hooks: list[Callable[[], None]] = []

    def on_rollback(self, hook: Callable[[], None]) -> None:
        """`hook` runs when a transaction fails: in-memory copies must not keep what was undone."""
        self._rollback_hooks.append(hook)

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One block of writes: all of it is committed before the block's caller goes on, or
        none of it is.

        Group commit: a block runs in a savepoint of the transaction that is open, then lets
        the other waiting writers in before the COMMIT, so a burst of joins or cards pays one
        fsync per batch instead of one each. A failed block undoes only its own savepoint;
        a failed COMMIT fails every block of the batch.

        A disk that is full or read-only becomes a StorageError the sender is told about;
        SQLite has rolled the transaction back, and the next write tries again by itself.
        """
        try:
            with self.lock:
                if self._depth:  # nested inside a block of this same caller
                    with self._savepoint():
                        yield
                    return
                if not self.db.conn.in_transaction:
                    self.db.conn.execute("BEGIN")
                    self._batch = _Batch()
                batch = self._batch
                assert batch is not None
                self._depth = 1
                try:
                    with self._savepoint():
                        yield
                except BaseException as exc:
                    # Nobody else waits on this transaction, or the error ended all of it.
                    if not batch.waiting or not self.db.conn.in_transaction:
                        self._fail(batch, exc)
                    raise
                finally:
                    self._depth = 0
                batch.waiting += 1
            self._writes.pause()
            self._settle(batch)
        except sqlite3.OperationalError as exc:
            error = storage_error(exc, self.path)
            self.stale = isinstance(error, StorageReadOnly)
            raise error from exc

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        name = f"block_{self._depth}"
        self.db.conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.conn.execute(f"ROLLBACK TO {name}")
                self.db.conn.execute(f"RELEASE {name}")
            self._rolled_back()
            raise
        else:
            self.db.conn.execute(f"RELEASE {name}")
        finally:
            self._depth -= 1

    def _settle(self, batch: _Batch) -> None:
        """Commit the batch unless another of its blocks already has; wait for it either way."""
        with self.lock:
            if not batch.done:
                try:
                    # The lock is held while the COMMIT runs: no one else uses the connection.
                    self._writes.commit(self._commit)
                    batch.done = True
                except BaseException as exc:
                    self._fail(batch, exc)
                finally:
                    if self._batch is batch:
                        self._batch = None
            if batch.error is not None:
                raise batch.error

    def _commit(self) -> None:
        self.db.conn.execute("COMMIT")

    def _fail(self, batch: _Batch, error: BaseException) -> None:
        batch.done, batch.error = True, error
        if self._batch is batch:
            self._batch = None
        try:
            self.db.conn.rollback()  # a no-op when the error already ended the transaction
        finally:
            self._rolled_back()

    def _rolled_back(self) -> None:
        for hook in self._rollback_hooks:
            hook()

    @property
    def path(self) -> str:
        row = self.db.execute("PRAGMA database_list").fetchone()
        return row[2] if row else "?"

    def rows(self, sql: str, params: list[Any] | None = None) -> list[Row]:
        with self.lock:
            cursor = self.db.execute(sql, params or [])
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def row(self, sql: str, params: list[Any] | None = None) -> Row | None:
        rows = self.rows(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        with self.lock:
            return self.db.execute(sql, params or []).fetchone()[0]

    def execute(self, sql: str, params: list[Any] | None = None) -> None:
        """A single-statement write, committed before it returns."""
        with self.atomic():
            self.db.execute(sql, params or [])

    def close(self) -> None:
        with self.lock:
            self.db.close()


def storage_error(exc: sqlite3.OperationalError, path: str) -> StorageError:
    """Name what went wrong with the disk, and say it once in the server log."""
    text = str(exc).lower()
    folder = os.path.dirname(path) or "."
    if "full" in text:
        error: StorageError = StorageFull(
            "The laptop's disk is full: this was not saved. Tell the facilitator."
        )
    elif "readonly" in text or "read-only" in text or not os.access(folder, os.W_OK):
        error = StorageReadOnly("The data folder is read-only: this was not saved. Tell the facilitator.")
    else:
        error = StorageError("The workshop's file could not be written: this was not saved. Try again.")
    log.error("could not write %s (%s): %s", path, error.code, exc)
    return error
