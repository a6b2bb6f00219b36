"""Serve a WSGI app on eventlet with a listen queue deep enough for a room's join burst."""

from __future__ import annotations

from pathlib import Path
from typing import Any

DEFAULT_BACKLOG = 50  # eventlet.listen's own default
SOMAXCONN = Path("/proc/sys/net/core/somaxconn")


def backlog(cap_file: Path = SOMAXCONN) -> int:
    """The kernel's cap on a listen queue (`net.core.somaxconn`), or eventlet's default.

    When a whole room scans the QR code at once, a queue of 50 overflows: the kernel drops
    the handshakes it cannot queue and the phones retry after 1, 3, 7 seconds."""
    try:
        return max(DEFAULT_BACKLOG, int(cap_file.read_text()))
    except (OSError, ValueError):
        return 1024


def listen(host: str, port: int) -> Any:
    """A green listening socket with a deep queue and Nagle's algorithm off.

    Sockets accepted from it inherit TCP_NODELAY. Without it the kernel held the second of
    two small frames written back to back (an announcement, then the acknowledgement) until
    the phone's delayed ACK, 40 ms later on Linux: 1-3% of acknowledgements arrived that late
    at any rate (docs/performance.md)."""
    import eventlet
    from eventlet.green import socket

    addresses = socket.getaddrinfo(host, port)
    if not addresses:
        raise RuntimeError(f"cannot resolve {host!r}")
    family, address = addresses[0][0], addresses[0][4]
    listener = eventlet.listen(address, family, backlog=backlog())
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return listener


def serve(app: Any, host: str, port: int, *, max_size: int, socket_timeout: float | None) -> None:
    """What `SocketIO.run` does on eventlet, with a deep listen queue; blocks until stopped.

    `socket_timeout` bounds every read from a client, so a request sent by halves is dropped
    instead of holding its connection (and a file descriptor) for ever."""
    import eventlet.wsgi

    eventlet.wsgi.server(
        listen(host, port), app, log_output=False, max_size=max_size, socket_timeout=socket_timeout
    )
