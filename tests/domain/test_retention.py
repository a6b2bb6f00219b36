"""Retention: "keep" or days after closing; when a workshop is due, and when to warn."""

from __future__ import annotations

import pytest

from workshop.domain import retention
from workshop.domain.errors import InvalidInput
from workshop.domain.retention import DAY

CLOSED = 1_800_000_000.0


@pytest.mark.parametrize(
    "value, stored",
    [
        ("keep", None),
        ("Keep", None),
        (" keep ", None),
        (1, 1),
        (30, 30),
        (3650, 3650),
        ("90", 90),
        (" 7 ", 7),
    ],
)
def test_keep_or_whole_days_are_accepted(value, stored):
    assert retention.parse(value) == stored


@pytest.mark.parametrize(
    "value", [0, -1, 3651, 10**12, True, False, "", "forever", "7.5", "٣", "²", "1e3", "0", "99999999", 7.0]
)
def test_anything_else_is_invalid_input_naming_the_field(value):
    with pytest.raises(InvalidInput) as raised:
        retention.parse(value)
    assert (raised.value.code, raised.value.field) == ("invalid_input", "retention")
    assert "keep" in raised.value.message and "3650" in raised.value.message


def test_the_stored_rule_goes_back_on_the_wire_as_sent():
    assert retention.as_wire(None) == "keep"
    assert retention.as_wire(30) == 30


def test_a_kept_or_open_workshop_is_never_due():
    far_future = CLOSED + 100 * 365 * DAY
    assert retention.deletion_due_at(None, CLOSED) is None
    assert retention.deletion_due_at(30, None) is None
    assert not retention.is_due(None, CLOSED, far_future)
    assert not retention.is_due(30, None, far_future)
    assert not retention.should_warn(None, CLOSED, far_future)
    assert not retention.should_warn(30, None, far_future)


def test_a_workshop_is_due_exactly_its_days_after_closing():
    assert retention.deletion_due_at(30, CLOSED) == CLOSED + 30 * DAY
    assert not retention.is_due(30, CLOSED, CLOSED + 30 * DAY - 1)
    assert retention.is_due(30, CLOSED, CLOSED + 30 * DAY)
    assert retention.is_due(30, CLOSED, CLOSED + 400 * DAY)


def test_the_owner_is_warned_from_a_week_before_until_it_is_gone():
    due = CLOSED + 30 * DAY
    assert not retention.should_warn(30, CLOSED, due - 7 * DAY - 1)
    assert retention.should_warn(30, CLOSED, due - 7 * DAY)
    assert retention.should_warn(30, CLOSED, due - 1)
    assert retention.should_warn(30, CLOSED, due + DAY)  # due, waiting for the daily run
    assert retention.should_warn(30, CLOSED, due - 2 * DAY, warn_days=2)
    assert not retention.should_warn(30, CLOSED, due - 3 * DAY, warn_days=2)


def test_a_one_day_retention_warns_as_soon_as_the_workshop_closes():
    assert retention.should_warn(1, CLOSED, CLOSED)
