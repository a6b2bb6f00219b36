"""The retention sweep: at start-up, then once a day, delete every workshop whose
retention has run out. A background task on the server's own loop (socketio.sleep), so it
never blocks the hub."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import Flask
from flask_socketio import SocketIO

from ..domain.retention import DAY
from ..service import privacy

log = logging.getLogger(__name__)


def sweep(app: Flask, socketio: SocketIO) -> list[str]:
    """One run: the codes of the workshops it deleted."""
    with app.app_context():
        # Told and disconnected the one way outcomes reach the room, before the file goes.
        deleted = privacy.apply_retention(
            app.extensions["workshop"], farewell=app.extensions["workshop.connections"].emit
        )
    for code in deleted:  # gone from the owner's lists too
        app.extensions["workshop.feed"].mark(code)
    return deleted


def run(
    app: Flask,
    socketio: SocketIO,
    every: float = DAY,
    *,
    sleep: Callable[[float], Any] | None = None,
    rounds: int | None = None,
) -> None:
    """Sweep now, then every `every` seconds; `rounds` (for tests) stops it after that many."""
    pause = sleep or socketio.sleep
    done = 0
    while rounds is None or done < rounds:
        try:
            deleted = sweep(app, socketio)
            if deleted:
                log.info("retention: deleted %s", ", ".join(deleted))
        except Exception:  # one bad run must not end the daily sweep
            log.exception("retention sweep failed; trying again at the next run")
        done += 1
        if rounds is None or done < rounds:
            pause(every)


def start(app: Flask, socketio: SocketIO, every: float = DAY, **options: Any) -> Any:
    """Start the sweep as a background task of the server; returns the task."""
    return socketio.start_background_task(run, app, socketio, every, **options)
