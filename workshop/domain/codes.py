"""Join codes: short, typed by hand on a phone, so no look-alike characters."""

from __future__ import annotations

import random
import re

# No 0/O, 1/I/L: people copy the code from a projector across a room.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 6
_CODE_RE = re.compile(f"^[{ALPHABET}]{{{LENGTH}}}$")


def new_code(rng: random.Random) -> str:
    """A fresh random join code."""
    return "".join(rng.choice(ALPHABET) for _ in range(LENGTH))


def normalize(raw: str) -> str | None:
    """The canonical form of a typed code, or None when it cannot be a code."""
    code = raw.strip().upper().replace(" ", "").replace("-", "")
    return code if _CODE_RE.match(code) else None
