"""Who is in which group: shuffles, locked and limited groups, removing a person."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.factories import card_payload, edge, facilitator, join_as, make_workshop
from tests.service.announced import payload_of, sent
from workshop.domain.commands import AddCard, Empty, Join, LimitGroup, LockGroup, ParticipantRef, Shuffle
from workshop.domain.errors import WorkshopError
from workshop.service import cards, joining, people, rooms, steering
from workshop.service import state as role_state
from workshop.service.actors import ATTENDEE, SCREEN, Actor
from workshop.service.outcome import RoomMove


def refused(call, *args, **kwargs) -> WorkshopError:
    with pytest.raises(WorkshopError) as caught:
        call(*args, **kwargs)
    return caught.value


def newcomer(store) -> Actor:
    return Actor(code=store.code, role=ATTENDEE)


def join(ctx, store, **fields):
    """Join as a new attendee; returns the actor and the join's ack (with the token)."""
    return joining.join(ctx, store, newcomer(store), Join(**{"name": "Someone", **fields}))


def post(ctx, store, actor, text="Data silos"):
    return edge(cards.add_card)(ctx, store, actor, AddCard(**card_payload(text=text)))


def group_of(store, actor) -> int:
    return store.people.get(actor.participant_id).group_id


# --- shuffling


@pytest.fixture
def three_groups(ctx):
    store, _ = make_workshop(ctx, groups=["Finance", "Design", "Ops"])
    return store, [g.id for g in store.groups.all()]


def shuffle(ctx, store, strategy):
    return edge(people.shuffle_groups)(ctx, store, facilitator(store), Shuffle(strategy))


def test_balanced_shuffle_evens_the_groups_and_moves_phones_along(ctx, three_groups):
    store, group_ids = three_groups
    code = store.code
    crowd = [join_as(ctx, store, group=group_ids[0]) for _ in range(10)]
    outcome = shuffle(ctx, store, "balanced")
    after = {a.participant_id: group_of(store, a) for a in crowd}
    assert sorted(Counter(after.values()).values()) == [3, 3, 4]
    moved = [pid for pid, gid in after.items() if gid != group_ids[0]]
    assert outcome.ack == {"moved": len(moved)} and len(moved) == 6
    assert set(outcome.moves) == {
        RoomMove(rooms.person(code, pid), rooms.group(code, group_ids[0]), rooms.group(code, after[pid]))
        for pid in moved
    }
    assert len(outcome.moves) == len(moved)
    assert set(outcome.refresh) == {rooms.person(code, pid) for pid in moved} | {rooms.facilitators(code)}
    assert len(outcome.refresh) == len(moved) + 1
    assert outcome.announce == ()


def test_shuffle_sizes_differ_by_at_most_one_for_any_crowd(ctx, three_groups):
    store, group_ids = three_groups
    for n in range(1, 8):
        join_as(ctx, store, group=group_ids[n % 2])
        shuffle(ctx, store, "balanced")
        sizes = store.group_sizes()
        assert sum(sizes.values()) == n
        assert max(sizes.values()) - min(sizes.values()) <= 1, (n, sizes)


def test_a_moved_person_sees_their_new_group_in_a_fresh_state(ctx, three_groups):
    store, group_ids = three_groups
    crowd = [join_as(ctx, store, group=group_ids[0]) for _ in range(6)]
    shuffle(ctx, store, "balanced")
    for actor in crowd:
        state = role_state.for_actor(ctx, store, actor)
        assert state["me"]["group_id"] == group_of(store, actor)


def test_mixed_shuffle_spreads_each_organisation_over_the_groups(ctx, three_groups):
    store, group_ids = three_groups
    organisations = ["ACME"] * 5 + ["acme "] * 2 + ["Beta"] * 4 + [None] * 3
    crowd = [join_as(ctx, store, group=group_ids[0], organisation=o) for o in organisations]
    outcome = shuffle(ctx, store, "mixed")
    sizes = store.group_sizes()
    assert sorted(sizes.values()) == [4, 5, 5]
    per_org: dict[str, Counter[int]] = {}
    for actor, organisation in zip(crowd, organisations, strict=True):
        key = (organisation or "").strip().casefold()
        per_org.setdefault(key, Counter())[group_of(store, actor)] += 1
    assert set(per_org) == {"acme", "beta", ""}
    for key, counts in per_org.items():
        spread = [counts.get(g, 0) for g in group_ids]
        assert max(spread) - min(spread) <= 1, (key, spread)
    assert outcome.ack["moved"] == sum(1 for a in crowd if group_of(store, a) != group_ids[0])


