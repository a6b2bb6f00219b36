"""The address phones use to reach this laptop."""

from __future__ import annotations

import socket


def lan_address() -> str:
    """This machine's address on its main network, or 127.0.0.1 when it has none."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        # connect() on a UDP socket sends nothing: it only asks the kernel which interface
        # would route to that (documentation-range) address, and so which address is ours.
        probe.connect(("192.0.2.1", 9))
        address = probe.getsockname()[0]
    except OSError:
        address = "127.0.0.1"
    finally:
        probe.close()
    return address


def public_url(host: str, port: int) -> str:
    """What to print and put in the QR code when no public URL was configured."""
    if host in ("0.0.0.0", "", "::"):
        host = lan_address()
    return f"http://{host}:{port}"
