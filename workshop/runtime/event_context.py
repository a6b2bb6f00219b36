"""Cheaper Flask request contexts for Socket.IO events: the cookie session opened once per
connection.

Flask-SocketIO pushes a Flask request context for every event, built on the connection's own
WSGI environ (the same dictionary for all its events). Each push opened the signed cookie
session again (itsdangerous builds its serializer anew: about 30 µs without a cookie, 130 µs
with one). A connection's cookie cannot change after its handshake, so its session is opened
once and kept in its environ. Plain HTTP requests get a fresh environ each time and are
unaffected. `Flask.session_interface` is Flask's documented extension point for this; the
web layer takes it through `web/hooks.Runtime`.

The URL binding is made again for each event: keeping it too (overriding
`Flask.create_url_adapter`) saved 7.6 µs of a 26 µs event context, and would have skipped
what Flask does to the request on each call, beyond what it documents."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from flask.wrappers import Request

SOCKET_PATH = "/socket.io"
_SESSION = "workshop.event_session"


def _is_socket(request: Request) -> bool:
    return request.environ.get("PATH_INFO", "").startswith(SOCKET_PATH)


class ConnectionSessions(SecureCookieSessionInterface):
    """Opens the signed cookie session once per Socket.IO connection."""

    def open_session(self, app: Flask, request: Any) -> SessionMixin | None:
        if not _is_socket(request):
            return super().open_session(app, request)
        kept = request.environ.get(_SESSION)
        if kept is None:
            kept = request.environ[_SESSION] = super().open_session(app, request)
        return kept
