"""Heartbeats spread out: a room that joined together is not pinged together."""

from __future__ import annotations

import json
import queue
import random
from importlib.metadata import version

import pytest
from engineio.socket import Socket as EngineSocket

from workshop.runtime import heartbeats


class Stop(Exception):
    pass


def spread_for(ticks: int, seed: int = 3) -> tuple[list[float], list[float]]:
    """The intervals the task set over `ticks` ticks, and the sleeps it asked for."""

    class Server:
        ping_interval = 0.0
        ping_interval_grace_period = 0.0

    server, intervals, sleeps = Server(), [], []

    def sleep(seconds: float) -> None:
        intervals.append(server.ping_interval)
        # What the handshake announces stays the longest interval.
        assert server.ping_interval + server.ping_interval_grace_period == pytest.approx(
            heartbeats.BASE_S + heartbeats.SPREAD_S
        )
        sleeps.append(seconds)
        if len(sleeps) >= ticks:
            raise Stop

    with pytest.raises(Stop):
        heartbeats.spread(server, sleep, random.Random(seed))
    return intervals, sleeps


def test_every_tick_sets_an_interval_within_the_spread():
    intervals, sleeps = spread_for(200)
    assert all(heartbeats.BASE_S <= i < heartbeats.BASE_S + heartbeats.SPREAD_S for i in intervals)
    assert set(sleeps) == {heartbeats.TICK_S}
    # Spread over the whole range, not stuck near one value.
    assert max(intervals) - min(intervals) > heartbeats.SPREAD_S * 0.8
    assert len(set(intervals)) == len(intervals)


class FakeEngineServer:
    """What an Engine.IO socket asks of its server to schedule a ping, run inline."""

    def __init__(self) -> None:
        self.ping_interval = heartbeats.BASE_S
        self.slept: list[float] = []

    def create_queue(self) -> queue.Queue:
        return queue.Queue()

    def start_background_task(self, target, *args):
        target(*args)

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)


def test_contract_engineio_reads_the_interval_afresh_for_every_ping():
    """What the spreading relies on, beyond python-engineio's documentation: each scheduled
    ping sleeps the server's interval as it is then, not as it was when the connection opened.
    If this fails after an upgrade, the heartbeats are no longer spread: re-read
    `engineio/socket.py` (`schedule_ping`)."""
    server = FakeEngineServer()
    socket = EngineSocket(server, "sid")
    socket.closed = True  # so that, once its sleep is over, no ping is actually sent
    for interval in (26.0, 28.5, 25.25):
        server.ping_interval = interval
        socket.last_ping = 1.0  # the previous ping was answered
        socket.schedule_ping()
    assert server.slept == [26.0, 28.5, 25.25]


def test_clients_are_told_the_longest_interval(app_and_socketio, http):
    """The handshake announces the base plus the spread, so that no client takes a ping that
    comes after the base interval for a dead server, whatever the interval of the moment."""
    _, socketio = app_and_socketio
    longest = int((heartbeats.BASE_S + heartbeats.SPREAD_S) * 1000)

    def announced() -> int:
        response = http.get("/socket.io/?EIO=4&transport=polling")
        assert response.status_code == 200
        return json.loads(response.get_data(as_text=True)[1:])["pingInterval"]  # "0" + OPEN's JSON

    assert announced() == longest  # as the app is made

    def one_tick(_: float) -> None:
        raise Stop

    with pytest.raises(Stop):  # and after the task has picked an interval of the moment
        heartbeats.spread(socketio.server.eio, one_tick, random.Random(1))
    assert socketio.server.eio.ping_interval != heartbeats.BASE_S
    assert announced() == longest


def test_contract_the_python_engineio_checked_is_the_one_installed():
    assert version("python-engineio") == heartbeats.CHECKED_WITH, (
        "python-engineio changed: re-check workshop/runtime/heartbeats.py and the frame gate "
        "against it, then update CHECKED_WITH and docs/architecture.md"
    )
