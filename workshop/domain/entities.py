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
    locked: bool = False
    size_limit: int | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    id: int
    name: str | None
    organisation: str | None
    group_id: int
    joined_at: float
    removed: bool = False


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
    theme_id: int | None = None
    merged_into: int | None = None  # set on a card folded into another
    original_text: str | None = None  # set when the facilitator corrected the text


@dataclass(frozen=True, slots=True)
class Theme:
    id: int
    group_id: int
    name: str
    created_at: float


@dataclass(frozen=True, slots=True)
class Vote:
    id: int
    participant_id: int
    card_id: int | None
    theme_id: int | None
    client_id: str
    created_at: float
