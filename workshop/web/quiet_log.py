"""A log that a client cannot fill: one line per address and kind per minute, with a count.

Malformed frames used to log a 3 KB traceback each: half a second of them added 265 MB of log
and the writing stalled the room. What a client sends wrong is the client's doing, not the
server's, so it is logged as one warning line, and the repeats within the minute are only
counted, to be reported with the next line."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

PERIOD_S = 60.0
MAX_KEYS = 10_000  # addresses remembered at once; the oldest are dropped past this
DETAIL_CHARS = 120


class QuietLog:
    def __init__(
        self,
        logger: logging.Logger,
        period: float = PERIOD_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._logger = logger
        self._period = period
        self._clock = clock
        self._seen: dict[tuple[str, str], list[float]] = {}  # (address, what) -> [last line, count since]

    def note(self, address: str, what: str, detail: str = "") -> None:
        """Count one offence; write a line if this address and kind had none this period.

        `detail` goes into that line only: it may vary from offence to offence (a session id,
        say) without making each its own kind."""
        now = self._clock()
        key = (address, what)
        seen = self._seen.get(key)
        if seen is not None and now - seen[0] < self._period:
            seen[1] += 1
            return
        unlogged = int(seen[1]) if seen is not None else 0
        if seen is None and len(self._seen) >= MAX_KEYS:
            self._forget_oldest(now)
        self._seen[key] = [now, 0]
        self._logger.warning(
            "client %s: %s%s (%d more since the last line about it)",
            address,
            what,
            f": {detail[:DETAIL_CHARS]}" if detail else "",
            unlogged,
        )

    def _forget_oldest(self, now: float) -> None:
        """Drop the keys whose minute is over; if none is, the oldest half."""
        stale = [key for key, (last, _) in self._seen.items() if now - last >= self._period]
        if not stale:
            stale = sorted(self._seen, key=lambda key: self._seen[key][0])[: len(self._seen) // 2]
        for key in stale:
            del self._seen[key]


class ClientAddress:
    """Remembers, for the green thread serving a request, whose request it is.

    Engine.IO logs what it refuses (a payload it cannot decode, an unknown session) without
    saying from whom; `QuietRecords` asks this for the address."""

    def __init__(self) -> None:
        self._local = threading.local()  # green under eventlet: one per request

    def bind(self, app: Callable) -> Callable:
        """WSGI middleware around `app` that notes each request's client address."""

        def remembering(environ: dict[str, Any], start_response: Callable) -> Any:
            self._local.address = environ.get("REMOTE_ADDR") or "?"
            return app(environ, start_response)

        return remembering

    def current(self) -> str:
        return getattr(self._local, "address", "?")


class QuietRecords(logging.Filter):
    """Turns a library's error records, which are about what clients sent, into quiet lines:
    no traceback, one line per address a minute. The record itself is dropped."""

    def __init__(self, quiet: QuietLog, address: Callable[[], str], what: str) -> None:
        super().__init__()
        self._quiet = quiet
        self._address = address
        self._what = what

    def filter(self, record: logging.LogRecord) -> bool:
        self._quiet.note(self._address(), self._what, record.getMessage())
        return False


def library_logger(name: str, quiet: QuietLog, address: Callable[[], str], what: str) -> logging.Logger:
    """A logger to hand to a library instead of its own, whose warnings and errors become quiet
    lines (its info and debug records are not even formatted)."""
    logger = logging.getLogger(name)
    logger.setLevel(logging.WARNING)
    for old in [f for f in logger.filters if isinstance(f, QuietRecords)]:
        logger.removeFilter(old)  # an app made again in the same process (tests) takes over
    logger.addFilter(QuietRecords(quiet, address, what))
    return logger
