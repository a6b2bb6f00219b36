"""Origin and Host checks on the real server, where Engine.IO's own HTTP layer runs.

The test client skips Engine.IO's handshake, so these go over the wire: raw `requests` for
polling and websocket-client's `create_connection(origin=...)` for WebSocket (python-socketio
would add an Origin of its own next to any it is given). One server per test:
each test tries every case in a loop and names the case that failed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import requests
import websocket

pytestmark = pytest.mark.server

POLLING = "/socket.io/?EIO=4&transport=polling"
WEBSOCKET = "/socket.io/?EIO=4&transport=websocket"
EVIL = "http://evil.example"


def ws_url(server) -> str:
    return "ws" + server.url[len("http") :] + WEBSOCKET


def test_polling_handshake_is_accepted_only_from_the_same_origin_or_a_script(server):
    netloc = urlsplit(server.url).netloc
    for origin in (EVIL, "null", "http://127.0.0.1:1", f"https://{netloc}", f"http://{netloc}.evil.example"):
        response = requests.get(server.url + POLLING, headers={"Origin": origin}, timeout=5)
        assert response.status_code == 400, origin
        assert "Not an accepted origin" in response.text, origin
    for headers in ({"Origin": server.url}, {}):
        response = requests.get(server.url + POLLING, headers=headers, timeout=5)
        assert response.status_code == 200, headers
        assert response.text.startswith('0{"sid"'), headers


def test_websocket_handshake_is_accepted_only_from_the_same_origin(server):
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(ws_url(server), origin=EVIL, timeout=5)
    assert refused.value.status_code == 400

    ws = websocket.create_connection(ws_url(server), origin=server.url, timeout=5)
    try:
        assert ws.recv().startswith('0{"sid"')
    finally:
        ws.close()


def test_a_rebound_host_name_is_refused_even_when_origin_matches_it(server):
    # DNS rebinding: evil.example now resolves to the laptop, so the browser's Origin and Host
    # agree and Engine.IO's Origin check alone would pass.
    rebound = f"evil.example:{server.port}"
    headers = {"Host": rebound, "Origin": f"http://{rebound}"}
    for path in ("/healthz", "/", POLLING):
        response = requests.get(server.url + path, headers=headers, timeout=5)
        assert response.status_code == 400, path
        assert response.json()["error"]["code"] == "bad_host", path
    response = requests.post(server.url + "/api/workshops", json={}, headers=headers, timeout=5)
    assert (response.status_code, response.json()["error"]["code"]) == (400, "bad_host")

    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(ws_url(server), host=rebound, origin=f"http://{rebound}", timeout=5)
    assert refused.value.status_code == 400


def test_the_servers_own_names_are_served(server):
    public = urlsplit(server.url).hostname  # WORKSHOP_PUBLIC_URL, here an IP too
    for host in ("localhost", "127.0.0.1", "[::1]", public):
        response = requests.get(server.url + "/healthz", headers={"Host": f"{host}:{server.port}"}, timeout=5)
        assert (response.status_code, response.json()) == (200, {"ok": True}), host
