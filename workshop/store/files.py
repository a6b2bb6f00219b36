"""The data folder: one SQLite file per workshop, opened once and kept open."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from ..domain import codes
from ..domain.errors import StorageError, WorkshopUnavailable
from .handle import WRITES_INLINE, Clock, Writes, connect, storage_error
from .workshops import WorkshopStore

log = logging.getLogger(__name__)


class WorkshopFiles:
    """Finds, creates and caches the open store of each workshop in a folder."""

    def __init__(
        self, data_dir: Path, *, clock: Clock, synchronous: str = "FULL", writes: Writes = WRITES_INLINE
    ) -> None:
        self.data_dir = Path(data_dir)
        self.writes = writes
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.clock = clock
        self.synchronous = synchronous
        self._open: dict[str, WorkshopStore] = {}
        self._lock = threading.RLock()

    def path(self, code: str) -> Path:
        return self.data_dir / f"{code}.db"

    def exists(self, code: str) -> bool:
        return code in self._open or self.path(code).exists()

    def get(self, code: str) -> WorkshopStore | None:
        """The open store for `code`, or None if no such workshop exists."""
        store = self._open.get(code)
        if store is not None and not store.handle.stale:
            return store
        with self._lock:
            stale = self._open.get(code)
            if stale is not None and stale.handle.stale:
                stale.close()
                del self._open[code]
            if code not in self._open:
                if codes.normalize(code) != code or not self.path(code).exists():
                    return None
                self._open[code] = self._open_file(code)
            return self._open[code]

    def create(self, code: str, init: Callable[[WorkshopStore], None]) -> WorkshopStore:
        """Make the file for a new workshop; `init` writes its set-up."""
        with self._lock:
            path = self.path(code)
            if path.exists():
                raise FileExistsError(path)
            try:
                store = WorkshopStore(connect(path, synchronous=self.synchronous), self.clock, self.writes)
            except sqlite3.OperationalError as exc:
                _remove(path)
                raise storage_error(exc, str(path)) from exc
            try:
                init(store)
            except BaseException:
                store.close()
                _remove(path)
                raise
            self._open[code] = store
            return store

    def codes(self) -> list[str]:
        """Codes of every workshop file in the folder."""
        return sorted(p.stem for p in self.data_dir.glob("*.db") if codes.normalize(p.stem) == p.stem)

    def delete(self, code: str) -> bool:
        """Remove a workshop's file with its WAL companions, closing its connection first;
        False when there was no such file. A folder that refuses is a StorageError, and then
        the .db file (the record) is still there."""
        with self._lock:
            store = self._open.pop(code, None)
            if store is not None:
                store.close()  # the last connection checkpoints the WAL into the file
            path = self.path(code)
            if not path.exists():
                return False
            try:
                path.unlink()  # the record first: a folder that refuses it keeps all three
            except OSError as exc:
                log.error("could not delete workshop file %s: %s", path, exc)
                raise StorageError(f"The file of workshop {code} could not be deleted.") from exc
            _remove(path)
            log.info("deleted workshop file %s", path)
            return True

    def close_all(self) -> None:
        with self._lock:
            for store in self._open.values():
                store.close()
            self._open.clear()

    def _open_file(self, code: str) -> WorkshopStore:
        """Open (and migrate) a file; a damaged one is reported and left exactly as it is."""
        try:
            db = connect(self.path(code), synchronous=self.synchronous)
        except sqlite3.DatabaseError as exc:
            log.error("workshop file %s cannot be opened, left untouched: %s", self.path(code), exc)
            raise WorkshopUnavailable(f"The file of workshop {code} cannot be read.", field="code") from exc
        try:
            store = WorkshopStore(db, self.clock, self.writes)
            store.workshop()  # a file without its set-up row is not a workshop either
            return store
        except (sqlite3.DatabaseError, LookupError) as exc:
            db.close()
            log.error("workshop file %s is damaged, left untouched: %s", self.path(code), exc)
            raise WorkshopUnavailable(f"The file of workshop {code} cannot be read.", field="code") from exc


def _remove(path: Path) -> None:
    """A workshop file that was never finished, with its WAL companions."""
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):  # a read-only folder: nothing was written there either
            Path(f"{path}{suffix}").unlink(missing_ok=True)
