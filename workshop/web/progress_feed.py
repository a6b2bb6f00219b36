"""Vote progress reaches the dashboards at most twice a second, whatever the burst.

A dot, a join or a move can change how many people have placed all, some or none of their
dots (`service/progress.py`). Counting it costs one grouped query over every dot of the room
(about 2 ms with 1,000 people and their dots); a vote burst casts 600 dots a second, so a
count per dot would hold the server for longer than the burst. Use cases only say that the
progress of their workshop may have moved (`Outcome.progress`); this feed remembers which
workshops did and, every `interval`, counts each of them once and tells its dashboards. A
workshop without a dashboard open is not counted at all (its state counts afresh on connect)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask_socketio import SocketIO

from ..service import progress, rooms
from ..service.context import Context
from .broadcasts import LOCAL

log = logging.getLogger(__name__)

# Live enough for a facilitator glancing at the dashboard, and one count per workshop per
# interval however many dots were cast.
PROGRESS_INTERVAL = 0.5


class ProgressFeed:
    """The workshops whose vote progress may have moved since their dashboards were told."""

    def __init__(self, interval: float = PROGRESS_INTERVAL) -> None:
        self.interval = interval
        self._moved: set[str] = set()

    def mark(self, code: str) -> None:
        self._moved.add(code)

    def flush(self, socketio: SocketIO, context: Context, listening: Callable[[str], Any]) -> list[str]:
        """Announce `votes:progress` to the dashboards of each marked workshop that has any
        (`listening(room)` is truthy); return the codes announced."""
        codes, self._moved = sorted(self._moved), set()
        told = []
        for code in codes:
            room = rooms.facilitators(code)
            store = context.files.get(code) if listening(room) else None
            if store is None:  # nobody watching, or the workshop was deleted meanwhile
                continue
            payload = {"vote_progress": progress.vote_progress(store)}
            socketio.emit("votes:progress", payload, to=room, namespace="/", **LOCAL)
            told.append(code)
        return told

    def run(
        self,
        socketio: SocketIO,
        context: Context,
        listening: Callable[[str], Any],
        sleep: Callable[[float], Any],
    ) -> None:
        """The background task: flush every `interval` seconds, for ever."""
        while True:
            sleep(self.interval)
            try:
                self.flush(socketio, context, listening)
            except Exception:  # one damaged file must not end the announcements of the others
                log.exception("could not announce the vote progress")
