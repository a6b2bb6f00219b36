"""SIGKILL under load: every acknowledged action is in the file after a restart, nothing is
half-done, and SQLite's integrity check passes. Several rounds, different kill moments."""

from __future__ import annotations

import contextlib
import gc
import random
import sqlite3
import threading
import time

import pytest
import socketio

pytestmark = [
    pytest.mark.slow,
    # When the server is SIGKILLed, python-socketio's client threads drop their sockets
    # without closing them; that is the client library's cleanup, not ours.
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
]

ROUNDS = 3
PHONES = 12


class Poster(threading.Thread):
    """One phone posting cards (and, in the vote phase, dots) as fast as acks come back."""

    def __init__(self, url: str, code: str, name: str, group: int, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.url, self.code, self.name, self.group, self.stop_flag = url, code, name, group, stop
        self.acked: list[str] = []
        self.sio = socketio.Client(reconnection=False)

    def run(self) -> None:
        try:
            self.sio.connect(self.url, auth={"code": self.code}, transports=["websocket"], wait_timeout=5)
            self.sio.call("join", {"name": self.name, "group": self.group}, timeout=5)
            n = 0
            while not self.stop_flag.is_set():
                client_id = f"{self.name}-{n}"
                ack = self.sio.call(
                    "card:add",
                    {"kind": "challenge", "text": f"card {client_id}", "client_id": client_id},
                    timeout=5,
                )
                if ack.get("ok"):
                    self.acked.append(client_id)  # only now may the phone forget it
                n += 1
        except Exception:
            pass  # the server died under us: that is the point
        finally:
            with contextlib.suppress(Exception):
                self.sio.disconnect()


def test_acknowledged_cards_survive_sigkill(server, tmp_path):
    rng = random.Random(20261123)
    made = server.create_workshop(title="Crash", question="Q", groups=3, cards_per_person=1000)
    code = made["code"]
    db_path = server.data_dir / f"{code}.db"
    all_acked: set[str] = set()
    for round_no in range(ROUNDS):
        stop = threading.Event()
        phones = [Poster(server.url, code, f"r{round_no}p{i}", 1 + i % 3, stop) for i in range(PHONES)]
        for phone in phones:
            phone.start()
        time.sleep(rng.uniform(0.8, 2.5))  # the kill moment differs every round
        server.kill()
        stop.set()
        for phone in phones:
            phone.join(timeout=10)
        acked = {cid for phone in phones for cid in phone.acked}
        del phones
        gc.collect()  # collect the dead clients' sockets here, where their warnings are filtered
        assert acked, "the load did not get going before the kill"
        all_acked |= acked

        with sqlite3.connect(db_path) as db:  # the server is dead: nobody else has the file
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            rows = db.execute(
                "SELECT client_id, text, group_id, participant_id, kind, created_at FROM cards"
            ).fetchall()
        stored = {r[0] for r in rows}
        assert all_acked - stored == set(), f"round {round_no}: acknowledged cards lost"
        assert all(r[1] == f"card {r[0]}" and None not in r for r in rows), "a half-written card"
        assert len(stored) == len(rows), "a card stored twice"
        server.start()
    # And the restarted server serves all of it.
    state = requests_state(server, made)
    assert {c["client_id"] for c in state["cards"]} >= all_acked
    gc.collect()


def requests_state(server, made):
    client = socketio.Client(reconnection=False)
    got = {}
    client.on("state", lambda data: got.setdefault("state", data))
    client.connect(
        server.url, auth={"code": made["code"], "key": made["facilitator_key"]}, transports=["websocket"]
    )
    deadline = time.monotonic() + 5
    while "state" not in got and time.monotonic() < deadline:
        time.sleep(0.05)
    client.disconnect()
    return got["state"]
