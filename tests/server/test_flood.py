"""One phone floods the real server: it is cut off, and the others' cards still arrive quickly.

A flooder sends `card:add` at a steady ~670 a second (at most 2,000 emits in ~3 s, 33 times
its limit) while five other attendees post a card every 200 ms and time each
acknowledgement. Past the frame gate's burst the server tells the flooder why (`closing`) and
disconnects it, so most of its emits are never answered. The flooder runs in a process of its
own: in the test's process its sending loop would hold the GIL and slow the other clients'
threads, and we would measure the test instead of the server. Loopback only; every loop ends by itself.
"""

from __future__ import annotations

import multiprocessing
import statistics
import threading
import time
from collections import Counter
from typing import Any

import pytest
import requests
import socketio

from tests.factories import card_payload, setup_payload

pytestmark = [pytest.mark.server, pytest.mark.slow]

FLOOD_SECONDS = 3.0
MAX_FLOOD = 2000
POSTERS = 5
EVERY = 0.2
# Measured here, 13 runs on 2 cores shared with other test runs (load 3-4), the server on its
# default synchronous=FULL: idle p95 50-60 ms; flooded p95 28-50 ms in most runs, 146, 332 and
# 870 ms in three (max up to 940 ms) when the machine was busiest. Without the limit, 2,000
# cards would be written and fsynced one after another (idle p50 ~16 ms each): seconds of
# backlog. The bound separates the two with room for a busy machine; 250 ms held in 10 of 13.
P95_BOUND = 1.0


def flood(url: str, code: str, ready: Any, go: Any, results: Any) -> None:
    """The flooder's process: join, wait for the start, send, count the answers, report."""
    sio = socketio.Client(reconnection=False)
    answers: Counter = Counter()
    answered = threading.Condition()

    def on_ack(ack: dict[str, Any]) -> None:
        with answered:
            answers[True if ack["ok"] else ack["error"]["code"]] += 1
            answered.notify_all()

    closing: list[Any] = []
    sio.on("closing", closing.append)
    sent = 0
    try:
        sio.connect(url, auth={"code": code}, transports=["websocket"], wait_timeout=10)
        assert sio.call("join", {"name": "Flo"}, timeout=10)["ok"] is True
        ready.set()
        go.wait(30)
        start = time.monotonic()
        while sio.connected and sent < MAX_FLOOD and (elapsed := time.monotonic() - start) < FLOOD_SECONDS:
            if sent > elapsed / FLOOD_SECONDS * MAX_FLOOD:
                time.sleep(0.001)  # ahead of the pace: keep the flood going for the whole window
                continue
            sio.emit("card:add", card_payload(), callback=on_ack)
            sent += 1
        for _ in range(50):  # the server hangs up at once; give the client a moment to notice
            if not sio.connected:
                break
            time.sleep(0.1)
    finally:
        results.put((sent, dict(answers), closing, sio.connected))
        if sio.connected:
            sio.disconnect()


def post_for(
    phone: Any, seconds: float, latencies: list[float], acks: list[Any], failures: list[Any]
) -> None:
    try:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            began = time.perf_counter()
            ack = phone.call("card:add", card_payload())
            took = time.perf_counter() - began
            latencies.append(took)
            acks.append(ack)
            time.sleep(max(0.0, EVERY - took))
    except BaseException as exc:  # reported in the test's own thread
        failures.append(exc)


def run_posters(posters: list[Any], seconds: float) -> tuple[list[float], list[Any]]:
    latencies: list[float] = []
    acks: list[Any] = []
    failures: list[Any] = []
    threads = [
        threading.Thread(target=post_for, args=(p, seconds, latencies, acks, failures)) for p in posters
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 15)
    assert not any(t.is_alive() for t in threads), "a poster did not finish"
    assert failures == []
    return sorted(latencies), acks


def figures(latencies: list[float]) -> tuple[float, float, float]:
    return statistics.median(latencies), latencies[int(0.95 * (len(latencies) - 1))], latencies[-1]


def test_a_flooding_phone_is_cut_off_and_the_others_stay_fast(server, client):
    made = server.create_workshop(**setup_payload())
    code = made["code"]
    posters = [client({"code": code}).connect() for _ in range(POSTERS)]
    for n, phone in enumerate(posters):
        assert phone.call("join", {"name": f"Poster {n}"})["ok"] is True

    idle, _ = run_posters(posters, 1.0)  # the same posters without a flood, for comparison

    spawn = multiprocessing.get_context("spawn")
    ready, go, results = spawn.Event(), spawn.Event(), spawn.Queue()
    flooder = spawn.Process(target=flood, args=(server.url, code, ready, go, results), daemon=True)
    flooder.start()
    try:
        assert ready.wait(30), "the flooder did not join"
        go.set()
        flooded, acks = run_posters(posters, FLOOD_SECONDS)
        sent, answers, closing, still_connected = results.get(timeout=30)
        flooder.join(10)
    finally:
        if flooder.is_alive():
            flooder.kill()  # our own child, by its handle
            flooder.join(5)

    ms = [f"{x * 1000:.0f}" for x in (*figures(idle), *figures(flooded))]
    print(
        f"\nflood: {sent} emits, answers {answers}; others idle: {len(idle)} cards, "
        f"p50/p95/max {'/'.join(ms[:3])} ms; flooded: {len(flooded)} cards, p50/p95/max {'/'.join(ms[3:])} ms"
    )

    assert sent >= 100, "the flood was too small to reach the frame gate"
    assert not still_connected, "the flooder was never cut off"
    assert [c["code"] for c in closing] == ["flooding"], closing
    assert sum(answers.values()) < sent, "every flood event was answered one by one"
    assert set(answers) <= {True, "rate_limited"}
    # A burst of 20 for the person, then the gate: at most ~20 get through.
    assert answers.get(True, 0) <= 20 * (FLOOD_SECONDS + 1)
    assert [a["ok"] for a in acks] == [True] * len(acks), "a well-behaved phone was refused"
    assert len(acks) >= POSTERS * FLOOD_SECONDS / EVERY * 0.6, "the others could hardly post"
    assert figures(flooded)[1] < P95_BOUND

    # Refused events did nothing: the file holds exactly the answered cards.
    export = requests.get(
        f"{server.url}/w/{code}/export.json",
        headers={"Authorization": f"Bearer {made['facilitator_key']}"},
        timeout=5,
    ).json()
    assert len(export["cards"]) == answers.get(True, 0) + len(idle) + len(acks)
    assert requests.get(server.url + "/healthz", timeout=5).json() == {"ok": True}
