"""The `groups` table of a workshop file."""

from __future__ import annotations

from dataclasses import replace

from ..domain.entities import Group
from .handle import Handle, Row


class Groups:
    def __init__(self, handle: Handle) -> None:
        self._h = handle

    def all(self) -> list[Group]:
        return [_group(r) for r in self._h.rows("SELECT * FROM groups ORDER BY position, id")]

    def get(self, group_id: int) -> Group | None:
        row = self._h.row("SELECT * FROM groups WHERE id = ?", [group_id])
        return _group(row) if row else None

    def add(self, name: str) -> Group:
        with self._h.atomic():
            position = self._h.scalar("SELECT COALESCE(MAX(position), -1) + 1 FROM groups")
            table = self._h.db["groups"].insert(
                {"name": name, "position": position, "created_at": self._h.clock()}
            )
        return Group(id=table.last_pk, name=name, position=position)

    def rename(self, group: Group, name: str) -> Group:
        self._h.execute("UPDATE groups SET name = ? WHERE id = ?", [name, group.id])
        return replace(group, name=name)

    def set_locked(self, group: Group, locked: bool) -> Group:
        self._h.execute("UPDATE groups SET locked = ? WHERE id = ?", [int(locked), group.id])
        return replace(group, locked=locked)

    def set_size_limit(self, group: Group, size_limit: int | None) -> Group:
        self._h.execute("UPDATE groups SET size_limit = ? WHERE id = ?", [size_limit, group.id])
        return replace(group, size_limit=size_limit)

    def sizes(self) -> dict[int, int]:
        """People per group (removed people not counted), every group listed, empty ones as 0."""
        rows = self._h.rows(
            "SELECT g.id AS id, COUNT(p.id) AS n FROM groups g "
            "LEFT JOIN participants p ON p.group_id = g.id AND p.removed = 0 GROUP BY g.id"
        )
        return {r["id"]: r["n"] for r in rows}

    def count(self) -> int:
        return self._h.scalar("SELECT COUNT(*) FROM groups")


def _group(r: Row) -> Group:
    return Group(
        id=r["id"],
        name=r["name"],
        position=r["position"],
        locked=bool(r["locked"]),
        size_limit=r["size_limit"],
    )
