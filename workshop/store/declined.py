"""The `declined_suggestions` table of a workshop file: which sets of cards are not a theme."""

from __future__ import annotations

from .handle import Handle


class DeclinedSuggestions:
    def __init__(self, handle: Handle) -> None:
        self._h = handle

    def add(self, group_id: int, card_ids: tuple[int, ...]) -> None:
        """Remember a declined set (declining the same set again changes nothing)."""
        self._h.execute(
            "INSERT OR IGNORE INTO declined_suggestions (group_id, card_ids, declined_at) VALUES (?, ?, ?)",
            [group_id, _text(card_ids), self._h.clock()],
        )

    def sets(self, group_id: int) -> set[tuple[int, ...]]:
        """Every set of cards declined in a group, each sorted."""
        rows = self._h.rows("SELECT card_ids FROM declined_suggestions WHERE group_id = ?", [group_id])
        return {tuple(int(i) for i in r["card_ids"].split(",")) for r in rows}


def _text(card_ids: tuple[int, ...]) -> str:
    return ",".join(str(i) for i in sorted(card_ids))
