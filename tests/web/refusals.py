"""Refusals: the error codes docs/protocol.md documents, and what a refused Socket.IO test
client was told (Flask-SocketIO's test client drops the CONNECT_ERROR data, so a spy on the
server's packet sender keeps it)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from socketio import packet

ROOT = Path(__file__).resolve().parents[2]


def error_codes(doc: str) -> dict[str, int | None]:
    """code → HTTP status (None where the table gives none), from docs/protocol.md's code tables."""
    found: dict[str, int | None] = {}
    for table in re.findall(r"^### (?:Error codes|More error codes)\n(.*?)(?=^#)", doc, re.M | re.S):
        for code, status in re.findall(r"^\| `([a-z_]+)` \|(?: (\d{3}) \|)?", table, re.M):
            found[code] = int(status) if status else None
    return found


DOCUMENTED = error_codes((ROOT / "docs" / "protocol.md").read_text(encoding="utf-8"))


def connect_refusal(app: Any, socketio: Any, auth: Any, flask_client: Any = None) -> dict | None:
    """The CONNECT_ERROR data for `auth` (`{"message", "data": {"code", "message"}}`), or
    None when the connection was accepted."""
    # auth=None is refused before any code lookup, so it costs no lookup allowance; it
    # installs the test client's packet mock that the spy wraps.
    client = socketio.test_client(app, auth=None, flask_test_client=flask_client)
    deliver = socketio.server._send_packet
    errors: list[Any] = []

    def spy(eio_sid: str, pkt: Any) -> None:
        if pkt.packet_type == packet.CONNECT_ERROR:
            errors.append(pkt.data)
        deliver(eio_sid, pkt)

    socketio.server._send_packet = spy
    try:
        client.connect(auth=auth)
    finally:
        socketio.server._send_packet = deliver
    if client.is_connected():
        client.disconnect()
        return None
    return errors[-1]


def refusal_code(app: Any, socketio: Any, auth: Any, flask_client: Any = None) -> str | None:
    """Just the code of the refusal, or None when the connection was accepted."""
    refused = connect_refusal(app, socketio, auth, flask_client)
    return None if refused is None else refused["data"]["code"]
