"""An open workshop file: the connection, its lock, the clock, and small query helpers."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

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

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction: all of it is committed when the block ends, or none of it."""
        with self.lock, self.db.atomic():
            yield

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
