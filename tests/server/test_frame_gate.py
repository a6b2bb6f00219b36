"""One connection sending raw frames as fast as it can is cut off; malformed ones are quiet.

The flooders here speak Engine.IO and Socket.IO by hand over a websocket, as a script on the
venue Wi-Fi would: frames sent back to back without waiting for any answer. Loopback only;
every loop is bounded in count and ends by itself. Speed is measured by the benchmark
(`python -m bench --flood`), not here: these tests check what happens, not how fast.
"""

from __future__ import annotations

import contextlib
import json
import socket
import time
from typing import Any

import pytest
import requests
import websocket

from tests.factories import card_payload
from tests.live_server import LiveServer, port_is_free

pytestmark = [pytest.mark.server]

FLOOD_FRAMES = 2000  # twenty times the gate's burst


class RawSocket:
    """An Engine.IO websocket spoken by hand: what a hostile script would use."""

    def __init__(self, url: str) -> None:
        ws_url = url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        self.ws = websocket.create_connection(ws_url, timeout=5)
        opened = self.ws.recv()
        assert opened.startswith("0{"), opened

    def send(self, frame: str) -> None:
        self.ws.send(frame)

    def blast(self, frames: list[str]) -> int:
        """Send every frame without reading; the number sent before the server hung up."""
        for sent, frame in enumerate(frames):
            try:
                self.ws.send(frame)
            except (OSError, websocket.WebSocketException):
                return sent
        return len(frames)

    def read_all(self, within: float = 5.0) -> tuple[list[str], bool]:
        """Every text frame until the server closes the connection (True) or `within` passes."""
        frames: list[str] = []
        deadline = time.monotonic() + within
        self.ws.settimeout(0.5)
        while time.monotonic() < deadline:
            try:
                frame = self.ws.recv()
            except websocket.WebSocketTimeoutException:
                continue
            except (OSError, websocket.WebSocketException):
                return frames, True
            if frame == "2":  # an Engine.IO ping: answer, as any client must
                self.ws.send("3")
                continue
            if not frame:
                return frames, True
            frames.append(frame)
        return frames, False

    def connect(self, auth: dict[str, Any]) -> dict[str, Any]:
        """The Socket.IO connect; returns the first `state`."""
        self.send("40" + json.dumps(auth))
        return self._until(lambda f: f.startswith('42["state"'), lambda f: json.loads(f[2:])[1])

    def call(self, ack_id: int, event: str, payload: Any) -> dict[str, Any]:
        self.send(f"42{ack_id}" + json.dumps([event, payload]))
        prefix = f"43{ack_id}"
        return self._until(lambda f: f.startswith(prefix), lambda f: json.loads(f[len(prefix) :])[0])

    def _until(self, match: Any, value: Any) -> Any:
        for _ in range(200):
            frame = self.ws.recv()
            if frame == "2":
                self.ws.send("3")
            elif match(frame):
                return value(frame)
        raise AssertionError("no matching frame")

    def close(self) -> None:
        with contextlib.suppress(OSError, websocket.WebSocketException):  # the server hung up first
            self.ws.close(timeout=1)
        self.ws.shutdown()


@pytest.fixture
def raw(server):
    """Raw sockets to `server`, all closed at the end of the test."""
    made: list[RawSocket] = []

    def make() -> RawSocket:
        made.append(RawSocket(server.url))
        return made[-1]

    yield make
    for sock in made:
        sock.close()


def closing_reason(frames: list[str]) -> dict[str, Any] | None:
    for frame in frames:
        if frame.startswith('42["closing"'):
            return json.loads(frame[2:])[1]
    return None


def tracebacks(log: str) -> int:
    return log.count("Traceback")


