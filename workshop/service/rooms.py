"""Socket.IO room names: one family per workshop, so workshops never hear each other."""

from __future__ import annotations


def everyone(code: str) -> str:
    return f"w:{code}"


def group(code: str, group_id: int) -> str:
    return f"w:{code}:g:{group_id}"


def facilitators(code: str) -> str:
    return f"w:{code}:facilitators"


def screens(code: str) -> str:
    return f"w:{code}:screens"


def person(code: str, participant_id: int) -> str:
    """Every connection of one attendee (two tabs, a phone and a laptop)."""
    return f"w:{code}:p:{participant_id}"


def owners() -> str:
    """The owner's list of workshops, on any process: it hears when any workshop changes."""
    return "owners"
