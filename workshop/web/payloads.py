"""The edge: untrusted JSON in, typed commands out. The only module that knows msgspec."""

from __future__ import annotations

import re
from typing import Any, TypeVar

import msgspec

from ..domain.errors import InvalidInput, InvalidPayload

T = TypeVar("T")
_FIELD_AT = re.compile(r"at `\$\.([A-Za-z_]+)")
_MISSING = re.compile(r"missing required field `([A-Za-z_]+)`")


def parse(command: type[T], raw: Any) -> T:
    """Check types and required fields; rules (lengths, kinds...) are the domain's job."""
    if not isinstance(raw, dict):
        raise InvalidPayload("The message must be a JSON object.")
    try:
        return msgspec.convert(raw, command, strict=True)
    except msgspec.ValidationError as exc:
        message = str(exc)
        found = _FIELD_AT.search(message) or _MISSING.search(message)
        raise InvalidInput(_human(message), field=found.group(1) if found else None) from None


def _human(message: str) -> str:
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
