"""The `cards` table of a workshop file."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..domain.entities import Card
from .handle import Handle, Row


class Cards:
    def __init__(self, handle: Handle) -> None:
        self._h = handle

    def all(self, *, group_id: int | None = None, include_hidden: bool = True) -> list[Card]:
        sql = "SELECT * FROM cards WHERE 1 = 1"
        params: list[Any] = []
        if group_id is not None:
            sql += " AND group_id = ?"
            params.append(group_id)
        if not include_hidden:
            sql += " AND hidden = 0"
        return [_card(r) for r in self._h.rows(sql + " ORDER BY id", params)]

    def get(self, card_id: int) -> Card | None:
        row = self._h.row("SELECT * FROM cards WHERE id = ?", [card_id])
        return _card(row) if row else None

    def insert_once(
        self, *, group_id: int, participant_id: int, kind: str, text: str, client_id: str
    ) -> tuple[Card, bool]:
        """Save a new card, or find the one this person already sent with `client_id`."""
        with self._h.atomic():
            existing = self._h.row(
                "SELECT * FROM cards WHERE participant_id = ? AND client_id = ?",
                [participant_id, client_id],
            )
            if existing is not None:
                return _card(existing), False
            row: Row = {
                "group_id": group_id,
                "participant_id": participant_id,
                "kind": kind,
                "text": text,
                "client_id": client_id,
                "created_at": self._h.clock(),
                "updated_at": None,
                "hidden": 0,
            }
            row["id"] = self._h.db["cards"].insert(row).last_pk
        return _card(row), True

    def update(self, card: Card, *, text: str, kind: str) -> Card:
        now = self._h.clock()
        self._h.execute(
            "UPDATE cards SET text = ?, kind = ?, updated_at = ? WHERE id = ?",
            [text, kind, now, card.id],
        )
        return replace(card, text=text, kind=kind, updated_at=now)

    def delete(self, card_id: int) -> None:
        self._h.execute("DELETE FROM cards WHERE id = ?", [card_id])

    def set_hidden(self, card: Card, hidden: bool) -> Card:
        self._h.execute("UPDATE cards SET hidden = ? WHERE id = ?", [int(hidden), card.id])
        return replace(card, hidden=hidden)

    def counts(self) -> dict[int, dict[str, int]]:
        """Visible cards per group and kind."""
        counts: dict[int, dict[str, int]] = {}
        rows = self._h.rows(
            "SELECT group_id, kind, COUNT(*) AS n FROM cards WHERE hidden = 0 GROUP BY group_id, kind"
        )
        for r in rows:
            counts.setdefault(r["group_id"], {})[r["kind"]] = r["n"]
        return counts

    def count(self) -> int:
        return self._h.scalar("SELECT COUNT(*) FROM cards")


def _card(r: Row) -> Card:
    return Card(
        id=r["id"],
        group_id=r["group_id"],
        participant_id=r["participant_id"],
        kind=r["kind"],
        text=r["text"],
        client_id=r["client_id"],
        created_at=r["created_at"],
        updated_at=r["updated_at"],
        hidden=bool(r["hidden"]),
    )
