"""Two server processes behind nginx, each workshop routed to one of them by its code:
every phone, dashboard and projector of a workshop sees every card of that workshop; and
what must reach every process (the owner's live list, notices) crosses through Redis."""

from __future__ import annotations

import time

import pytest
import requests
import socketio

from bench import nginx
from tests.live_server import OWNER_KEY, LiveServer, free_port
from tests.redis_server import RedisServer
from tests.tools import require_nginx

pytestmark = pytest.mark.slow


@pytest.fixture
def sharded(tmp_path):
    require_nginx()
    data = tmp_path / "sessions"
    ports = [free_port(), free_port()]
    queue = RedisServer(tmp_path / "redis")
    # One data folder for both: requests that name no workshop (the API) may go to either.
    env = {"WORKSHOP_PUBLIC_URL": "http://127.0.0.1", "WORKSHOP_MESSAGE_QUEUE": queue.url}
    backends = [LiveServer(data, port=p, env=env, log_dir=tmp_path) for p in ports]
    proxy = None
    try:
        queue.start()
        for backend in backends:
            backend.start()
        proxy = nginx.Nginx(tmp_path / "nginx", ports, conf="workshop-sharded.conf")
        yield proxy, backends
    finally:  # whatever failed to start, nothing is left running
        if proxy:
            proxy.stop()
        for backend in backends:
            backend.stop()
        queue.stop()


def connect(url: str, code: str, auth: dict) -> tuple[socketio.Client, list]:
    sio = socketio.Client(reconnection=False)
    seen: list = []
    sio.on("card:added", lambda data: seen.append(data["card"]["text"]))
    sio.connect(f"{url}?w={code}", auth=auth, transports=["websocket"], wait_timeout=5)
    return sio, seen


def test_each_workshop_sees_all_its_cards_through_the_shards(sharded):
    proxy, backends = sharded
    made = []
    for title in ("One", "Two", "Three", "Four"):
        response = requests.post(
            proxy.url + "/api/workshops",
            json={"title": title, "question": "Q", "groups": 1},
            headers={"Authorization": f"Bearer {OWNER_KEY}"},
            timeout=5,
        )
        assert response.status_code == 201
        made.append(response.json())
    clients = []
    try:
        for workshop in made:
            code = workshop["code"]
            dash, dash_seen = connect(proxy.url, code, {"code": code, "key": workshop["facilitator_key"]})
            screen, screen_seen = connect(
                proxy.url, code, {"code": code, "role": "screen", "key": workshop["facilitator_key"]}
            )
            phones = [connect(proxy.url, code, {"code": code}) for _ in range(3)]
            clients += [dash, screen, *(p for p, _ in phones)]
            for n, (phone, _) in enumerate(phones):
                assert phone.call("join", {"name": f"P{n}"}, timeout=5)["ok"]
            for n, (phone, _) in enumerate(phones):
                ack = phone.call(
                    "card:add",
                    {"kind": "challenge", "text": f"{code} card {n}", "client_id": f"c{n}"},
                    timeout=5,
                )
                assert ack["ok"], ack
            expected = {f"{code} card {n}" for n in range(3)}
            phones[0][0].sleep(0.5)
            assert set(dash_seen) == expected
            assert set(screen_seen) == expected
            for _, seen in phones:
                assert set(seen) == expected  # one group: everyone sees every card
        # Each workshop lives in exactly one process: a dashboard connected straight to a
        # backend hears a workshop's new card only if that backend is the workshop's shard.
        for workshop in made:
            code = workshop["code"]
            direct = [
                connect(b.url, code, {"code": code, "key": workshop["facilitator_key"]}) for b in backends
            ]
            clients += [sio for sio, _ in direct]
            phone, _ = connect(proxy.url, code, {"code": code})
            clients.append(phone)
            assert phone.call("join", {"name": "Late"}, timeout=5)["ok"]
            assert phone.call(
                "card:add", {"kind": "challenge", "text": "routed", "client_id": "r"}, timeout=5
            )["ok"]
            phone.sleep(0.5)
            heard = [seen.count("routed") for _, seen in direct]
            assert sorted(heard) == [0, 1], f"{code}: heard by {heard}"
    finally:
        for sio in clients:
            sio.disconnect()


def create_on(url: str, title: str) -> dict:
    response = requests.post(
        url + "/api/workshops",
        json={"title": title, "question": "Q", "groups": 1},
        headers={"Authorization": f"Bearer {OWNER_KEY}"},
        timeout=5,
    )
    assert response.status_code == 201
    return response.json()


def wait_for(found, seconds: float = 8.0) -> bool:
    """Poll until `found()` is true; the feed speaks every 2 s, so allow a few rounds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found():
            return True
        time.sleep(0.05)
    return found()


def test_the_owners_list_and_notices_reach_every_process_through_redis(sharded):
    proxy, (first, second) = sharded
    # Each workshop made through one process's own API lives in that process.
    here, there = create_on(first.url, "Here"), create_on(second.url, "There")
    clients = []
    try:
        owner = socketio.Client(reconnection=False)
        heard: list[list[str]] = []
        owner.on("workshops:changed", lambda data: heard.append(data["codes"]))
        owner.connect(first.url, auth={"role": "owner", "key": OWNER_KEY}, transports=["websocket"])
        clients.append(owner)

        phones = {}
        for server, workshop in ((first, here), (second, there)):
            phone, _ = connect(server.url, workshop["code"], {"code": workshop["code"]})
            notices: list[str] = []
            phone.on("notice", lambda data, notices=notices: notices.append(data["text"]))
            clients.append(phone)
            phones[workshop["code"]] = (phone, notices)
        dash, _ = connect(second.url, there["code"], {"code": there["code"], "key": there["facilitator_key"]})
        dash_notices: list[str] = []
        dash.on("notice", lambda data: dash_notices.append(data["text"]))
        clients.append(dash)

        # A phone joins the workshop of the second process: the owner's list on the first hears it.
        heard.clear()
        assert phones[there["code"]][0].call("join", {"name": "Ana"}, timeout=5)["ok"]
        assert wait_for(lambda: any(there["code"] in codes for codes in heard)), heard

        # A notice sent through either process reaches every phone and dashboard on both.
        sent = requests.post(
            proxy.url + "/api/notices",
            json={"text": "Plenary in the main hall at 15:00"},
            headers={"Authorization": f"Bearer {OWNER_KEY}"},
            timeout=5,
        )
        assert sent.status_code == 200, sent.text
        for _, notices in phones.values():
            assert wait_for(lambda notices=notices: notices == ["Plenary in the main hall at 15:00"]), notices
        assert wait_for(lambda: dash_notices == ["Plenary in the main hall at 15:00"])
    finally:
        for sio in clients:
            sio.disconnect()
