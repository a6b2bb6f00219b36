"""What must reach every server process: the owner's live list of workshops and the owner's
notices.

With one process these are ordinary emits. With several behind nginx (docs/deployment.md),
Flask-SocketIO's message queue carries them to every process. Everything about one workshop
stays in its own process instead (`LOCAL`): nginx sends all of a workshop's connections to
the same one, and a card's fan-out must not make a round trip through Redis."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import current_app
from flask_socketio import SocketIO

from ..service import rooms

log = logging.getLogger(__name__)

# Keyword arguments of an emit or disconnect that concerns this process's connections only.
LOCAL: dict[str, Any] = {"ignore_queue": True}

# How often the owner's lists hear which workshops changed: a join burst of a thousand phones
# is one message, not a thousand.
FEED_INTERVAL = 2.0


class WorkshopsFeed:
    """The workshops that changed since the owner's lists were last told."""

    def __init__(self, interval: float = FEED_INTERVAL) -> None:
        self.interval = interval
        self._changed: set[str] = set()

    def mark(self, code: str) -> None:
        self._changed.add(code)

    def flush(self, socketio: SocketIO) -> list[str]:
        """Tell every owner's list, on every process, which workshops changed; return them."""
        if not self._changed:
            return []
        codes, self._changed = sorted(self._changed), set()
        socketio.emit("workshops:changed", {"codes": codes}, to=rooms.owners())
        return codes

    def run(self, socketio: SocketIO, sleep: Callable[[float], Any]) -> None:
        """The background task: flush every `interval` seconds, for ever."""
        while True:
            sleep(self.interval)
            try:
                self.flush(socketio)
            except Exception:  # Redis away for a moment: the next round tries again
                log.exception("could not tell the owner's lists what changed")


def feed() -> WorkshopsFeed:
    """This app's feed (inside a request or event)."""
    return current_app.extensions["workshop.feed"]


def send_notice(socketio: SocketIO, payload: dict[str, Any]) -> None:
    """The owner's notice, to every connection of every workshop on every process."""
    socketio.emit("notice", payload, namespace="/")
