"""Moving-window rate limits kept in memory: pure bookkeeping, no I/O.

A rate such as "20/second" lets a key (a connection, a person, a client address) through
at most 20 times in any second. Each key keeps, per rate, the times of its newest admitted
hits and no more than the rate's count of them: the oldest kept one says whether the
window is full. Our own rather than the `limits` library's: its in-memory storage runs an
expiry timer every 10 ms that walks every key (under eventlet, with a key per phone, that
kept the hub busy: card p99 531 → 52 ms at 40 cards/s), and bounding it took overriding
its private methods."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from ..domain.errors import RateLimited

_UNITS = {"second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0}
_RATE = re.compile(r"^\s*(\d+)\s*(?:/|per)\s*(\d+)?\s*(second|minute|hour|day)s?\s*$", re.IGNORECASE)
SWEEP_FROM = 1024  # keys kept before idle ones are looked for


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: float


def parse_rate(text: str) -> Rate:
    """ "20/second", "240/minute", "100 per 2 hours"; anything else is a ValueError."""
    match = _RATE.match(text)
    if match is None or int(match[1]) < 1:
        raise ValueError(f"not a rate: {text!r} (write it like 30/minute or 100/2 hours)")
    return Rate(int(match[1]), int(match[2] or 1) * _UNITS[match[3].lower()])


class Limiter:
    """Each key gets a burst, then a steady rate: every rate given must admit a hit."""

    def __init__(self, *rates: str, clock: Callable[[], float] = time.monotonic) -> None:
        self._rates = tuple(parse_rate(rate) for rate in rates)
        self._longest = max((rate.seconds for rate in self._rates), default=0.0)
        self._clock = clock
        self._hits: dict[str, tuple[list[float], ...]] = {}  # key -> per rate, admitted times, oldest first
        self._sweep_at = SWEEP_FROM

    def allow(self, key: str) -> bool:
        """Count one hit on `key`; False if any rate's window was already full.

        Every rate is charged that admits the hit, so a steady flood is caught by the slower
        rate after the burst allowance of the faster one."""
        now = self._clock()
        kept = self._hits.get(key)
        if kept is None:
            if len(self._hits) >= self._sweep_at:
                self._sweep(now)
            kept = self._hits[key] = tuple([] for _ in self._rates)
        allowed = True
        for rate, hits in zip(self._rates, kept, strict=True):
            if len(hits) >= rate.count and hits[0] > now - rate.seconds:
                allowed = False  # a refused hit is not kept: it costs this rate nothing
                continue
            hits.append(now)
            if len(hits) > rate.count:
                del hits[0]
        return allowed

    def exhausted(self, key: str) -> bool:
        """Whether `key` has used its allowance of some rate, without charging it."""
        kept = self._hits.get(key)
        if kept is None:
            return False
        now = self._clock()
        return any(
            len(hits) >= rate.count and hits[0] > now - rate.seconds
            for rate, hits in zip(self._rates, kept, strict=True)
        )

    def check(self, key: str, message: str) -> None:
        """Count one hit, or raise RateLimited with `message`."""
        if not self.allow(key):
            raise RateLimited(message)

    def forget(self, key: str) -> None:
        """Drop what is kept for `key` (a connection that closed)."""
        self._hits.pop(key, None)

    def __len__(self) -> int:
        return len(self._hits)

    def _sweep(self, now: float) -> None:
        """Drop the keys whose newest hit is older than the longest window: they are as if
        new. Runs when the keys have doubled since the last sweep, so its cost per new key
        stays constant; without it a key per client address would be kept for ever."""
        idle = [
            key
            for key, kept in self._hits.items()
            if all(not hits or hits[-1] <= now - self._longest for hits in kept)
        ]
        for key in idle:
            del self._hits[key]
        self._sweep_at = max(SWEEP_FROM, 2 * len(self._hits))
