"""Changing the set-up while the workshop runs: its title, question and card kinds' labels.

Group names (`group:rename`) and the agenda (`agenda:set`) have their own events; a
template's copy is changed the same way before it starts."""

from __future__ import annotations

from ..domain import setup
from ..domain.commands import EditWorkshop
from ..store.workshops import WorkshopStore
from . import rooms, serialisers
from .actors import Actor
from .context import Context
from .outcome import Announce, Outcome


def edit_workshop(ctx: Context, store: WorkshopStore, actor: Actor, cmd: EditWorkshop) -> Outcome:
    """The facilitator renames the workshop, rewords its question or relabels its kinds;
    every screen, and every download made afterwards, shows the new words."""
    before = store.workshop()
    after = setup.edited(before, cmd)
    if after != before:
        store.save_setup(after)
    payload = {
        "workshop": serialisers.workshop_view(after, ctx.join_url(after.code)),
        "kinds": serialisers.kinds_view(after),
        # The current phase's question is the workshop's unless the phase has its own.
        "phase": serialisers.phase_view(store.live(), after),
    }
    return Outcome(ack=payload, announce=(Announce("workshop:edited", payload, rooms.everyone(store.code)),))
