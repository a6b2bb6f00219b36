"""Who is in which group: move, shuffle, lock, limit, remove; add and rename groups."""

from __future__ import annotations

from ..domain import assignment, people, setup, shuffle
from ..domain.commands import (
    AddGroup,
    LimitGroup,
    LockGroup,
    MoveParticipant,
    ParticipantRef,
    RemoveParticipants,
    RenameGroup,
    Shuffle,
)
from ..domain.entities import Group, Participant
from ..domain.errors import InvalidInput, NotFound, UnknownGroup
from ..store.workshops import WorkshopStore
from . import audiences, rooms, serialisers, state
from .actors import Actor
from .context import Context
from .outcome import Announce, Outcome, RoomMove


def move_participant(ctx: Context, store: WorkshopStore, actor: Actor, cmd: MoveParticipant) -> Outcome:
    """Put a person in another group; their phone follows at once."""
    person = _person(store, cmd.participant_id)
    _group(store, cmd.group_id)
    online = ctx.presence.is_online(store.code, person.id)
    if person.group_id == cmd.group_id:
        return Outcome(ack={"participant": serialisers.participant_view(person, online=online)})
    moved = store.people.move(person, cmd.group_id)
    view = serialisers.participant_view(moved, online=online)
    code = store.code
    return Outcome(
        ack={"participant": view},
        moves=(_room_move(code, moved.id, person.group_id, moved.group_id),),
        announce=(
            Announce("state", state.attendee_state(store, ctx, moved), rooms.person(code, moved.id)),
            Announce("participant:updated", {"participant": view}, rooms.facilitators(code)),
            audiences.counts_changed(ctx, store),
        ),
        progress=code,
    )


def shuffle_groups(ctx: Context, store: WorkshopStore, actor: Actor, cmd: Shuffle) -> Outcome:
    """Everyone into groups again: balanced sizes, or organisations mixed across groups."""
    strategy = shuffle.strategy(cmd.strategy)
    everyone = [p for p in store.people.all() if not p.removed]
    group_ids = [g.id for g in store.groups.all()]
    if strategy == "balanced":
        plan = shuffle.balanced([p.id for p in everyone], group_ids, ctx.rng)
    else:
        plan = shuffle.mixed([(p.id, p.organisation) for p in everyone], group_ids, ctx.rng)
    changes = {p.id: plan[p.id] for p in everyone if plan[p.id] != p.group_id}
    store.people.move_many(changes)
    code = store.code
    before = {p.id: p.group_id for p in everyone}
    return Outcome(
        ack={"moved": len(changes)},
        moves=tuple(_room_move(code, pid, before[pid], gid) for pid, gid in changes.items()),
        refresh=(*(rooms.person(code, pid) for pid in changes), rooms.facilitators(code)),
        progress=code if changes else None,
    )


def lock_group(ctx: Context, store: WorkshopStore, actor: Actor, cmd: LockGroup) -> Outcome:
    """A locked group takes no newcomers and no new cards."""
    group = store.groups.set_locked(_group(store, cmd.group_id), cmd.locked)
    return _group_updated(store, group)


def limit_group(ctx: Context, store: WorkshopStore, actor: Actor, cmd: LimitGroup) -> Outcome:
    """At most this many people may pick the group (self-select); None lifts the limit."""
    size_limit = assignment.size_limit(cmd.size_limit)
    group = store.groups.set_size_limit(_group(store, cmd.group_id), size_limit)
    return _group_updated(store, group)


def remove_participant(ctx: Context, store: WorkshopStore, actor: Actor, cmd: ParticipantRef) -> Outcome:
    """Out of the workshop: their phones are told and disconnected; their cards stay theirs."""
    person = _person(store, cmd.participant_id)
    if person.removed:
        return Outcome(ack={"participant": serialisers.participant_view(person, online=False)})
    removed = store.people.remove(person)
    ctx.arrivals.removed(store.code, [removed.id], store.clock())
    return Outcome(
        ack={"participant": serialisers.participant_view(removed, online=False)},
        announce=(*_removal_notices(store.code, [removed.id]), *_people_counts(ctx, store)),
        disconnect=(rooms.person(store.code, removed.id),),
        progress=store.code,
    )


