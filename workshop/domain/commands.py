"""What clients ask for, as typed, frozen commands.

`web/payloads.py` turns untrusted JSON into these (types only); the domain then checks
the rules (lengths, kinds, groups). Field names are the wire names of docs/protocol.md.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AgendaItem:
    kind: str
    name: str | None = None
    minutes: int | None = None
    question: str | None = None


@dataclass(frozen=True)
class CreateWorkshop:
    title: str
    question: str
    groups: list[str] | int
    kinds: list[str] | None = None
    assignment: str = "self"
    allow_anonymous: bool = False
    agenda: list[AgendaItem] | None = None
    agenda_template: str | None = None  # "challenges" or "1-2-4-all", when no agenda is given
    votes_per_person: int = 3
    multiple_votes_per_item: bool = False
    cards_while_voting: bool = False
    blur_cards: bool = False
    cards_per_person: int = 200
    max_people: int = 5000
    retention: int | str = "keep"  # or days after closing, 1-3650 (domain/retention.py)


@dataclass(frozen=True)
class KindLabel:
    id: str
    label: str


@dataclass(frozen=True)
class EditWorkshop:
    """What the facilitator may change of the set-up while the workshop runs."""

    title: str | None = None
    question: str | None = None
    kinds: list[KindLabel] | None = None  # new labels for existing kinds, by id


@dataclass(frozen=True)
class SendNotice:
    """The owner's message to every connected phone, dashboard and projector."""

    text: str


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


@dataclass(frozen=True)
class SetPhase:
    index: int


@dataclass(frozen=True)
class SetAgenda:
    agenda: list[AgendaItem]


@dataclass(frozen=True)
class TimerSeconds:
    """`timer:start` and `timer:add`."""

    seconds: int


@dataclass(frozen=True)
class Empty:
    """Events without fields: `timer:pause`, `votes:reveal`, `workshop:close`..."""


@dataclass(frozen=True)
class ChangeSettings:
    votes_per_person: int | None = None
    multiple_votes_per_item: bool | None = None
    cards_while_voting: bool | None = None
    blur_cards: bool | None = None
    cards_per_person: int | None = None
    max_people: int | None = None
    retention: int | str | None = None  # "keep" or days after closing
    door_closed: bool | None = None
    names_on_screen: bool | None = None


@dataclass(frozen=True)
class CreateTheme:
    group_id: int
    name: str


@dataclass(frozen=True)
class RenameTheme:
    theme_id: int
    name: str


@dataclass(frozen=True)
class ThemeRef:
    theme_id: int


@dataclass(frozen=True)
class GroupRef:
    group_id: int


@dataclass(frozen=True)
class SetCardTheme:
    card_id: int
    theme_id: int | None


@dataclass(frozen=True)
class MergeCards:
    into: int
    cards: list[int]


@dataclass(frozen=True)
class CorrectCard:
    card_id: int
    text: str


@dataclass(frozen=True)
class MoveCard:
    card_id: int
    group_id: int


@dataclass(frozen=True)
class CastVote:
    client_id: str
    card_id: int | None = None
    theme_id: int | None = None


@dataclass(frozen=True)
class RetractVote:
    card_id: int | None = None
    theme_id: int | None = None


@dataclass(frozen=True)
class ShowReport:
    group_id: int | None = None
    synthesis: bool = False


@dataclass(frozen=True)
class ShowSpotlight:
    card_id: int | None = None
    theme_id: int | None = None


@dataclass(frozen=True)
class Shuffle:
    strategy: str


@dataclass(frozen=True)
class LockGroup:
    group_id: int
    locked: bool


@dataclass(frozen=True)
class LimitGroup:
    group_id: int
    size_limit: int | None


@dataclass(frozen=True)
class ParticipantRef:
    participant_id: int


@dataclass(frozen=True)
class RemoveParticipants:
    """`participants:remove`: the people named, or the recent joiners (silent ones only by default)."""

    participant_ids: list[int] | None = None
    joined_within_minutes: int | None = None
    silent_only: bool = True
