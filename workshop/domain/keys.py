"""Secrets: facilitator keys and attendee tokens, kept only as hashes."""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_secret() -> str:
    """A long random value, safe in a URL (192 bits)."""
    return secrets.token_urlsafe(24)


def hash_secret(secret: str) -> str:
    """What we store instead of the secret itself."""
    # surrogatepass: a forged secret that is not valid Unicode must match nothing, not crash.
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def matches(secret: str, stored_hash: str) -> bool:
    """Compare in constant time, so timing tells nothing about the stored hash."""
    return hmac.compare_digest(hash_secret(secret), stored_hash)
