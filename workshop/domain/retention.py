"""How long a closed workshop is kept: forever ("keep"), or a number of days after closing.

Public organisations answer to data-protection law, so each workshop carries its own rule.
The rule is stored as `retention_days` in the workshop's settings: None means keep.
"""

from __future__ import annotations

import re

from .errors import InvalidInput

KEEP = "keep"
MIN_DAYS = 1
MAX_DAYS = 3650  # ten years: beyond that, "keep" says what is meant
WARN_DAYS = 7  # the owner is warned on the home page this long before a deletion
DAY = 24 * 60 * 60
_DIGITS = re.compile(r"^[0-9]{1,5}$")


MESSAGE = f"Retention must be “keep” or a number of days from {MIN_DAYS} to {MAX_DAYS}."
_INVALID = -1


def _days(value: object) -> int | None:
    """The days a retention as sent stands for, None for keep, _INVALID for anything else."""
    if isinstance(value, str):
        text = value.strip().lower()
        if text == KEEP:
            return None
        # Form fields arrive as text; only plain ASCII digits count as a number of days.
        value = int(text) if _DIGITS.match(text) else _INVALID
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_DAYS <= value <= MAX_DAYS:
        return _INVALID
    return value


def is_valid(value: object) -> bool:
    """Whether `value` is "keep" or a number of days from MIN_DAYS to MAX_DAYS."""
    return _days(value) != _INVALID


def parse(value: int | str) -> int | None:
    """A retention as sent ("keep" or whole days) as stored: None for keep, else the days."""
    days = _days(value)
    if days == _INVALID:
        raise InvalidInput(MESSAGE, field="retention")
    return days


def as_wire(days: int | None) -> int | str:
    """The stored rule as clients send and see it."""
    return KEEP if days is None else days


def deletion_due_at(days: int | None, closed_at: float | None) -> float | None:
    """When a workshop closed at `closed_at` is due for deletion; None when it never is
    (kept, or still open)."""
    if days is None or closed_at is None:
        return None
    return closed_at + days * DAY


def is_due(days: int | None, closed_at: float | None, now: float) -> bool:
    due = deletion_due_at(days, closed_at)
    return due is not None and due <= now


def should_warn(days: int | None, closed_at: float | None, now: float, warn_days: int = WARN_DAYS) -> bool:
    """Whether the owner should be told: the deletion is at most `warn_days` away (or due
    already and waiting for the next daily run)."""
    due = deletion_due_at(days, closed_at)
    return due is not None and due - now <= warn_days * DAY
