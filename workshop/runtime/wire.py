"""How Socket.IO packets are written: JSON only, encoded by msgspec.

python-socketio takes a packet class as its `serializer` option: "a subclass of the Packet
class with custom implementations of the encode() and decode() methods" (`socketio.Server`).
This one writes its text with msgspec and reads as the default class does, with the standard
library. The default class also walks every outgoing payload looking for bytes, to send them
as binary attachments; the app never sends bytes, and in a join burst that walk and the
encoding were a fifth of the server's time (a 1.8 KB join acknowledgement: 77 µs with the
default class, 52 µs with msgspec through the documented `json` option, of which the walk
46 µs, 5 µs with this class). Skipping the walk is the one thing here beyond
python-socketio's documentation: `uses_binary_events`, the switch its own msgpack packet
class uses (docs/architecture.md, "Beyond a dependency's documented API")."""

from __future__ import annotations

import json
from typing import Any

import msgspec
from socketio.packet import Packet

CHECKED_WITH = "5.18.1"  # python-socketio; tests/runtime/test_wire.py fails on any other
_encoder = msgspec.json.Encoder()


def dumps(data: Any) -> str:
    """Compact JSON text of `data`, as the standard library writes it."""
    try:
        return _encoder.encode(data).decode()
    except (UnicodeEncodeError, TypeError):
        # A lone surrogate echoed back in an error's field name, say: the standard library
        # escapes what UTF-8 cannot carry.
        return json.dumps(data, separators=(",", ":"))


class JSONPacket(Packet):
    """A Socket.IO packet that never carries binary attachments, written by msgspec."""

    uses_binary_events = False

    def encode(self) -> str:
        """The packet as Socket.IO's text format: type, namespace, ack id, then the JSON."""
        text = str(self.packet_type)
        if self.namespace is not None and self.namespace != "/":
            text += self.namespace + ","
        if self.id is not None:
            text += str(self.id)
        if self.data is not None:
            text += dumps(self.data)
        return text
