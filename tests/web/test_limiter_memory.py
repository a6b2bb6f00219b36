"""The in-memory rate limiter: moving windows, several rates per key, bounded memory."""

from __future__ import annotations

import pytest

from workshop.domain.errors import RateLimited
from workshop.web.limiter import SWEEP_FROM, Limiter, Rate, parse_rate


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    "text, rate",
    [
        ("20/second", Rate(20, 1.0)),
        ("240/minute", Rate(240, 60.0)),
        ("30 per minute", Rate(30, 60.0)),
        ("100/2 hours", Rate(100, 7200.0)),
        (" 5/Day ", Rate(5, 86400.0)),
    ],
)
def test_rates_are_read_as_written_in_the_settings(text, rate):
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["", "20", "0/second", "20/fortnight", "x/minute", "-1/second"])
def test_a_malformed_rate_is_refused_with_what_it_should_look_like(text):
    with pytest.raises(ValueError, match="30/minute"):
        parse_rate(text)


def test_a_burst_then_refusals_until_the_window_moves_on():
    clock = Clock()
    limiter = Limiter("3/second", clock=clock)
    assert [limiter.allow("sid-1") for _ in range(5)] == [True, True, True, False, False]
    assert limiter.exhausted("sid-1")
    clock.now += 0.5
    assert not limiter.allow("sid-1")  # the three are still within the last second
    clock.now += 0.51
    assert limiter.allow("sid-1")
    assert not limiter.exhausted("sid-2") and limiter.allow("sid-2")  # keys are apart


def test_the_window_moves_hit_by_hit_not_in_fixed_steps():
    clock = Clock()
    limiter = Limiter("2/second", clock=clock)
    assert limiter.allow("k")  # at 0.0
    clock.now += 0.6
    assert limiter.allow("k")  # at 0.6
    clock.now += 0.5
    assert limiter.allow("k")  # at 1.1: the one at 0.0 has left the window
    assert not limiter.allow("k")  # at 1.1: 0.6 and 1.1 are within it


def test_every_rate_must_admit_and_each_admitting_rate_is_charged():
    clock = Clock()
    limiter = Limiter("5/second", "8/minute", clock=clock)
    assert [limiter.allow("sid-1") for _ in range(7)] == [True] * 5 + [False] * 2
    clock.now += 1.5  # the second's window is free again, the minute's holds 7 of 8
    assert [limiter.allow("sid-1") for _ in range(3)] == [True, False, False]
    clock.now += 1.5
    assert not limiter.allow("sid-1")  # the minute is spent: a steady flood is caught
    assert limiter.exhausted("sid-1")
    clock.now += 60
    assert limiter.allow("sid-1")


def test_exhausted_does_not_charge_the_key():
    limiter = Limiter("2/minute", clock=Clock())
    for _ in range(10):
        assert not limiter.exhausted("addr")
    assert [limiter.allow("addr") for _ in range(3)] == [True, True, False]


def test_check_raises_rate_limited_with_the_message():
    limiter = Limiter("1/minute", clock=Clock())
    limiter.check("sid-1", "Slow down.")
    with pytest.raises(RateLimited, match="Slow down"):
        limiter.check("sid-1", "Slow down.")


def test_a_long_lived_connection_keeps_no_more_hits_than_its_limits():
    clock = Clock()
    limiter = Limiter("3/second", "1000/minute", clock=clock)
    for _ in range(50):  # a steady phone: three events a second for 50 s
        assert [limiter.allow("sid-1") for _ in range(3)] == [True, True, True]
        assert not limiter.allow("sid-1")
        clock.now += 1.01
    per_second, per_minute = limiter._hits["sid-1"]
    assert len(per_second) == 3
    assert len(per_minute) <= 1000


def test_a_closed_connection_is_forgotten():
    limiter = Limiter("1/minute", clock=Clock())
    assert limiter.allow("sid-1") and limiter.allow("sid-10")
    limiter.forget("sid-1")
    limiter.forget("never-seen")
    assert len(limiter) == 1
    assert limiter.allow("sid-1")  # as new
    assert not limiter.allow("sid-10")


def test_keys_idle_for_longer_than_every_window_are_swept_as_new_ones_come():
    clock = Clock()
    limiter = Limiter("1/second", "10/minute", clock=clock)
    for n in range(SWEEP_FROM - 1):
        limiter.allow(f"old-{n}")
    assert limiter.allow("busy") and not limiter.allow("busy")
    clock.now += 61  # every key so far is idle: its newest hit is out of both windows
    assert limiter.allow("recent")  # the first new key past the threshold sweeps them out
    assert len(limiter) == 1
    clock.now += 0.5
    for n in range(SWEEP_FROM):
        limiter.allow(f"new-{n}")
    assert len(limiter) == SWEEP_FROM + 1  # swept again: every key is within a window
    assert limiter.exhausted("recent")  # and keeps its hits