def test_shuffle_leaves_removed_people_where_they_were(ctx, three_groups):
    store, group_ids = three_groups
    crowd = [join_as(ctx, store, group=group_ids[0]) for _ in range(6)]
    gone = crowd.pop()
    edge(people.remove_participant)(ctx, store, facilitator(store), ParticipantRef(gone.participant_id))
    outcome = shuffle(ctx, store, "balanced")
    assert group_of(store, gone) == group_ids[0]
    assert rooms.person(store.code, gone.participant_id) not in outcome.refresh
    assert sorted(store.group_sizes().values()) == [1, 2, 2]  # five people left


@pytest.mark.parametrize("strategy", ["random", "", "BALANCED"])
def test_unknown_shuffle_strategy_is_invalid_and_nobody_moves(ctx, store, groups, strategy):
    crowd = [join_as(ctx, store, group=groups[0]) for _ in range(4)]
    error = refused(shuffle, ctx, store, strategy)
    assert (error.code, error.field) == ("invalid_input", "strategy")
    assert {group_of(store, a) for a in crowd} == {groups[0]}


def test_no_shuffle_in_a_closed_workshop(ctx, store, groups):
    crowd = [join_as(ctx, store, group=groups[0]) for _ in range(4)]
    edge(steering.close_workshop)(ctx, store, facilitator(store), Empty())
    assert refused(shuffle, ctx, store, "balanced").code == "wrong_phase"
    assert {group_of(store, a) for a in crowd} == {groups[0]}


# --- locked groups


def lock(ctx, store, group_id, locked=True):
    return edge(people.lock_group)(ctx, store, facilitator(store), LockGroup(group_id, locked))


def limit(ctx, store, group_id, size_limit):
    return edge(people.limit_group)(ctx, store, facilitator(store), LimitGroup(group_id, size_limit))


def test_locking_a_group_tells_everyone(ctx, store, groups):
    finance, _ = groups
    outcome = lock(ctx, store, finance)
    group = {"id": finance, "name": "Finance", "position": 0, "locked": True, "size_limit": None}
    assert outcome.ack == {"group": group}
    assert sent(outcome) == {("group:updated", rooms.everyone(store.code))}
    assert payload_of(outcome, "group:updated", rooms.everyone(store.code)) == {"group": group}
    assert store.groups.get(finance).locked is True


def test_a_locked_group_takes_no_newcomers_and_no_cards(ctx, store, groups):
    finance, _ = groups
    ada = join_as(ctx, store, name="Ada", group=finance)
    lock(ctx, store, finance)
    error = refused(join, ctx, store, group=finance)
    assert (error.code, error.field) == ("group_locked", "group")
    assert refused(post, ctx, store, ada).code == "group_locked"
    assert (store.people.count(), store.cards.count()) == (1, 0)
    lock(ctx, store, finance, locked=False)
    join(ctx, store, group=finance)
    post(ctx, store, ada)
    assert (store.people.count(), store.cards.count()) == (2, 1)


def test_newcomers_without_a_choice_skip_a_locked_group(ctx, store, groups):
    finance, design = groups
    lock(ctx, store, design)
    for _ in range(3):
        actor, _ = join(ctx, store)
        assert group_of(store, actor) == finance


# --- limited groups


def test_limiting_a_group_tells_everyone(ctx, store, groups):
    finance, _ = groups
    outcome = limit(ctx, store, finance, 2)
    assert outcome.ack["group"]["size_limit"] == 2
    assert sent(outcome) == {("group:updated", rooms.everyone(store.code))}
    assert store.groups.get(finance).size_limit == 2
    limit(ctx, store, finance, None)
    assert store.groups.get(finance).size_limit is None


def test_a_full_group_refuses_newcomers(ctx, store, groups):
    finance, design = groups
    limit(ctx, store, finance, 1)
    join_as(ctx, store, group=finance)
    error = refused(join, ctx, store, group=finance)
    assert (error.code, error.field) == ("group_full", "group")
    actor, _ = join(ctx, store, group=design)
    assert group_of(store, actor) == design
    assert store.group_sizes() == {finance: 1, design: 1}


def test_balanced_joins_skip_full_and_locked_groups(ctx):
    store, _ = make_workshop(ctx, groups=["Finance", "Design", "Ops"], assignment="balanced")
    finance, design, ops = (g.id for g in store.groups.all())
    limit(ctx, store, finance, 1)
    lock(ctx, store, design)
    landed = [group_of(store, join_as(ctx, store)) for _ in range(5)]
    assert Counter(landed) == {finance: 1, ops: 4}
    limit(ctx, store, ops, 4)
    error = refused(join, ctx, store)
    assert (error.code, error.field) == ("group_full", "group")
    assert store.people.count() == 5


@pytest.mark.parametrize("size_limit", [0, -1, 1001])
def test_group_limit_out_of_range_is_invalid(ctx, store, groups, size_limit):
    error = refused(limit, ctx, store, groups[0], size_limit)
    assert (error.code, error.field) == ("invalid_input", "size_limit")
    assert store.groups.get(groups[0]).size_limit is None


