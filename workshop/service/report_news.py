"""Who hears that report-back changed, and what each audience is sent: the whole report to
facilitators, the public one to screens and, while report-back shows or once closed, each
group its own part. Stepping the slides and merging lines of the synthesis both announce so."""

from __future__ import annotations

from ..domain import phases
from ..store.workshops import WorkshopStore
from . import report_back, rooms
from .outcome import Announce
from .serialisers import View


def report_changed(store: WorkshopStore) -> tuple[View, tuple[Announce, ...]]:
    """The facilitators' report (for an ack) and the `report:changed` announcements."""
    live = store.live()
    code = store.code
    full = report_back.report(store, slide=True)
    announce = [
        Announce("report:changed", {"report": full}, rooms.facilitators(code)),
        Announce(
            "report:changed",
            {"report": report_back.report(store, public=True, slide=True)},
            rooms.screens(code),
        ),
    ]
    if phases.shows_report(live.phase, closed=live.closed):  # phones see their own group's part
        announce += [
            Announce(
                "report:changed",
                {"report": report_back.report(store, group_id=g.id, slide=True)},
                rooms.group(code, g.id),
            )
            for g in store.groups.all()
        ]
    return full, tuple(announce)
