"""A random id per attendee browser, kept in the signed session cookie (docs/privacy.md).

The attendee page gives a browser its id the first time it is opened; Socket.IO events read
the same cookie, so a join knows which browser it came from. It names no one: it only lets
the facilitator's removal of a person hold for that browser, until they let the person back
in. A client that sends no cookie (a script, a browser that refuses cookies) has no id."""

from __future__ import annotations

import secrets

from flask import session

_KEY = "browser"


def remember_browser() -> None:
    """Give this browser its id, once; the cookie then keeps it (30 days)."""
    if not isinstance(session.get(_KEY), str):
        session.permanent = True
        session[_KEY] = secrets.token_hex(16)


def browser_id() -> str | None:
    """This browser's id, when its cookie carries one."""
    value = session.get(_KEY)
    return value if isinstance(value, str) else None
