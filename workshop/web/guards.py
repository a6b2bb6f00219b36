"""Defences at the edge: the Host allowlist, the Origin check, and rate limits.

- Host: a page on a foreign site can make a browser talk to this laptop through a DNS name
  it controls (DNS rebinding); Engine.IO's Origin check compares Origin with Host, so it
  would pass. Only IP literals, localhost, the public URL's host and configured names are
  served.
- Origin: state-changing HTTP requests from another origin (CSRF) are refused; scripts that
  send no Origin (curl, the API) are unaffected. Socket.IO connections are checked by
  Engine.IO itself, against the same origins.
- Rate limits: per connection for events, per client address for failed code lookups
  (`limiter.py` counts them).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from flask import request

from ..domain.errors import BadOrigin, RateLimited, UnknownWorkshop
from .limiter import Limiter


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


def lookup_store(find: Callable[[], Any], limiter: Limiter, address: str) -> Any:
    """Find a workshop by code, counting failures per address so codes can't be enumerated."""
    if limiter.exhausted(address):
        raise RateLimited("Too many wrong codes from this device. Wait a minute and try again.")
    try:
        return find()
    except UnknownWorkshop:
        limiter.allow(address)
        raise
