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


def serve(app: Any, host: str, port: int, *, max_size: int) -> None:
    """What `SocketIO.run` does on eventlet, with a deep listen queue; blocks until stopped."""
    import eventlet
    import eventlet.wsgi
    from eventlet.green import socket

    addresses = socket.getaddrinfo(host, port)
    if not addresses:
        raise RuntimeError(f"cannot resolve {host!r}")
    family, address = addresses[0][0], addresses[0][4]
    listener = eventlet.listen(address, family, backlog=backlog())
    eventlet.wsgi.server(listener, app, log_output=False, max_size=max_size)
