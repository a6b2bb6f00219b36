"""What the process runtime may plug into the web app: handed in, never imported.

`create_app(settings, runtime)` takes these pieces; `workshop/wiring.py` fills them from
`workshop.runtime` for `python -m workshop`. Without them the app runs on Flask's and
python-socketio's defaults: the same answers, slower under load."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask.sessions import SessionInterface


@dataclass(frozen=True)
class Runtime:
    session_interface: SessionInterface | None = None  # None: Flask's signed cookie, as is
    # More `SocketIO(...)` options, such as `serializer` and `ping_interval`.
    socketio_options: Mapping[str, Any] = field(default_factory=dict)


class Activity:
    """Counts the events handled, for whoever asks how busy the server is (the GC pacer)."""

    def __init__(self) -> None:
        self.events = 0

    def note(self) -> None:
        self.events += 1
