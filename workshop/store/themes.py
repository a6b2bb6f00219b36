"""The `themes` table of a workshop file."""

from __future__ import annotations

from dataclasses import replace

from ..domain.entities import Theme
from .handle import Handle, Row


class Themes:
    def __init__(self, handle: Handle) -> None:
        self._h = handle

    def all(self, *, group_id: int | None = None) -> list[Theme]:
        if group_id is None:
            rows = self._h.rows("SELECT * FROM themes ORDER BY id")
        else:
            rows = self._h.rows("SELECT * FROM themes WHERE group_id = ? ORDER BY id", [group_id])
        return [_theme(r) for r in rows]

    def get(self, theme_id: int) -> Theme | None:
        row = self._h.row("SELECT * FROM themes WHERE id = ?", [theme_id])
        return _theme(row) if row else None

    def add(self, group_id: int, name: str) -> Theme:
        now = self._h.clock()
        with self._h.atomic():
            table = self._h.db["themes"].insert({"group_id": group_id, "name": name, "created_at": now})
        return Theme(table.last_pk, group_id, name, now)

    def rename(self, theme: Theme, name: str) -> Theme:
        self._h.execute("UPDATE themes SET name = ? WHERE id = ?", [name, theme.id])
        return replace(theme, name=name)

    def delete(self, theme: Theme) -> None:
        """Remove the theme: its cards become unthemed and its votes go back to the voters."""
        with self._h.atomic():
            self._h.db.execute("UPDATE cards SET theme_id = NULL WHERE theme_id = ?", [theme.id])
            self._h.db.execute("DELETE FROM votes WHERE theme_id = ?", [theme.id])
            self._h.db.execute("DELETE FROM themes WHERE id = ?", [theme.id])


def _theme(r: Row) -> Theme:
    return Theme(id=r["id"], group_id=r["group_id"], name=r["name"], created_at=r["created_at"])
