"""What a refused Socket.IO test client was told: Flask-SocketIO's test client drops the
CONNECT_ERROR data, so a spy on the server's packet sender keeps it."""

from __future__ import annotations

from typing import Any

from socketio import packet


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
