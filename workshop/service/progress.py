"""Vote progress: per group and in all, how many people have placed all, some or none of
their dots (the dashboard's view of the vote; docs/protocol.md, `votes:progress`)."""

from __future__ import annotations

from dataclasses import asdict

from ..domain import votes
from ..store.workshops import WorkshopStore
from .serialisers import View


def vote_progress(store: WorkshopStore) -> View:
    """Every group, in order (an empty one as zeros), and the room. People now in a group
    count there, removed people nowhere. Two reads: the groups' sizes (kept by the store)
    and one grouped count of dots per person."""
    budget = store.live().settings.votes_per_person
    placed = store.votes.placed_per_group()
    groups = {
        gid: votes.progress(budget, size, placed.get(gid, {})) for gid, size in store.group_sizes().items()
    }
    return {
        "total": asdict(votes.total(groups.values())),
        "groups": [{"group_id": gid, **asdict(p)} for gid, p in groups.items()],
    }
