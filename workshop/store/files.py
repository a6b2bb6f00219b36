"""The data folder: one SQLite file per workshop, opened once and kept open."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from ..domain import codes
from .handle import Clock, connect
from .workshops import WorkshopStore

log = logging.getLogger(__name__)


class WorkshopFiles:
    """Finds, creates and caches the open store of each workshop in a folder."""

    def __init__(self, data_dir: Path, *, clock: Clock, synchronous: str = "FULL") -> None:
        self.data_dir = Path(data_dir)
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
        if store is not None:
            return store
        with self._lock:
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
            store = self._open_file(code)
            try:
                init(store)
            except BaseException:
                store.close()
                path.unlink(missing_ok=True)
                raise
            self._open[code] = store
            return store

    def codes(self) -> list[str]:
        """Codes of every workshop file in the folder."""
        return sorted(p.stem for p in self.data_dir.glob("*.db") if codes.normalize(p.stem) == p.stem)

    def close_all(self) -> None:
        with self._lock:
            for store in self._open.values():
                store.close()
            self._open.clear()

    def _open_file(self, code: str) -> WorkshopStore:
        return WorkshopStore(connect(self.path(code), synchronous=self.synchronous), self.clock)
