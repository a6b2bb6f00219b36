"""Tell a workshop's connections it is going away, then close them (a deleted workshop)."""

from __future__ import annotations

from flask_socketio import SocketIO

from ..service.outcome import Outcome
from .broadcasts import LOCAL


def tell_and_disconnect(socketio: SocketIO, outcome: Outcome) -> None:
    """Emit the outcome's announcements, then disconnect every connection in its rooms.

    Runs before the file is deleted: each disconnect handler still finds its workshop."""
    for a in outcome.announce:
        socketio.emit(a.event, a.payload, to=a.room, namespace="/", **LOCAL)
    for room in outcome.disconnect:
        for sid, _ in list(socketio.server.manager.get_participants("/", room)):
            socketio.server.disconnect(sid, namespace="/", **LOCAL)
