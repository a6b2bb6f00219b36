"""A shard of a benchmark run: one server process, the one workshop it owns, that workshop's
facilitator dashboard and its share of the phones, all connected straight to that process."""

from __future__ import annotations

import json
import time
import urllib.request
from dataclasses import dataclass
from typing import Any

import socketio

from . import servers
from .phones import until_quiet


def split(total: int, parts: int) -> list[tuple[int, int]]:
    """`(offset, count)` of each of `parts` even shares of `total`; the last takes the rest."""
    share = total // parts
    return [(n * share, share + (total % parts if n == parts - 1 else 0)) for n in range(parts)]


def create_workshop(server: servers.ServerProcess, groups: int, **settings: Any) -> tuple[str, str]:
    """Through the server's own API, so the workshop belongs to that process."""
    if server.kind == "baseline":
        return "BASE42", "baseline-key"
    body = json.dumps(
        {
            "title": "Benchmark",
            "question": "What holds you back?",
            "groups": groups,
            "assignment": "balanced",
            "max_people": 10000,
            **settings,
        }
    ).encode()
    request = urllib.request.Request(
        server.url + "/api/workshops",
        data=body,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {servers.OWNER_KEY}"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        made = json.load(response)
    return made["code"], made["facilitator_key"]


class Dashboard:
    """The facilitator's dashboard: records when each card arrives."""

    def __init__(self) -> None:
        self.sio = socketio.AsyncClient(reconnection=False, request_timeout=30)
        self.cards: list[tuple[str, float]] = []
        self.sio.on("card:added", self._on_card)

    async def _on_card(self, data: dict[str, Any]) -> None:
        self.cards.append((data["card"]["client_id"], time.time()))

    async def settle(self) -> None:
        """Wait for the step's last cards, as the phones do."""
        await until_quiet(lambda: self.cards[-1][1] if self.cards else 0.0)

    async def connect(self, url: str, code: str, key: str) -> None:
        await self.sio.connect(
            url, auth={"code": code, "key": key}, transports=["websocket"], wait_timeout=30
        )

    async def call(self, event: str, payload: dict[str, Any]) -> dict[str, Any]:
        return await self.sio.call(event, payload, timeout=30)


@dataclass
class Shard:
    index: int
    server: servers.ServerProcess
    url: str  # where its phones and dashboard connect: the process itself, or nginx before it
    first_phone: int
    phones: int
    code: str = ""
    key: str = ""
    dashboard: Dashboard | None = None
    cards_acked: int = 0
    cards_stored: int | None = None  # counted in the workshop's export, after the run

    @property
    def groups(self) -> int:
        return max(1, self.phones // 10)

    async def open(self) -> None:
        self.code, self.key = create_workshop(self.server, self.groups)
        self.dashboard = Dashboard()
        await self.dashboard.connect(self.url, self.code, self.key)

    def export(self) -> dict[str, Any]:
        """The workshop's JSON export, from its own process."""
        request = urllib.request.Request(
            f"{self.server.url}/w/{self.code}/export.json", headers={"Authorization": f"Bearer {self.key}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def record(self) -> dict[str, Any]:
        """What shows this process really served its workshop."""
        return {
            "pid": self.server.process.pid,
            "port": self.server.port,
            "code": self.code,
            "phones": self.phones,
            "cards_acked": self.cards_acked,
            "cards_stored": self.cards_stored,
            "cpu_seconds": self.server.cpu_seconds(),
            "peak_rss_mb": self.server.peak_rss / 2**20,
        }
