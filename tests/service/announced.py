"""Reading an `Outcome`: which events went to which rooms."""

from __future__ import annotations

from typing import Any

from workshop.service.outcome import Outcome


def events(outcome: Outcome) -> list[str]:
    return [a.event for a in outcome.announce]


def rooms_of(outcome: Outcome, event: str) -> set[str]:
    """Every room `event` was announced to."""
    return {a.room for a in outcome.announce if a.event == event}


def sent(outcome: Outcome) -> set[tuple[str, str]]:
    """(event, room) for every announcement."""
    return {(a.event, a.room) for a in outcome.announce}


def payload_of(outcome: Outcome, event: str, room: str) -> dict[str, Any]:
    matches = [a.payload for a in outcome.announce if a.event == event and a.room == room]
    assert len(matches) == 1, f"{event} to {room}: {len(matches)} announcements"
    return matches[0]


def all_rooms(outcome: Outcome) -> set[str]:
    return {a.room for a in outcome.announce}
