"""Where new people joined from, in memory only, and who is flagged for it (domain/join_flags.py).

Addresses are never written to a workshop's file (docs/privacy.md): they live in this
process and are forgotten at restart, and no address leaves it. The dashboard sees only a
number per address ("source 2"), so it can tell which flagged people share one.

Each join is checked by the rule's own parts (a window that ends at the newcomer, a removal
before it) in time proportional to what changed, since a join burst asks a thousand times.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from dataclasses import dataclass, field

from ..domain import join_flags

View = dict[str, object]


@dataclass
class _Source:
    """The arrivals from one address, sorted by time."""

    number: int
    times: list[float] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)
    burst: set[int] = field(default_factory=set)  # flagged for many joins at once
    after: set[int] = field(default_factory=set)  # flagged for joining after a removal
    removed: dict[int, float] = field(default_factory=dict)  # removed people from here → when

    def reasons(self, pid: int) -> tuple[str, ...]:
        if pid in self.removed:
            return ()
        found = [join_flags.MANY_FROM_ADDRESS] if pid in self.burst else []
        if pid in self.after:
            found.append(join_flags.REMOVED_ADDRESS)
        return join_flags.ordered(found)

    def view(self, pid: int) -> View:
        return {"participant_id": pid, "reasons": list(self.reasons(pid)), "source": self.number}


@dataclass
class _Room:
    sources: dict[str, _Source] = field(default_factory=dict)
    source_of: dict[int, _Source] = field(default_factory=dict)


class Arrivals:
    def __init__(self) -> None:
        self._rooms: dict[str, _Room] = {}
        self._lock = threading.Lock()

    def joined(self, code: str, participant_id: int, address: str, at: float) -> list[View]:
        """A new person from `address`; the flags that changed (theirs, and earlier people's
        when they complete a burst)."""
        with self._lock:
            room = self._rooms.setdefault(code, _Room())
            src = room.sources.get(address)
            if src is None:
                src = room.sources[address] = _Source(number=len(room.sources) + 1)
            room.source_of[participant_id] = src
            index = bisect_right(src.times, at)
            src.times.insert(index, at)
            src.ids.insert(index, participant_id)
            changed: set[int] = set()
            # Every window that ends at this arrival or at one after it (the clock may step back).
            last = bisect_right(src.times, at + join_flags.WINDOW)
            for end in range(index, last):
                newly = {src.ids[i] for i in join_flags.burst_window(src.times, end)} - src.burst
                src.burst |= newly
                changed |= newly
            if join_flags.after_removal(at, src.removed.values()):
                src.after.add(participant_id)
                changed.add(participant_id)
            return [src.view(pid) for pid in sorted(changed) if pid not in src.removed]

    def removed(self, code: str, participant_ids: list[int], at: float) -> None:
        """People removed: newcomers from their addresses will be flagged."""
        with self._lock:
            room = self._rooms.get(code)
            for pid in participant_ids:
                src = room.source_of.get(pid) if room else None
                if src is not None:
                    src.removed[pid] = at

    def readmitted(self, code: str, participant_id: int) -> list[View]:
        """A removed person let back in: their own flags show again, and the flags others
        had only for joining after their removal may go."""
        with self._lock:
            room = self._rooms.get(code)
            src = room.source_of.get(participant_id) if room else None
            if src is None or src.removed.pop(participant_id, None) is None:
                return []
            before = set(src.after)
            src.after = {
                pid
                for pid, at in zip(src.ids, src.times, strict=True)
                if join_flags.after_removal(at, src.removed.values())
            }
            changed = (before ^ src.after) | {participant_id}
            return [src.view(pid) for pid in sorted(changed) if pid not in src.removed]

    def flags(self, code: str) -> list[View]:
        """Every flagged person still in, in the order they joined (for the dashboard's state)."""
        with self._lock:
            room = self._rooms.get(code)
            if room is None:
                return []
            views = [
                src.view(pid)
                for src in room.sources.values()
                for pid in (src.burst | src.after) - src.removed.keys()
            ]
            return sorted(views, key=lambda v: v["participant_id"])  # type: ignore[arg-type, return-value]

    def forget(self, code: str) -> None:
        """A workshop deleted: nothing is kept of where its people joined from."""
        with self._lock:
            self._rooms.pop(code, None)
