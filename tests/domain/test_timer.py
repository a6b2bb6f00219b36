"""The shared timer: an end time while running, the seconds left while paused."""

from __future__ import annotations

import pytest

from workshop.domain import timer
from workshop.domain.errors import WorkshopError
from workshop.domain.timer import Timer

NOW = 1_800_000_000.0


def test_started_timer_runs_and_ends_after_its_seconds():
    started = timer.start(300, NOW)
    assert started.running is True
    assert started.ends_at == NOW + 300
    assert started.duration == 300
    assert started.left(NOW) == 300


@pytest.mark.parametrize(
    "elapsed, left", [(0, 300), (1, 299), (120.5, 179.5), (300, 0), (301, 0), (10_000, 0)]
)
def test_running_timer_counts_down_and_never_below_zero(elapsed, left):
    assert timer.start(300, NOW).left(NOW + elapsed) == pytest.approx(left)


@pytest.mark.parametrize("seconds", [1, 36_000])
def test_start_accepts_one_to_ten_hours(seconds):
    assert timer.start(seconds, NOW).left(NOW) == seconds


@pytest.mark.parametrize("seconds", [0, -1, 36_001])
def test_start_refuses_out_of_range_seconds(seconds):
    with pytest.raises(WorkshopError) as refused:
        timer.start(seconds, NOW)
    assert (refused.value.code, refused.value.field) == ("invalid_input", "seconds")


def test_paused_timer_keeps_its_remaining_seconds():
    paused = timer.pause(timer.start(300, NOW), NOW + 100)
    assert paused.running is False
    assert paused.ends_at is None
    assert paused.remaining == pytest.approx(200)
    assert paused.left(NOW + 100) == pytest.approx(200)
    assert paused.left(NOW + 5_000) == pytest.approx(200)


def test_resumed_timer_continues_from_where_it_was_paused():
    paused = timer.pause(timer.start(300, NOW), NOW + 100)
    resumed = timer.resume(paused, NOW + 1_000)
    assert resumed.running is True
    assert resumed.ends_at == pytest.approx(NOW + 1_200)
    assert resumed.left(NOW + 1_000) == pytest.approx(200)
    assert resumed.left(NOW + 1_150) == pytest.approx(50)
    assert resumed.duration == 300


def test_pausing_twice_keeps_the_first_pause():
    once = timer.pause(timer.start(300, NOW), NOW + 100)
    assert timer.pause(once, NOW + 200) == once


def test_resuming_a_running_timer_changes_nothing():
    running = timer.start(300, NOW)
    assert timer.resume(running, NOW + 100) == running


def test_resuming_a_timer_with_nothing_left_keeps_it_stopped():
    empty = timer.for_phase(None)
    assert timer.resume(empty, NOW) == empty
    assert empty.running is False


def test_adding_to_a_running_timer_moves_its_end():
    running = timer.start(300, NOW)
    more = timer.add(running, 60, NOW + 100)
    assert more.running is True
    assert more.ends_at == pytest.approx(NOW + 360)
    assert more.left(NOW + 100) == pytest.approx(260)
    assert more.duration == 360


def test_adding_to_a_paused_timer_adds_to_its_remaining_seconds():
    paused = timer.pause(timer.start(300, NOW), NOW + 100)
    more = timer.add(paused, 60, NOW + 500)
    assert more.running is False
    assert more.left(NOW + 500) == pytest.approx(260)
    assert timer.resume(more, NOW + 600).left(NOW + 600) == pytest.approx(260)


def test_taking_time_from_a_running_timer_never_goes_below_zero():
    running = timer.start(300, NOW)
    less = timer.add(running, -3600, NOW + 100)
    assert less.left(NOW + 100) == 0
    assert less.ends_at is not None and less.ends_at >= NOW + 100
    assert less.duration >= 0


def test_taking_time_from_a_paused_timer_never_goes_below_zero():
    paused = timer.pause(timer.start(300, NOW), NOW + 100)
    less = timer.add(paused, -3600, NOW + 100)
    assert less.remaining == 0
    assert less.left(NOW + 100) == 0
    assert less.duration >= 0


def test_adding_to_a_running_timer_that_ran_out_gives_that_much_time():
    # A facilitator's "+1 min" on a timer showing 0:00 must show 1:00, as it does when paused.
    expired = timer.start(300, NOW)
    more = timer.add(expired, 60, NOW + 400)
    assert more.left(NOW + 400) == pytest.approx(60)


@pytest.mark.parametrize("seconds", [-3600, -1, 1, 3600])
def test_add_accepts_up_to_an_hour_either_way(seconds):
    timer.add(timer.start(300, NOW), seconds, NOW)
    timer.add(timer.for_phase(5), seconds, NOW)


@pytest.mark.parametrize("seconds", [0, 3601, -3601])
@pytest.mark.parametrize("running", [True, False])
def test_add_refuses_zero_and_more_than_an_hour(seconds, running):
    current = timer.start(300, NOW) if running else timer.for_phase(5)
    with pytest.raises(WorkshopError) as refused:
        timer.add(current, seconds, NOW)
    assert (refused.value.code, refused.value.field) == ("invalid_input", "seconds")


@pytest.mark.parametrize("running", [True, False])
def test_reset_stops_the_timer_at_its_full_duration(running):
    current = timer.start(300, NOW) if running else timer.pause(timer.start(300, NOW), NOW + 100)
    reset = timer.reset(current)
    assert reset == Timer(running=False, remaining=300, ends_at=None, duration=300)
    assert reset.left(NOW + 10_000) == 300


@pytest.mark.parametrize("minutes, seconds", [(None, 0), (1, 60), (15, 900)])
def test_phase_timer_is_stopped_at_the_phase_length(minutes, seconds):
    assert timer.for_phase(minutes) == Timer(running=False, remaining=seconds, ends_at=None, duration=seconds)
