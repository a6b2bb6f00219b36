"""What clients ask for, as typed, frozen commands.

`web/payloads.py` turns untrusted JSON into these (types only); the domain then checks
the rules (lengths, kinds, groups). Field names are the wire names of docs/protocol.md.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CreateWorkshop:
    title: str
    question: str
    groups: list[str] | int
    kinds: list[str] | None = None
    assignment: str = "self"
    allow_anonymous: bool = False


@dataclass(frozen=True)
class Join:
    name: str = ""
    organisation: str | None = None
    group: int | None = None


@dataclass(frozen=True)
class AddCard:
    kind: str
    text: str
    client_id: str


@dataclass(frozen=True)
class EditCard:
    card_id: int
    text: str
    kind: str | None = None


@dataclass(frozen=True)
class CardRef:
    """Names one card: `card:delete`, `card:hide`, `card:unhide`."""

    card_id: int


@dataclass(frozen=True)
class MoveParticipant:
    participant_id: int
    group_id: int


@dataclass(frozen=True)
class AddGroup:
    name: str


@dataclass(frozen=True)
class RenameGroup:
    group_id: int
    name: str
