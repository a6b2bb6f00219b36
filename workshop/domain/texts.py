"""Rules for every free text a person types: trimmed, not empty, not too long."""

from __future__ import annotations

import unicodedata

from .errors import EmptyText, InvalidInput, TextTooLong

CARD_TEXT_MAX = 500
NAME_MAX = 80
ORGANISATION_MAX = 120
TITLE_MAX = 200
QUESTION_MAX = 1000
GROUP_NAME_MAX = 60
THEME_NAME_MAX = 60  # a theme's name is shown where a group's is: as short
KIND_MAX = 30
KIND_LABEL_MAX = 40  # "Challenge" as the room calls it: a label, changeable while running
CLIENT_ID_MAX = 64
NOTICE_MAX = 280  # a message read at a glance on a phone or a projector


# Characters that draw nothing although they are not format characters or spaces: the Hangul
# fillers, the combining grapheme joiner, Mongolian and Khmer invisibles, variation
# selectors and the blank Braille pattern. A text of only these reads as empty.
_BLANK_LETTERS = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f\u2800\u3164\uffa0"
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))
    + "".join(chr(c) for c in range(0xE0100, 0xE01F0))
)


def is_invisible(char: str) -> bool:
    """Whether `char` draws nothing: white space, a control or format character (zero-width
    spaces and joiners, U+FEFF, bidi marks), or a blank letter such as U+3164."""
    return char.isspace() or char in _BLANK_LETTERS or unicodedata.category(char) in ("Cf", "Cc")


def _trimmed(value: str, *, field: str) -> str:
    """`value` without surrounding white space; empty when nothing in it can be seen."""
    text = storable(value, field=field).strip()
    return text if any(not is_invisible(ch) for ch in text) else ""


def storable(value: str, *, field: str) -> str:
    """Refuse text that is not valid Unicode (a lone surrogate from JSON's \\ud800 escape)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput("This text contains characters that are not valid Unicode.", field=field) from None
    return value


def required_text(value: str, *, field: str, limit: int, what: str) -> str:
    """Trim `value` and insist it has 1..limit characters, some of them visible."""
    text = _trimmed(value, field=field)
    if not text:
        raise EmptyText(f"{what} cannot be empty.", field=field)
    if len(text) > limit:
        raise TextTooLong(f"{what} is too long ({len(text)} characters, at most {limit}).", field=field)
    return text


def optional_text(value: str | None, *, field: str, limit: int, what: str) -> str | None:
    """Trim `value`; empty (or only invisible characters) becomes None; too long is refused."""
    if value is None:
        return None
    text = _trimmed(value, field=field)
    if len(text) > limit:
        raise TextTooLong(f"{what} is too long ({len(text)} characters, at most {limit}).", field=field)
    return text or None
