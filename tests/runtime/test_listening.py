"""The listen queue: deep enough for a room that scans the QR code at once."""

from __future__ import annotations

from workshop.runtime import listening


def test_backlog_is_the_kernels_cap(tmp_path):
    cap = tmp_path / "somaxconn"
    cap.write_text("4096\n")
    assert listening.backlog(cap) == 4096


def test_backlog_is_never_below_eventlets_default(tmp_path):
    cap = tmp_path / "somaxconn"
    cap.write_text("16\n")
    assert listening.backlog(cap) == listening.DEFAULT_BACKLOG


def test_backlog_without_the_kernels_figure_is_a_thousand(tmp_path):
    assert listening.backlog(tmp_path / "missing") == 1024
    (tmp_path / "garbled").write_text("lots")
    assert listening.backlog(tmp_path / "garbled") == 1024


def test_sockets_accepted_from_the_listener_have_nagle_off():
    """Accepted sockets inherit TCP_NODELAY: an ack written after an announcement is not held
    back for the phone's delayed ACK."""
    import socket

    listener = listening.listen("127.0.0.1", 0)
    try:
        assert listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        phone = socket.create_connection(listener.getsockname()[:2], timeout=5)
        accepted, _ = listener.accept()
        try:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        finally:
            accepted.close()
            phone.close()
    finally:
        listener.close()


def test_the_default_socket_timeout_outlasts_the_longest_heartbeat():
    """A websocket that only answers pings is never cut by the read timeout."""
    from workshop.config import Settings
    from workshop.runtime import heartbeats

    longest_silence = heartbeats.BASE_S + heartbeats.SPREAD_S
    assert Settings().socket_timeout >= longest_silence + 10
    assert Settings.from_env({"WORKSHOP_SOCKET_TIMEOUT": "12.5"}).socket_timeout == 12.5
