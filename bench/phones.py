"""A load process: many simulated phones as python-socketio asyncio clients.

The coordinator sends commands through a pipe; every phone records what it sent and what it
received with wall-clock times (the same clock in every process on one machine)."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

import socketio

QUIET_S = 1.0  # no card arrived for this long: the broadcasts of a step have all landed
SETTLE_CAP_S = 20.0


async def until_quiet(last_arrival: Callable[[], float]) -> None:
    """Under overload the broadcasts lag seconds behind the acks: a card that arrives late
    is late, not lost, so wait until arrivals stop (at most SETTLE_CAP_S)."""
    deadline = time.time() + SETTLE_CAP_S
    while time.time() - last_arrival() < QUIET_S and time.time() < deadline:
        await asyncio.sleep(0.1)


@dataclass
class Phone:
    index: int
    sio: socketio.AsyncClient
    group_id: int | None = None
    participant_id: int | None = None
    connected_at: float | None = None  # its connection was accepted (Socket.IO CONNECT)
    joined_at: float | None = None
    sent: list[tuple[str, float, float | None, bool]] = field(default_factory=list)  # cid, t0, t_ack, ok
    received: list[tuple[str, float]] = field(default_factory=list)  # cid, t
    group_cards: list[int] = field(default_factory=list)
    votes: list[tuple[int, bool, str]] = field(default_factory=list)  # card id, ok, error code


class Worker:
    def __init__(self, url: str, code: str, first_index: int, count: int, tag: str, shard: int = 0) -> None:
        self.url, self.code, self.tag = url, code, tag
        self.shard = shard  # which server process, and so which workshop, these phones are in
        self.total = count
        self._in_flight: set[asyncio.Task] = set()
        self.last_arrival = 0.0
        self.phones = [Phone(first_index + i, self._client()) for i in range(count)]
        for phone in self.phones:
            phone.sio.on("card:added", self._on_card(phone))

    @staticmethod
    def _client() -> socketio.AsyncClient:
        return socketio.AsyncClient(reconnection=False, request_timeout=30)

    def _on_card(self, phone: Phone):
        async def handler(data: dict[str, Any]) -> None:
            card = data["card"]
            self.last_arrival = time.time()
            phone.received.append((card["client_id"], self.last_arrival))
            phone.group_cards.append(card["id"])

        return handler

    async def join(self, concurrency: int) -> dict[str, Any]:
        """Connect and join every phone, as a room does when the QR code goes up."""
        gate = asyncio.Semaphore(concurrency)
        started = time.time()
        errors = 0

        async def one(phone: Phone) -> None:
            nonlocal errors
            async with gate:
                try:
                    await phone.sio.connect(
                        f"{self.url}?w={self.code}",
                        auth={"code": self.code},
                        transports=["websocket"],
                        wait_timeout=30,
                    )
                    phone.connected_at = time.time()
                    ack = await phone.sio.call("join", {"name": f"Phone {phone.index}"}, timeout=30)
                    phone.group_id = ack["participant"]["group_id"]
                    phone.participant_id = ack["participant"]["id"]
                    phone.joined_at = time.time()
                except Exception:
                    errors += 1

        await asyncio.gather(*(one(p) for p in self.phones))
        done = [p.joined_at for p in self.phones if p.joined_at]
        return {
            "started": started,
            "connected": [p.connected_at for p in self.phones if p.connected_at],
            "last": max(done) if done else None,
            "done": done,
            "joined": len(done),
            "errors": errors,
        }

    async def brainstorm(self, rate: float, seconds: float, step: str) -> None:
        """Every phone posts at an even share of `rate` cards a second, at random offsets."""
        per_phone = rate / max(1, self.total)
        if per_phone <= 0:
            return
        interval = 1.0 / per_phone
        end = time.time() + seconds
        rng = random.Random(hash((self.tag, step)))

        async def poster(phone: Phone) -> None:
            await asyncio.sleep(rng.uniform(0, interval))
            n = 0
            while time.time() < end:
                cid = f"{self.tag}-{phone.index}-{step}-{n}"
                n += 1
                task = asyncio.ensure_future(self._post(phone, cid, step))
                self._in_flight.add(task)  # keep a reference until it is done
                task.add_done_callback(self._in_flight.discard)
                await asyncio.sleep(interval)

        await asyncio.gather(*(poster(p) for p in self.phones if p.group_id is not None))
        await asyncio.sleep(2)  # let the last acks and broadcasts arrive
        if self._in_flight:  # acks still owed (each call gives up after 15 s)
            await asyncio.wait(set(self._in_flight))
        await until_quiet(lambda: self.last_arrival)

    async def _post(self, phone: Phone, cid: str, step: str) -> None:
        t0 = time.time()
        try:
            ack = await phone.sio.call(
                "card:add", {"kind": "challenge", "text": f"Card {cid}", "client_id": cid}, timeout=15
            )
            phone.sent.append((cid, t0, time.time(), bool(ack.get("ok"))))
        except Exception:
            phone.sent.append((cid, t0, None, False))

    async def vote(self, dots: int, within: float) -> None:
        """Each phone places `dots` dots on cards of its group, spread over `within` seconds."""
        rng = random.Random(hash((self.tag, "vote")))

        async def voter(phone: Phone) -> None:
            cards = sorted(set(phone.group_cards))
            if not cards:
                return
            for n in range(dots):
                await asyncio.sleep(rng.uniform(0, within / dots))
                card_id = rng.choice(cards)
                try:
                    ack = await phone.sio.call(
                        "vote:cast",
                        {"card_id": card_id, "client_id": f"v-{self.tag}-{phone.index}-{n}"},
                        timeout=15,
                    )
                    code = "" if ack.get("ok") else ack["error"]["code"]
                    phone.votes.append((card_id, bool(ack.get("ok")), code))
                except Exception:
                    phone.votes.append((card_id, False, "no_ack"))

        await asyncio.gather(*(voter(p) for p in self.phones if p.group_id is not None))

    def records(self) -> dict[str, Any]:
        return {
            "phones": [
                {
                    "index": p.index,
                    "shard": self.shard,
                    "group_id": p.group_id,
                    "sent": p.sent,
                    "received": p.received,
                    "votes": p.votes,
                }
                for p in self.phones
            ]
        }

    def reset(self) -> None:
        for p in self.phones:
            p.sent.clear()
            p.received.clear()
            p.votes.clear()

    async def close(self) -> None:
        await asyncio.gather(*(p.sio.disconnect() for p in self.phones), return_exceptions=True)


async def _serve(
    conn: Connection, url: str, code: str, first: int, count: int, total: int, tag: str, shard: int
) -> None:
    worker = Worker(url, code, first, count, tag, shard)
    worker.total = total  # every process shares out the same aggregate rate
    loop = asyncio.get_running_loop()
    while True:
        command, args = await loop.run_in_executor(None, conn.recv)
        if command == "join":
            conn.send(await worker.join(**args))
        elif command == "brainstorm":
            await worker.brainstorm(**args)
            conn.send(worker.records())
            worker.reset()
        elif command == "vote":
            await worker.vote(**args)
            conn.send(worker.records())
            worker.reset()
        elif command == "stop":
            await worker.close()
            conn.send("stopped")
            return


def run(
    conn: Connection, url: str, code: str, first: int, count: int, total: int, tag: str, shard: int = 0
) -> None:
    """Entry point of a load process: `count` phones of workshop `code` on server `url`."""
    asyncio.run(_serve(conn, url, code, first, count, total, tag, shard))
