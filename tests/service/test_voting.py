"""Dot voting: a budget per person, on the cards and themes of their own group."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from tests.factories import card_payload, edge, facilitator, join_as, make_workshop
from tests.service.announced import payload_of, sent
from workshop.domain.commands import (
    AddCard,
    CardRef,
    CastVote,
    ChangeSettings,
    CreateTheme,
    Empty,
    MergeCards,
    ParticipantRef,
    RetractVote,
    SetPhase,
)
from workshop.domain.errors import WorkshopError
from workshop.service import cards, moderation, people, rooms, steering, themes, voting
from workshop.service import state as role_state
from workshop.service.actors import ATTENDEE, FACILITATOR, SCREEN, Actor

BRAINSTORM, VOTE = 1, 3  # in the default agenda
NO_DOTS = {"cards": {}, "themes": {}}


@pytest.fixture
def board(ctx, store, groups, ada, bob, dana):
    """Four Finance cards and a Finance theme, a Design card and theme; voting is open."""

    def post(actor, text):
        return edge(cards.add_card)(ctx, store, actor, AddCard(**card_payload(text=text))).ack["card"]["id"]

    def theme(group_id, name):
        return edge(themes.create_theme)(ctx, store, facilitator(store), CreateTheme(group_id, name)).ack[
            "theme"
        ]["id"]

    ids = {
        "f1": post(ada, "Data silos"),
        "f2": post(bob, "Slow budgets"),
        "f3": post(ada, "No owner"),
        "f4": post(bob, "Old tools"),
        "d1": post(dana, "Design debt"),
        "f_theme": theme(groups[0], "Money"),
        "d_theme": theme(groups[1], "Craft"),
    }
    edge(steering.set_phase)(ctx, store, facilitator(store), SetPhase(VOTE))
    return ids


_client_ids = itertools.count(1)


def cast(ctx, store, actor, *, client_id=None, **target):
    cmd = CastVote(client_id=client_id or f"v-{next(_client_ids)}", **target)
    return edge(voting.cast_vote)(ctx, store, actor, cmd)


def retract(ctx, store, actor, **target):
    return edge(voting.retract_vote)(ctx, store, actor, RetractVote(**target))


def refused(call, *args, **kwargs) -> WorkshopError:
    with pytest.raises(WorkshopError) as caught:
        call(*args, **kwargs)
    return caught.value


def reveal(ctx, store):
    return edge(voting.reveal_votes)(ctx, store, facilitator(store), Empty())


def state_of(ctx, store, actor):
    return role_state.attendee_state(store, ctx, store.people.get(actor.participant_id))


def dots(cards_=None, themes_=None):
    return {
        "cards": {str(k): v for k, v in (cards_ or {}).items()},
        "themes": {str(k): v for k, v in (themes_ or {}).items()},
    }


# --- casting


def test_dots_count_down_within_the_budget(ctx, store, board, ada):
    first = cast(ctx, store, ada, card_id=board["f1"])
    assert first.ack == {"votes_left": 2, "my_votes": dots({board["f1"]: 1})}
    second = cast(ctx, store, ada, card_id=board["f2"])
    assert second.ack == {"votes_left": 1, "my_votes": dots({board["f1"]: 1, board["f2"]: 1})}
    third = cast(ctx, store, ada, theme_id=board["f_theme"])
    assert third.ack == {
        "votes_left": 0,
        "my_votes": dots({board["f1"]: 1, board["f2"]: 1}, {board["f_theme"]: 1}),
    }
    assert [(v.participant_id, v.card_id, v.theme_id) for v in store.votes.all()] == [
        (ada.participant_id, board["f1"], None),
        (ada.participant_id, board["f2"], None),
        (ada.participant_id, None, board["f_theme"]),
    ]
    me = state_of(ctx, store, ada)
    assert (me["votes_left"], me["my_votes"]) == (0, third.ack["my_votes"])


def test_a_dot_beyond_the_budget_is_refused(ctx, store, board, ada):
    for name in ("f1", "f2", "f3"):
        cast(ctx, store, ada, card_id=board[name])
    assert refused(cast, ctx, store, ada, card_id=board["f4"]).code == "no_votes_left"
    assert store.votes.count() == 3


def test_the_budget_follows_the_settings(ctx, store, board, ada):
    edge(steering.change_settings)(ctx, store, facilitator(store), ChangeSettings(votes_per_person=1))
    assert cast(ctx, store, ada, card_id=board["f1"]).ack["votes_left"] == 0
    assert refused(cast, ctx, store, ada, card_id=board["f2"]).code == "no_votes_left"


def test_a_second_dot_on_the_same_item_is_a_duplicate(ctx, store, board, ada):
    cast(ctx, store, ada, card_id=board["f1"])
    assert refused(cast, ctx, store, ada, card_id=board["f1"]).code == "duplicate_vote"
    cast(ctx, store, ada, theme_id=board["f_theme"])
    assert refused(cast, ctx, store, ada, theme_id=board["f_theme"]).code == "duplicate_vote"
    assert store.votes.count() == 2


def test_several_dots_on_one_item_when_the_workshop_allows_it(ctx, store, board, ada):
    edge(steering.change_settings)(
        ctx, store, facilitator(store), ChangeSettings(multiple_votes_per_item=True)
    )
    cast(ctx, store, ada, card_id=board["f1"])
    cast(ctx, store, ada, card_id=board["f1"])
    outcome = cast(ctx, store, ada, card_id=board["f1"])
    assert outcome.ack == {"votes_left": 0, "my_votes": dots({board["f1"]: 3})}
    assert store.votes.tallies()["cards"] == {board["f1"]: 3}


@pytest.mark.parametrize("target", [{"card_id": "d1"}, {"theme_id": "d_theme"}])
def test_another_groups_item_is_not_yours(ctx, store, board, ada, target):
    ((field, name),) = target.items()
    error = refused(cast, ctx, store, ada, **{field: board[name]})
    assert (error.code, error.field) == ("not_your_group", field)
    assert store.votes.count() == 0


def test_hidden_missing_or_merged_items_are_not_found(ctx, store, board, ada):
    fac = facilitator(store)
    edge(moderation.set_hidden)(ctx, store, fac, CardRef(board["f1"]), True)
    edge(themes.merge_cards)(ctx, store, fac, MergeCards(board["f3"], [board["f4"]]))
    for target, field in [
        ({"card_id": board["f1"]}, "card_id"),
        ({"card_id": 999}, "card_id"),
        ({"card_id": board["f4"]}, "card_id"),
        ({"theme_id": 999}, "theme_id"),
    ]:
        error = refused(cast, ctx, store, ada, **target)
        assert (error.code, error.field) == ("not_found", field), target
    assert store.votes.count() == 0


@pytest.mark.parametrize("target", [{}, {"card_id": "f1", "theme_id": "f_theme"}])
def test_a_vote_names_exactly_one_item(ctx, store, board, ada, target):
    resolved = {field: board[name] for field, name in target.items()}
    assert refused(cast, ctx, store, ada, **resolved).code == "invalid_input"
    assert refused(retract, ctx, store, ada, **resolved).code == "invalid_input"
    assert store.votes.count() == 0


@pytest.mark.parametrize("client_id", ["", "   ", "x" * 65])
def test_a_vote_needs_a_usable_client_id(ctx, store, board, ada, client_id):
    error = refused(
        edge(voting.cast_vote), ctx, store, ada, CastVote(client_id=client_id, card_id=board["f1"])
    )
    assert (error.code, error.field) == ("invalid_input", "client_id")
    assert store.votes.count() == 0


def test_a_resent_vote_changes_nothing(ctx, store, board, ada):
    first = cast(ctx, store, ada, card_id=board["f1"], client_id="v-same")
    again = cast(ctx, store, ada, card_id=board["f1"], client_id="v-same")
    assert again.ack == first.ack == {"votes_left": 2, "my_votes": dots({board["f1"]: 1})}
    assert again.announce == ()
    assert store.votes.count() == 1


def test_a_vote_resent_after_voting_closed_still_answers(ctx, store, board, ada):
    first = cast(ctx, store, ada, card_id=board["f1"], client_id="v-same")
    edge(steering.set_phase)(ctx, store, facilitator(store), SetPhase(BRAINSTORM))
    assert cast(ctx, store, ada, card_id=board["f1"], client_id="v-same").ack == first.ack
    assert store.votes.count() == 1


@pytest.mark.parametrize(
    "actor, code",
    [("facilitator", "not_allowed"), ("screen", "not_allowed"), ("newcomer", "not_joined")],
)
def test_only_a_joined_attendee_votes(ctx, store, board, actor, code):
    who = {
        "facilitator": Actor(code=store.code, role=FACILITATOR),
        "screen": Actor(code=store.code, role=SCREEN),
        "newcomer": Actor(code=store.code, role=ATTENDEE),
    }[actor]
    assert refused(cast, ctx, store, who, card_id=board["f1"]).code == code
    assert store.votes.count() == 0


def test_a_removed_attendee_cannot_vote(ctx, store, board, ada):
    edge(people.remove_participant)(ctx, store, facilitator(store), ParticipantRef(ada.participant_id))
    assert refused(cast, ctx, store, ada, card_id=board["f1"]).code == "removed"


# --- retracting


def test_retracting_gives_a_dot_back(ctx, store, board, ada):
    cast(ctx, store, ada, card_id=board["f1"])
    cast(ctx, store, ada, theme_id=board["f_theme"])
    outcome = retract(ctx, store, ada, card_id=board["f1"])
    assert outcome.ack == {"votes_left": 2, "my_votes": dots(themes_={board["f_theme"]: 1})}
    assert store.votes.tallies() == {"cards": {}, "themes": {board["f_theme"]: 1}}
    assert retract(ctx, store, ada, theme_id=board["f_theme"]).ack == {"votes_left": 3, "my_votes": NO_DOTS}
    assert store.votes.count() == 0


def test_retracting_takes_back_one_of_several_dots(ctx, store, board, ada):
    edge(steering.change_settings)(
        ctx, store, facilitator(store), ChangeSettings(multiple_votes_per_item=True)
    )
    cast(ctx, store, ada, card_id=board["f1"])
    cast(ctx, store, ada, card_id=board["f1"])
    assert retract(ctx, store, ada, card_id=board["f1"]).ack["my_votes"] == dots({board["f1"]: 1})


@pytest.mark.parametrize(
    "target, field", [({"card_id": "f1"}, "card_id"), ({"theme_id": "f_theme"}, "theme_id")]
)
def test_retracting_where_you_have_no_dot_is_not_found(ctx, store, board, ada, bob, target, field):
    resolved = {f: board[name] for f, name in target.items()}
    cast(ctx, store, bob, **resolved)  # someone else's dot is not yours to take
    error = refused(retract, ctx, store, ada, **resolved)
    assert (error.code, error.field) == ("not_found", field)
    assert store.votes.count() == 1


def test_retracting_outside_the_vote_phase_is_refused(ctx, store, board, ada):
    cast(ctx, store, ada, card_id=board["f1"])
    edge(steering.set_phase)(ctx, store, facilitator(store), SetPhase(BRAINSTORM))
    assert refused(retract, ctx, store, ada, card_id=board["f1"]).code == "wrong_phase"
    assert store.votes.count() == 1


# --- who hears of a dot


def test_a_dot_is_told_only_to_facilitators_until_votes_are_revealed(ctx, store, board, ada, bob):
    code = store.code
    cast(ctx, store, bob, card_id=board["f1"])
    outcome = cast(ctx, store, ada, card_id=board["f1"])
    assert sent(outcome) == {("votes:changed", rooms.facilitators(code))}
    assert payload_of(outcome, "votes:changed", rooms.facilitators(code)) == {
        "tallies": dots({board["f1"]: 2})
    }
    back = retract(ctx, store, ada, card_id=board["f1"])
    assert sent(back) == {("votes:changed", rooms.facilitators(code))}
    assert payload_of(back, "votes:changed", rooms.facilitators(code)) == {"tallies": dots({board["f1"]: 1})}


def test_once_revealed_every_dot_is_told_to_everyone(ctx, store, board, ada):
    code = store.code
    reveal(ctx, store)
    outcome = cast(ctx, store, ada, theme_id=board["f_theme"])
    assert sent(outcome) == {("votes:changed", rooms.everyone(code))}
    assert payload_of(outcome, "votes:changed", rooms.everyone(code)) == {
        "tallies": dots(themes_={board["f_theme"]: 1})
    }
    edge(voting.hide_votes)(ctx, store, facilitator(store), Empty())
    hidden_again = retract(ctx, store, ada, theme_id=board["f_theme"])
    assert sent(hidden_again) == {("votes:changed", rooms.facilitators(code))}


def test_revealing_sends_everyone_all_the_tallies(ctx, store, board, ada, dana):
    cast(ctx, store, ada, card_id=board["f1"])
    cast(ctx, store, ada, theme_id=board["f_theme"])
    cast(ctx, store, dana, card_id=board["d1"])
    outcome = reveal(ctx, store)
    everyone = rooms.everyone(store.code)
    assert outcome.ack["settings"]["votes_revealed"] is True
    assert sent(outcome) == {("votes:revealed", everyone)}
    assert payload_of(outcome, "votes:revealed", everyone) == {
        "tallies": dots({board["f1"]: 1, board["d1"]: 1}, {board["f_theme"]: 1})
    }
    assert store.live().settings.votes_revealed is True


def test_hiding_the_votes_tells_everyone(ctx, store, board):
    reveal(ctx, store)
    outcome = edge(voting.hide_votes)(ctx, store, facilitator(store), Empty())
    everyone = rooms.everyone(store.code)
    assert outcome.ack["settings"]["votes_revealed"] is False
    assert sent(outcome) == {("votes:hidden", everyone)}
    assert payload_of(outcome, "votes:hidden", everyone) == {}


@pytest.mark.parametrize("use_case", [edge(voting.reveal_votes), edge(voting.hide_votes)])
@pytest.mark.parametrize("role", ["attendee", "screen"])
def test_only_a_facilitator_reveals_or_hides_votes(ctx, store, board, ada, use_case, role):
    actor = ada if role == "attendee" else Actor(code=store.code, role=SCREEN)
    assert refused(use_case, ctx, store, actor, Empty()).code == "not_allowed"
    assert store.live().settings.votes_revealed is False


def test_tallies_reach_attendees_and_screens_only_once_revealed(ctx, store, board, ada):
    cast(ctx, store, ada, card_id=board["f1"])
    assert "tallies" not in state_of(ctx, store, ada)
    assert "tallies" not in role_state.screen_state(store, ctx)
    assert role_state.facilitator_state(store, ctx)["tallies"] == dots({board["f1"]: 1})
    reveal(ctx, store)
    assert state_of(ctx, store, ada)["tallies"] == dots({board["f1"]: 1})
    assert role_state.screen_state(store, ctx)["tallies"] == dots({board["f1"]: 1})


def test_revealed_tallies_in_attendee_state_cover_their_group_only(ctx, store, board, ada, dana):
    """docs/protocol.md, "`state` additions": tallies go "to attendees (their group)"."""
    cast(ctx, store, ada, card_id=board["f1"])
    cast(ctx, store, dana, card_id=board["d1"])
    cast(ctx, store, dana, theme_id=board["d_theme"])
    reveal(ctx, store)
    assert state_of(ctx, store, ada)["tallies"] == dots({board["f1"]: 1})
    assert state_of(ctx, store, dana)["tallies"] == dots({board["d1"]: 1}, {board["d_theme"]: 1})


# --- many at once


def test_a_burst_of_thirty_attendees_with_three_dots_each_is_counted_exactly(ctx):
    store, _ = make_workshop(ctx, groups=["Finance", "Design", "Ops"])
    group_ids = [g.id for g in store.groups.all()]
    voters = [join_as(ctx, store, group=group_ids[i % 3]) for i in range(30)]
    board: dict[int, list[int]] = {}
    for group_id in group_ids:
        author = next(v for v in voters if store.people.get(v.participant_id).group_id == group_id)
        board[group_id] = [
            edge(cards.add_card)(ctx, store, author, AddCard(**card_payload(text=f"Card {n}"))).ack["card"][
                "id"
            ]
            for n in range(5)
        ]
    edge(steering.set_phase)(ctx, store, facilitator(store), SetPhase(VOTE))
    expected: Counter[int] = Counter()
    for i, voter in enumerate(voters):
        mine = board[group_ids[i % 3]]
        picks = (0, 1 + i % 2, 3 + (i // 3) % 2)  # three different cards; uneven totals
        for spent, pick in enumerate(picks, start=1):
            assert cast(ctx, store, voter, card_id=mine[pick]).ack["votes_left"] == 3 - spent
            expected[mine[pick]] += 1
    assert store.votes.count() == 90
    assert store.votes.tallies() == {"cards": dict(expected), "themes": {}}
    assert role_state.facilitator_state(store, ctx)["tallies"] == dots(expected)
    assert [expected[card_id] for card_id in board[group_ids[0]]] == [10, 5, 5, 5, 5]
    assert all(state_of(ctx, store, v)["votes_left"] == 0 for v in voters)
