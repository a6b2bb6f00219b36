"""The reference tables of docs/protocol.md, made from the code that decides them.

docs/protocol.md runs these through cog (`cog -r docs/protocol.md`), and
`tests/test_docs.py` fails when the page no longer says what the code does: the events with
their payloads, who may send them and when (`service/catalogue.py`), and the error codes
(`domain/errors.py`)."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

from .domain import errors, permissions
from .service import catalogue

_WHO = {
    permissions.ATTENDEE: "attendee",
    permissions.FACILITATOR: "facilitator",
    permissions.SCREEN: "projector",
    permissions.OWNER: "owner's list",
}
_PHASES = {
    permissions.ANY_PHASE: "any phase",
    permissions.CARD_PHASES: "join, brainstorm, cluster; vote if `cards_while_voting`",
    permissions.VOTE_PHASES: "vote",
}
_JOINED = {
    permissions.MUST_HAVE_JOINED: "who has joined",
    permissions.MUST_NOT_HAVE_JOINED: "not yet joined",
}


def events_table() -> str:
    """One row per event of the catalogue."""
    rows = [
        "| event | payload | who may send it | when | closed workshop |",
        "| --- | --- | --- | --- | --- |",
    ]
    for event in catalogue.EVENTS:
        p = event.permission
        who = ", ".join(_WHO[role] for role in sorted(p.roles))
        if permissions.ATTENDEE in p.roles and p.joined is not None:
            who += f" ({_JOINED[p.joined]})"
        closed = "allowed" if p.when_closed else "`wrong_phase`"
        fields = payload(event.command).replace(" | ", " \\| ")  # a bar would end the cell
        rows.append(f"| `{event.name}` | {fields} | {who} | {_PHASES[p.phases]} | {closed} |")
    return "\n".join(rows) + "\n"


def payload(command: type) -> str:
    """The payload's fields: `name: type`, optional ones with `?`."""
    fields = dataclasses.fields(command)
    if not fields:
        return "`{}`"
    hints = typing.get_type_hints(command)
    parts = []
    for field in fields:
        missing = dataclasses.MISSING
        optional = field.default is not missing or field.default_factory is not missing
        parts.append(f"{field.name}{'?' if optional else ''}: {_type(hints[field.name])}")
    return "`{" + ", ".join(parts) + "}`"


def _type(hint: Any) -> str:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return " | ".join(_type(arg) for arg in typing.get_args(hint))
    origin = typing.get_origin(hint)
    if origin is list:
        return f"[{_type(typing.get_args(hint)[0])}]"
    if hint is type(None):
        return "null"
    return getattr(hint, "__name__", str(hint))


def errors_table() -> str:
    """Every error code, its HTTP status, and what it means (the class's docstring)."""
    rows = ["| code | HTTP | meaning |", "| --- | --- | --- |"]
    seen: set[str] = set()
    for cls in sorted(errors.all_error_classes(), key=lambda c: (c.status, c.code)):
        if cls.code in seen or cls.code in ("error", "conflict"):
            continue
        seen.add(cls.code)
        meaning = " ".join((cls.__doc__ or "").split())
        rows.append(f"| `{cls.code}` | {cls.status} | {meaning} |")
    return "\n".join(rows) + "\n"
