"""What a use case returns: the acknowledgement, and what to tell whom."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Announce:
    """Emit `event` with `payload` to everyone in `room`."""

    event: str
    payload: dict[str, Any]
    room: str
    skip: str | None = None  # a room inside `room` that must not get this (it gets its own)


@dataclass(frozen=True)
class RoomMove:
    """Every connection in `members` leaves room `leave` and joins room `join`."""

    members: str
    leave: str
    join: str


@dataclass(frozen=True)
class Outcome:
    """The ack for the sender; then room moves, announcements, fresh states and
    disconnections, in that order."""

    ack: dict[str, Any]
    announce: tuple[Announce, ...] = ()
    moves: tuple[RoomMove, ...] = ()
    refresh: tuple[str, ...] = ()  # rooms whose every connection gets its own fresh `state`
    disconnect: tuple[str, ...] = ()  # rooms whose connections are closed (a removed person)
    # The code of a workshop whose vote progress this may have moved: its dashboards hear
    # `votes:progress` soon after, once for a whole burst of changes (web/progress_feed.py).
    progress: str | None = None
