"""The room while someone floods it: phones that each post a card every half second and time
every acknowledgement, from a process of their own.

Each phone connects from its own loopback address (127.0.0.10, .11, ...), as each phone on
venue Wi-Fi has its own: limits per address then fall on the flooder, not on the room. The
coordinator asks through a pipe: `("pending", t)` answers how many cards sent before `t` are
still unanswered and how many phones are offline; `("stop", None)` ends the posting and
answers every record."""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from multiprocessing.connection import Connection
from typing import Any

import aiohttp
import socketio

from .stats import percentiles

FIRST_ADDRESS = 10  # 127.0.0.10 and up
MAX_PHONES = 200


class Victim:
    """One phone. Like a real one it reconnects with its pass (token) when the server drops
    it, and holds its cards while it is offline instead of sending them into nothing."""

    def __init__(self, index: int, call_timeout: float) -> None:
        self.index = index
        self.call_timeout = call_timeout
        self.address = f"127.0.0.{FIRST_ADDRESS + index}"
        self.session: aiohttp.ClientSession | None = None
        self.sio: socketio.AsyncClient | None = None
        self.url, self.code, self.token = "", "", ""
        self.joined = False
        self.closing = False  # the end of the run: a disconnect now is ours, not a drop
        self.pending: dict[str, float] = {}  # client id -> sent, while unanswered
        self.drops: list[list[float | None]] = []  # [dropped, back] of each lost connection

    def _client(self) -> socketio.AsyncClient:
        sio = socketio.AsyncClient(reconnection=False, request_timeout=30, http_session=self.session)
        sio.on("disconnect", self._dropped)
        return sio

    async def _dropped(self, *_: Any) -> None:
        if self.closing:
            return
        # The answers to what was in flight will not come: the outbox would resend them.
        self.pending.clear()
        self.drops.append([time.time(), None])

    async def join(self, url: str, code: str) -> None:
        self.url, self.code = url, code
        self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(self.address, 0)))
        self.sio = self._client()
        try:
            await self.sio.connect(url, auth={"code": code}, transports=["websocket"], wait_timeout=30)
            ack = await self.sio.call("join", {"name": f"Victim {self.index}"}, timeout=30)
            self.joined = bool(ack.get("ok"))
            self.token = ack.get("token", "")
        except Exception:
            self.joined = False

    @property
    def connected(self) -> bool:
        return self.sio is not None and self.sio.connected

    async def reconnect(self) -> None:
        """One attempt, at most ten seconds, with the pass it joined with."""
        with contextlib.suppress(Exception):
            if self.sio is not None:
                await self.sio.disconnect()
        self.sio = self._client()
        try:
            await self.sio.connect(
                self.url,
                auth={"code": self.code, "token": self.token},
                transports=["websocket"],
                wait_timeout=10,
            )
        except Exception:
            return
        if self.drops and self.drops[-1][1] is None:
            self.drops[-1][1] = time.time()

    async def post(self, n: int, records: list[tuple]) -> None:
        """One card; its record is (phone, sent, answered or None, ok, error code, client id)."""
        cid = f"v{self.index}-{n}"
        t0 = time.time()
        self.pending[cid] = t0
        sio = self.sio
        assert sio is not None
        try:
            ack = await sio.call(
                "card:add",
                {"kind": "opportunity", "text": f"Victim {self.index} card {n}", "client_id": cid},
                timeout=self.call_timeout,
            )
            ok = bool(ack.get("ok"))
            records.append((self.index, t0, time.time(), ok, "" if ok else ack["error"]["code"], cid))
        except Exception as exc:  # no answer within the timeout, or the connection went
            dropped = sio is not self.sio or not sio.connected
            records.append((self.index, t0, None, False, "dropped" if dropped else type(exc).__name__, cid))
        finally:
            self.pending.pop(cid, None)

    async def close(self) -> None:
        self.closing = True
        if self.sio is not None:
            with contextlib.suppress(Exception):
                await self.sio.disconnect()
        if self.session is not None:
            await self.session.close()


async def _serve(
    pipe: Connection, url: str, code: str, count: int, every: float, call_timeout: float, cap_s: float
) -> None:
    phones = [Victim(i, call_timeout) for i in range(min(count, MAX_PHONES))]
    await asyncio.gather(*(p.join(url, code) for p in phones))
    joined = [p for p in phones if p.joined]
    pipe.send(("ready", {"joined": len(joined), "phones": len(phones)}))
    records: list[tuple] = []
    in_flight: set[asyncio.Task] = set()
    stop = asyncio.Event()
    rng = random.Random(7)
    deadline = time.time() + cap_s  # stops posting by itself if the coordinator is gone

    async def poster(phone: Victim) -> None:
        await asyncio.sleep(rng.uniform(0, every))
        n = 0
        while not stop.is_set() and time.time() < deadline:
            if phone.connected:
                task = asyncio.ensure_future(phone.post(n, records))
                in_flight.add(task)  # a real phone's outbox does not wait for the last answer either
                task.add_done_callback(in_flight.discard)
                n += 1
            else:
                await phone.reconnect()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), every)

    posters = [asyncio.ensure_future(poster(p)) for p in joined]
    loop = asyncio.get_running_loop()
    while True:
        polled = await loop.run_in_executor(None, pipe.poll, 1.0)
        if not polled:
            if time.time() > deadline + call_timeout:
                break
            continue
        command, arg = pipe.recv()
        if command == "pending":
            waiting = sum(1 for p in joined for t0 in list(p.pending.values()) if t0 <= arg)
            pipe.send({"pending": waiting, "offline": sum(1 for p in joined if not p.connected)})
        elif command == "stop":
            break
    stop.set()
    await asyncio.gather(*posters)
    if in_flight:
        await asyncio.wait(set(in_flight), timeout=call_timeout + 5)
    await asyncio.gather(*(p.close() for p in phones))
    drops = [(p.index, down, up) for p in joined for down, up in p.drops]
    with contextlib.suppress(OSError):
        pipe.send(("records", {"cards": records, "drops": drops}))


def run(
    pipe: Connection, url: str, code: str, count: int, every: float, call_timeout: float, cap_s: float
) -> None:
    """Entry point of the victims' process."""
    asyncio.run(_serve(pipe, url, code, count, every, call_timeout, cap_s))


def window(records: list[tuple], start: float, end: float) -> list[tuple]:
    """The cards sent (or the connections lost) from `start` to `end`."""
    return [r for r in records if start <= r[1] <= end]


def figures(records: list[tuple[Any, ...]], drops: list[tuple] = ()) -> dict[str, Any]:
    """p50, p99 and max of the time to an answer (ok or refused), what went unanswered, and
    how many phones lost their connection (`drops`, already cut to the window)."""
    waits = [r[2] - r[1] for r in records if r[2] is not None]
    refused: dict[str, int] = {}
    for r in records:
        if r[4]:
            refused[r[4]] = refused.get(r[4], 0) + 1
    return {
        "cards": len(records),
        "answered": len(waits),
        "ok": sum(1 for r in records if r[3]),
        "refused": refused,
        "ack_ms": percentiles(waits),
        "drops": len(drops),
        "phones_dropped": len({d[0] for d in drops}),
        "not_back": sum(1 for d in drops if d[2] is None),
        "longest_offline_s": max((d[2] - d[1] for d in drops if d[2] is not None), default=None),
    }
