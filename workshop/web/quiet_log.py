"""A log that a client cannot fill: one line per address and kind per minute, with a count.

Malformed frames used to log a 3 KB traceback each: half a second of them added 265 MB of log
and the writing stalled the room. What a client sends wrong is the client's doing, not the
server's, so it is logged as one warning line, and the repeats within the minute are only
counted, to be reported with the next line."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

PERIOD_S = 60.0
MAX_KEYS = 10_000  # addresses remembered at once; the oldest are dropped past this


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

    def note(self, address: str, what: str) -> None:
        """Count one offence; write a line if this address and kind had none this period."""
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
        self._logger.warning("client %s: %s (%d more since the last line about it)", address, what, unlogged)

    def _forget_oldest(self, now: float) -> None:
        """Drop the keys whose minute is over; if none is, the oldest half."""
        stale = [key for key, (last, _) in self._seen.items() if now - last >= self._period]
        if not stale:
            stale = sorted(self._seen, key=lambda key: self._seen[key][0])[: len(self._seen) // 2]
        for key in stale:
            del self._seen[key]
