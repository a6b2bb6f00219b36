"""The web app with the process runtime plugged in: what `python -m workshop` serves.

The web layer never imports `workshop.runtime` and the runtime imports nothing of the app;
this module alone knows both, hands the runtime's pieces to `create_app` through
`web/hooks.Runtime` and starts the runtime's background tasks. The tests build the app the
same way (tests/conftest.py)."""

from __future__ import annotations

from flask import Flask
from flask_socketio import SocketIO

from .config import Settings
from .runtime import event_context, gc_pacing, heartbeats, wire
from .web.app import create_app
from .web.hooks import Runtime


def web_runtime() -> Runtime:
    """The runtime's pieces for the web app: a session opened once per connection, msgspec
    on the wire, and the heartbeats' announced interval."""
    return Runtime(
        session_interface=event_context.ConnectionSessions(),
        socketio_options={"serializer": wire.JSONPacket, "ping_interval": heartbeats.ping_interval()},
    )


def build(settings: Settings) -> tuple[Flask, SocketIO]:
    """The app and its Socket.IO server, runtime included."""
    return create_app(settings, runtime=web_runtime())


def start_runtime_tasks(app: Flask, socketio: SocketIO) -> None:
    """GC pacing and spread heartbeats, on the server's own loop; the collector's automatic
    full collections are left to the pacer from now on."""
    gc_pacing.take_over_full_collections()
    socketio.start_background_task(gc_pacing.run, socketio.sleep, app.extensions["workshop.activity"])
    socketio.start_background_task(heartbeats.spread, socketio.server.eio, socketio.sleep)
