"""Who is online: connections per attendee, in memory (presence is not history)."""

from __future__ import annotations

import threading
from collections import Counter


class Presence:
    def __init__(self) -> None:
        self._by_code: dict[str, Counter[int]] = {}
        self._lock = threading.Lock()

    def attach(self, code: str, participant_id: int) -> bool:
        """Count one more connection; True when the person just came online."""
        with self._lock:
            counter = self._by_code.setdefault(code, Counter())
            counter[participant_id] += 1
            return counter[participant_id] == 1

    def detach(self, code: str, participant_id: int) -> bool:
        """Count one connection less; True when the person just went offline."""
        with self._lock:
            counter = self._by_code.get(code, Counter())
            if counter[participant_id] == 0:
                return False  # already offline: say nothing twice
            if counter[participant_id] == 1:
                counter.pop(participant_id, None)
                return True
            counter[participant_id] -= 1
            return False

    def is_online(self, code: str, participant_id: int) -> bool:
        return self._by_code.get(code, Counter()).get(participant_id, 0) > 0

    def online_count(self, code: str) -> int:
        return len(self._by_code.get(code, ()))
