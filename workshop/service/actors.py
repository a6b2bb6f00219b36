"""Who is acting: the role a connection proved when it connected."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..domain.permissions import ATTENDEE, FACILITATOR, OWNER, SCREEN

__all__ = ["ATTENDEE", "FACILITATOR", "OWNER", "SCREEN", "Actor"]


@dataclass(frozen=True)
class Actor:
    code: str
    role: str
    participant_id: int | None = None

    def joined(self, participant_id: int) -> Actor:
        return replace(self, participant_id=participant_id)
