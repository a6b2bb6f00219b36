"""Keep Python's full garbage collections off the hot path of a room of connections.

With a thousand phones connected the server holds a couple of million long-lived objects
(sockets, queues, green threads), and the collector's automatic full collections walk all
of them every few seconds: 100 to 350 ms during which no phone is answered (measured with
`gc.callbacks` under the benchmark). Instead, what has survived is moved out of the
collector's sight every second (`gc.freeze`, which costs next to nothing), the collector
only ever collects young objects by itself, and full collections are the pacer's alone:
everything is thawed and collected once in a while, so that cycles among frozen objects (a
closed connection, say) are still freed, in the first quiet second after a minute and after
ten minutes at the latest."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger(__name__)

FREEZE_EVERY_S = 1.0
FULL_WHEN_QUIET_AFTER_S = 60.0
FULL_EVERY_S = 600.0
# Automatic full collections every this many young (generation 1) ones: never, in effect.
AUTOMATIC_FULL_AFTER = 1_000_000_000
QUIET_EVENTS_PER_S = 20  # fewer events than this in the last second: nobody is waiting


class Counted(Protocol):
    """Whatever counts the events handled (the web layer's `hooks.Activity`), so the pacer can
    tell a quiet second from a busy one."""

    events: int


@dataclass
class Pacer:
    """Decides, on each tick, whether to freeze survivors or thaw and collect everything."""

    freeze_every: float = FREEZE_EVERY_S
    full_when_quiet_after: float = FULL_WHEN_QUIET_AFTER_S
    full_every: float = FULL_EVERY_S
    last_freeze: float = 0.0
    last_full: float = 0.0

    def tick(self, now: float, *, quiet: bool = False) -> str | None:
        """'full', 'freeze' or None: what is due at `now` (seconds, monotonic)."""
        since_full = now - self.last_full
        if since_full >= self.full_every or (quiet and since_full >= self.full_when_quiet_after):
            self.last_full = self.last_freeze = now
            return "full"
        if now - self.last_freeze >= self.freeze_every:
            self.last_freeze = now
            return "freeze"
        return None


def apply(action: str | None) -> None:
    if action == "full":
        started = time.perf_counter()
        gc.unfreeze()
        freed = gc.collect()
        gc.freeze()
        release_free_memory()
        log.debug("full collection: %d freed in %.0f ms", freed, (time.perf_counter() - started) * 1000)
    elif action == "freeze":
        # Collect the young generations first: freezing moves everything the collector
        # tracks out of its sight, garbage included, and a frozen cycle (the request context
        # of an event that has just finished, say) then stays in memory until the next full
        # collection, a minute or more away. Not the oldest unfrozen generation: in a join
        # burst walking it took up to 380 ms, a pause every phone would feel.
        gc.collect(1)
        gc.freeze()


def _load_malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to trim
        return None


_malloc_trim = _load_malloc_trim()


def release_free_memory() -> None:
    """Give the pages C's allocator holds free back to the system (glibc's `malloc_trim`).

    A join burst allocates a room's worth of short-lived buffers at once; once they are
    freed, glibc keeps the pages for reuse, so the server's resident size stays at the
    burst's peak. Trimming after the full collection, when the most has just been freed,
    lets it shrink."""
    if _malloc_trim is not None:
        _malloc_trim(0)


def take_over_full_collections() -> None:
    """Leave full collections to the pacer: the collector no longer starts them by itself.

    Freezing every second keeps the oldest generation small, but a join burst fills it
    faster than that: in one 1,000-phone burst the collector still ran four automatic full
    collections of 24 to 168 ms (380 ms in all, `gc.callbacks`) and found almost nothing,
    since what a burst leaves behind is connections, alive. What survives is frozen within
    a second, so the pacer's full collections are the ones that can free anything anyway."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, AUTOMATIC_FULL_AFTER)


def run(
    sleep: Callable[[float], None], activity: Counted, clock: Callable[[], float] = time.monotonic
) -> None:
    """The background task: never returns. `sleep` must yield to other green threads."""
    pacer = Pacer(last_full=clock(), last_freeze=clock())
    seen = activity.events
    was_busy = False
    while True:
        sleep(1.0)
        busy = activity.events - seen >= QUIET_EVENTS_PER_S
        seen = activity.events
        apply(pacer.tick(clock(), quiet=not busy))
        if was_busy and not busy:
            release_free_memory()  # a burst is over: what it used is free again
        was_busy = busy
