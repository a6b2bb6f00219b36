"""Data protection: applying each workshop's retention, deleting a workshop, and the
anonymised copy of its exports (docs/privacy.md)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any, cast

from ..domain import codes, pseudonyms, retention
from ..domain.entities import Participant
from ..domain.errors import InvalidInput, NotAllowed, StorageError
from ..store.workshops import WorkshopStore
from . import exports, rooms
from .context import Context
from .outcome import Announce, Outcome

log = logging.getLogger(__name__)

# Told before a workshop's file goes: the web layer emits the outcome and closes the
# workshop's connections, so no handler is left holding a deleted file.
Farewell = Callable[[Outcome], None]


def _no_one_to_tell(outcome: Outcome) -> None:
    pass


def farewell_outcome(code: str) -> Outcome:
    """What the workshop's connections hear as it is deleted: `workshop:deleted`, then
    they are disconnected."""
    return Outcome(
        ack={"code": code},
        announce=(Announce("workshop:deleted", {"code": code}, rooms.everyone(code)),),
        disconnect=(rooms.everyone(code),),
    )


def require_owner(owner: bool) -> None:
    """Deleting is the owner's alone: a facilitator key opens one workshop, it does not
    dispose of it."""
    if not owner:
        raise NotAllowed("Only the owner can delete a workshop.")


def delete_workshop(
    ctx: Context, raw_code: str, confirm: str, *, owner: bool, farewell: Farewell = _no_one_to_tell
) -> dict[str, Any]:
    """The owner deletes a workshop for good, having typed its code to confirm."""
    require_owner(owner)
    store = ctx.store(codes.normalize(raw_code or "") or raw_code)
    code, title = store.code, store.workshop().title
    if codes.normalize(confirm or "") != code:
        raise InvalidInput(f"Type the workshop's code, {code}, to confirm.", field="confirm")
    farewell(farewell_outcome(code))
    ctx.files.delete(code)
    log.info("workshop %s deleted by the owner", code)
    return {"code": code, "title": title}


def apply_retention(ctx: Context, *, farewell: Farewell = _no_one_to_tell) -> list[str]:
    """Delete every workshop whose retention has run out; return their codes.

    A file that cannot be read is never touched: it is listed as damaged on the home page
    and left for a person to look at."""
    now = ctx.files.clock()
    deleted = []
    for store in _readable(ctx):
        code = store.code
        rule, closed_at = _rule(store, now)
        if not retention.is_due(rule, closed_at, now):
            continue
        try:
            farewell(farewell_outcome(code))
            ctx.files.delete(code)
        except StorageError:  # logged by the store; tried again on the next run
            continue
        log.info("workshop %s deleted: its retention, %s days after closing, ran out", code, rule)
        deleted.append(code)
    return deleted


def warnings(ctx: Context) -> list[dict[str, Any]]:
    """Workshops to be deleted within a week (or due at the next run), soonest first."""
    now = ctx.files.clock()
    found = []
    for store in _readable(ctx):
        rule, closed_at = _rule(store, now)
        if retention.should_warn(rule, closed_at, now):
            found.append(
                {
                    "code": store.code,
                    "title": store.workshop().title,
                    "delete_at": retention.deletion_due_at(rule, closed_at),
                    "retention_days": rule,
                }
            )
    return sorted(found, key=lambda w: w["delete_at"])


def _readable(ctx: Context) -> Iterator[WorkshopStore]:
    """Every readable workshop: a damaged one is reported, never deleted."""
    return (store for _, store in ctx.files.every() if store is not None)


def _rule(store: WorkshopStore, now: float) -> tuple[int | None, float | None]:
    """The retention in days and the closing time the deletion counts from."""
    live = store.live()
    closed_at = store.closed_at()
    if live.closed and closed_at is None and live.settings.retention_days is not None:
        # Closed by a version that did not record when: the period counts from now.
        store.set_closed_at(now)
        closed_at = now
    return live.settings.retention_days, closed_at if live.closed else None


# --- the anonymised copy


def anonymised_json(ctx: Context, store: WorkshopStore) -> dict[str, Any]:
    """The JSON export with every person under a pseudonym and no organisation text."""
    return {**exports.export_json(ctx, _pseudonymous(store)), "anonymised": True}


def anonymised_csv(store: WorkshopStore) -> str:
    """The CSV export with pseudonyms for authors and an empty organisation column."""
    return exports.export_csv(_pseudonymous(store))


class _PseudonymousPeople:
    """The people table as the exports read it. Only these reads exist: a new kind of read
    in an export fails loudly here instead of reaching a real name."""

    def __init__(self, people: list[Participant]) -> None:
        names = pseudonyms.pseudonyms(people)
        self._people = {p.id: replace(p, name=names[p.id], organisation=None) for p in people}

    def all(self) -> list[Participant]:
        return list(self._people.values())

    def get(self, participant_id: int) -> Participant | None:
        return self._people.get(participant_id)

    def by_ids(self, ids: set[int]) -> dict[int, Participant]:
        return {i: self._people[i] for i in ids if i in self._people}


class _Pseudonymous:
    """A workshop's store whose people are pseudonymous; everything else is read as is."""

    def __init__(self, store: WorkshopStore) -> None:
        self._store = store
        self.people = _PseudonymousPeople(store.people.all())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def _pseudonymous(store: WorkshopStore) -> WorkshopStore:
    return cast(WorkshopStore, _Pseudonymous(store))
