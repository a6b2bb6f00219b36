"""Facilitator and owner access over HTTP: `?key=`, a Bearer header, or the signed cookie."""

from __future__ import annotations

import hashlib

from flask import request, session

from ..service import access
from ..service.context import Context
from ..store.workshops import WorkshopStore


def presented_key() -> str | None:
    """The key this request carries in its URL or its Authorization header, if any."""
    key = request.args.get("key")
    if key:
        return key.strip()
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header[len("Bearer ") :].strip() or None
    return None


def _fingerprint(secret_hash: str) -> str:
    # The cookie holds a fingerprint of what it proves, so a changed key voids old cookies.
    return hashlib.sha256(secret_hash.encode()).hexdigest()[:24]


def remember_owner(ctx: Context) -> None:
    session.permanent = True
    session["owner"] = _fingerprint(ctx.owner_key)


def remember_workshop(store: WorkshopStore) -> None:
    session.permanent = True
    opened = dict(session.get("open", {}))
    opened[store.code] = _fingerprint(store.facilitator_key_hash())
    session["open"] = opened


def cookie_is_owner(ctx: Context) -> bool:
    return session.get("owner") == _fingerprint(ctx.owner_key)


def cookie_opens(ctx: Context, store: WorkshopStore) -> bool:
    if cookie_is_owner(ctx):
        return True
    return session.get("open", {}).get(store.code) == _fingerprint(store.facilitator_key_hash())


def is_owner(ctx: Context) -> bool:
    """Owner by the key on this request or by the cookie."""
    return access.is_owner_key(ctx, presented_key()) or cookie_is_owner(ctx)


def may_facilitate(ctx: Context, store: WorkshopStore) -> bool:
    """The key on this request or the cookie opens this workshop."""
    return access.opens(ctx, store, presented_key()) or cookie_opens(ctx, store)
