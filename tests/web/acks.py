"""Reading acknowledgements in Socket.IO tests."""

from __future__ import annotations


def ok(ack: dict) -> dict:
    """The body of a successful ack, without its `ok`; fails the test on a refusal."""
    assert ack["ok"] is True, ack
    return {k: v for k, v in ack.items() if k != "ok"}


def error_code(ack: dict) -> str:
    """The code of a refusal; fails the test on a success."""
    assert ack["ok"] is False, ack
    return ack["error"]["code"]
