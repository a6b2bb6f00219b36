"""Every event a client may send, declared once: its payload, its use case, who may send it
and when.

The web layer registers one handler per row and runs each event through `run`: the actor and
the moment are checked here, once, against the row's `Permission` (workshop/domain/
permissions.py), then the use case does its work. docs/protocol.md's event table is made
from this one (`python -m workshop.docs`), and the authorization matrix test derives its
role and closed-workshop expectations from it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..domain import permissions
from ..domain.alike import DeclineLines, MergeLines
from ..domain.commands import (
    AddCard,
    AddGroup,
    CardRef,
    CastVote,
    ChangeSettings,
    CorrectCard,
    CreateTheme,
    EditCard,
    EditWorkshop,
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
    ShowSpotlight,
    Shuffle,
    ThemeRef,
    TimerSeconds,
)
from ..domain.permissions import ANY_PHASE, CARD_PHASES, MUST_NOT_HAVE_JOINED, VOTE_PHASES, Permission
from ..domain.suggestions import DeclineSuggestion
from ..store.workshops import WorkshopStore
from . import cards, editing, joining, moderation, people, steering, synthesis_merges, themes, voting
from .actors import ATTENDEE, Actor
from .context import Context
from .outcome import Outcome

# Reading, revealing and reporting go on after closing; changing people, groups, cards,
# themes, the agenda or the timer does not (docs/protocol.md, "A closed workshop").
STEER = permissions.facilitator(when_closed=False)
SHOW = permissions.facilitator(when_closed=True)
NEWCOMER = permissions.attendee(phases=ANY_PHASE, joined=MUST_NOT_HAVE_JOINED)
CARDS = permissions.attendee(phases=CARD_PHASES)
VOTES = permissions.attendee(phases=VOTE_PHASES)


@dataclass(frozen=True)
class Event:
    name: str
    command: type
    use_case: Callable[..., Any]
    permission: Permission
    extra: tuple[Any, ...] = ()  # further arguments of the use case, after the command
    # A resend of something already saved is answered as the first time, whatever the phase
    # is now: the phone's outbox must not be told "wrong phase" for a card it did post.
    replay: Callable[[WorkshopStore, Actor, Any], Outcome | None] | None = None


# One row per event. Columns: name, payload, use case, permission, then the use case's
# further arguments or the resend check.
# fmt: off
EVENTS: tuple[Event, ...] = (
    Event("join",                Join,               joining.join,               NEWCOMER),
    Event("card:add",            AddCard,            cards.add_card,             CARDS, replay=cards.resent),
    Event("card:edit",           EditCard,           cards.edit_card,            CARDS),
    Event("card:delete",         CardRef,            cards.delete_card,          CARDS),
    Event("vote:cast",           CastVote,           voting.cast_vote,           VOTES, replay=voting.resent),
    Event("vote:retract",        RetractVote,        voting.retract_vote,        VOTES),
    Event("card:hide",           CardRef,            moderation.set_hidden,    STEER, (True,)),
    Event("card:unhide",         CardRef,            moderation.set_hidden,    STEER, (False,)),
    Event("card:correct",        CorrectCard,        moderation.correct_card,  STEER),
    Event("card:move",           MoveCard,           moderation.move_card,     STEER),
    Event("participant:move",    MoveParticipant,    people.move_participant,    STEER),
    Event("participant:remove",  ParticipantRef,     people.remove_participant,  STEER),
    Event("participants:remove", RemoveParticipants, people.remove_participants, STEER),
    Event("participant:readmit", ParticipantRef,     people.readmit_participant, STEER),
    Event("group:add",           AddGroup,           people.add_group,           STEER),
    Event("group:rename",        RenameGroup,        people.rename_group,        STEER),
    Event("group:lock",          LockGroup,          people.lock_group,          STEER),
    Event("group:limit",         LimitGroup,         people.limit_group,         STEER),
    Event("groups:shuffle",      Shuffle,            people.shuffle_groups,      STEER),
    Event("phase:set",           SetPhase,           steering.set_phase,         STEER),
    Event("agenda:set",          SetAgenda,          steering.set_agenda,        STEER),
    Event("workshop:edit",       EditWorkshop,       editing.edit_workshop,      STEER),
    Event("timer:start",         TimerSeconds,       steering.start_timer,       STEER),
    Event("timer:pause",         Empty,              steering.pause_timer,       STEER),
    Event("timer:resume",        Empty,              steering.resume_timer,      STEER),
    Event("timer:add",           TimerSeconds,       steering.add_time,          STEER),
    Event("timer:reset",         Empty,              steering.reset_timer,       STEER),
    Event("settings:set",        ChangeSettings,     steering.change_settings,   SHOW),  # closed: retention
    Event("cards:reveal",        Empty,              steering.reveal_cards,      SHOW),
    Event("workshop:close",      Empty,              steering.close_workshop,    SHOW),
    Event("workshop:reopen",     Empty,              steering.reopen_workshop,   SHOW),
    Event("report:show",         ShowReport,         steering.show_report,       SHOW),
    Event("report:next",         Empty,              steering.step_report,       SHOW, (1,)),
    Event("report:prev",         Empty,              steering.step_report,       SHOW, (-1,)),
    Event("spotlight:show",      ShowSpotlight,      steering.show_spotlight,    SHOW),
    Event("spotlight:clear",     Empty,              steering.clear_spotlight,   SHOW),
    Event("theme:create",        CreateTheme,        themes.create_theme,        STEER),
    Event("theme:rename",        RenameTheme,        themes.rename_theme,        STEER),
    Event("theme:delete",        ThemeRef,           themes.delete_theme,        STEER),
    Event("theme:suggest",       GroupRef,           themes.suggest_themes,      SHOW),
    Event("theme:decline",       DeclineSuggestion,  themes.decline_suggestion,  STEER),
    Event("synthesis:suggest",   Empty,              synthesis_merges.suggest_merges, SHOW),
    Event("synthesis:merge",     MergeLines,         synthesis_merges.merge_lines,    SHOW),
    Event("synthesis:decline",   DeclineLines,       synthesis_merges.decline_lines,  SHOW),
    Event("card:theme",          SetCardTheme,       themes.set_card_theme,      STEER),
    Event("card:merge",          MergeCards,         themes.merge_cards,         STEER),
    Event("votes:reveal",        Empty,              voting.reveal_votes,        SHOW),
    Event("votes:hide",          Empty,              voting.hide_votes,          SHOW),
)
# fmt: on
BY_NAME: dict[str, Event] = {event.name: event for event in EVENTS}


def authorize(event: Event, store: WorkshopStore, actor: Actor) -> None:
    """The actor may send `event` now: its role, and the workshop's phase and state."""
    check_actor(event, store, actor)
    check_moment(event, store)


