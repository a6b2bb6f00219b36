"""Stable pseudonyms for an anonymised copy: "Participant 7", or "Participant 7 (Public bank)".

People are numbered in the order they joined, so the same file always gives the same
pseudonyms. An organisation is never shown as typed: free text such as "Ministry of
Finance, unit B" can name a person. Only an organisation *kind* from the fixed list below
may be shown. Attendees do not choose a kind today (the join form has a free-text
organisation only), so an anonymised copy carries no organisation at all; the list is here
so that a kind, once recorded, is the only thing that can appear.
"""

from __future__ import annotations

from collections.abc import Iterable

from .entities import Participant

ORGANISATION_KINDS = {
    "public_bank": "Public bank",
    "innovation_agency": "Innovation agency",
    "ministry": "Ministry",
    "design_unit": "Design unit",
    "research": "Research",
    "other": "Other",
}


def label(number: int, organisation_kind: str | None = None) -> str:
    """The pseudonym of the `number`-th person to join; an unknown kind is left out."""
    kind = ORGANISATION_KINDS.get(organisation_kind or "")
    return f"Participant {number} ({kind})" if kind else f"Participant {number}"


def pseudonyms(people: Iterable[Participant]) -> dict[int, str]:
    """Participant id → pseudonym, numbered from 1 in join order (id breaks ties)."""
    ordered = sorted(people, key=lambda p: (p.joined_at, p.id))
    return {person.id: label(number) for number, person in enumerate(ordered, 1)}
