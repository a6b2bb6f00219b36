"""The in-memory record of where people joined from agrees with the pure flag rule."""

from __future__ import annotations

import random

import pytest

from workshop.domain import join_flags
from workshop.domain.join_flags import Arrival
from workshop.service.arrivals import Arrivals


def test_a_burst_flags_everyone_in_it_once_and_then_each_newcomer():
    arrivals = Arrivals()
    changes = [arrivals.joined("ABC", pid, "10.0.0.9", at=pid) for pid in range(1, 7)]
    assert changes[:4] == [[], [], [], []]
    assert [c["participant_id"] for c in changes[4]] == [1, 2, 3, 4, 5]
    assert changes[4][0] == {"participant_id": 1, "reasons": ["many_from_address"], "source": 1}
    assert [c["participant_id"] for c in changes[5]] == [6]


def test_sources_are_numbered_and_no_address_is_shown():
    arrivals = Arrivals()
    arrivals.joined("ABC", 1, "192.0.2.1", at=0)
    for pid in range(2, 7):
        arrivals.joined("ABC", pid, "198.51.100.7", at=pid)
    flagged = arrivals.flags("ABC")
    assert {f["source"] for f in flagged} == {2}
    assert "198.51.100.7" not in repr(flagged)


def test_removal_flags_later_newcomers_and_readmission_lifts_it():
    arrivals = Arrivals()
    arrivals.joined("ABC", 1, "10.0.0.9", at=0)
    arrivals.removed("ABC", [1], at=10)
    assert arrivals.joined("ABC", 2, "10.0.0.9", at=500) == [
        {"participant_id": 2, "reasons": ["removed_address"], "source": 1}
    ]
    assert arrivals.joined("ABC", 3, "10.0.0.7", at=501) == []
    # The person let back in shows again (unflagged); the newcomer's flag goes.
    assert arrivals.readmitted("ABC", 1) == [
        {"participant_id": 1, "reasons": [], "source": 1},
        {"participant_id": 2, "reasons": [], "source": 1},
    ]
    assert arrivals.flags("ABC") == []


def test_workshops_are_kept_apart_and_forgotten():
    arrivals = Arrivals()
    for pid in range(1, 6):
        arrivals.joined("ABC", pid, "10.0.0.9", at=pid)
    assert arrivals.flags("XYZ") == []
    arrivals.forget("ABC")
    assert arrivals.flags("ABC") == []


@pytest.mark.parametrize("seed", range(25))
def test_the_running_record_flags_exactly_who_the_rule_flags(seed):
    rng = random.Random(seed)
    arrivals, seen, removed_at = Arrivals(), [], {}
    now = 0.0
    for pid in range(1, 80):
        now += rng.choice([0.5, 3, 20, 60, 200])
        arrival = Arrival(pid, rng.choice(["a", "b", "c", "d"]), now)
        seen.append(arrival)
        arrivals.joined("ABC", pid, arrival.address, arrival.at)
        if rng.random() < 0.1:
            victim = rng.choice(seen).participant_id
            if victim not in removed_at:
                removed_at[victim] = now
                arrivals.removed("ABC", [victim], now)
        if removed_at and rng.random() < 0.05:
            back = rng.choice(sorted(removed_at))
            del removed_at[back]
            arrivals.readmitted("ABC", back)
    expected = join_flags.flags(seen, removed_at)
    got = {f["participant_id"]: tuple(f["reasons"]) for f in arrivals.flags("ABC")}
    assert got == expected
