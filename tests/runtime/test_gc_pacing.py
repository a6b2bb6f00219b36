"""The collector's pacing: survivors frozen often, everything collected now and then."""

from __future__ import annotations

import gc
import os
import platform
from types import SimpleNamespace

import pytest

from workshop.runtime import gc_pacing
from workshop.runtime.gc_pacing import Pacer


def test_busy_server_freezes_every_second_and_collects_everything_every_ten_minutes():
    pacer = Pacer(freeze_every=1.0, full_every=600.0, last_freeze=0.0, last_full=0.0)
    actions = [pacer.tick(t / 2) for t in range(1, 1300)]  # every half second for ~10 minutes
    assert actions.count("full") == 1
    assert actions[1199] == "full"  # at 600 s
    assert actions[:1199].count("freeze") == 599  # at 1, 2, ... 599 s
    assert actions[0] is None and actions[1] == "freeze"


def test_a_quiet_second_after_a_minute_gets_the_full_collection():
    pacer = Pacer(freeze_every=1.0, full_when_quiet_after=60.0, full_every=600.0)
    assert pacer.tick(30.0, quiet=True) == "freeze"  # too soon since the last one
    assert pacer.tick(61.0, quiet=False) == "freeze"  # busy: wait
    assert pacer.tick(62.0, quiet=True) == "full"
    assert pacer.tick(63.0, quiet=True) == "freeze"


class Stop(Exception):
    pass


def run_seconds(busy: set[int], seconds: int) -> None:
    """The pacing task over `seconds` scripted seconds (1-based); those in `busy` see a burst
    of events. The task never returns, so the script stops it."""
    activity = SimpleNamespace(events=0)  # what the web layer's counter offers
    ticks: list[int] = []

    def sleep(_: float) -> None:
        ticks.append(1)
        if len(ticks) > seconds:
            raise Stop
        if len(ticks) in busy:
            for _ in range(gc_pacing.QUIET_EVENTS_PER_S):
                activity.events += 1

    with pytest.raises(Stop):
        gc_pacing.run(sleep, activity, clock=lambda: 0.0)


def test_the_task_calls_a_second_busy_when_enough_events_were_counted(monkeypatch):
    seen: list[bool] = []
    monkeypatch.setattr(gc_pacing, "apply", lambda action: None)
    monkeypatch.setattr(Pacer, "tick", lambda self, now, *, quiet=False: seen.append(quiet))
    run_seconds(busy={1}, seconds=2)
    assert seen == [False, True]  # busy, then quiet


def test_a_full_collection_restarts_the_freeze_clock():
    pacer = Pacer(freeze_every=5.0, full_every=10.0, last_freeze=0.0, last_full=0.0)
    assert pacer.tick(10.0) == "full"
    assert pacer.tick(14.0) is None
    assert pacer.tick(15.0) == "freeze"


def test_a_full_collection_frees_cycles_that_were_frozen():
    before = gc.get_freeze_count()
    try:
        cycle: list = []
        cycle.append(cycle)
        gc_pacing.apply("freeze")
        assert gc.get_freeze_count() > before
        del cycle
        gc_pacing.apply("full")
        # Everything alive was frozen again, and the freed cycle is not among it.
        assert gc.get_freeze_count() > 0
        assert gc.collect() == 0
    finally:
        gc.unfreeze()


def test_the_first_quiet_second_after_a_burst_gives_free_memory_back(monkeypatch):
    released: list[int] = []
    monkeypatch.setattr(gc_pacing, "apply", lambda action: None)
    ticks: list[int] = []
    monkeypatch.setattr(Pacer, "tick", lambda self, now, *, quiet=False: ticks.append(1))
    monkeypatch.setattr(gc_pacing, "release_free_memory", lambda: released.append(len(ticks)))
    run_seconds(busy={2, 3}, seconds=5)
    assert released == [4]  # once, in the quiet second after the burst


def resident_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(
    platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's; elsewhere nothing is trimmed"
)
def test_giving_free_memory_back_shrinks_the_process():
    blocks = [bytes(4000) for _ in range(20_000)]  # 80 MB from malloc, as a burst's buffers
    pinned = blocks[::50]  # a few survivors: the heap cannot shrink from its top by itself
    del blocks
    before = resident_bytes()
    gc_pacing.release_free_memory()
    assert before - resident_bytes() > 40 * 2**20  # most of the freed 78 MB went back
    assert len(pinned) == 400


def test_freezing_collects_young_garbage_first():
    try:
        gc.collect()
        cycle: list = []
        cycle.append(cycle)
        del cycle
        gc_pacing.apply("freeze")
        assert gc.collect() == 0  # nothing was left over to collect
        gc.unfreeze()
        assert gc.collect() == 0  # and nothing was frozen with the garbage
    finally:
        gc.unfreeze()


def automatic_full_collections(survivors: int) -> int:
    """How many full collections the collector starts by itself while `survivors` new
    containers are made and kept, with everything older frozen out of its sight."""
    full: list[int] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    gc.collect()
    gc.freeze()
    gc.callbacks.append(note)
    try:
        kept = [[] for _ in range(survivors)]
    finally:
        gc.callbacks.remove(note)
        gc.unfreeze()
    del kept
    return len(full)


def test_the_pacer_takes_over_full_collections_from_the_collector():
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)  # CPython's defaults
        assert automatic_full_collections(200_000) > 0  # a burst of survivors: walked again and again
        gc_pacing.take_over_full_collections()
        young, middle, oldest = gc.get_threshold()
        assert (young, middle, oldest) == (700, 10, gc_pacing.AUTOMATIC_FULL_AFTER)
        assert automatic_full_collections(200_000) == 0  # young collections only
    finally:
        gc.set_threshold(*before)
