"""New people per client address: the default limit, its setting, and what it never counts.

docs/security.md, "Joining". This module's app keeps the default join rate (30 a minute per
address and workshop); the other web tests lift it, since their phones all join from
127.0.0.1.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import OWNER_KEY, make_settings
from tests.web import refusals
from tests.web.conftest import Phone
from workshop.config import Settings


@pytest.fixture
def app_and_socketio(tmp_path):
    from workshop.web.app import create_app

    app, socketio = create_app(make_settings(tmp_path / "sessions", join_rates=Settings().join_rates))
    app.config["TESTING"] = True
    yield app, socketio
    app.extensions["workshop"].files.close_all()


def join(connect, workshop, name: str, flask_client: Any = None) -> tuple[Phone, dict[str, Any]]:
    phone = Phone(connect({"code": workshop["code"]}, flask_client))
    return phone, phone.emit("join", {"name": name})


def address(app, ip: str) -> Any:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = ip
    return client


def test_the_default_lets_thirty_people_join_from_one_address_and_refuses_the_31st(connect, workshop, stored):
    acks = [join(connect, workshop, f"Person {i}")[1] for i in range(30)]
    assert all(ack["ok"] for ack in acks)
    _, refused = join(connect, workshop, "Person 31")
    assert refused["ok"] is False
    assert refused["error"]["code"] == "too_many_joins"
    assert "Too many people have joined from this network" in refused["error"]["message"]
    assert stored.people.count() == 30


def test_another_address_still_joins_when_one_is_spent(app, connect, workshop, stored):
    for i in range(30):
        join(connect, workshop, f"Person {i}")
    assert join(connect, workshop, "Late")[1]["error"]["code"] == "too_many_joins"
    assert join(connect, workshop, "Next table", address(app, "10.0.0.7"))[1]["ok"] is True
    assert stored.people.count() == 31


def test_people_returning_with_their_token_are_never_counted(app_and_socketio, connect, workshop):
    phones = [join(connect, workshop, f"Person {i}") for i in range(30)]
    app, socketio = app_and_socketio
    for phone, ack in phones[:10]:
        phone.client.disconnect()
        back = refusals.connect_refusal(app, socketio, {"code": workshop["code"], "token": ack["token"]})
        assert back is None, back
    # A joined connection that asks to join again is told so, and is not counted either.
    assert phones[10][0].emit("join", {"name": "Again"})["error"]["code"] == "already_joined"
    assert join(connect, workshop, "Person 31")[1]["error"]["code"] == "too_many_joins"


def test_joins_refused_at_a_closed_door_are_not_counted(connect, workshop, facilitator):
    assert facilitator.emit("settings:set", {"door_closed": True})["ok"] is True
    for i in range(40):
        assert join(connect, workshop, f"Knock {i}")[1]["error"]["code"] == "door_closed"
    assert facilitator.emit("settings:set", {"door_closed": False})["ok"] is True
    assert all(join(connect, workshop, f"Person {i}")[1]["ok"] for i in range(30))


def test_workshops_are_counted_apart(connect, workshop, created):
    for i in range(30):
        join(connect, workshop, f"Person {i}")
    other = created()
    assert join(connect, other, "Elsewhere")[1]["ok"] is True


def test_the_join_rate_is_read_from_the_environment():
    assert Settings.from_env({}).join_rates == ("30/minute",)
    env = {"WORKSHOP_JOIN_RATE": "5/minute; 100/hour"}
    assert Settings.from_env(env).join_rates == ("5/minute", "100/hour")


def test_a_configured_join_rate_is_applied(tmp_path):
    from workshop.web.app import create_app

    app, socketio = create_app(make_settings(tmp_path / "sessions", join_rates=("2/minute",)))
    try:
        body = app.test_client().post(
            "/api/workshops",
            json={"title": "T", "question": "Q?", "groups": ["A"]},
            headers={"Authorization": f"Bearer {OWNER_KEY}"},
        )
        code = body.get_json()["code"]
        codes = []
        for i in range(3):
            client = socketio.test_client(app, auth={"code": code})
            ack = client.emit("join", {"name": f"P{i}"}, callback=True)
            codes.append(True if ack["ok"] else ack["error"]["code"])
            client.disconnect()
        assert codes == [True, True, "too_many_joins"]
    finally:
        app.extensions["workshop"].files.close_all()
