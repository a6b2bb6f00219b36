"""Alike lines of the synthesis: themes and top items of different groups that say the same
thing, offered to the facilitator as one line (#17).

The method is the theme suggestions' (`grouping.suggest`): meaning and shared words, in any
of the room's languages. A set counts only when its lines come from two groups or more:
alike lines of one group are that group's business (its themes). A set the facilitator has
decided on, merged or declined, is not offered again while it is the same set.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from . import grouping, meaning
from .errors import InvalidInput

MAX_LINES = 100  # more than any synthesis shows; a bound on what one message may name
_KEY_KINDS = ("theme", "card")


@dataclass(frozen=True)
class Line:
    """A theme or a top item of one group, as the synthesis shows it."""

    key: str  # "theme:<id>" or "card:<id>"
    group_id: int
    text: str


@dataclass(frozen=True)
class Offer:
    keys: tuple[str, ...]  # sorted
    name: str


@dataclass(frozen=True)
class MergeLines:
    """The facilitator's "one line" for alike lines of the synthesis, under a name."""

    items: list[str]
    name: str = ""


@dataclass(frozen=True)
class DeclineLines:
    """The facilitator's "not the same" for an offered set of lines."""

    items: list[str]


def key_set(keys: Sequence[str]) -> tuple[str, ...]:
    """The lines a decision is about, one way of writing them: 2 or more keys, sorted."""
    found = tuple(sorted(set(keys)))
    if not 2 <= len(found) <= MAX_LINES:
        raise InvalidInput(f"Name 2 to {MAX_LINES} lines.", field="items")
    for key in found:
        kind, _, number = key.partition(":")
        if kind not in _KEY_KINDS or not number.isdigit():
            raise InvalidInput('Each line is "theme:<id>" or "card:<id>".', field="items")
    return found


def offers(lines: Sequence[Line], decided: Collection[tuple[str, ...]]) -> list[Offer]:
    """Sets of alike lines from two groups or more, largest first, each with a name in the
    language most of the lines are in; the sets already decided on left out."""
    if len(lines) < 2:
        return []
    language = meaning.main_language([line.text for line in lines])
    found = []
    for ids in grouping.suggest([(i, line.text) for i, line in enumerate(lines)]):
        members = [lines[i] for i in ids]
        if len({m.group_id for m in members}) < 2:
            continue
        keys = tuple(sorted(m.key for m in members))
        if keys not in decided:
            found.append(
                Offer(
                    keys, grouping.name_for([m.text for m in members], language, room=[x.text for x in lines])
                )
            )
    return found


def name_of(texts: Sequence[str]) -> str:
    """A name for lines merged without one: the words they share, in their main language."""
    return grouping.name_for(texts, meaning.main_language(texts))
