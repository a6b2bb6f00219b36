"""Vote progress: per group and in all, how many people have placed all, some or none of
their dots; in the dashboard's state, and flagged for `votes:progress` by every change that
can move it."""

from __future__ import annotations

import pytest

from tests.factories import card_payload, edge, facilitator, join_as, send
from workshop.domain.commands import (
    AddCard,
    AddGroup,
    CardRef,
    CastVote,
    ChangeSettings,
    CreateTheme,
    Empty,
    Join,
    MoveCard,
    MoveParticipant,
    ParticipantRef,
    RemoveParticipants,
    RenameGroup,
    RetractVote,
    SetPhase,
    Shuffle,
    ThemeRef,
)
from workshop.service import cards, joining, progress, voting
from workshop.service import state as role_state
from workshop.service.actors import ATTENDEE, Actor

BRAINSTORM, VOTE = 1, 3  # in the default agenda


def post(ctx, store, actor, text):
    return edge(cards.add_card)(ctx, store, actor, AddCard(**card_payload(text=text))).ack["card"]["id"]


@pytest.fixture
def board(ctx, store, groups, ada, bob, dana):
    """Three Finance cards (Ada's, Bob's, Ada's) and a Design one; voting is open."""
    ids = [post(ctx, store, ada, "Data silos"), post(ctx, store, bob, "Slow budgets")]
    ids += [post(ctx, store, ada, "No owner"), post(ctx, store, dana, "Design debt")]
    send(ctx, store, facilitator(store), "phase:set", SetPhase(VOTE))
    return ids


def cast(ctx, store, actor, card_id, client_id=None):
    cmd = CastVote(client_id=client_id or f"v-{actor.participant_id}-{card_id}", card_id=card_id)
    return edge(voting.cast_vote)(ctx, store, actor, cmd)


def row(all_=0, some=0, none=0):
    return {"all": all_, "some": some, "none": none}


def test_nobody_has_placed_a_dot_at_first(ctx, store, groups, ada, bob, dana):
    assert role_state.facilitator_state(store, ctx)["vote_progress"] == {
        "total": row(none=3),
        "groups": [{"group_id": groups[0], **row(none=2)}, {"group_id": groups[1], **row(none=1)}],
    }


def test_each_person_counts_as_all_some_or_none_in_their_group_and_in_the_room(
    ctx, store, groups, board, ada, bob, dana
):
    for card_id in board[:3]:
        cast(ctx, store, ada, card_id)  # Ada: 3 of 3
    cast(ctx, store, bob, board[0])  # Bob: 1 of 3; Dana: none
    assert progress.vote_progress(store) == {
        "total": row(all_=1, some=1, none=1),
        "groups": [{"group_id": groups[0], **row(all_=1, some=1)}, {"group_id": groups[1], **row(none=1)}],
    }
    assert role_state.facilitator_state(store, ctx)["vote_progress"] == progress.vote_progress(store)


def test_a_dot_cast_or_taken_back_flags_the_progress_a_refused_or_resent_one_does_not(ctx, store, board, ada):
    assert cast(ctx, store, ada, board[0], client_id="v-1").progress == store.code
    assert cast(ctx, store, ada, board[0], client_id="v-1").progress is None  # a resend
    retracted = edge(voting.retract_vote)(ctx, store, ada, RetractVote(card_id=board[0]))
    assert retracted.progress == store.code
    assert progress.vote_progress(store)["total"] == row(none=3)


