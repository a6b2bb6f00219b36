"""How Socket.IO packets are written: JSON only, encoded by msgspec.

python-socketio's default packet walks every outgoing payload looking for bytes (to send
them as binary attachments) and encodes it with the standard library. The app never sends
bytes, and in a join burst that walk and the encoding were a fifth of the server's time."""

from __future__ import annotations

import json
from typing import Any

import msgspec
from socketio.packet import Packet

_encoder = msgspec.json.Encoder()


class FastJSON:
    """The two functions python-socketio asks of a `json` module."""

    @staticmethod
    def dumps(data: Any, **kwargs: Any) -> str:
        try:
            return _encoder.encode(data).decode()
        except (UnicodeEncodeError, TypeError):
            # A lone surrogate echoed back in an error's field name, say: the standard
            # library escapes what UTF-8 cannot carry.
            return json.dumps(data, **kwargs)

    @staticmethod
    def loads(text: str | bytes, **kwargs: Any) -> Any:
        # Incoming payloads stay with the standard library: its integers and errors are the
        # ones web/payloads.py was written against.
        return json.loads(text, **kwargs)


class JSONPacket(Packet):
    """A Socket.IO packet that never carries binary attachments."""

    uses_binary_events = False
    json = FastJSON
