"""A workshop's switches: vote budget, what is allowed while voting, what is revealed, and
the one table of what the facilitator may change and which values each setting takes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from . import retention
from .errors import DoorClosed, InvalidInput, WorkshopError, WrongPhase

MAX_VOTES = 20
MAX_CARDS_PER_PERSON = 1000
MAX_PEOPLE = 10_000


@dataclass(frozen=True, slots=True)
class Settings:
    votes_per_person: int = 3
    multiple_votes_per_item: bool = False
    cards_while_voting: bool = False
    blur_cards: bool = False  # others' cards blurred on phones until revealed
    cards_revealed: bool = False
    votes_revealed: bool = False
    closed: bool = False
    cards_per_person: int = 200  # a phone stuck in a loop can't fill the disk
    max_people: int = 5000
    retention_days: int | None = None  # deleted this many days after closing; None keeps it
    door_closed: bool = False  # no new people join; those who joined still come back
    # Names and organisations on the projector and in report-back. Off by default: ministry
    # staff may not want their name beside "our legal department blocks everything".
    names_on_screen: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    """How one setting is changed: its name in `settings:set` (and the set-up form), the
    field of `Settings` it changes, the values it accepts, and what a refused value answers."""

    name: str
    field: str
    accepts: Callable[[Any], bool]
    message: str
    error: type[WorkshopError] = InvalidInput
    stored: Callable[[Any], Any] = lambda value: value  # the value as kept in Settings
    when_closed: bool = False  # a closed workshop keeps the settings it ran with, but this one


def _between(low: int, high: int) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _switch(value: Any) -> bool:
    return isinstance(value, bool)


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule(
            "votes_per_person",
            "votes_per_person",
            _between(1, MAX_VOTES),
            f"Votes per person must be 1 to {MAX_VOTES}.",
        ),
        Rule(
            "multiple_votes_per_item",
            "multiple_votes_per_item",
            _switch,
            "Several dots on one item is on (true) or off (false).",
        ),
        Rule(
            "cards_while_voting",
            "cards_while_voting",
            _switch,
            "Posting cards while voting is on (true) or off (false).",
        ),
        Rule("blur_cards", "blur_cards", _switch, "Blurring others' cards is on (true) or off (false)."),
        Rule(
            "cards_per_person",
            "cards_per_person",
            _between(1, MAX_CARDS_PER_PERSON),
            f"Cards per person must be 1 to {MAX_CARDS_PER_PERSON}.",
        ),
        Rule(
            "max_people",
            "max_people",
            _between(1, MAX_PEOPLE),
            f"People per workshop must be 1 to {MAX_PEOPLE}.",
        ),
        Rule(
            "retention",
            "retention_days",
            retention.is_valid,
            retention.MESSAGE,
            stored=retention.parse,
            when_closed=True,  # how long a closed workshop is kept is decided after closing too
        ),
        Rule(
            "door_closed", "door_closed", _switch, "The door to new people is closed (true) or open (false)."
        ),
        Rule(
            "names_on_screen",
            "names_on_screen",
            _switch,
            "Names on the projector are shown (true) or hidden (false).",
        ),
    )
}


def check(name: str, value: Any) -> Any:
    """`value` for the setting `name` as it is kept, or the setting's error."""
    rule = RULES[name]
    if not rule.accepts(value):
        raise rule.error(rule.message, field=name)
    return rule.stored(value)


def requested(command: object) -> dict[str, Any]:
    """The settings a `settings:set` command names (a field left out is None: unchanged)."""
    return {f.name: value for f in fields(command) if (value := getattr(command, f.name)) is not None}  # type: ignore[arg-type]


def change(current: Settings, changes: Mapping[str, Any], *, closed: bool) -> Settings:
    """The settings after the facilitator's changes, each checked by its rule; a closed
    workshop keeps the settings it ran with, except those its rules allow (the retention)."""
    unknown = sorted(set(changes) - RULES.keys())
    if unknown:
        raise InvalidInput(f"There is no setting called {unknown[0]!r}.", field=unknown[0])
    if closed and not all(RULES[name].when_closed for name in changes):
        raise WrongPhase("The workshop is closed: only how long it is kept can change.")
    return replace(current, **{RULES[name].field: check(name, value) for name, value in changes.items()})


def votes_per_person(value: int) -> int:
    return check("votes_per_person", value)


def cards_per_person(value: int) -> int:
    return check("cards_per_person", value)


def max_people(value: int) -> int:
    return check("max_people", value)


def cards_blurred(settings: Settings) -> bool:
    """Whether attendees and the projector see others' cards blurred (there, but not readable):
    while the facilitator blurs them and has not revealed them yet. An author always sees
    their own cards."""
    return settings.blur_cards and not settings.cards_revealed


def names_shown(settings: Settings) -> bool:
    """Whether the projector and report-back name who wrote a card (phones always show their
    own group's names on its board; exports keep what they keep)."""
    return settings.names_on_screen


def admit_newcomer(settings: Settings) -> None:
    """A new person may join only while the door is open; a returning one is not asked."""
    if settings.door_closed:
        raise DoorClosed(
            "The facilitator has closed the door to new people. If you joined before, "
            "open this page on the phone you joined with."
        )
