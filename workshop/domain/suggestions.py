"""Theme suggestions as the facilitator sees them: alike cards with a name, minus the sets
they declined.

A declined suggestion is declined for its exact set of cards: when a new card joins the set,
or one leaves it, it is a new suggestion and comes back (docs/protocol.md, `theme:decline`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from . import grouping, meaning
from .errors import InvalidInput

MAX_CARDS = 500  # more than any group writes; a bound on what one message may name


@dataclass(frozen=True)
class DeclineSuggestion:
    """The facilitator's "no" to one suggestion of a group: those cards are not a theme."""

    group_id: int
    card_ids: list[int]


@dataclass(frozen=True)
class Suggestion:
    card_ids: list[int]
    name: str


def card_set(card_ids: Iterable[int]) -> tuple[int, ...]:
    """The set of cards a decline is about, one way of writing it: 2 or more ids, sorted."""
    ids = tuple(sorted(set(card_ids)))
    if not 2 <= len(ids) <= MAX_CARDS:
        raise InvalidInput(f"A suggestion has 2 to {MAX_CARDS} cards.", field="card_ids")
    return ids


def propose(items: Sequence[tuple[int, str]]) -> list[Suggestion]:
    """Alike cards of one group, each set with a name in the language most of the group writes."""
    language = meaning.main_language([text for _, text in items])
    texts = dict(items)
    return [
        Suggestion(ids, grouping.name_for([texts[i] for i in ids], language, room=list(texts.values())))
        for ids in grouping.suggest(items)
    ]


def not_declined(found: Iterable[Suggestion], declined: Collection[tuple[int, ...]]) -> list[Suggestion]:
    """The suggestions whose exact set of cards the facilitator has not declined."""
    return [s for s in found if tuple(s.card_ids) not in declined]
