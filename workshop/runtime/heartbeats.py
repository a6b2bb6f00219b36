"""Spread Engine.IO's heartbeats, so that a room that joined together is not pinged together.

Engine.IO pings each connection a fixed interval after its last answer. A room that scanned
the QR code within three seconds is then pinged within the same three seconds, every 25 s,
for as long as it stays: with 1,000 phones the server's CPU rose from 3% to 30 to 50% for
1.5 s every 25 s, and cards posted meanwhile waited (docs/performance.md).

Engine.IO reads the server's `ping_interval` afresh each time it schedules a connection's
next ping, so varying it a little on every tick gives each ping its own interval: the wave
of a room that joined together spreads over the spread at once, and wider with every round.
Clients are told the longest interval, the base plus the spread (Engine.IO announces its
interval plus a grace period, which the task keeps at what the spread leaves), so none of
them gives up on a ping that comes later than the base interval.

Beyond python-engineio's documentation: `ping_interval` is documented as an option, not as an
attribute read afresh for each ping, and Engine.IO has no jitter of its own. The spreading was
measured (server CPU, 1,000 phones: 95th percentile 24 → 16%, half-seconds at 25% or more
14 → 4 in 100 s), so it stays, here alone, guarded by the contract tests of
tests/runtime/test_heartbeats.py (docs/architecture.md, "Beyond a dependency's documented
API")."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

BASE_S = 25.0  # Engine.IO's default interval
SPREAD_S = 5.0
TICK_S = 0.05  # a burst's pongs fall in many ticks, so they get many intervals
CHECKED_WITH = "4.15.1"  # python-engineio; tests/runtime/test_heartbeats.py fails on any other


def ping_interval() -> tuple[float, float]:
    """For `SocketIO(ping_interval=...)`: the base, and the spread as the grace period that
    Engine.IO adds to the interval it announces to clients."""
    return (BASE_S, SPREAD_S)


def spread(eio: Any, sleep: Callable[[float], None], rng: random.Random | None = None) -> None:
    """The background task: never returns. `eio` is the Engine.IO server; `sleep` must yield
    to other green threads."""
    rng = rng or random.Random()
    while True:
        extra = rng.uniform(0, SPREAD_S)
        eio.ping_interval = BASE_S + extra
        eio.ping_interval_grace_period = SPREAD_S - extra  # announced: always BASE_S + SPREAD_S
        sleep(TICK_S)
