"""Which secret opens what: the owner key opens everything, a facilitator key one workshop."""

from __future__ import annotations

import hmac

from ..domain import keys
from ..domain.errors import BadKey, Unauthorized
from ..store.workshops import WorkshopStore
from .context import Context


def is_owner_key(ctx: Context, key: str | None) -> bool:
    if not key:
        return False
    return hmac.compare_digest(key.encode("utf-8", "surrogatepass"), ctx.owner_key.encode("utf-8"))


def opens(ctx: Context, store: WorkshopStore, key: str | None) -> bool:
    """Whether `key` may steer this workshop."""
    if not key:
        return False
    return is_owner_key(ctx, key) or keys.matches(key, store.facilitator_key_hash())


def require_owner(ctx: Context, key: str | None) -> None:
    if not key:
        raise Unauthorized("This needs the owner key.", field="key")
    if not is_owner_key(ctx, key):
        raise BadKey("That is not the owner key.", field="key")


def require_key(ctx: Context, store: WorkshopStore, key: str | None) -> None:
    if not key:
        raise Unauthorized("This needs the facilitator key.", field="key")
    if not opens(ctx, store, key):
        raise BadKey("That key does not open this workshop.", field="key")
