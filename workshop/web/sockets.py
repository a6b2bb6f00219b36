"""Socket.IO handlers: parse the payload, call the use case, emit what it announces."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from flask import request
from flask_socketio import ConnectionRefusedError, SocketIO, join_room, leave_room

from ..domain.commands import AddCard, AddGroup, CardRef, EditCard, Join, MoveParticipant, RenameGroup
from ..domain.errors import InvalidInput, WorkshopError
from ..service import access, cards, facilitation, joining
from ..service.actors import ATTENDEE, FACILITATOR, SCREEN, Actor
from ..service.outcome import Outcome
from . import payloads
from .auth import cookie_opens
from .context import ctx, store_for
from .errors import acknowledged

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConnectAuth:
    """The `auth` object of a connection (docs/protocol.md, "Socket.IO")."""

    code: str
    key: str | None = None
    token: str | None = None
    role: str | None = None


def register(socketio: SocketIO) -> None:
    """Attach every handler to `socketio`; actors are kept per connection id."""
    actors: dict[str, Actor] = {}

    def emit_all(outcome: Outcome) -> None:
        """Room moves first, then announcements: a moved phone hears its new group."""
        manager = socketio.server.manager
        for move in outcome.moves:
            for sid, _ in list(manager.get_participants("/", move.members)):
                leave_room(move.leave, sid=sid, namespace="/")
                join_room(move.join, sid=sid, namespace="/")
        for a in outcome.announce:
            socketio.emit(a.event, a.payload, to=a.room)

    def current() -> tuple[Actor, Any]:
        actor = actors[request.sid]
        return actor, ctx().store(actor.code)

    def run(use_case: Any, command: type, raw: Any, *extra: Any) -> dict[str, Any]:
        cmd = payloads.parse(command, raw)
        actor, store = current()
        outcome = use_case(ctx(), store, actor, cmd, *extra)
        emit_all(outcome)
        return outcome.ack

    @socketio.on("connect")
    def on_connect(auth: Any = None) -> None:
        try:
            actor, outcome, store = _connect(auth)
        except WorkshopError as exc:
            # The client sees `message` as the error's text and `data` as `err.data`.
            raise ConnectionRefusedError(exc.message, {"code": exc.code, "message": exc.message}) from None
        actors[request.sid] = actor
        for room in joining.member_rooms(actor, store):
            join_room(room)
        socketio.emit("state", outcome.ack, to=request.sid)
        emit_all(outcome)

    @socketio.on("disconnect")
    def on_disconnect(*_: Any) -> None:
        actor = actors.pop(request.sid, None)
        if actor is None:
            return
        try:
            emit_all(joining.disconnect(ctx(), ctx().store(actor.code), actor))
        except Exception:  # a disconnect must never fail loudly
            log.exception("error while handling a disconnect")

    @socketio.on("join")
    @acknowledged
    def on_join(raw: Any = None) -> dict[str, Any]:
        cmd = payloads.parse(Join, raw)
        actor, store = current()
        joined, outcome = joining.join(ctx(), store, actor, cmd)
        actors[request.sid] = joined
        for room in joining.member_rooms(joined, store):
            join_room(room)
        emit_all(outcome)
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
        return run(facilitation.move_participant, MoveParticipant, raw)

    @socketio.on("group:add")
    @acknowledged
    def on_group_add(raw: Any = None) -> dict[str, Any]:
        return run(facilitation.add_group, AddGroup, raw)

    @socketio.on("group:rename")
    @acknowledged
    def on_group_rename(raw: Any = None) -> dict[str, Any]:
        return run(facilitation.rename_group, RenameGroup, raw)


def _connect(auth: Any) -> tuple[Actor, Outcome, Any]:
    """Work out who is connecting from `auth` and the cookie; refuse with a code if unsure."""
    parsed = payloads.parse(ConnectAuth, auth)
    store = store_for(parsed.code)
    if parsed.key is not None or parsed.role in (FACILITATOR, SCREEN):
        role = SCREEN if parsed.role == SCREEN else FACILITATOR
        if not cookie_opens(ctx(), store):
            access.require_key(ctx(), store, parsed.key)
        actor, outcome = joining.connect_steward(ctx(), store, role)
        return actor, outcome, store
    if parsed.role not in (None, ATTENDEE):
        raise InvalidInput("role must be attendee, facilitator or screen.", field="role")
    actor, outcome = joining.connect_attendee(ctx(), store, parsed.token)
    return actor, outcome, store
