"""Socket.IO packets written by msgspec, without python-socketio's search for bytes."""

from __future__ import annotations

import json
from importlib.metadata import version

import pytest
from socketio.packet import ACK, CONNECT, EVENT, Packet

from workshop.runtime.wire import CHECKED_WITH, JSONPacket, dumps


def test_packets_read_back_as_the_standard_library_writes_them():
    card = {"id": 7, "text": "Café ☕ — שלום 漢字", "hidden": False, "theme_id": None}
    payload = ["card:added", {"card": card}]
    text = JSONPacket(data=payload).encode()
    assert text.startswith("2")
    assert json.loads(text[1:]) == payload


@pytest.mark.parametrize(
    "packet",
    [
        dict(packet_type=EVENT, data=["state", {"b": 1, "a": [1, 2]}]),
        dict(packet_type=ACK, data=[{"ok": True}], id=12),
        dict(packet_type=EVENT, data=["x", None], namespace="/admin", id=3),
        dict(packet_type=CONNECT, data={"sid": "abc"}),
        dict(packet_type=CONNECT),
    ],
)
def test_the_text_is_the_default_packets_byte_for_byte(packet):
    assert JSONPacket(**packet).encode() == Packet(**packet).encode()


def test_packets_are_never_binary_and_keys_stay_in_order():
    packet = JSONPacket(data=["state", {"b": 1, "a": [1, 2]}])
    assert packet.packet_type == EVENT  # not BINARY_EVENT
    assert packet.encode() == '2["state",{"b":1,"a":[1,2]}]'


def test_incoming_packets_are_read_by_the_standard_library():
    packet = JSONPacket(encoded_packet='21["card:add",{"n":12345678901234567890}]')
    assert (packet.packet_type, packet.id) == (EVENT, 1)
    assert packet.data == ["card:add", {"n": 12345678901234567890}]


def test_what_utf8_cannot_carry_is_escaped_by_the_standard_library():
    # A lone surrogate, echoed back as an error's field name, must not break the reply.
    text = dumps({"field": "\ud800"})
    assert text == '{"field":"\\ud800"}'
    assert json.loads(text) == {"field": "\ud800"}


def test_contract_python_socketio_skips_the_search_for_bytes_when_told(monkeypatch):
    """What `uses_binary_events = False` relies on, beyond python-socketio's documentation:
    a packet class that sets it is never walked for bytes. If this fails after an upgrade,
    re-read `socketio/packet.py` and docs/architecture.md's table."""

    def walked(cls, data):
        raise AssertionError("the payload was walked for bytes")

    monkeypatch.setattr(Packet, "data_is_binary", classmethod(walked))
    assert JSONPacket(data=["card:added", {"card": {"id": 1}}]).packet_type == EVENT


def test_contract_the_python_socketio_checked_is_the_one_installed():
    assert version("python-socketio") == CHECKED_WITH, (
        "python-socketio changed: re-check workshop/runtime/wire.py against its packet.py, "
        "then update CHECKED_WITH and docs/architecture.md"
    )
