"""Who is acting: the role a connection proved when it connected."""

from __future__ import annotations

from dataclasses import dataclass, replace

ATTENDEE = "attendee"
FACILITATOR = "facilitator"
SCREEN = "screen"
OWNER = "owner"  # the owner's list of workshops: no workshop of its own


@dataclass(frozen=True)
class Actor:
    code: str
    role: str
    participant_id: int | None = None

    def joined(self, participant_id: int) -> Actor:
        return replace(self, participant_id=participant_id)
