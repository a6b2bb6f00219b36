"""The things a workshop is made of."""

from __future__ import annotations

from dataclasses import dataclass

ASSIGNMENTS = ("self", "balanced")


@dataclass(frozen=True, slots=True)
class Kind:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Workshop:
    code: str
    title: str
    question: str
    kinds: tuple[Kind, ...]
    assignment: str
    allow_anonymous: bool
    created_at: float

    def kind_ids(self) -> tuple[str, ...]:
        return tuple(kind.id for kind in self.kinds)


@dataclass(frozen=True, slots=True)
class Group:
    id: int
    name: str
    position: int


@dataclass(frozen=True, slots=True)
class Participant:
    id: int
    name: str | None
    organisation: str | None
    group_id: int
    joined_at: float


@dataclass(frozen=True, slots=True)
class Card:
    id: int
    group_id: int
    participant_id: int
    kind: str
    text: str
    client_id: str
    created_at: float
    updated_at: float | None
    hidden: bool
