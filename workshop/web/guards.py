"""Defences at the edge: the Host allowlist, the Origin check, and rate limits.

- Host: a page on a foreign site can make a browser talk to this laptop through a DNS name
  it controls (DNS rebinding); Engine.IO's Origin check compares Origin with Host, so it
  would pass. Only IP literals, localhost, the public URL's host and configured names are
  served.
- Origin: state-changing HTTP requests from another origin (CSRF) are refused; scripts that
  send no Origin (curl, the API) are unaffected. Socket.IO connections are checked by
  Engine.IO itself, against the same origins.
- Rate limits: per connection for events, per client address for failed code lookups.
"""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from flask import request
from limits import parse, storage, strategies

from ..domain.errors import BadOrigin, RateLimited, UnknownWorkshop


def host_allowed(host_header: str, allowed: Iterable[str]) -> bool:
    """IP literals and localhost always; names only when configured."""
    host = host_header.rsplit(":", 1)[0] if not host_header.endswith("]") else host_header
    host = host.strip("[]").lower()
    if not host:
        return False
    if host == "localhost" or host in allowed:
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class HostCheck:
    """WSGI middleware in front of everything, Socket.IO included."""

    def __init__(self, app: Callable, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = frozenset(h.lower() for h in allowed)

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Any:
        if host_allowed(environ.get("HTTP_HOST", ""), self.allowed):
            return self.app(environ, start_response)
        body = b'{"ok": false, "error": {"code": "bad_host", "message": "Unknown host name.", "field": null}}'
        start_response(
            "400 Bad Request", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
        )
        return [body]


def origin_ok(origin: str | None, environ: dict[str, Any], extra_origins: Iterable[str]) -> bool:
    """Same scheme and host as the request itself, or an origin configured for a proxy."""
    if origin is None:
        return True  # not a browser page: scripts and the API authenticate by key
    same = f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', '')}"
    return origin == same or origin in extra_origins


def check_origin(extra_origins: Iterable[str]) -> None:
    """Refuse a state-changing HTTP request made by a page of another site (CSRF)."""
    if not origin_ok(request.headers.get("Origin"), request.environ, extra_origins):
        raise BadOrigin("This request came from another site and was refused.")


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class _OneLock:
    """Stands in for the stock storage's lock per key: one lock for every key.

    A lock per key cost each connection two green locks (about 2 KB with their semaphores)
    for as long as it stayed open; nothing blocks while the lock is held, so one shared
    lock serialises the same work just as safely."""

    def __init__(self) -> None:
        self._lock = threading.RLock()

    def __getitem__(self, key: str) -> threading.RLock:
        return self._lock

    def pop(self, key: str, default: object = None) -> None:
        return None

    def clear(self) -> None:
        pass


class _LazyMemoryStorage(storage.MemoryStorage):
    """limits' in-memory storage without its expiry timer.

    The stock storage starts a timer every 10 ms while keys exist, and each run walks every
    key. Under eventlet, with a key per connected phone, that kept the hub busy: the
    benchmark measured card p99 latency of 530 ms at 40 cards/s with it and 54 ms without.
    Moving-window counts ignore expired entries anyway; the keys of a closed connection are
    cleared by `Limiter.forget`.
    """

    def __init__(self) -> None:
        super().__init__()
        self.locks = _OneLock()  # type: ignore[assignment]

    def _MemoryStorage__schedule_expiry(self) -> None:  # noqa: N802 - overrides a private name
        pass

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        """As the stock storage, keeping the newest `limit` entries of `key` only.

        The stock storage prepends an entry per hit and leaves trimming to the expiry timer
        removed above: without it a connection's list grew by an entry per event for as
        long as it stayed open (memory, and a longer copy on every prepend). Only the
        newest `limit` entries are ever read (the entry at `limit - amount`, and counts
        that are compared with `limit`), so the answers are the same.
        """
        acquired = super().acquire_entry(key, limit, expiry, amount)
        events = self.events.get(key)
        if events is not None and len(events) > limit:
            del events[limit:]
        return acquired


class Limiter:
    """Moving-window limits kept in memory: each key gets a burst, then a steady rate."""

    def __init__(self, *rates: str) -> None:
        self._limiter = strategies.MovingWindowRateLimiter(_LazyMemoryStorage())
        self._rates = [parse(rate) for rate in rates]

    def forget(self, key: str) -> None:
        """Drop what is kept for `key` (a connection that closed)."""
        for rate in self._rates:
            self._limiter.clear(rate, key)

    def allow(self, key: str) -> bool:
        # Every rate is charged, so a steady flood is caught after the burst allowance.
        return all([self._limiter.hit(rate, key) for rate in self._rates])

    def check(self, key: str, message: str) -> None:
        if not self.allow(key):
            raise RateLimited(message)

    def exhausted(self, key: str) -> bool:
        """Whether `key` has used its allowance, without charging it."""
        return not all(self._limiter.test(rate, key) for rate in self._rates)


def lookup_store(find: Callable[[], Any], limiter: Limiter, address: str) -> Any:
    """Find a workshop by code, counting failures per address so codes can't be enumerated."""
    if limiter.exhausted(address):
        raise RateLimited("Too many wrong codes from this device. Wait a minute and try again.")
    try:
        return find()
    except UnknownWorkshop:
        limiter.allow(address)
        raise
