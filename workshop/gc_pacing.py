"""Keep Python's full garbage collections off the hot path of a room of connections.

With a thousand phones connected the server holds a couple of million long-lived objects
(sockets, queues, green threads), and the collector's automatic full collections walk all
of them every few seconds: 100 to 350 ms during which no phone is answered (measured with
`gc.callbacks` under the benchmark). Instead, what has survived is moved out of the
collector's sight every few seconds (`gc.freeze`, which costs next to nothing), so automatic
collections only look at young objects; and every few minutes everything is thawed and
collected once, so cycles among frozen objects (a closed connection, say) are still freed."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

FREEZE_EVERY_S = 1.0
FULL_EVERY_S = 600.0


@dataclass
class Pacer:
    """Decides, on each tick, whether to freeze survivors or thaw and collect everything."""

    freeze_every: float = FREEZE_EVERY_S
    full_every: float = FULL_EVERY_S
    last_freeze: float = 0.0
    last_full: float = 0.0

    def tick(self, now: float) -> str | None:
        """'full', 'freeze' or None: what is due at `now` (seconds, monotonic)."""
        if now - self.last_full >= self.full_every:
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
        log.debug("full collection: %d freed in %.0f ms", freed, (time.perf_counter() - started) * 1000)
    elif action == "freeze":
        gc.freeze()


def run(sleep: Callable[[float], None], clock: Callable[[], float] = time.monotonic) -> None:
    """The background task: never returns. `sleep` must yield to other green threads."""
    pacer = Pacer(last_full=clock(), last_freeze=clock())
    while True:
        sleep(1.0)
        apply(pacer.tick(clock()))
