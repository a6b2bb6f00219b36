"""What recurs across a series of workshops, and how their counts change from one to the next.

A text recurs when `similarity.clusters` (the method of the theme suggestions) links it to
alike texts of at least one *other* workshop: alike texts within one workshop alone are
that workshop's business, not the series'.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from . import similarity, texts
from .errors import TextTooLong, TooFewWorkshops, TooManyWorkshops

MIN_WORKSHOPS = 2
MAX_WORKSHOPS = 50
MAX_PREFIX = texts.TITLE_MAX  # a prefix that picks a series is at most a whole title


def title_prefix(prefix: str) -> str:
    """The start of a title that picks a series' workshops: no longer than a title."""
    if len(prefix) > MAX_PREFIX:
        raise TextTooLong(f"A title prefix has at most {MAX_PREFIX} characters.", field="prefix")
    return prefix


@dataclass(frozen=True, slots=True)
class Mention:
    """A theme or a top item as one workshop has it."""

    workshop: str  # the workshop's code
    text: str
    votes: int = 0


@dataclass(frozen=True, slots=True)
class Recurring:
    """Alike texts from two or more workshops; `text` is the one with most votes."""

    text: str
    mentions: tuple[Mention, ...]

    @property
    def workshops(self) -> list[str]:
        """The codes of the workshops it occurs in, in the order they were given."""
        return list(dict.fromkeys(m.workshop for m in self.mentions))

    def votes_in(self, code: str) -> int:
        return sum(m.votes for m in self.mentions if m.workshop == code)

    def texts_in(self, code: str) -> list[str]:
        return [m.text for m in self.mentions if m.workshop == code]


def recurring(mentions: Sequence[Mention], threshold: float = similarity.THRESHOLD) -> list[Recurring]:
    """Clusters of alike texts found in two or more workshops: most workshops first, then
    most votes, then the order the texts were given."""
    found = []
    for ids in similarity.clusters([(i, m.text) for i, m in enumerate(mentions)], threshold):
        members = tuple(mentions[i] for i in ids)
        if len({m.workshop for m in members}) < MIN_WORKSHOPS:
            continue
        # max keeps the first of equals, so the same input always gets the same name.
        lead = max(members, key=lambda m: m.votes)
        found.append((ids[0], Recurring(text=lead.text, mentions=members)))
    found.sort(key=lambda pair: (-len(pair[1].workshops), -sum(m.votes for m in pair[1].mentions), pair[0]))
    return [r for _, r in found]


@dataclass(frozen=True, slots=True)
class Tally:
    """Cards per kind of one workshop, at the moment it was held."""

    workshop: str
    held_at: float
    counts: Mapping[str, int]


def over_time(tallies: Sequence[Tally]) -> list[Tally]:
    """The tallies in the order the workshops were held (ties by code)."""
    return sorted(tallies, key=lambda t: (t.held_at, t.workshop))


def kinds_in(tallies: Sequence[Tally]) -> list[str]:
    """Every kind counted anywhere in the series, in first-seen order."""
    return list(dict.fromkeys(kind for t in tallies for kind in t.counts))


def check_size(count: int, field: str = "w") -> None:
    """A series compares two workshops at least, and at most MAX_WORKSHOPS side by side."""
    if count < MIN_WORKSHOPS:
        found = "none was" if count == 0 else "only one was"
        raise TooFewWorkshops(f"A series needs at least two workshops; {found} selected.", field=field)
    if count > MAX_WORKSHOPS:
        raise TooManyWorkshops(
            f"A series takes at most {MAX_WORKSHOPS} workshops; {count} were selected.", field=field
        )