def test_a_joined_attendee_flooding_cards_is_disconnected_with_a_reason(server, client, raw):
    made = server.create_workshop(title="T", question="Q", groups=["North"])
    code = made["code"]
    neighbour = client({"code": code}).connect()
    assert neighbour.call("join", {"name": "Nia"})["ok"]

    flooder = raw()
    flooder.connect({"code": code})
    assert flooder.call(1, "join", {"name": "Flo"})["ok"] is True
    frames = [f"42{n + 2}" + json.dumps(["card:add", card_payload()]) for n in range(FLOOD_FRAMES)]
    flooder.blast(frames)
    received, closed = flooder.read_all()
    assert closed, "the flooder is still connected"
    reason = closing_reason(received)
    assert reason is not None and reason["code"] == "flooding" and reason["message"]
    answered = sum(1 for f in received if f.startswith("43"))
    assert answered < 200, f"{answered} frames were answered one by one"

    # The neighbour was never disturbed, and the flooder's person saved no more than its limit.
    assert neighbour.sio.connected
    assert neighbour.call("card:add", card_payload(text="Still here"))["ok"] is True
    cards = requests.get(
        f"{server.url}/w/{code}/export.json",
        headers={"Authorization": f"Bearer {made['facilitator_key']}"},
        timeout=5,
    ).json()["cards"]
    assert sum(1 for c in cards if c["text"] == "Data silos") <= 20
    log = server.log()
    assert tracebacks(log) == 0
    assert log.count("flooding") == 1, log[-2000:]


@pytest.mark.parametrize(
    "frame",
    [
        '42["card:add",{',  # truncated JSON
        "42" + "[" * 1200 + "]" * 1200,  # nested deeper than the decoder goes
        '42["card:add",' + "1" * 5000 + "]",  # an integer of 5,000 digits
        "4x",  # no such Socket.IO packet
    ],
    ids=["truncated", "deep", "huge-int", "bad-type"],
)
def test_a_malformed_frame_without_credentials_ends_its_connection_quietly(server, raw, frame):
    before = len(server.log())
    for _ in range(3):  # three connections from one address: one log line in all
        sock = raw()
        sock.send(frame)  # straight after the Engine.IO handshake: no code, no Socket.IO connect
        sock.blast([frame] * 50)
        _, closed = sock.read_all()
        assert closed, "a connection that sent a malformed frame stays open"
    grown = server.log()[before:]
    assert tracebacks(grown) == 0, grown[:3000]
    lines = [line for line in grown.splitlines() if "127.0.0.1" in line]
    assert len(lines) <= 1, lines
    assert len(grown.encode()) < 2048, f"the log grew by {len(grown.encode())} bytes"
    assert requests.get(server.url + "/healthz", timeout=5).ok


def test_an_event_named_by_a_list_ends_a_connected_socket_quietly(server, raw):
    made = server.create_workshop(title="T", question="Q", groups=["North"])
    before = len(server.log())
    sock = raw()
    sock.connect({"code": made["code"]})
    sock.send("42" + json.dumps([["not", "a", "name"], {}]))  # cannot be looked up as a name
    received, closed = sock.read_all()
    assert closed
    assert closing_reason(received) == {"code": "malformed", "message": closing_reason(received)["message"]}
    grown = server.log()[before:]
    assert tracebacks(grown) == 0 and len(grown.splitlines()) <= 1, grown[:3000]


def test_an_event_with_an_extra_argument_is_answered_as_bad_input_and_not_logged(server, client):
    made = server.create_workshop(title="T", question="Q", groups=["North"])
    ana = client({"code": made["code"]}).connect()
    assert ana.call("join", {"name": "Ana"})["ok"]
    before = len(server.log())
    ack = ana.sio.call("card:add", (card_payload(), 1), timeout=5)
    assert ack["ok"] is False and ack["error"]["code"] == "invalid_input"
    assert ana.call("card:add", card_payload())["ok"] is True
    assert server.log()[before:] == ""


