"""One workshop's file as a whole: its set-up row and its tables."""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, replace
from typing import Any

import sqlite_utils

from ..domain import phases
from ..domain.entities import Kind, Workshop
from ..domain.phases import Phase
from ..domain.ranking import Cursor
from ..domain.settings import Settings
from ..domain.spotlight import Spotlight
from ..domain.timer import Timer, for_phase
from . import schema
from .cards import Cards
from .groups import Groups
from .handle import WRITES_INLINE, Clock, Handle, Writes
from .people import People
from .themes import Themes
from .votes import Votes


@dataclass(frozen=True)
class Live:
    """What changes while a workshop runs: where in the agenda, the timer, the switches."""

    phase_index: int
    agenda: tuple[Phase, ...]
    timer: Timer
    settings: Settings
    report: Cursor
    spotlight: Spotlight | None = None

    @property
    def phase(self) -> Phase:
        return self.agenda[min(self.phase_index, len(self.agenda) - 1)]

    @property
    def closed(self) -> bool:
        return phases.is_closed(self.phase, self.settings.closed)


class WorkshopStore:
    """The open file of one workshop. Every write is committed before it returns."""

    def __init__(self, db: sqlite_utils.Database, clock: Clock, writes: Writes = WRITES_INLINE) -> None:
        schema.migrate(db)
        self.handle = Handle(db, clock, writes)
        self.clock = clock
        self.groups = Groups(self.handle)
        self.people = People(self.handle)
        self.cards = Cards(self.handle)
        self.themes = Themes(self.handle)
        self.votes = Votes(self.handle)
        self._workshop: Workshop | None = None
        self._live: Live | None = None
        self.handle.on_rollback(self._forget_live)

    @property
    def code(self) -> str:
        return self.workshop().code

    def atomic(self) -> AbstractContextManager[None]:
        """Group several writes into one transaction."""
        return self.handle.atomic()

    def init_workshop(
        self,
        workshop: Workshop,
        facilitator_key_hash: str,
        agenda: tuple[Phase, ...] = phases.TEMPLATES[phases.DEFAULT_TEMPLATE],
        settings: Settings = Settings(),  # noqa: B008 - frozen, so sharing the default is safe
    ) -> None:
        """Write the set-up row of a new workshop."""
        live = Live(0, agenda, for_phase(agenda[0].minutes), settings, Cursor())
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
                    **_live_columns(live),
                }
            )
        self._live = live

    def workshop(self) -> Workshop:
        """The set-up, read once and then kept in step with `save_setup`: the same object
        until it changes, so callers may key on it."""
        if self._workshop is None:
            self._workshop = self.stored_workshop()
        return self._workshop

    def stored_workshop(self) -> Workshop:
        """The set-up as the file has it now, not kept: for a reader in another process than
        the one running the workshop (the owner's list, with several)."""
        row = self.handle.row("SELECT * FROM workshop WHERE id = 1")
        if row is None:
            raise LookupError("this file has no workshop set-up row")
        return Workshop(
            code=row["code"],
            title=row["title"],
            question=row["question"],
            kinds=tuple(Kind(k["id"], k["label"]) for k in json.loads(row["kinds"])),
            assignment=row["assignment"],
            allow_anonymous=bool(row["allow_anonymous"]),
            created_at=row["created_at"],
        )

    def save_setup(self, workshop: Workshop) -> Workshop:
        """Change the title, question and kinds' labels while the workshop runs (nothing else
        of the set-up changes): committed, then kept."""
        kinds = json.dumps([{"id": k.id, "label": k.label} for k in workshop.kinds])
        self.handle.execute(
            "UPDATE workshop SET title = ?, question = ?, kinds = ? WHERE id = 1",
            [workshop.title, workshop.question, kinds],
        )
        self._workshop = workshop
        return workshop

    def live(self) -> Live:
        """The running state, read once and then kept in step with every write: the same
        object until it changes, so callers may key on it."""
        if self._live is None:
            self._live = self.stored_live()
        return self._live

    def stored_live(self) -> Live:
        """The running state as the file has it now, not kept: for a reader in another
        process than the one running the workshop (the owner's list, with several)."""
        row = self.handle.row(
            "SELECT phase_index, agenda, timer, settings, report, spotlight FROM workshop WHERE id = 1"
        )
        if row is None:
            raise LookupError("this file has no workshop set-up row")
        saved = json.loads(row["agenda"]) if row["agenda"] else None
        # A file from before agendas existed runs the default agenda.
        agenda = tuple(Phase(**p) for p in saved) if saved else phases.TEMPLATES[phases.DEFAULT_TEMPLATE]
        return Live(
            phase_index=row["phase_index"],
            agenda=agenda,
            timer=Timer(**json.loads(row["timer"])) if row["timer"] else for_phase(None),
            settings=Settings(**json.loads(row["settings"])) if row["settings"] else Settings(),
            report=Cursor(**json.loads(row["report"])) if row["report"] else Cursor(),
            spotlight=Spotlight(**json.loads(row["spotlight"])) if row["spotlight"] else None,
        )

    def _forget_live(self) -> None:
        # A failed transaction may have saved a running state (or set-up) that is no longer true.
        self._live = None
        self._workshop = None

    def save_live(self, **changes: Any) -> Live:
        """Change the running state: committed, then kept."""
        before = self.live()
        live = replace(before, **changes)
        columns = _live_columns(live)
        if live.closed != before.closed:
            # Closing (by the switch or a closed phase) starts the retention clock; reopening stops it.
            columns["closed_at"] = self.clock() if live.closed else None
        assignments = ", ".join(f"{name} = ?" for name in columns)
        self.handle.execute(f"UPDATE workshop SET {assignments} WHERE id = 1", list(columns.values()))
        self._live = live
        return live

    def group_sizes(self) -> dict[int, int]:
        """People per group (removed people not counted), every group listed, empty ones as 0."""
        sizes = self.people.group_sizes()
        return {g.id: sizes.get(g.id, 0) for g in self.groups.all()}

    def closed_at(self) -> float | None:
        """When the workshop was last closed; None while it is open (or closed by an older
        version, which did not record it)."""
        return self.handle.scalar("SELECT closed_at FROM workshop WHERE id = 1")

    def set_closed_at(self, when: float | None) -> None:
        self.handle.execute("UPDATE workshop SET closed_at = ? WHERE id = 1", [when])

    def facilitator_key_hash(self) -> str:
        return self.handle.scalar("SELECT facilitator_key_hash FROM workshop WHERE id = 1")

    def close(self) -> None:
        self.handle.close()


def _live_columns(live: Live) -> dict[str, Any]:
    return {
        "phase_index": live.phase_index,
        "agenda": json.dumps([asdict(p) for p in live.agenda]),
        "timer": json.dumps(asdict(live.timer)),
        "settings": json.dumps(asdict(live.settings)),
        "report": json.dumps(asdict(live.report)),
        "spotlight": json.dumps(asdict(live.spotlight)) if live.spotlight else None,
    }
