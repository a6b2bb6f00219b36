"""One workshop's file as a whole: its set-up row and its tables."""

from __future__ import annotations

import json
from contextlib import AbstractContextManager

import sqlite_utils

from ..domain.entities import Kind, Workshop
from . import schema
from .cards import Cards
from .groups import Groups
from .handle import Clock, Handle
from .people import People


class WorkshopStore:
    """The open file of one workshop. Every write is committed before it returns."""

    def __init__(self, db: sqlite_utils.Database, clock: Clock) -> None:
        schema.migrate(db)
        self.handle = Handle(db, clock)
        self.clock = clock
        self.groups = Groups(self.handle)
        self.people = People(self.handle)
        self.cards = Cards(self.handle)
        self._workshop: Workshop | None = None

    @property
    def code(self) -> str:
        return self.workshop().code

    def atomic(self) -> AbstractContextManager[None]:
        """Group several writes into one transaction."""
        return self.handle.atomic()

    def init_workshop(self, workshop: Workshop, facilitator_key_hash: str) -> None:
        """Write the set-up row of a new workshop."""
        with self.handle.atomic():
            self.handle.db["workshop"].insert(
                {
                    "id": 1,
                    "code": workshop.code,
                    "title": workshop.title,
                    "question": workshop.question,
                    "kinds": json.dumps([{"id": k.id, "label": k.label} for k in workshop.kinds]),
                    "assignment": workshop.assignment,
                    "allow_anonymous": int(workshop.allow_anonymous),
                    "facilitator_key_hash": facilitator_key_hash,
                    "created_at": workshop.created_at,
                }
            )

    def workshop(self) -> Workshop:
        """The set-up, read once and kept: it does not change during a workshop."""
        if self._workshop is None:
            row = self.handle.row("SELECT * FROM workshop WHERE id = 1")
            if row is None:
                raise LookupError("this file has no workshop set-up row")
            self._workshop = Workshop(
                code=row["code"],
                title=row["title"],
                question=row["question"],
                kinds=tuple(Kind(k["id"], k["label"]) for k in json.loads(row["kinds"])),
                assignment=row["assignment"],
                allow_anonymous=bool(row["allow_anonymous"]),
                created_at=row["created_at"],
            )
        return self._workshop

    def facilitator_key_hash(self) -> str:
        return self.handle.scalar("SELECT facilitator_key_hash FROM workshop WHERE id = 1")

    def close(self) -> None:
        self.handle.close()
