"""The `groups` table of a workshop file."""

from __future__ import annotations

from dataclasses import replace

from ..domain.entities import Group
from .handle import Handle, Row


class Groups:
    """Groups change rarely and are read on every join and state: they are kept in memory,
    in step with every write to the table (this process is the file's only writer)."""

    def __init__(self, handle: Handle) -> None:
        self._h = handle
        self._cached: tuple[Group, ...] | None = None
        handle.on_rollback(self._changed)

    def all(self) -> list[Group]:
        return list(self.snapshot())

    def snapshot(self) -> tuple[Group, ...]:
        """Every group; the same tuple until the groups change, so callers may key on it."""
        if self._cached is None:
            rows = self._h.rows("SELECT * FROM groups ORDER BY position, id")
            self._cached = tuple(_group(r) for r in rows)
        return self._cached

    def get(self, group_id: int) -> Group | None:
        return next((g for g in self.all() if g.id == group_id), None)

    def _changed(self) -> None:
        self._cached = None

    def add(self, name: str) -> Group:
        with self._h.atomic():
            position = self._h.scalar("SELECT COALESCE(MAX(position), -1) + 1 FROM groups")
            table = self._h.db["groups"].insert(
                {"name": name, "position": position, "created_at": self._h.clock()}
            )
        self._changed()
        return Group(id=table.last_pk, name=name, position=position)

    def rename(self, group: Group, name: str) -> Group:
        self._h.execute("UPDATE groups SET name = ? WHERE id = ?", [name, group.id])
        self._changed()
        return replace(group, name=name)

    def set_locked(self, group: Group, locked: bool) -> Group:
        self._h.execute("UPDATE groups SET locked = ? WHERE id = ?", [int(locked), group.id])
        self._changed()
        return replace(group, locked=locked)

    def set_size_limit(self, group: Group, size_limit: int | None) -> Group:
        self._h.execute("UPDATE groups SET size_limit = ? WHERE id = ?", [size_limit, group.id])
        self._changed()
        return replace(group, size_limit=size_limit)

    def count(self) -> int:
        return len(self.all())


def _group(r: Row) -> Group:
    return Group(
        id=r["id"],
        name=r["name"],
        position=r["position"],
        locked=bool(r["locked"]),
        size_limit=r["size_limit"],
    )
