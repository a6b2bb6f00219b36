"""Rules for attendees: a name (unless anonymous is allowed) and an optional organisation."""

from __future__ import annotations

from . import texts
from .commands import Join
from .errors import NameRequired


def participant_name(cmd: Join, *, allow_anonymous: bool) -> str | None:
    """The trimmed name, or None for an anonymous attendee where that is allowed."""
    name = texts.optional_text(cmd.name, field="name", limit=texts.NAME_MAX, what="The name")
    if name is None and not allow_anonymous:
        raise NameRequired("Please type your name.", field="name")
    return name


def organisation(cmd: Join) -> str | None:
    """The trimmed organisation, or None."""
    return texts.optional_text(
        cmd.organisation, field="organisation", limit=texts.ORGANISATION_MAX, what="The organisation"
    )
