"""Socket.IO packets written by msgspec, without python-socketio's search for bytes."""

from __future__ import annotations

import json

from workshop.web.wire import FastJSON, JSONPacket


def test_packets_read_back_as_the_standard_library_writes_them():
    card = {"id": 7, "text": "Café ☕ — שלום 漢字", "hidden": False, "theme_id": None}
    payload = ["card:added", {"card": card}]
    text = JSONPacket(data=payload).encode()
    assert text.startswith("2")
    assert json.loads(text[1:]) == payload


def test_packets_are_never_binary_and_keys_stay_in_order():
    packet = JSONPacket(data=["state", {"b": 1, "a": [1, 2]}])
    assert packet.packet_type == 2  # EVENT, not BINARY_EVENT
    assert packet.encode() == '2["state",{"b":1,"a":[1,2]}]'


def test_what_utf8_cannot_carry_is_escaped_by_the_standard_library():
    # A lone surrogate, echoed back as an error's field name, must not break the reply.
    text = FastJSON.dumps({"field": "\ud800"}, separators=(",", ":"))
    assert text == '{"field":"\\ud800"}'
    assert json.loads(text) == {"field": "\ud800"}
