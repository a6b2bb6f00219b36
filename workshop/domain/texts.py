"""Rules for every free text a person types: trimmed, not empty, not too long."""

from __future__ import annotations

from .errors import EmptyText, InvalidInput, TextTooLong

CARD_TEXT_MAX = 500
NAME_MAX = 80
ORGANISATION_MAX = 120
TITLE_MAX = 200
QUESTION_MAX = 1000
GROUP_NAME_MAX = 60
KIND_MAX = 30
CLIENT_ID_MAX = 64
NOTICE_MAX = 280  # a message read at a glance on a phone or a projector


def storable(value: str, *, field: str) -> str:
    """Refuse text that is not valid Unicode (a lone surrogate from JSON's \\ud800 escape)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput("This text contains characters that are not valid Unicode.", field=field) from None
    return value


def required_text(value: str, *, field: str, limit: int, what: str) -> str:
    """Trim `value` and insist it has 1..limit characters."""
    text = storable(value, field=field).strip()
    if not text:
        raise EmptyText(f"{what} cannot be empty.", field=field)
    if len(text) > limit:
        raise TextTooLong(f"{what} is too long ({len(text)} characters, at most {limit}).", field=field)
    return text


def optional_text(value: str | None, *, field: str, limit: int, what: str) -> str | None:
    """Trim `value`; empty becomes None; too long is refused."""
    if value is None:
        return None
    text = storable(value, field=field).strip()
    if len(text) > limit:
        raise TextTooLong(f"{what} is too long ({len(text)} characters, at most {limit}).", field=field)
    return text or None
