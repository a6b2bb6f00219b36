"""The in-memory rate limiter keeps a bounded amount per connection, with the same answers."""

from __future__ import annotations

from workshop.web.guards import Limiter


def test_a_long_lived_connection_keeps_no_more_entries_than_its_limit_allows():
    limiter = Limiter("5/second", "1000/minute")
    storage = limiter._limiter.storage
    answers = [limiter.allow("sid-1") for _ in range(40)]
    assert answers == [True] * 5 + [False] * 35  # the burst allowance, then refusals
    kept = {key.split("/", 2)[2]: len(entries) for key, entries in storage.events.items()}
    # Every hit is charged to both rates: the minute's entries are all still needed.
    assert kept == {"5/1/second": 5, "1000/1/minute": 40}
    assert limiter.exhausted("sid-1")


def test_many_hits_spread_over_time_stay_bounded_and_are_still_counted(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr("limits.storage.memory.time.time", lambda: now[0])
    monkeypatch.setattr("limits.strategies.time.time", lambda: now[0], raising=False)
    limiter = Limiter("3/second")
    storage = limiter._limiter.storage
    for _ in range(50):  # a steady phone: three events a second for 50 s
        assert [limiter.allow("sid-1") for _ in range(3)] == [True, True, True]
        assert not limiter.allow("sid-1")
        now[0] += 1.01
    assert max(len(entries) for entries in storage.events.values()) == 3


def test_connections_share_one_lock_instead_of_one_each():
    limiter = Limiter("5/second", "1000/minute")
    storage = limiter._limiter.storage
    for n in range(100):
        limiter.allow(f"sid-{n}")
    assert storage.locks["a"] is storage.locks["b"]
    limiter.forget("sid-1")
    assert not any("/sid-1/" in key for key in storage.events)
    assert any("/sid-10/" in key for key in storage.events)
