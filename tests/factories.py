"""Builders for tests: defaults everywhere, so a test states only what matters."""

from __future__ import annotations

import itertools
import random
from pathlib import Path
from typing import Any

from workshop.config import Settings
from workshop.domain.commands import CreateWorkshop, Join
from workshop.service import catalogue, joining, setup
from workshop.service.actors import ATTENDEE, FACILITATOR, Actor
from workshop.service.context import Context
from workshop.store.files import WorkshopFiles
from workshop.store.workshops import WorkshopStore

OWNER_KEY = "owner-key-for-tests"
PUBLIC_URL = "http://workshop.test:5000"
_names = itertools.count(1)


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def tick(self, seconds: float = 1.0) -> None:
        self.now += seconds


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    defaults: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": 5000,
        "data_dir": data_dir,
        "owner_key": OWNER_KEY,
        "public_url": PUBLIC_URL,
        "synchronous": "NORMAL",
        "async_mode": "threading",
        # Test clients all join from one address; tests of the join limit pass their own.
        "join_rates": ("100000/minute",),
    }
    return Settings(**{**defaults, **overrides})


def make_context(data_dir: Path, *, clock: FakeClock | None = None, seed: int = 7) -> Context:
    files = WorkshopFiles(data_dir, clock=clock or FakeClock(), synchronous="NORMAL")
    return Context(files=files, owner_key=OWNER_KEY, public_url=PUBLIC_URL, rng=random.Random(seed))


def setup_payload(**overrides: Any) -> dict[str, Any]:
    """A valid `POST /api/workshops` body."""
    return {
        "title": "Launch event",
        "question": "What holds your organisation back?",
        "groups": ["Finance", "Design"],
        **overrides,
    }


def make_workshop(ctx: Context, **overrides: Any) -> tuple[WorkshopStore, str]:
    """A new workshop; returns its store and facilitator key."""
    created = setup.create_workshop(ctx, CreateWorkshop(**setup_payload(**overrides)))
    return ctx.store(created.code), created.facilitator_key


def join_as(
    ctx: Context, store: WorkshopStore, *, name: str | None = None, group: int | None = None, **extra: Any
) -> Actor:
    """A joined attendee, as their connection's actor."""
    actor = Actor(code=store.code, role=ATTENDEE)
    joined, _ = joining.join(
        ctx,
        store,
        actor,
        Join(name=name if name is not None else f"Person {next(_names)}", group=group, **extra),
    )
    return joined


def send(ctx: Context, store: WorkshopStore, actor: Actor, event: str, cmd: Any) -> Any:
    """`event` as a client sends it: checked by the catalogue (who, when), then its use case."""
    return catalogue.run(ctx, store, actor, catalogue.BY_NAME[event], cmd)


def edge(use_case: Any) -> Any:
    """`use_case` as a client reaches it, through its row of the catalogue (the one whose
    further arguments are those given), so that who may send it and when is checked first."""

    def through_the_catalogue(ctx: Context, store: WorkshopStore, actor: Actor, cmd: Any, *extra: Any) -> Any:
        event = next(e for e in catalogue.EVENTS if e.use_case is use_case and e.extra == extra)
        return catalogue.run(ctx, store, actor, event, cmd)

    return through_the_catalogue


def facilitator(store: WorkshopStore) -> Actor:
    return Actor(code=store.code, role=FACILITATOR)


def card_payload(**overrides: Any) -> dict[str, Any]:
    return {"kind": "challenge", "text": "Data silos", "client_id": f"c-{next(_names)}", **overrides}
