"""The edge: untrusted JSON in, typed commands out. The only module that knows msgspec."""

from __future__ import annotations

import re
from typing import Any, TypeVar

import msgspec

from ..domain.errors import InvalidInput, InvalidPayload

T = TypeVar("T")
_FIELD_AT = re.compile(r"at `\$\.([A-Za-z_]+)")
_MISSING = re.compile(r"missing required field `([A-Za-z_]+)`")


INT64 = range(-(2**63), 2**63)  # what SQLite can store and compare


def parse(command: type[T], raw: Any) -> T:
    """Check types and required fields; rules (lengths, kinds...) are the domain's job."""
    if not isinstance(raw, dict):
        raise InvalidPayload("The message must be a JSON object.")
    for name, value in raw.items():
        if not _fits(value):
            raise InvalidInput("A number in this message is too large.", field=str(name)[:40])
    try:
        return msgspec.convert(raw, command, strict=True)
    except msgspec.ValidationError as exc:
        message = str(exc)
        found = _FIELD_AT.search(message) or _MISSING.search(message)
        raise InvalidInput(_human(message), field=found.group(1) if found else None) from None
    except UnicodeEncodeError:  # a lone surrogate in a key (JSON's \ud800 escape)
        raise InvalidInput("This message contains characters that are not valid Unicode.") from None


def _fits(value: Any, depth: int = 0) -> bool:
    """No integer beyond 64 bits anywhere (Python's are unbounded, SQLite's are not)."""
    if isinstance(value, bool) or depth > 32:
        return True
    if isinstance(value, int):
        return value in INT64
    if isinstance(value, dict):
        return all(_fits(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return all(_fits(v, depth + 1) for v in value)
    return True


def _human(message: str) -> str:
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
