"""Connecting and joining: who a connection is, and the `state` it starts from."""

from __future__ import annotations

from ..domain import assignment, keys, people
from ..domain import settings as rules
from ..domain.commands import Join
from ..domain.entities import Participant
from ..domain.errors import BadToken, Removed
from ..store.workshops import WorkshopStore
from . import audiences, rooms, serialisers, state
from .actors import ATTENDEE, FACILITATOR, SCREEN, Actor
from .context import Context
from .outcome import Announce, Outcome


def connect_steward(ctx: Context, store: WorkshopStore, role: str) -> tuple[Actor, Outcome]:
    """A facilitator or screen whose key the web layer has checked."""
    actor = Actor(code=store.code, role=role)
    view = state.facilitator_state(store, ctx) if role == FACILITATOR else state.screen_state(store, ctx)
    return actor, Outcome(ack=view)


def connect_attendee(ctx: Context, store: WorkshopStore, token: str | None) -> tuple[Actor, Outcome]:
    """A returning attendee (with a token) resumes; a new one gets the public state."""
    if token is None:
        return Actor(code=store.code, role=ATTENDEE), Outcome(ack=state.attendee_state(store, ctx, None))
    me = store.people.by_token_hash(keys.hash_secret(token))
    if me is None:
        raise BadToken("This phone's pass is not known here; please join again.", field="token")
    if me.removed:
        raise Removed(people.REMOVED_MESSAGE)
    actor = Actor(code=store.code, role=ATTENDEE, participant_id=me.id)
    return actor, Outcome(ack=state.attendee_state(store, ctx, me), announce=_came_online(ctx, store, me))


def admit(store: WorkshopStore, browser: str | None) -> None:
    """Whether a new person may join now: the door is open, and this browser's earlier
    person (if any) was not removed. Asked before a join is counted against its address."""
    rules.admit_newcomer(store.live().settings)
    if browser is not None and store.people.browser_barred(keys.hash_secret(browser)):
        raise Removed(people.REMOVED_MESSAGE)


def join(
    ctx: Context,
    store: WorkshopStore,
    actor: Actor,
    cmd: Join,
    *,
    browser: str | None = None,
    address: str | None = None,
) -> tuple[Actor, Outcome]:
    """A new attendee gives a name and lands in a group. `browser` is the random id in the
    browser's signed cookie (None for a client without one), `address` the client's address
    (kept in memory only, for the dashboard's flags)."""
    workshop = store.workshop()
    admit(store, browser)
    name = people.participant_name(cmd, allow_anonymous=workshop.allow_anonymous)
    organisation = people.organisation(cmd)
    token = keys.new_secret()
    with store.atomic():  # the group choice and the insert see the same sizes
        people.check_room(store.people.count(), store.live().settings.max_people)
        group_id = assignment.newcomer_group(
            workshop.assignment, cmd.group, store.groups.snapshot(), store.people.group_sizes(), ctx.rng
        )
        me = store.people.add(
            name=name,
            organisation=organisation,
            group_id=group_id,
            token_hash=keys.hash_secret(token),
            browser_hash=keys.hash_secret(browser) if browser is not None else None,
        )
    actor = actor.joined(me.id)
    ctx.presence.attach(store.code, me.id)
    code = store.code
    view = state.attendee_state(store, ctx, me, new=True)
    flagged = ctx.arrivals.joined(code, me.id, address, me.joined_at) if address is not None else []
    return actor, Outcome(
        ack={"participant": view["me"], "token": token, "state": view},
        announce=(
            Announce("participant:joined", {"participant": view["me"]}, rooms.facilitators(code)),
            *audiences.people_changed(ctx, store),
            *audiences.flags_changed(code, flagged),
        ),
        progress=code,  # one more person with no dots placed
    )


def disconnect(ctx: Context, store: WorkshopStore, actor: Actor) -> Outcome:
    """A connection closed: announce when that was the person's last one."""
    if actor.role != ATTENDEE or actor.participant_id is None:
        return Outcome(ack={})
    if not ctx.presence.detach(store.code, actor.participant_id):
        return Outcome(ack={})
    me = store.people.get(actor.participant_id)
    if me is None:
        return Outcome(ack={})
    return Outcome(ack={}, announce=_presence(ctx, store, me))


def member_rooms(actor: Actor, store: WorkshopStore) -> list[str]:
    """The rooms a connection belongs in, from its role."""
    code = store.code
    if actor.role == FACILITATOR:
        return [rooms.everyone(code), rooms.facilitators(code)]
    if actor.role == SCREEN:
        return [rooms.everyone(code), rooms.screens(code)]
    if actor.participant_id is None:
        return [rooms.everyone(code)]
    me = store.people.get(actor.participant_id)
    assert me is not None
    return [rooms.everyone(code), rooms.group(code, me.group_id), rooms.person(code, me.id)]


def _came_online(ctx: Context, store: WorkshopStore, me: Participant) -> tuple[Announce, ...]:
    if not ctx.presence.attach(store.code, me.id):
        return ()
    return _presence(ctx, store, me)


def _presence(ctx: Context, store: WorkshopStore, me: Participant) -> tuple[Announce, ...]:
    online = ctx.presence.is_online(store.code, me.id)
    view = serialisers.participant_view(me, online=online)
    return (
        Announce("participant:updated", {"participant": view}, rooms.facilitators(store.code)),
        *audiences.people_changed(ctx, store),
    )
