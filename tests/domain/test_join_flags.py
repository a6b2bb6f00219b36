"""Flags for people joining much faster than a room does: the pure rule."""

from __future__ import annotations

from workshop.domain.join_flags import (
    MANY_FROM_ADDRESS,
    REMOVED_ADDRESS,
    Arrival,
    flags,
)


def arrivals(address: str, times: list[float], first_id: int = 1) -> list[Arrival]:
    return [Arrival(first_id + i, address, at) for i, at in enumerate(times)]


def test_a_room_joining_from_its_own_phones_is_not_flagged():
    room = [Arrival(i, f"10.0.0.{i}", at=i * 0.1) for i in range(1, 200)]
    assert flags(room, {}) == {}


def test_four_people_from_one_address_are_not_flagged():
    assert flags(arrivals("10.0.0.9", [0, 10, 20, 30]), {}) == {}


def test_five_people_from_one_address_within_two_minutes_are_all_flagged():
    found = flags(arrivals("10.0.0.9", [0, 30, 60, 90, 120]), {})
    assert sorted(found) == [1, 2, 3, 4, 5]
    assert found[3] == (MANY_FROM_ADDRESS,)


def test_five_people_from_one_address_spread_over_more_than_two_minutes_are_not_flagged():
    assert flags(arrivals("10.0.0.9", [0, 31, 62, 93, 124]), {}) == {}


def test_only_the_people_inside_a_burst_are_flagged():
    # One early arrival, then five within a minute, then a late one.
    found = flags(arrivals("10.0.0.9", [0, 500, 510, 520, 530, 540, 2000]), {})
    assert sorted(found) == [2, 3, 4, 5, 6]


def test_a_burst_from_one_address_does_not_flag_other_addresses():
    crowd = [*arrivals("10.0.0.9", [0, 1, 2, 3, 4]), Arrival(99, "10.0.0.50", 2)]
    assert 99 not in flags(crowd, {})


def test_a_newcomer_from_the_address_of_a_removed_person_is_flagged():
    crowd = [Arrival(1, "10.0.0.9", 0), Arrival(2, "10.0.0.9", 100), Arrival(3, "10.0.0.7", 100)]
    found = flags(crowd, {1: 50.0})
    assert list(found) == [2]
    assert found[2] == (REMOVED_ADDRESS,)


def test_people_who_joined_before_the_removal_are_not_flagged_for_it():
    crowd = [Arrival(1, "10.0.0.9", 0), Arrival(2, "10.0.0.9", 10)]
    assert flags(crowd, {1: 50.0}) == {}


def test_removed_people_are_not_flagged_themselves_but_still_count():
    found = flags(arrivals("10.0.0.9", [0, 1, 2, 3, 4]), {1: 5.0})
    assert sorted(found) == [2, 3, 4, 5]


def test_a_person_can_have_both_reasons():
    crowd = arrivals("10.0.0.9", [0, 1, 2, 3, 4, 5])
    found = flags(crowd, {1: 2.5})
    assert found[6] == (MANY_FROM_ADDRESS, REMOVED_ADDRESS)
    assert found[2] == (MANY_FROM_ADDRESS,)
