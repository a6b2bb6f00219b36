"""Socket.IO: one handler per event of the catalogue, registered by one loop.

`Connections` owns what the server knows of each connection (who it is, which rooms it is in)
and the limits that follow people, and it is the one way an outcome reaches the room. Each
event is parsed here, checked and run by `service.catalogue.run`, and answered through the
acknowledgement."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app, request
from flask_socketio import ConnectionRefusedError, SocketIO, join_room, leave_room

from ..domain.errors import InvalidInput, NotAllowed, TooManyJoins, WorkshopError
from ..service import access, catalogue, joining, rooms, state
from ..service.actors import ATTENDEE, FACILITATOR, OWNER, SCREEN, Actor
from ..service.outcome import Outcome
from . import guards, payloads
from .auth import cookie_is_owner, cookie_opens
from .broadcasts import LOCAL, WorkshopsFeed
from .browsers import browser_id
from .context import ctx, store_for
from .errors import acknowledged
from .hooks import Activity
from .progress_feed import ProgressFeed

log = logging.getLogger(__name__)
NAMESPACE = "/"


@dataclass(frozen=True)
class ConnectAuth:
    """The `auth` object of a connection (docs/protocol.md, "Socket.IO")."""

    code: str | None = None  # every role but the owner's list names its workshop
    key: str | None = None
    token: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Rates:
    attendee: tuple[str, ...]  # per person, across their connections
    steward: tuple[str, ...]  # per workshop key: dashboards, and projectors
    joins: tuple[str, ...]  # new people per workshop and client address


class Connections:
    """The connections of this process: who each is, the rooms each is in, and the limits.

    Rooms are kept here as well as in Socket.IO, which has no public way to list a room's
    members; every room is entered and left through this class, so the two agree."""

    def __init__(self, socketio: SocketIO, rates: Rates, activity: Activity, feed: WorkshopsFeed) -> None:
        self.socketio = socketio
        self.actors: dict[str, Actor] = {}
        self._members: dict[str, set[str]] = defaultdict(set)  # room -> connections
        self._rooms: dict[str, set[str]] = defaultdict(set)  # connection -> rooms
        self._attendee_limits = guards.Limiter(*rates.attendee)
        self._steward_limits = guards.Limiter(*rates.steward)
        self._join_limits = guards.Limiter(*rates.joins)
        self._activity = activity
        self._feed = feed
        self.progress = ProgressFeed()  # `votes:progress`, once per burst (its task: server.py)

    # Rooms

    def enter(self, sid: str, room: str) -> None:
        join_room(room, sid=sid, namespace=NAMESPACE)
        self._members[room].add(sid)
        self._rooms[sid].add(room)

    def leave(self, sid: str, room: str) -> None:
        leave_room(room, sid=sid, namespace=NAMESPACE)
        self._drop(sid, room)

    def members(self, room: str) -> list[str]:
        return list(self._members.get(room, ()))

    def _drop(self, sid: str, room: str) -> None:
        members = self._members.get(room)
        if members is not None:
            members.discard(sid)
            if not members:
                del self._members[room]
        self._rooms.get(sid, set()).discard(room)

    def _forget(self, sid: str) -> None:
        for room in self._rooms.pop(sid, set()):
            self._drop(sid, room)

    # The one way an outcome reaches the room

    def emit(self, outcome: Outcome) -> None:
        """Room moves first, then announcements (a moved phone hears its new group), fresh
        states, and disconnections; a moved vote progress is announced by `progress` soon."""
        for move in outcome.moves:
            for sid in self.members(move.members):
                self.leave(sid, move.leave)
                self.enter(sid, move.join)
        for a in outcome.announce:
            skip = self.members(a.skip) if a.skip else None
            self.socketio.emit(a.event, a.payload, to=a.room, skip_sid=skip, namespace=NAMESPACE, **LOCAL)
        for room in outcome.refresh:
            self._refresh(room)
        for room in outcome.disconnect:
            for sid in self.members(room):
                # The disconnect handler then forgets the actor and updates presence.
                self.socketio.server.disconnect(sid, namespace=NAMESPACE, **LOCAL)
        if outcome.progress is not None:
            self.progress.mark(outcome.progress)

    def _refresh(self, room: str) -> None:
        """Every connection in `room` gets its own role's fresh state (rare: close, shuffle...)."""
        built: dict[tuple, Any] = {}
        for sid in self.members(room):
            actor = self.actors.get(sid)
            if actor is None or actor.role == OWNER:
                continue
            key = (actor.code, actor.role, actor.participant_id)
            if key not in built:
                built[key] = state.for_actor(ctx(), ctx().store(actor.code), actor)
            self.socketio.emit("state", built[key], to=sid, namespace=NAMESPACE, **LOCAL)

    # Events

    def handler(self, event: catalogue.Event) -> Callable[..., dict[str, Any]]:
        """The acknowledged handler of one event of the catalogue."""
        run = self._join if event.name == "join" else self._run

        def handle(raw: Any = None) -> dict[str, Any]:
            return run(event, raw)

        handle.__name__ = f"on_{event.name.replace(':', '_')}"  # named in any log line
        return acknowledged(handle)

    def _acting(self) -> Actor:
        actor = self.actors[request.sid]
        self._throttle(actor)
        if actor.role == OWNER:
            raise NotAllowed("The owner's list of workshops only listens; open a dashboard to steer one.")
        return actor

    def _throttle(self, actor: Actor) -> None:
        """A person sending too fast is told to slow down; everyone else is unaffected."""
        self._activity.note()
        limits = self._attendee_limits if actor.role == ATTENDEE else self._steward_limits
        limits.check(rate_key(actor, request.sid), "You are sending too fast. Wait a moment and try again.")

    def _run(self, event: catalogue.Event, raw: Any) -> dict[str, Any]:
        actor = self._acting()
        store = ctx().store(actor.code)
        outcome = catalogue.run(ctx(), store, actor, event, raw, parse=payloads.parse)
        self.emit(outcome)
        self._feed.mark(actor.code)
        return outcome.ack

    def _join(self, event: catalogue.Event, raw: Any) -> dict[str, Any]:
        """`join` makes a person: counted per address, and it changes the connection's rooms."""
        actor = self._acting()
        store = ctx().store(actor.code)
        catalogue.authorize(event, store, actor)
        cmd = payloads.parse(event.command, raw)
        browser, address = browser_id(), request.remote_addr or "?"
        joining.admit(store, browser)  # a closed door or a barred browser is not counted
        # Counted before the join runs, so that parallel joins cannot slip past the count.
        if not self._join_limits.allow(f"{store.code} {address}"):
            raise TooManyJoins(
                "Too many people have joined from this network in the last minute. "
                "Wait a minute and try again, or ask the facilitator."
            )
        joined, outcome = joining.join(ctx(), store, actor, cmd, browser=browser, address=address)
        self.actors[request.sid] = joined
        already = joining.member_rooms(actor, store)  # entered on connect
        for room in joining.member_rooms(joined, store):
            if room not in already:
                self.enter(request.sid, room)
        self.emit(outcome)
        self._feed.mark(joined.code)
        return outcome.ack

    # Connecting

    def connect(self, auth: Any = None) -> None:
        sid = request.sid
        try:
            parsed = payloads.parse(ConnectAuth, auth)
            if parsed.role == OWNER:
                _owner(parsed)
                self.actors[sid] = Actor(code="", role=OWNER)
                self.enter(sid, rooms.owners())
                return
            actor, outcome, store = _connect(parsed)
        except WorkshopError as exc:
            # The client sees `message` as the error's text and `data` as `err.data`.
            raise ConnectionRefusedError(exc.message, {"code": exc.code, "message": exc.message}) from None
        self.actors[sid] = actor
        for room in joining.member_rooms(actor, store):
            self.enter(sid, room)
        self.socketio.emit("state", outcome.ack, to=sid, namespace=NAMESPACE, **LOCAL)
        self.emit(outcome)

    def disconnect(self, *_: Any) -> None:
        sid = request.sid
        # Only a connection's own allowance ends with it: a person's outlives each connection.
        self._attendee_limits.forget(sid)
        self._forget(sid)
        actor = self.actors.pop(sid, None)
        if actor is None or actor.role == OWNER:
            return
        try:
            self.emit(joining.disconnect(ctx(), ctx().store(actor.code), actor))
        except Exception:  # a disconnect must never fail loudly
            log.exception("error while handling a disconnect")


def register(socketio: SocketIO, rates: Rates, *, activity: Activity, feed: WorkshopsFeed) -> Connections:
    """Attach a handler for connecting, disconnecting and every event of the catalogue."""
    connections = Connections(socketio, rates, activity, feed)
    socketio.on_event("connect", connections.connect, namespace=NAMESPACE)
    socketio.on_event("disconnect", connections.disconnect, namespace=NAMESPACE)
    for event in catalogue.EVENTS:
        socketio.on_event(event.name, connections.handler(event), namespace=NAMESPACE)
    return connections


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