def check_actor(event: Event, store: WorkshopStore, actor: Actor) -> None:
    joined = actor.participant_id is not None
    removed = False
    if actor.role == ATTENDEE and joined:
        me = store.people.get(actor.participant_id)
        removed = me is None or me.removed
    permissions.check_actor(event.permission, actor.role, joined=joined, removed=removed)


def check_moment(event: Event, store: WorkshopStore) -> None:
    live = store.live()
    permissions.check_moment(
        event.permission, live.phase, closed=live.closed, cards_while_voting=live.settings.cards_while_voting
    )


def run(
    ctx: Context,
    store: WorkshopStore,
    actor: Actor,
    event: Event,
    payload: Any,
    parse: Callable[[type, Any], Any] = lambda _command, cmd: cmd,
) -> Outcome:
    """One event from one actor: checked once, then done. Who may send it is checked before
    `parse` reads the payload into the event's command (the web layer's parser; by default
    the payload is a command already). A resend is answered before the moment is checked (see
    `Event.replay`)."""
    check_actor(event, store, actor)
    cmd = parse(event.command, payload)
    if event.replay is not None and (again := event.replay(store, actor, cmd)) is not None:
        return again
    check_moment(event, store)
    return event.use_case(ctx, store, actor, cmd, *event.extra)