def test_a_join_a_move_a_removal_and_a_readmission_flag_it_and_count_where_people_are(
    ctx, store, groups, board, ada, bob
):
    cast(ctx, store, ada, board[0])
    fac = facilitator(store)
    newcomer = join_as(ctx, store, name="Eve", group=groups[1])
    assert progress.vote_progress(store)["groups"][1] == {"group_id": groups[1], **row(none=2)}
    moved = send(ctx, store, fac, "participant:move", MoveParticipant(ada.participant_id, groups[1]))
    assert moved.progress == store.code
    assert progress.vote_progress(store)["groups"] == [
        {"group_id": groups[0], **row(none=1)},
        {"group_id": groups[1], **row(some=1, none=2)},  # Ada's dot goes with her
    ]
    removed = send(ctx, store, fac, "participant:remove", ParticipantRef(ada.participant_id))
    assert removed.progress == store.code
    assert progress.vote_progress(store)["total"] == row(none=3)  # a removed person counts nowhere
    back = send(ctx, store, fac, "participant:readmit", ParticipantRef(ada.participant_id))
    assert back.progress == store.code
    assert progress.vote_progress(store)["total"] == row(some=1, none=3)
    several = send(ctx, store, fac, "participants:remove", RemoveParticipants([newcomer.participant_id]))
    assert several.progress == store.code


def test_the_join_itself_is_flagged(ctx, store, groups):
    _, outcome = joining.join(
        ctx, store, Actor(code=store.code, role=ATTENDEE), Join(name="Ann", group=groups[0])
    )
    assert outcome.progress == store.code


def test_a_lower_budget_turns_some_into_all_and_is_flagged(ctx, store, board, ada):
    cast(ctx, store, ada, board[0])
    cast(ctx, store, ada, board[2])
    assert progress.vote_progress(store)["total"] == row(some=1, none=2)
    lowered = send(ctx, store, facilitator(store), "settings:set", ChangeSettings(votes_per_person=2))
    assert lowered.progress == store.code
    assert progress.vote_progress(store)["total"] == row(all_=1, none=2)
    other = send(ctx, store, facilitator(store), "settings:set", ChangeSettings(blur_cards=True))
    assert other.progress is None


def test_dots_given_back_by_a_deleted_or_moved_card_or_a_deleted_theme_flag_it(
    ctx, store, groups, board, ada, bob
):
    fac = facilitator(store)
    send(ctx, store, fac, "settings:set", ChangeSettings(cards_while_voting=True))
    cast(ctx, store, bob, board[2])
    deleted = edge(cards.delete_card)(ctx, store, ada, CardRef(board[2]))  # Ada's card, Bob's dot
    assert deleted.progress == store.code
    assert progress.vote_progress(store)["total"] == row(none=3)
    cast(ctx, store, bob, board[0])
    moved = send(ctx, store, fac, "card:move", MoveCard(board[0], groups[1]))
    assert moved.progress == store.code
    assert progress.vote_progress(store)["total"] == row(none=3)
    theme = send(ctx, store, fac, "theme:create", CreateTheme(groups[0], "Money")).ack["theme"]["id"]
    edge(voting.cast_vote)(ctx, store, bob, CastVote(client_id="t-1", theme_id=theme))
    gone = send(ctx, store, fac, "theme:delete", ThemeRef(theme))
    assert gone.progress == store.code
    assert progress.vote_progress(store)["total"] == row(none=3)


def test_changes_that_move_no_dot_and_nobody_are_not_flagged(ctx, store, groups, board, ada):
    fac = facilitator(store)
    assert send(ctx, store, fac, "group:rename", RenameGroup(groups[0], "Money")).progress is None
    assert send(ctx, store, fac, "cards:reveal", Empty()).progress is None
    moved = send(ctx, store, fac, "card:move", MoveCard(board[1], groups[1]))  # no dots on it
    assert moved.progress is None


def test_a_new_group_and_a_shuffle_are_flagged(ctx, store, groups, ada, bob, dana):
    fac = facilitator(store)
    added = send(ctx, store, fac, "group:add", AddGroup("Ops"))
    assert added.progress == store.code
    assert progress.vote_progress(store)["groups"][-1] == {"group_id": added.ack["group"]["id"], **row()}
    send(ctx, store, fac, "phase:set", SetPhase(BRAINSTORM))
    shuffled = send(ctx, store, fac, "groups:shuffle", Shuffle("balanced"))
    assert shuffled.progress == (store.code if shuffled.ack["moved"] else None)
