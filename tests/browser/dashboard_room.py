"""A busy room for the dashboard's browser tests: a workshop on a live server with groups full
of cards, driven by python-socketio clients (a facilitator and a phone per group), so a test
opens the dashboard on a room as a facilitator sees it after a real brainstorm."""

from __future__ import annotations

import threading
import time

import socketio

from tests.live_server import LiveServer

TEXTS = [
    "Budgets are set a year ahead",
    "Procurement rules block small suppliers from public tenders for digital services",
    "Nobody owns the data",
    "Legal review takes months",
    "Pilot projects never scale beyond the first region",
    "Shared data platform",
    "Staff rotate every two years and take what they learnt with them",
    "Citizens are asked for the same documents again and again",
    "Risk aversion",
    "Pair new staff with a mentor from another ministry",
]
GROUPS = [
    "Finance",
    "Agence nationale de la recherche (Tunisia)",
    "Health",
    "Schools",
    "Transport",
    "Energy",
    "Justice",
]


class Room:
    def __init__(self, server: LiveServer, counts: list[int], phase: int = 1) -> None:
        self.workshop = server.create_workshop(
            title="Digital public services", question="What holds you back?", groups=GROUPS[: len(counts)]
        )
        self.url = server.url
        code = self.workshop["code"]
        self.fac = self._client({"code": code, "key": self.workshop["facilitator_key"]})
        self.groups = [g["id"] for g in self._state(self.fac)["groups"]]
        self.phones = [self.join(group, f"Person {i}") for i, group in enumerate(self.groups)]
        self.call(self.fac, "phase:set", {"index": 1})  # the brainstorm, to post the cards
        self.cards: dict[int, list[dict]] = {}
        threads = [threading.Thread(target=self._post, args=(i, n)) for i, n in enumerate(counts)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if phase != 1:
            self.call(self.fac, "phase:set", {"index": phase})

    def join(self, group: int, name: str) -> socketio.Client:
        phone = self._client({"code": self.workshop["code"]})
        self.call(phone, "join", {"name": name, "group": group, "organisation": "Ministry of Finance"})
        return phone

    def _client(self, auth: dict) -> socketio.Client:
        client = socketio.Client(reconnection=False)
        got = threading.Event()
        client.on("state", lambda data: (setattr(client, "state", data), got.set()))
        client.connect(self.url, auth=auth, transports=["websocket"], wait_timeout=5)
        client.got_state = got
        return client

    @staticmethod
    def _state(client) -> dict:
        assert client.got_state.wait(5)
        return client.state

    @staticmethod
    def call(client, event: str, payload: dict) -> dict:
        ack = client.call(event, payload, timeout=5)
        assert ack["ok"], (event, ack)
        return ack

    def _post(self, index: int, count: int) -> None:
        made = []
        for i in range(count):
            kind = "opportunity" if i % 3 == 2 else "challenge"
            text = f"{TEXTS[i % len(TEXTS)]} ({index + 1}.{i + 1})"
            payload = {"kind": kind, "text": text, "client_id": f"g{index}-{i}"}
            made.append(self.call(self.phones[index], "card:add", payload)["card"])
            time.sleep(0.06)  # an attendee's connection may send 20 events a second
        self.cards[index] = made

    def close(self) -> None:
        for client in [self.fac, *self.phones]:
            client.disconnect()
