"""An open workshop file: the connection, its lock, the clock, and small query helpers."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from ..domain.errors import StorageError, StorageFull, StorageReadOnly

log = logging.getLogger(__name__)
Clock = Callable[[], float]
Row = dict[str, Any]


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

    def __init__(self, db: sqlite_utils.Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
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
        """One transaction: all of it is committed when the block ends, or none of it.

        A disk that is full or read-only becomes a StorageError the sender is told about;
        SQLite has rolled the transaction back, and the next write tries again by itself.
        """
        try:
            with self.lock, self.db.atomic():
                try:
                    yield
                except BaseException:
                    self._rolled_back()
                    raise
        except sqlite3.OperationalError as exc:
            self._rolled_back()
            error = storage_error(exc, self.path)
            self.stale = isinstance(error, StorageReadOnly)
            raise error from exc

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
