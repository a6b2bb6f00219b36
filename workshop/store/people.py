"""The `participants` table of a workshop file."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..domain.entities import Participant
from .handle import Handle, Row


class People:
    def __init__(self, handle: Handle) -> None:
        self._h = handle
        handle.on_rollback(self._forget)
        # People per group, read on every join (balanced assignment): kept in step with writes.
        self._sizes: Counter[int] | None = None
        # People by id, read on every card and vote (who is acting): kept once read.
        self._known: dict[int, Participant] = {}

    def _forget(self) -> None:
        self._sizes = None
        self._known.clear()

    def group_sizes(self) -> Counter[int]:
        """People in each group that has any, removed people not counted."""
        if self._sizes is None:
            rows = self._h.rows(
                "SELECT group_id, COUNT(*) AS n FROM participants WHERE removed = 0 GROUP BY group_id"
            )
            self._sizes = Counter({r["group_id"]: r["n"] for r in rows})
        return Counter(self._sizes)

    def all(self) -> list[Participant]:
        return [_participant(r) for r in self._h.rows("SELECT * FROM participants ORDER BY id")]

    def by_ids(self, ids: set[int]) -> dict[int, Participant]:
        """Some people by id (the authors of the cards in view), not the whole room."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._h.rows(f"SELECT * FROM participants WHERE id IN ({marks})", sorted(ids))
        return {r["id"]: _participant(r) for r in rows}

    def get(self, participant_id: int) -> Participant | None:
        known = self._known.get(participant_id)
        if known is not None:
            return known
        row = self._h.row("SELECT * FROM participants WHERE id = ?", [participant_id])
        if row is None:
            return None
        self._known[participant_id] = person = _participant(row)
        return person

    def by_token_hash(self, token_hash: str) -> Participant | None:
        row = self._h.row("SELECT * FROM participants WHERE token_hash = ?", [token_hash])
        return _participant(row) if row else None

    def add(
        self,
        *,
        name: str | None,
        organisation: str | None,
        group_id: int,
        token_hash: str,
        browser_hash: str | None = None,
    ) -> Participant:
        now = self._h.clock()
        with self._h.atomic():
            # A plain INSERT: sqlite-utils' insert() inspects the table on every call.
            new_id = self._h.db.execute(
                "INSERT INTO participants (name, organisation, group_id, token_hash, joined_at, browser_hash)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [name, organisation, group_id, token_hash, now, browser_hash],
            ).lastrowid
        if self._sizes is not None:
            self._sizes[group_id] += 1
        person = Participant(new_id, name, organisation, group_id, now)
        self._known[person.id] = person
        return person

    def move(self, participant: Participant, group_id: int) -> Participant:
        self._h.execute("UPDATE participants SET group_id = ? WHERE id = ?", [group_id, participant.id])
        self._sizes = None
        self._known.pop(participant.id, None)
        return replace(participant, group_id=group_id)

    def remove(self, participant: Participant) -> Participant:
        """Out of the workshop: their token stops working, their cards stay theirs."""
        self._h.execute("UPDATE participants SET removed = 1 WHERE id = ?", [participant.id])
        self._sizes = None
        self._known.pop(participant.id, None)
        return replace(participant, removed=True)

    def remove_many(self, participant_ids: list[int]) -> None:
        """Several people out at once, in one transaction."""
        with self._h.atomic():
            self._h.db.conn.executemany(
                "UPDATE participants SET removed = 1 WHERE id = ?", [(pid,) for pid in participant_ids]
            )
        self._forget()

    def readmit(self, participant: Participant) -> Participant:
        """Back in: their token works again, and their browser may join."""
        self._h.execute("UPDATE participants SET removed = 0 WHERE id = ?", [participant.id])
        self._sizes = None
        self._known.pop(participant.id, None)
        return replace(participant, removed=False)

    def browser_barred(self, browser_hash: str) -> bool:
        """Whether a person who joined from this browser has been removed (and not readmitted)."""
        row = self._h.row(
            "SELECT 1 AS barred FROM participants WHERE browser_hash = ? AND removed = 1 LIMIT 1",
            [browser_hash],
        )
        return row is not None

    def recent_silent(self, since: float, *, silent_only: bool) -> list[int]:
        """People still in who joined at `since` or later; with `silent_only`, those who have
        posted no card (hidden or not) and cast no dot."""
        silent = (
            " AND NOT EXISTS (SELECT 1 FROM cards c WHERE c.participant_id = p.id)"
            " AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.participant_id = p.id)"
            if silent_only
            else ""
        )
        rows = self._h.rows(
            f"SELECT p.id FROM participants p WHERE p.removed = 0 AND p.joined_at >= ?{silent} ORDER BY p.id",
            [since],
        )
        return [r["id"] for r in rows]

    def move_many(self, moves: dict[int, int]) -> None:
        """Several people to new groups, in one transaction."""
        with self._h.atomic():
            self._h.db.conn.executemany(
                "UPDATE participants SET group_id = ? WHERE id = ?", [(g, p) for p, g in moves.items()]
            )
        self._forget()

    def count_in(self, group_id: int) -> int:
        return self._h.scalar(
            "SELECT COUNT(*) FROM participants WHERE group_id = ? AND removed = 0", [group_id]
        )

    def count(self) -> int:
        """People in the workshop, removed ones not counted: the sum of the per-group counts
        kept in memory (a `COUNT(*)`, twice per join, scanned the whole room every time)."""
        return sum(self.group_sizes().values())


def _participant(r: Row) -> Participant:
    return Participant(
        r["id"], r["name"], r["organisation"], r["group_id"], r["joined_at"], removed=bool(r["removed"])
    )