def remove_participants(ctx: Context, store: WorkshopStore, actor: Actor, cmd: RemoveParticipants) -> Outcome:
    """Several people out at once, in one transaction: those named, or everyone who joined in
    the last N minutes (by default only those who have posted no card and cast no dot)."""
    by_ids, by_time = cmd.participant_ids is not None, cmd.joined_within_minutes is not None
    if by_ids == by_time:
        raise InvalidInput("Name the people (participant_ids) or a time (joined_within_minutes), not both.")
    with store.atomic():  # what is chosen is what is removed
        if cmd.participant_ids is not None:
            ids = _people_to_remove(store, cmd.participant_ids)
        else:
            minutes = people.recent_minutes(cmd.joined_within_minutes)
            ids = store.people.recent_silent(store.clock() - minutes * 60, silent_only=cmd.silent_only)
        if ids:
            store.people.remove_many(ids)
    if not ids:
        return Outcome(ack={"removed": 0, "participant_ids": []})
    ctx.arrivals.removed(store.code, ids, store.clock())
    code = store.code
    return Outcome(
        ack={"removed": len(ids), "participant_ids": ids},
        announce=(*_removal_notices(code, ids), *_people_counts(ctx, store)),
        disconnect=tuple(rooms.person(code, pid) for pid in ids),
        progress=code,
    )


def readmit_participant(ctx: Context, store: WorkshopStore, actor: Actor, cmd: ParticipantRef) -> Outcome:
    """Let a removed person back in: their phone's pass works again (after a reload) and
    their browser may join."""
    person = _person(store, cmd.participant_id)
    code = store.code
    if not person.removed:
        online = ctx.presence.is_online(code, person.id)
        return Outcome(ack={"participant": serialisers.participant_view(person, online=online)})
    people.check_room(store.people.count(), store.live().settings.max_people, readmitting=True)
    back = store.people.readmit(person)
    view = serialisers.participant_view(back, online=ctx.presence.is_online(code, back.id))
    flagged = ctx.arrivals.readmitted(code, back.id)
    return Outcome(
        ack={"participant": view},
        announce=(
            Announce("participant:updated", {"participant": view}, rooms.facilitators(code)),
            *_people_counts(ctx, store),
            *audiences.flags_changed(code, flagged),
        ),
        progress=code,
    )


def _people_to_remove(store: WorkshopStore, participant_ids: list[int]) -> list[int]:
    """The named people still in; an unknown id refuses the whole removal."""
    wanted = people.named_for_removal(participant_ids)
    found = store.people.by_ids(wanted)
    if len(found) != len(wanted):
        raise NotFound("Some of these people are not in this workshop.", field="participant_ids")
    return sorted(pid for pid, person in found.items() if not person.removed)


def _removal_notices(code: str, ids: list[int]) -> list[Announce]:
    """What single removal announces, per person: the phone is told, the dashboards too."""
    message = {"message": people.REMOVED_MESSAGE}
    notices = []
    for pid in ids:
        notices.append(Announce("removed", message, rooms.person(code, pid)))
        notices.append(Announce("participant:removed", {"participant_id": pid}, rooms.facilitators(code)))
    return notices


def _people_counts(ctx: Context, store: WorkshopStore) -> tuple[Announce, ...]:
    return (*audiences.people_changed(ctx, store), audiences.counts_changed(ctx, store))


def add_group(ctx: Context, store: WorkshopStore, actor: Actor, cmd: AddGroup) -> Outcome:
    """A new breakout group, at the end of the list."""
    group = store.groups.add(setup.group_name(cmd.name))
    view = serialisers.group_view(group)
    return Outcome(
        ack={"group": view},
        announce=(
            Announce("group:added", {"group": view}, rooms.everyone(store.code)),
            audiences.counts_changed(ctx, store),
        ),
        progress=store.code,  # one more group in the list, at zero
    )


def rename_group(ctx: Context, store: WorkshopStore, actor: Actor, cmd: RenameGroup) -> Outcome:
    group = _group(store, cmd.group_id)
    renamed = store.groups.rename(group, setup.group_name(cmd.name))
    view = serialisers.group_view(renamed)
    return Outcome(
        ack={"group": view},
        announce=(Announce("group:renamed", {"group": view}, rooms.everyone(store.code)),),
    )


def _group_updated(store: WorkshopStore, group: Group) -> Outcome:
    view = serialisers.group_view(group)
    return Outcome(
        ack={"group": view},
        announce=(Announce("group:updated", {"group": view}, rooms.everyone(store.code)),),
    )


def _room_move(code: str, participant_id: int, old: int, new: int) -> RoomMove:
    return RoomMove(rooms.person(code, participant_id), rooms.group(code, old), rooms.group(code, new))


def _person(store: WorkshopStore, participant_id: int) -> Participant:
    person = store.people.get(participant_id)
    if person is None:
        raise NotFound("That person is not in this workshop.", field="participant_id")
    return person


def _group(store: WorkshopStore, group_id: int) -> Group:
    group = store.groups.get(group_id)
    if group is None:
        raise UnknownGroup("That group does not exist.", field="group_id")
    return group
