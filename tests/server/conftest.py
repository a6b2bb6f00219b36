"""Fixtures for tests against a real server process, driven by python-socketio clients."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any

import pytest
import socketio

from tests.live_server import LiveServer, port_is_free

pytestmark = pytest.mark.server


class Client:
    """A python-socketio client that records every event it receives."""

    def __init__(self, url: str, auth: dict[str, Any]) -> None:
        self.sio = socketio.Client(reconnection=False)
        self.received: list[tuple[str, Any]] = []
        self.connect_error: Any = None
        self._got = threading.Condition()
        self.sio.on("*", self._record)
        self.sio.on("connect_error", self._refused)
        self.url = url
        self.auth = auth

    def _record(self, event: str, data: Any = None) -> None:
        with self._got:
            self.received.append((event, data))
            self._got.notify_all()

    def _refused(self, data: Any) -> None:
        self.connect_error = data

    def connect(self) -> Client:
        self.sio.connect(self.url, auth=self.auth, transports=["websocket"], wait_timeout=5)
        return self

    def call(self, event: str, payload: Any = None) -> dict[str, Any]:
        return self.sio.call(event, payload, timeout=5)

    def wait_for(
        self, event: str, predicate: Callable[[Any], bool] = lambda _: True, timeout: float = 5
    ) -> Any:
        """The first received `event` matching `predicate`, waiting for it if needed."""
        with self._got:
            found = self._got.wait_for(
                lambda: next((d for e, d in self.received if e == event and predicate(d)), None) is not None,
                timeout,
            )
            assert found, f"no {event} within {timeout}s; got {[e for e, _ in self.received]}"
            return next(d for e, d in self.received if e == event and predicate(d))

    def names(self) -> list[str]:
        with self._got:
            return [e for e, _ in self.received]

    def close(self) -> None:
        if self.sio.connected:
            self.sio.disconnect()


@pytest.fixture(autouse=True)
def collect_garbage_here():
    """Clients of a killed server are finalised within the test that made them, so any
    warning about what they left open is reported there, not in a later test."""
    yield
    gc.collect()


@pytest.fixture
def server(tmp_path):
    live = LiveServer(tmp_path / "sessions").start()
    yield live
    live.stop()
    assert port_is_free(live.port), "the server's port is still taken after stopping it"


@pytest.fixture
def client(server):
    clients: list[Client] = []

    def make(auth: dict[str, Any], url: str | None = None) -> Client:
        made = Client(url or server.url, auth)
        clients.append(made)
        return made

    yield make
    for made in clients:
        made.close()
