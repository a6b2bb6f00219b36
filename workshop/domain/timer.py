"""The shared timer: the server holds the truth, an end time or the seconds left when paused."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .errors import InvalidInput

MAX_SECONDS = 36_000


@dataclass(frozen=True, slots=True)
class Timer:
    running: bool = False
    remaining: float = 0.0  # seconds left while paused (ignored while running)
    ends_at: float | None = None  # epoch seconds while running
    duration: float = 0.0  # what it was started with, for progress bars

    def left(self, now: float) -> float:
        if self.running and self.ends_at is not None:
            return max(0.0, self.ends_at - now)
        return max(0.0, self.remaining)


def for_phase(minutes: int | None) -> Timer:
    """A stopped timer set to the phase's length."""
    seconds = float((minutes or 0) * 60)
    return Timer(running=False, remaining=seconds, duration=seconds)


def start(seconds: int, now: float) -> Timer:
    if not 1 <= seconds <= MAX_SECONDS:
        raise InvalidInput(f"A timer runs 1 to {MAX_SECONDS} seconds.", field="seconds")
    return Timer(running=True, remaining=float(seconds), ends_at=now + seconds, duration=float(seconds))


def pause(timer: Timer, now: float) -> Timer:
    if not timer.running:
        return timer
    return replace(timer, running=False, remaining=timer.left(now), ends_at=None)


def resume(timer: Timer, now: float) -> Timer:
    if timer.running or timer.remaining <= 0:
        return timer
    return replace(timer, running=True, ends_at=now + timer.remaining)


def add(timer: Timer, seconds: int, now: float) -> Timer:
    """Add (or with a negative number, take) time; never below zero."""
    if not -3600 <= seconds <= 3600 or seconds == 0:
        raise InvalidInput("Add between -3600 and 3600 seconds, not 0.", field="seconds")
    if timer.running and timer.ends_at is not None:
        # Time added after the end counts from now, not from the end that has passed.
        ends_at = max(now, max(now, timer.ends_at) + seconds)
        return replace(
            timer, ends_at=ends_at, remaining=ends_at - now, duration=max(timer.duration + seconds, 0)
        )
    remaining = max(0.0, timer.remaining + seconds)
    return replace(timer, remaining=remaining, duration=max(timer.duration + seconds, 0))


def reset(timer: Timer) -> Timer:
    return Timer(running=False, remaining=timer.duration, duration=timer.duration)
