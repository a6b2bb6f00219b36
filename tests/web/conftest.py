"""Socket.IO test clients on the in-process app: facilitators, screens and attendees."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.factories import OWNER_KEY


class Phone:
    """An attendee's connection, with helpers so tests read as actions."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def emit(self, event: str, payload: Any = None) -> dict[str, Any]:
        return self.client.emit(event, payload, callback=True)

    def events(self) -> list[tuple[str, Any]]:
        return [(m["name"], m["args"][0] if m["args"] else None) for m in self.client.get_received()]

    def event_names(self) -> list[str]:
        return [name for name, _ in self.events()]

    def drain(self) -> None:
        self.client.get_received()


@pytest.fixture
def connect(app_and_socketio) -> Callable[..., Any]:
    """A raw Socket.IO test client with the given `auth`."""
    app, socketio = app_and_socketio
    clients = []

    def make(auth: Any = None, flask_client: Any = None) -> Any:
        client = socketio.test_client(app, auth=auth, flask_test_client=flask_client)
        clients.append(client)
        return client

    yield make
    for client in clients:
        if client.is_connected():
            client.disconnect()


@pytest.fixture
def workshop(created) -> dict[str, Any]:
    """A workshop with two self-select groups; `groups` maps name → id."""
    body = created()
    return body


@pytest.fixture
def group_ids(workshop, connect) -> dict[str, int]:
    fac = connect({"code": workshop["code"], "key": workshop["facilitator_key"]})
    state = fac.get_received()[0]["args"][0]
    fac.disconnect()
    return {g["name"]: g["id"] for g in state["groups"]}


@pytest.fixture
def joined(workshop, group_ids, connect) -> Callable[..., Phone]:
    """A phone that has joined `group` (a name) of the workshop."""

    def make(group: str = "Finance", name: str = "Ana", **extra: Any) -> Phone:
        phone = Phone(connect({"code": workshop["code"]}))
        ack = phone.emit("join", {"name": name, "group": group_ids[group], **extra})
        assert ack["ok"] is True, ack
        phone.token = ack["token"]
        phone.participant = ack["participant"]
        return phone

    return make


@pytest.fixture
def facilitator(workshop, connect) -> Phone:
    return Phone(connect({"code": workshop["code"], "key": workshop["facilitator_key"]}))


@pytest.fixture
def screen(workshop, connect) -> Phone:
    return Phone(connect({"code": workshop["code"], "role": "screen", "key": workshop["facilitator_key"]}))


@pytest.fixture
def owner_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {OWNER_KEY}"}


@pytest.fixture
def stored(app, workshop):
    """The workshop's open store, to check rows."""
    return app.extensions["workshop"].store(workshop["code"])
