"""Socket.IO handlers: parse the payload, call the use case, emit what it announces."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from flask import current_app, request
from flask_socketio import ConnectionRefusedError, SocketIO, join_room, leave_room

from ..domain.commands import (
    AddCard,
    AddGroup,
    CardRef,
    CastVote,
    ChangeSettings,
    CorrectCard,
    CreateTheme,
    EditCard,
    Empty,
    GroupRef,
    Join,
    LimitGroup,
    LockGroup,
    MergeCards,
    MoveCard,
    MoveParticipant,
    ParticipantRef,
    RemoveParticipants,
    RenameGroup,
    RenameTheme,
    RetractVote,
    SetAgenda,
    SetCardTheme,
    SetPhase,
    ShowReport,
    Shuffle,
    ThemeRef,
    TimerSeconds,
)
from ..domain.errors import InvalidInput, NotAllowed, TooManyJoins, WorkshopError
from ..gc_pacing import Activity
from ..service import access, cards, facilitation, joining, people, rooms, state, steering, themes, voting
from ..service.actors import ATTENDEE, FACILITATOR, OWNER, SCREEN, Actor
from ..service.outcome import Outcome
from . import guards, payloads
from .auth import cookie_is_owner, cookie_opens
from .broadcasts import LOCAL, WorkshopsFeed
from .browsers import browser_id
from .context import ctx, store_for
from .errors import acknowledged

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConnectAuth:
    """The `auth` object of a connection (docs/protocol.md, "Socket.IO")."""

    code: str | None = None  # every role but the owner's list names its workshop
    key: str | None = None
    token: str | None = None
    role: str | None = None


def register(
    socketio: SocketIO,
    *,
    attendee_rates: tuple[str, ...],
    steward_rates: tuple[str, ...],
    activity: Activity,
    feed: WorkshopsFeed,
    join_rates: tuple[str, ...],
) -> None:
    """Attach every handler to `socketio`; actors are kept per connection id."""
    actors: dict[str, Actor] = {}
    attendee_limits = guards.Limiter(*attendee_rates)
    steward_limits = guards.Limiter(*steward_rates)
    join_limits = guards.Limiter(*join_rates)  # new people per workshop and client address

    def members(room: str) -> list[str]:
        return [sid for sid, _ in list(socketio.server.manager.get_participants("/", room))]

    def emit_all(outcome: Outcome) -> None:
        """Room moves first, then announcements: a moved phone hears its new group."""
        for move in outcome.moves:
            for sid in members(move.members):
                leave_room(move.leave, sid=sid, namespace="/")
                join_room(move.join, sid=sid, namespace="/")
        for a in outcome.announce:
            skip = members(a.skip) if a.skip else None
            socketio.emit(a.event, a.payload, to=a.room, skip_sid=skip, **LOCAL)
        for room in outcome.refresh:
            refresh(room)
        for room in outcome.disconnect:
            for sid in members(room):
                # The disconnect handler then forgets the actor and updates presence.
                socketio.server.disconnect(sid, namespace="/", **LOCAL)

    def refresh(room: str) -> None:
        """Every connection in `room` gets its own role's fresh state (rare: close, shuffle...)."""
        built: dict[tuple, Any] = {}
        for sid in members(room):
            actor = actors.get(sid)
            if actor is None:
                continue
            key = (actor.code, actor.role, actor.participant_id)
            if key not in built:
                built[key] = state.for_actor(ctx(), ctx().store(actor.code), actor)
            socketio.emit("state", built[key], to=sid, **LOCAL)

    def current() -> tuple[Actor, Any]:
        actor = actors[request.sid]
        if actor.role == OWNER:
            throttle(actor)
            raise NotAllowed("The owner's list of workshops only listens; open a dashboard to steer one.")
        return actor, ctx().store(actor.code)

    def throttle(actor: Actor) -> None:
        """A person sending too fast is told to slow down; everyone else is unaffected."""
        activity.note()
        limits = attendee_limits if actor.role == ATTENDEE else steward_limits
        limits.check(rate_key(actor, request.sid), "You are sending too fast. Wait a moment and try again.")

    def run(use_case: Any, command: type, raw: Any, *extra: Any) -> dict[str, Any]:
        actor, store = current()
        throttle(actor)
        cmd = payloads.parse(command, raw)
        outcome = use_case(ctx(), store, actor, cmd, *extra)
        emit_all(outcome)
        feed.mark(actor.code)
        return outcome.ack

    @socketio.on("connect")
    def on_connect(auth: Any = None) -> None:
        try:
            parsed = payloads.parse(ConnectAuth, auth)
            if parsed.role == OWNER:
                _owner(parsed)
                actors[request.sid] = Actor(code="", role=OWNER)
                join_room(rooms.owners())
                return
            actor, outcome, store = _connect(parsed)
        except WorkshopError as exc:
            # The client sees `message` as the error's text and `data` as `err.data`.
            raise ConnectionRefusedError(exc.message, {"code": exc.code, "message": exc.message}) from None
        actors[request.sid] = actor
        for room in joining.member_rooms(actor, store):
            join_room(room)
        socketio.emit("state", outcome.ack, to=request.sid, **LOCAL)
        emit_all(outcome)

    @socketio.on("disconnect")
    def on_disconnect(*_: Any) -> None:
        # Only a connection's own allowance ends with it: a person's outlives each connection.
        attendee_limits.forget(request.sid)
        actor = actors.pop(request.sid, None)
        if actor is None or actor.role == OWNER:
            return
        try:
            emit_all(joining.disconnect(ctx(), ctx().store(actor.code), actor))
        except Exception:  # a disconnect must never fail loudly
            log.exception("error while handling a disconnect")

    @socketio.on("join")
    @acknowledged
    def on_join(raw: Any = None) -> dict[str, Any]:
        actor, store = current()
        throttle(actor)
        cmd = payloads.parse(Join, raw)
        browser, address = browser_id(), request.remote_addr or "?"
        if actor.role == ATTENDEE and actor.participant_id is None:  # would make a new person
            joining.admit(store, browser)  # a closed door or a barred browser is not counted
            # Counted before the join runs, so that parallel joins cannot slip past the count.
            if not join_limits.allow(f"{store.code} {address}"):
                raise TooManyJoins(
                    "Too many people have joined from this network in the last minute. "
                    "Wait a minute and try again, or ask the facilitator."
                )
        joined, outcome = joining.join(ctx(), store, actor, cmd, browser=browser, address=address)
        actors[request.sid] = joined
        already = joining.member_rooms(actor, store)  # entered on connect
        for room in joining.member_rooms(joined, store):
            if room not in already:
                join_room(room)
        emit_all(outcome)
        feed.mark(joined.code)
        return outcome.ack

    @socketio.on("card:add")
    @acknowledged
    def on_card_add(raw: Any = None) -> dict[str, Any]:
        return run(cards.add_card, AddCard, raw)

    @socketio.on("card:edit")
    @acknowledged
    def on_card_edit(raw: Any = None) -> dict[str, Any]:
        return run(cards.edit_card, EditCard, raw)

    @socketio.on("card:delete")
    @acknowledged
    def on_card_delete(raw: Any = None) -> dict[str, Any]:
        return run(cards.delete_card, CardRef, raw)

    @socketio.on("card:hide")
    @acknowledged
    def on_card_hide(raw: Any = None) -> dict[str, Any]:
        return run(facilitation.set_hidden, CardRef, raw, True)

    @socketio.on("card:unhide")
    @acknowledged
    def on_card_unhide(raw: Any = None) -> dict[str, Any]:
        return run(facilitation.set_hidden, CardRef, raw, False)

    @socketio.on("participant:move")
    @acknowledged
    def on_participant_move(raw: Any = None) -> dict[str, Any]:
        return run(people.move_participant, MoveParticipant, raw)

    @socketio.on("group:add")
    @acknowledged
    def on_group_add(raw: Any = None) -> dict[str, Any]:
        return run(people.add_group, AddGroup, raw)

    @socketio.on("group:rename")
    @acknowledged
    def on_group_rename(raw: Any = None) -> dict[str, Any]:
        return run(people.rename_group, RenameGroup, raw)

    @socketio.on("group:lock")
    @acknowledged
    def on_group_lock(raw: Any = None) -> dict[str, Any]:
        return run(people.lock_group, LockGroup, raw)

    @socketio.on("group:limit")
    @acknowledged
    def on_group_limit(raw: Any = None) -> dict[str, Any]:
        return run(people.limit_group, LimitGroup, raw)

    @socketio.on("groups:shuffle")
    @acknowledged
    def on_groups_shuffle(raw: Any = None) -> dict[str, Any]:
        return run(people.shuffle_groups, Shuffle, raw)

    @socketio.on("participant:remove")
    @acknowledged
    def on_participant_remove(raw: Any = None) -> dict[str, Any]:
        return run(people.remove_participant, ParticipantRef, raw)

    @socketio.on("participants:remove")
    @acknowledged
    def on_participants_remove(raw: Any = None) -> dict[str, Any]:
        return run(people.remove_participants, RemoveParticipants, raw)

    @socketio.on("participant:readmit")
    @acknowledged
    def on_participant_readmit(raw: Any = None) -> dict[str, Any]:
        return run(people.readmit_participant, ParticipantRef, raw)

    @socketio.on("card:correct")
    @acknowledged
    def on_card_correct(raw: Any = None) -> dict[str, Any]:
        return run(facilitation.correct_card, CorrectCard, raw)

    @socketio.on("card:move")
    @acknowledged
    def on_card_move(raw: Any = None) -> dict[str, Any]:
        return run(facilitation.move_card, MoveCard, raw)

    @socketio.on("phase:set")
    @acknowledged
    def on_phase_set(raw: Any = None) -> dict[str, Any]:
        return run(steering.set_phase, SetPhase, raw)

    @socketio.on("agenda:set")
    @acknowledged
    def on_agenda_set(raw: Any = None) -> dict[str, Any]:
        return run(steering.set_agenda, SetAgenda, raw)

    @socketio.on("timer:start")
    @acknowledged
    def on_timer_start(raw: Any = None) -> dict[str, Any]:
        return run(steering.start_timer, TimerSeconds, raw)

    @socketio.on("timer:pause")
    @acknowledged
    def on_timer_pause(raw: Any = None) -> dict[str, Any]:
        return run(steering.pause_timer, Empty, raw)

    @socketio.on("timer:resume")
    @acknowledged
    def on_timer_resume(raw: Any = None) -> dict[str, Any]:
        return run(steering.resume_timer, Empty, raw)

    @socketio.on("timer:add")
    @acknowledged
    def on_timer_add(raw: Any = None) -> dict[str, Any]:
        return run(steering.add_time, TimerSeconds, raw)

    @socketio.on("timer:reset")
    @acknowledged
    def on_timer_reset(raw: Any = None) -> dict[str, Any]:
        return run(steering.reset_timer, Empty, raw)

    @socketio.on("settings:set")
    @acknowledged
    def on_settings_set(raw: Any = None) -> dict[str, Any]:
        return run(steering.change_settings, ChangeSettings, raw)

    @socketio.on("cards:reveal")
    @acknowledged
    def on_cards_reveal(raw: Any = None) -> dict[str, Any]:
        return run(steering.reveal_cards, Empty, raw)

    @socketio.on("workshop:close")
    @acknowledged
    def on_workshop_close(raw: Any = None) -> dict[str, Any]:
        return run(steering.close_workshop, Empty, raw)

    @socketio.on("workshop:reopen")
    @acknowledged
    def on_workshop_reopen(raw: Any = None) -> dict[str, Any]:
        return run(steering.reopen_workshop, Empty, raw)

    @socketio.on("report:show")
    @acknowledged
    def on_report_show(raw: Any = None) -> dict[str, Any]:
        return run(steering.show_report, ShowReport, raw)

    @socketio.on("report:next")
    @acknowledged
    def on_report_next(raw: Any = None) -> dict[str, Any]:
        return run(steering.step_report, Empty, raw, 1)

    @socketio.on("report:prev")
    @acknowledged
    def on_report_prev(raw: Any = None) -> dict[str, Any]:
        return run(steering.step_report, Empty, raw, -1)

    @socketio.on("theme:create")
    @acknowledged
    def on_theme_create(raw: Any = None) -> dict[str, Any]:
        return run(themes.create_theme, CreateTheme, raw)

    @socketio.on("theme:rename")
    @acknowledged
    def on_theme_rename(raw: Any = None) -> dict[str, Any]:
        return run(themes.rename_theme, RenameTheme, raw)

    @socketio.on("theme:delete")
    @acknowledged
    def on_theme_delete(raw: Any = None) -> dict[str, Any]:
        return run(themes.delete_theme, ThemeRef, raw)

    @socketio.on("theme:suggest")
    @acknowledged
    def on_theme_suggest(raw: Any = None) -> dict[str, Any]:
        return run(themes.suggest_themes, GroupRef, raw)

    @socketio.on("card:theme")
    @acknowledged
    def on_card_theme(raw: Any = None) -> dict[str, Any]:
        return run(themes.set_card_theme, SetCardTheme, raw)

    @socketio.on("card:merge")
    @acknowledged
    def on_card_merge(raw: Any = None) -> dict[str, Any]:
        return run(themes.merge_cards, MergeCards, raw)

    @socketio.on("vote:cast")
    @acknowledged
    def on_vote_cast(raw: Any = None) -> dict[str, Any]:
        return run(voting.cast_vote, CastVote, raw)

    @socketio.on("vote:retract")
    @acknowledged
    def on_vote_retract(raw: Any = None) -> dict[str, Any]:
        return run(voting.retract_vote, RetractVote, raw)

    @socketio.on("votes:reveal")
    @acknowledged
    def on_votes_reveal(raw: Any = None) -> dict[str, Any]:
        return run(voting.reveal_votes, Empty, raw)

    @socketio.on("votes:hide")
    @acknowledged
    def on_votes_hide(raw: Any = None) -> dict[str, Any]:
        return run(voting.hide_votes, Empty, raw)


