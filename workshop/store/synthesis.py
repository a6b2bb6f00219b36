"""The `synthesis_decisions` table of a workshop file: alike lines merged or declined."""

from __future__ import annotations

from .handle import Handle

MERGED, DECLINED = "merged", "declined"


class SynthesisDecisions:
    def __init__(self, handle: Handle) -> None:
        self._h = handle

    def decide(self, keys: tuple[str, ...], decision: str, name: str = "") -> None:
        """Merge or decline a set of lines; a later decision on the same set replaces it."""
        self._h.execute(
            "INSERT OR REPLACE INTO synthesis_decisions (keys, decision, name, decided_at)"
            " VALUES (?, ?, ?, ?)",
            [",".join(sorted(keys)), decision, name, self._h.clock()],
        )

    def decided(self) -> set[tuple[str, ...]]:
        """Every set of lines decided on, merged or declined."""
        return {tuple(r["keys"].split(",")) for r in self._h.rows("SELECT keys FROM synthesis_decisions")}

    def merged(self) -> list[tuple[tuple[str, ...], str]]:
        """The merged sets with their names, in the order they were merged."""
        rows = self._h.rows(
            "SELECT keys, name FROM synthesis_decisions WHERE decision = ? ORDER BY id", [MERGED]
        )
        return [(tuple(r["keys"].split(",")), r["name"]) for r in rows]