@pytest.mark.parametrize("use_case, cmd", [(lock, (999,)), (limit, (999, 3))])
def test_locking_or_limiting_an_unknown_group_is_refused(ctx, store, use_case, cmd):
    error = refused(use_case, ctx, store, *cmd)
    assert (error.code, error.field) == ("unknown_group", "group_id")


# --- removing a person


@pytest.fixture
def pair(ctx, store, groups):
    """Ada (with her join ack, token included) and Bob, both in Finance; Ada has a card."""
    ada, joined = join(ctx, store, name="Ada", group=groups[0])
    bob = join_as(ctx, store, name="Bob", group=groups[0])
    card_id = post(ctx, store, ada).ack["card"]["id"]
    return ada, joined.ack, bob, card_id


def remove(ctx, store, participant_id):
    return edge(people.remove_participant)(ctx, store, facilitator(store), ParticipantRef(participant_id))


def test_removed_person_is_told_disconnected_and_announced(ctx, store, groups, pair):
    ada, _, _, _ = pair
    code, pid = store.code, ada.participant_id
    outcome = remove(ctx, store, pid)
    assert outcome.ack["participant"]["id"] == pid
    assert outcome.ack["participant"]["removed"] is True
    assert outcome.ack["participant"]["online"] is False
    assert payload_of(outcome, "removed", rooms.person(code, pid))["message"]
    assert payload_of(outcome, "participant:removed", rooms.facilitators(code)) == {"participant_id": pid}
    assert sent(outcome) == {
        ("removed", rooms.person(code, pid)),
        ("participant:removed", rooms.facilitators(code)),
        ("people:changed", rooms.facilitators(code)),
        ("people:changed", rooms.screens(code)),
        ("counts:changed", rooms.facilitators(code)),
    }
    assert outcome.disconnect == (rooms.person(code, pid),)
    assert store.people.get(pid).removed is True


def test_removal_drops_the_head_count_and_keeps_the_cards(ctx, store, groups, pair):
    ada, _, _, card_id = pair
    outcome = remove(ctx, store, ada.participant_id)
    counts = payload_of(outcome, "counts:changed", rooms.facilitators(store.code))["counts"]
    assert counts["people"] == 1
    assert counts["groups"][str(groups[0])]["people"] == 1
    assert store.people.count() == 1
    state = role_state.facilitator_state(store, ctx)
    assert [c["id"] for c in state["cards"]] == [card_id]
    assert state["cards"][0]["author"] == "Ada"
    assert {p["name"]: p["removed"] for p in state["participants"]} == {"Ada": True, "Bob": False}
    assert role_state.screen_state(store, ctx)["people"] == 1


def test_removed_person_cannot_come_back_with_their_token(ctx, store, pair):
    ada, ack, _, _ = pair
    remove(ctx, store, ada.participant_id)
    error = refused(joining.connect_attendee, ctx, store, ack["token"])
    assert error.code == "removed"


def test_removed_person_cannot_act(ctx, store, pair):
    ada, _, _, _ = pair
    remove(ctx, store, ada.participant_id)
    assert refused(post, ctx, store, ada, "After removal").code == "removed"
    assert store.cards.count() == 1


def test_removing_twice_announces_nothing_more(ctx, store, pair):
    ada, _, _, _ = pair
    remove(ctx, store, ada.participant_id)
    again = remove(ctx, store, ada.participant_id)
    assert again.ack["participant"]["removed"] is True
    assert (again.announce, again.disconnect) == ((), ())


def test_removing_an_unknown_person_is_not_found(ctx, store):
    error = refused(remove, ctx, store, 999)
    assert (error.code, error.field) == ("not_found", "participant_id")


PEOPLE_USE_CASES = [
    ("groups:shuffle", edge(people.shuffle_groups), Shuffle("balanced")),
    ("group:lock", edge(people.lock_group), LockGroup(1, True)),
    ("group:limit", edge(people.limit_group), LimitGroup(1, 1)),
    ("participant:remove", edge(people.remove_participant), ParticipantRef(1)),
]


@pytest.mark.parametrize("role", ["attendee", "screen"])
@pytest.mark.parametrize("event, use_case, cmd", PEOPLE_USE_CASES, ids=[u[0] for u in PEOPLE_USE_CASES])
def test_only_a_facilitator_arranges_people(ctx, store, groups, pair, role, event, use_case, cmd):
    _, _, bob, _ = pair
    actor = bob if role == "attendee" else Actor(code=store.code, role=SCREEN)
    before = (store.groups.all(), store.people.all())
    assert refused(use_case, ctx, store, actor, cmd).code == "not_allowed"
    assert (store.groups.all(), store.people.all()) == before
