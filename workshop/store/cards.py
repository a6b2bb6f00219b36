"""The `cards` table of a workshop file."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from ..domain.entities import Card
from .handle import Handle, Row

_COLUMNS = ("group_id", "participant_id", "kind", "text", "client_id", "created_at", "updated_at", "hidden")
_INSERT = f"INSERT INTO cards ({', '.join(_COLUMNS)}) VALUES ({', '.join(':' + c for c in _COLUMNS)})"


class Cards:
    def __init__(self, handle: Handle) -> None:
        self._h = handle
        # Visible cards per group and kind, sent to dashboards on every post: kept in memory,
        # counted up by new cards, recounted after any other change (rare).
        self._counts: dict[int, Counter[str]] | None = None
        handle.on_rollback(self._recount)

    def _recount(self) -> None:
        self._counts = None

    def all(self, *, group_id: int | None = None, include_hidden: bool = True) -> list[Card]:
        """Cards in posting order; cards merged into another are part of it, not listed."""
        sql = "SELECT * FROM cards WHERE merged_into IS NULL"
        params: list[Any] = []
        if group_id is not None:
            sql += " AND group_id = ?"
            params.append(group_id)
        if not include_hidden:
            sql += " AND hidden = 0"
        return [_card(r) for r in self._h.rows(sql + " ORDER BY id", params)]

    def themed(self, theme_id: int | None = None) -> list[tuple[int, int]]:
        """(card id, theme id) of the shown cards that sit in a theme (or in `theme_id`): what a
        theme's total needs, without reading every card."""
        sql = (
            "SELECT id, theme_id FROM cards WHERE merged_into IS NULL AND hidden = 0 AND theme_id IS NOT NULL"
        )
        params: list[Any] = []
        if theme_id is not None:
            sql += " AND theme_id = ?"
            params.append(theme_id)
        return [(r["id"], r["theme_id"]) for r in self._h.rows(sql, params)]

    def get(self, card_id: int) -> Card | None:
        row = self._h.row("SELECT * FROM cards WHERE id = ?", [card_id])
        return _card(row) if row else None

    def by_client_id(self, participant_id: int, client_id: str) -> Card | None:
        row = self._h.row(
            "SELECT * FROM cards WHERE participant_id = ? AND client_id = ?", [participant_id, client_id]
        )
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
            # A plain INSERT: sqlite-utils' insert() inspects the table first, which the hot path
            # of a room posting at once can do without.
            row["id"] = self._h.db.execute(_INSERT, row).lastrowid
            if self._counts is not None:
                self._counts.setdefault(group_id, Counter())[kind] += 1
        return _card(row), True

    def update(self, card: Card, *, text: str, kind: str) -> Card:
        self._recount()
        now = self._h.clock()
        self._h.execute(
            "UPDATE cards SET text = ?, kind = ?, updated_at = ? WHERE id = ?",
            [text, kind, now, card.id],
        )
        return replace(card, text=text, kind=kind, updated_at=now)

    def delete(self, card_id: int) -> list[Card]:
        """Gone with its dots. Cards merged into it are other people's words: they come back
        as cards of their own, and are returned so they can be announced."""
        self._recount()
        with self._h.atomic():
            restored = [
                _card(r) for r in self._h.rows("SELECT * FROM cards WHERE merged_into = ?", [card_id])
            ]
            self._h.db.execute("UPDATE cards SET merged_into = NULL WHERE merged_into = ?", [card_id])
            self._h.db.execute("DELETE FROM votes WHERE card_id = ?", [card_id])
            self._h.db.execute("DELETE FROM cards WHERE id = ?", [card_id])
        return [replace(c, merged_into=None) for c in restored]

    def set_hidden(self, card: Card, hidden: bool) -> Card:
        self._recount()
        self._h.execute("UPDATE cards SET hidden = ? WHERE id = ?", [int(hidden), card.id])
        return replace(card, hidden=hidden)

    def counts(self) -> dict[int, dict[str, int]]:
        """Visible cards per group and kind."""
        if self._counts is None:
            self._counts = {gid: Counter(kinds) for gid, kinds in self._count_all().items()}
        return {gid: dict(kinds) for gid, kinds in self._counts.items() if kinds}

    def _count_all(self) -> dict[int, dict[str, int]]:
        counts: dict[int, dict[str, int]] = {}
        rows = self._h.rows(
            "SELECT group_id, kind, COUNT(*) AS n FROM cards WHERE hidden = 0 AND merged_into IS NULL "
            "GROUP BY group_id, kind"
        )
        for r in rows:
            counts.setdefault(r["group_id"], {})[r["kind"]] = r["n"]
        return counts

    def set_theme(self, card: Card, theme_id: int | None) -> Card:
        self._h.execute("UPDATE cards SET theme_id = ? WHERE id = ?", [theme_id, card.id])
        return replace(card, theme_id=theme_id)

    def correct(self, card: Card, text: str) -> Card:
        """The facilitator's correction; the first original text is kept."""
        original = card.original_text if card.original_text is not None else card.text
        now = self._h.clock()
        self._h.execute(
            "UPDATE cards SET text = ?, original_text = ?, updated_at = ? WHERE id = ?",
            [text, original, now, card.id],
        )
        return replace(card, text=text, original_text=original, updated_at=now)

    def move(self, card: Card, group_id: int) -> Card:
        """To another group: it leaves its theme, and its votes (cast by the old group) go."""
        self._recount()
        with self._h.atomic():
            self._h.db.execute(
                "UPDATE cards SET group_id = ?, theme_id = NULL WHERE id = ? OR merged_into = ?",
                [group_id, card.id, card.id],
            )
            self._h.db.execute("DELETE FROM votes WHERE card_id = ?", [card.id])
        return replace(card, group_id=group_id, theme_id=None)

    def merge(self, into: Card, others: list[Card]) -> None:
        """Fold `others` into `into`: they stay in the file, listed under it, and their dots move."""
        self._recount()
        ids = [c.id for c in others]
        marks = ",".join("?" * len(ids))
        with self._h.atomic():
            # Cards already merged into one of these follow them into the new card.
            self._h.db.execute(
                f"UPDATE cards SET merged_into = ? WHERE id IN ({marks}) OR merged_into IN ({marks})",
                [into.id, *ids, *ids],
            )
            self._h.db.execute(f"UPDATE votes SET card_id = ? WHERE card_id IN ({marks})", [into.id, *ids])

    def merged_into(self, card_ids: list[int] | None = None) -> dict[int, list[Card]]:
        """Cards folded into others, by the id of the card that holds them."""
        rows = self._h.rows("SELECT * FROM cards WHERE merged_into IS NOT NULL ORDER BY id")
        found: dict[int, list[Card]] = {}
        for r in rows:
            if card_ids is None or r["merged_into"] in card_ids:
                found.setdefault(r["merged_into"], []).append(_card(r))
        return found

    def counts_in(self, group_id: int) -> dict[str, int]:
        """Visible cards of one group, per kind."""
        return self.counts().get(group_id, {})

    def count(self) -> int:
        return self._h.scalar("SELECT COUNT(*) FROM cards")

    def count_by(self, participant_id: int) -> int:
        """Cards one person has posted (merged ones included: they were posted)."""
        return self._h.scalar("SELECT COUNT(*) FROM cards WHERE participant_id = ?", [participant_id])


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
        theme_id=r.get("theme_id"),
        merged_into=r.get("merged_into"),
        original_text=r.get("original_text"),
    )
