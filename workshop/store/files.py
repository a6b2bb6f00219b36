"""The data folder: one SQLite file per workshop, opened once and kept open."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlite_utils

from ..domain import codes
from ..domain.errors import NeedsMigration, StorageError, WorkshopError, WorkshopUnavailable
from . import schema
from .handle import WRITES_INLINE, Clock, Writes, connect, storage_error
from .workshops import WorkshopStore

log = logging.getLogger(__name__)

# A workshop file is unreadable when it does not open as a workshop (WorkshopUnavailable, a
# folder that refuses to migrate it) or when its running state does not parse.
UNREADABLE = (WorkshopError, sqlite3.DatabaseError, LookupError, ValueError, TypeError)


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

    def every(self) -> Iterator[tuple[str, WorkshopStore | None]]:
        """Every workshop in the folder with its open store, or with None where the file is
        unreadable (UNREADABLE): such a file is reported in the log and left exactly as it is."""
        for code in self.codes():
            try:
                store = self.get(code)
                if store is not None:
                    store.stored_live()  # read from the file, not kept: another process may run it
            except UNREADABLE as exc:
                if not isinstance(exc, WorkshopUnavailable):  # that one was logged when opened
                    log.error("workshop file %s is damaged, left untouched: %s", self.path(code), exc)
                yield code, None
                continue
            if store is not None:  # None: deleted since the folder was listed
                yield code, store

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


def open_read_only(path: Path, clock: Clock = time.time) -> WorkshopStore:
    """A workshop file outside any server, for reading only: SQLite refuses every write on
    this connection, and a file of another schema version is refused instead of migrated."""
    path = Path(path)
    if not path.is_file():
        raise WorkshopUnavailable(f"{path} is not a file.", field="path")
    # With no -wal beside it nobody is writing the file and all of it is in the .db: read it
    # as immutable, so SQLite does not leave empty -wal and -shm files next to it. With a -wal
    # a server may be writing it, and reading through the WAL sees its latest commits.
    immutable = "&immutable=1" if not Path(f"{path}-wal").exists() else ""
    uri = f"file:{urllib.parse.quote(str(path.resolve()))}?mode=ro{immutable}"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        conn.execute("PRAGMA query_only=ON")
        db = sqlite_utils.Database(conn, execute_plugins=False)
        found = schema.version(db)
    except sqlite3.DatabaseError as exc:
        raise WorkshopUnavailable(f"{path} cannot be read as a workshop file: {exc}.", field="path") from exc
    if found == 0:  # an empty file, or an SQLite file this app never made
        db.close()
        raise WorkshopUnavailable(f"{path} is not a workshop file.", field="path")
    if found != schema.LATEST:
        db.close()
        made_by = "an older" if found < schema.LATEST else "a newer"
        raise NeedsMigration(
            f"{path} was made by {made_by} version of workshop (schema {found}, this one reads "
            f"{schema.LATEST}). It is left unchanged; open it once with the server of this "
            "version (or the one that made it) to bring it up to date.",
            field="path",
        )
    try:
        store = WorkshopStore(db, clock)  # the schema is current: migrate() writes nothing
        store.workshop()
    except (sqlite3.DatabaseError, LookupError) as exc:
        db.close()
        raise WorkshopUnavailable(f"{path} is not a workshop file: {exc}.", field="path") from exc
    return store


def _remove(path: Path) -> None:
    """A workshop file that was never finished, with its WAL companions."""
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):  # a read-only folder: nothing was written there either
            Path(f"{path}{suffix}").unlink(missing_ok=True)