def rate_key(actor: Actor, sid: str) -> str:
    """Whose allowance an event is charged to: the person, across all of their connections.

    An attendee who has joined is one participant however many connections they open; the
    facilitator's dashboards and projectors share their workshop's key. A connection that has
    not joined yet is counted alone: its only useful event is `join`, which is limited per
    address where people are created (docs/security.md)."""
    if actor.role == ATTENDEE:
        return f"{actor.code}/person/{actor.participant_id}" if actor.participant_id is not None else sid
    return f"{actor.code}/{actor.role}"


def _owner(parsed: ConnectAuth) -> None:
    """The owner's list of workshops: the owner key, or the owner's cookie."""
    if not cookie_is_owner(ctx()):
        access.require_owner(ctx(), parsed.key)


def _connect(parsed: ConnectAuth) -> tuple[Actor, Outcome, Any]:
    """Work out who is connecting from `auth` and the cookie; refuse with a code if unsure."""
    if parsed.code is None:
        raise InvalidInput("The connection must name a workshop: its code is missing.", field="code")
    lookups = current_app.extensions["workshop.guards"]["lookups"]
    store = guards.lookup_store(lambda: store_for(parsed.code), lookups, request.remote_addr or "?")
    if parsed.key is not None or parsed.role in (FACILITATOR, SCREEN):
        role = SCREEN if parsed.role == SCREEN else FACILITATOR
        if not cookie_opens(ctx(), store):
            access.require_key(ctx(), store, parsed.key)
        actor, outcome = joining.connect_steward(ctx(), store, role)
        return actor, outcome, store
    if parsed.role not in (None, ATTENDEE):
        raise InvalidInput("role must be attendee, facilitator, screen or owner.", field="role")
    actor, outcome = joining.connect_attendee(ctx(), store, parsed.token)
    return actor, outcome, store
