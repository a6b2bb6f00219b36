"""The frame gate's bucket and the quiet log's one line a minute, on a clock the test turns."""

from __future__ import annotations

import logging

from workshop.web.frame_gate import FrameAllowance, FrameGate
from workshop.web.quiet_log import QuietLog


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_connection_gets_its_burst_then_its_rate_and_others_are_unaffected():
    clock = Clock()
    gate = FrameGate(FrameAllowance(burst=10, per_second=5), clock)
    assert [gate.admit("a") for _ in range(12)] == [True] * 10 + [False] * 2
    assert gate.admit("b"), "one connection's flood charged another"
    clock.now += 1.0  # five frames' worth
    assert [gate.admit("a") for _ in range(6)] == [True] * 5 + [False]
    clock.now += 100.0  # a long pause refills only up to the burst
    assert [gate.admit("a") for _ in range(11)] == [True] * 10 + [False]


def test_a_steady_sender_within_the_rate_is_never_refused():
    clock = Clock()
    gate = FrameGate(FrameAllowance(burst=5, per_second=10), clock)
    for _ in range(1000):
        assert gate.admit("phone")
        clock.now += 0.1


def test_forgetting_a_connection_frees_its_bucket():
    gate = FrameGate(FrameAllowance(), Clock())
    gate.admit("a")
    gate.admit("b")
    gate.forget("a")
    assert len(gate) == 1


def test_one_line_per_address_and_kind_per_minute_with_the_count(caplog):
    clock = Clock()
    quiet = QuietLog(logging.getLogger("test.quiet"), clock=clock)
    with caplog.at_level(logging.WARNING, "test.quiet"):
        for _ in range(500):
            quiet.note("10.0.0.7", "malformed frame")
        quiet.note("10.0.0.8", "malformed frame")
        quiet.note("10.0.0.7", "flooding")
        clock.now += 61
        quiet.note("10.0.0.7", "malformed frame")
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 4
    assert "10.0.0.7" in lines[0] and "0 more" in lines[0]
    assert "10.0.0.7" in lines[3] and "499 more" in lines[3]
    assert not [r for r in caplog.records if r.exc_info]
