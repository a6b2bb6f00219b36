"""What every use case needs besides its store: the files, presence, randomness, links."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..domain.errors import UnknownWorkshop
from ..store.files import WorkshopFiles
from ..store.workshops import WorkshopStore
from .arrivals import Arrivals
from .presence import Presence


@dataclass
class Context:
    files: WorkshopFiles
    owner_key: str
    public_url: str  # what phones open, e.g. http://192.168.1.23:5000
    rng: random.Random = field(default_factory=random.SystemRandom)
    presence: Presence = field(default_factory=Presence)
    arrivals: Arrivals = field(default_factory=Arrivals)  # where new people joined from, in memory
    # Runs a long pure computation (theme suggestions) and returns its result: eventlet's
    # thread pool when serving, so the hub keeps answering; in place in tests.
    offload: Callable[..., Any] = field(default=lambda fn, *args: fn(*args))

    def store(self, code: str) -> WorkshopStore:
        """The open store of a workshop, or `unknown_workshop`."""
        store = self.files.get(code)
        if store is None:
            raise UnknownWorkshop(f"No workshop has the code {code!r}.", field="code")
        return store

    def join_url(self, code: str) -> str:
        return f"{self.public_url}/j/{code}"
