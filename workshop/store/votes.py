"""The `votes` table of a workshop file: one row per dot."""

from __future__ import annotations

from ..domain.entities import Vote
from .handle import Handle, Row

Tally = dict[str, dict[int, int]]


class Votes:
    def __init__(self, handle: Handle) -> None:
        self._h = handle

    def by_client_id(self, participant_id: int, client_id: str) -> Vote | None:
        row = self._h.row(
            "SELECT * FROM votes WHERE participant_id = ? AND client_id = ?", [participant_id, client_id]
        )
        return _vote(row) if row else None

    def used(self, participant_id: int) -> int:
        return self._h.scalar("SELECT COUNT(*) FROM votes WHERE participant_id = ?", [participant_id])

    def on_item(self, participant_id: int, column: str, item_id: int) -> int:
        return self._h.scalar(
            f"SELECT COUNT(*) FROM votes WHERE participant_id = ? AND {_column(column)} = ?",
            [participant_id, item_id],
        )

    def count_on(self, column: str, item_id: int) -> int:
        """Everyone's dots on one card or theme."""
        return self._h.scalar(f"SELECT COUNT(*) FROM votes WHERE {_column(column)} = ?", [item_id])

    def add(self, participant_id: int, column: str, item_id: int, client_id: str) -> Vote:
        row: Row = {
            "participant_id": participant_id,
            "card_id": item_id if column == "card" else None,
            "theme_id": item_id if column == "theme" else None,
            "client_id": client_id,
            "created_at": self._h.clock(),
        }
        with self._h.atomic():
            row["id"] = self._h.db.execute(
                "INSERT INTO votes (participant_id, card_id, theme_id, client_id, created_at)"
                " VALUES (:participant_id, :card_id, :theme_id, :client_id, :created_at)",
                row,
            ).lastrowid
        return _vote(row)

    def retract(self, participant_id: int, column: str, item_id: int) -> bool:
        """Take back this person's latest dot on the item; False when there was none."""
        with self._h.atomic():
            latest = self._h.scalar(
                f"SELECT MAX(id) FROM votes WHERE participant_id = ? AND {_column(column)} = ?",
                [participant_id, item_id],
            )
            if latest is None:
                return False
            self._h.db.execute("DELETE FROM votes WHERE id = ?", [latest])
        return True

    def tallies(self, *, participant_id: int | None = None) -> Tally:
        """Dots per card and per theme, for everyone or for one person."""
        where, params = (
            ("WHERE participant_id = ?", [participant_id]) if participant_id is not None else ("", [])
        )
        result: Tally = {"cards": {}, "themes": {}}
        for r in self._h.rows(
            f"SELECT card_id, theme_id, COUNT(*) AS n FROM votes {where} GROUP BY card_id, theme_id", params
        ):
            if r["card_id"] is not None:
                result["cards"][r["card_id"]] = r["n"]
            elif r["theme_id"] is not None:
                result["themes"][r["theme_id"]] = r["n"]
        return result

    def placed_per_group(self) -> dict[int, dict[int, int]]:
        """For each group, how many of its people (removed ones left out) have placed how many
        dots: {group_id: {dots: people}}. One grouped query over the votes' covering index:
        it runs for a whole vote burst, so never a query per person."""
        result: dict[int, dict[int, int]] = {}
        for r in self._h.rows(
            "SELECT p.group_id AS group_id, v.n AS dots, COUNT(*) AS people"
            " FROM (SELECT participant_id, COUNT(*) AS n FROM votes GROUP BY participant_id) AS v"
            " JOIN participants AS p ON p.id = v.participant_id"
            " WHERE p.removed = 0 GROUP BY p.group_id, v.n"
        ):
            result.setdefault(r["group_id"], {})[r["dots"]] = r["people"]
        return result

    def all(self) -> list[Vote]:
        return [_vote(r) for r in self._h.rows("SELECT * FROM votes ORDER BY id")]

    def count(self) -> int:
        return self._h.scalar("SELECT COUNT(*) FROM votes")


def _column(kind: str) -> str:
    # Never interpolate input: the column comes from a fixed pair.
    return {"card": "card_id", "theme": "theme_id"}[kind]


def _vote(r: Row) -> Vote:
    return Vote(r["id"], r["participant_id"], r["card_id"], r["theme_id"], r["client_id"], r["created_at"])