def test_a_real_phone_resending_its_outbox_is_never_cut_off(server, client):
    """A phone back from a dead spot resends what it kept, a few at a time, and stays."""
    made = server.create_workshop(title="T", question="Q", groups=["North"])
    ana = client({"code": made["code"]}).connect()
    assert ana.call("join", {"name": "Ana"})["ok"]
    answers = [ana.call("card:add", card_payload(text=f"Kept {n}"))["ok"] for n in range(60)]
    assert answers.count(True) >= 20  # the person's rate limit answers the rest: kept to resend
    assert ana.sio.connected
    assert "closing" not in ana.names()


@pytest.fixture
def quick_timeout_server(tmp_path):
    live = LiveServer(tmp_path / "sessions", env={"WORKSHOP_SOCKET_TIMEOUT": "2"}).start()
    yield live
    live.stop()
    assert port_is_free(live.port)


def test_a_half_sent_request_is_dropped_after_the_socket_timeout(quick_timeout_server):
    held = []
    for _ in range(20):
        s = socket.create_connection(("127.0.0.1", quick_timeout_server.port), timeout=10)
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        held.append(s)
    try:
        started = time.monotonic()
        for s in held:
            while s.recv(1024):  # until the server hangs up (a socket.timeout fails the test)
                pass
        waited = time.monotonic() - started
        assert waited < 9, f"half-sent requests were held {waited:.1f} s"
        assert requests.get(quick_timeout_server.url + "/healthz", timeout=5).ok
    finally:
        for s in held:
            s.close()


def test_talking_connections_outlive_the_socket_timeout_on_both_transports(quick_timeout_server):
    """Reads time out only when a client goes quiet: a phone that talks keeps its connection."""
    import socketio

    made = quick_timeout_server.create_workshop(title="T", question="Q", groups=["North"])
    phones = []
    for transports in (["websocket"], ["polling"]):
        sio = socketio.Client(reconnection=False)
        sio.connect(
            quick_timeout_server.url, auth={"code": made["code"]}, transports=transports, wait_timeout=5
        )
        assert sio.call("join", {"name": "Ana"}, timeout=5)["ok"]
        phones.append(sio)
    try:
        for n in range(6):  # 6 s, three times the timeout
            for sio in phones:
                assert sio.connected
                assert sio.call("card:add", card_payload(text=f"Card {n}"), timeout=5)["ok"] is True
            time.sleep(1)
    finally:
        for sio in phones:
            sio.disconnect()


def test_engine_io_garbage_over_both_transports_logs_no_traceback(server, raw):
    """What Engine.IO itself refuses (undecodable payloads, unknown sessions, bad versions)."""
    before = len(server.log())
    for frame in ["x", "", "9", "\x00\x01", "0", "6", "2probe"]:
        sock = raw()
        sock.blast([frame, frame])
    opened = requests.get(server.url + "/socket.io/?EIO=4&transport=polling", timeout=5).text
    sid = json.loads(opened[1:])["sid"]
    for body in [b"x", b"42[", b"\x1e\x1e", b"4" + b"[" * 3000, b"\xff\xfe"]:
        requests.post(f"{server.url}/socket.io/?EIO=4&transport=polling&sid={sid}", data=body, timeout=5)
    for sid in ("nope", "x" * 500):
        requests.post(f"{server.url}/socket.io/?EIO=4&transport=polling&sid={sid}", data=b"40", timeout=5)
    requests.get(server.url + "/socket.io/?EIO=99&transport=polling", timeout=5)
    requests.get(server.url + "/socket.io/?EIO=4&transport=bogus", timeout=5)
    assert requests.get(server.url + "/healthz", timeout=5).ok
    time.sleep(0.3)  # the last records reach the log
    grown = server.log()[before:]
    assert tracebacks(grown) == 0, grown[:3000]
    # One line per kind of offence from this address: decoding, Engine.IO's refusals.
    assert len(grown.splitlines()) <= 3, grown
    assert len(grown.encode()) < 2048
