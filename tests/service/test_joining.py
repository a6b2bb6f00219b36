"""Joining, resuming with a token, and going offline."""

from __future__ import annotations

import pytest

from tests.factories import card_payload, edge, facilitator, join_as, make_workshop
from tests.service.announced import payload_of, rooms_of, sent
from workshop.domain import keys
from workshop.domain.commands import AddCard, Join
from workshop.domain.errors import WorkshopError
from workshop.service import cards, joining, rooms, state
from workshop.service.actors import ATTENDEE, SCREEN, Actor


def newcomer(store) -> Actor:
    return Actor(code=store.code, role=ATTENDEE)


def group_ids(store) -> list[int]:
    return [g.id for g in store.groups.all()]


def test_self_select_join_lands_in_the_chosen_group(ctx, store):
    design = group_ids(store)[1]
    actor, outcome = joining.join(
        ctx, store, newcomer(store), Join(name=" Ada ", organisation=" ACME ", group=design)
    )
    me = outcome.ack["participant"]
    assert (me["name"], me["organisation"], me["group_id"], me["online"]) == ("Ada", "ACME", design, True)
    assert actor.participant_id == me["id"]
    assert store.people.get(me["id"]).group_id == design
    assert outcome.ack["state"]["me"] == me
    assert outcome.ack["state"]["role"] == "attendee"


def test_join_gives_a_token_stored_only_as_its_hash(ctx, store):
    actor, outcome = joining.join(ctx, store, newcomer(store), Join(name="Ada"))
    token = outcome.ack["token"]
    assert store.people.by_token_hash(keys.hash_secret(token)).id == actor.participant_id
    assert store.people.by_token_hash(token) is None


def test_self_select_without_a_choice_lands_in_a_smallest_group(ctx, store):
    finance, design = group_ids(store)
    join_as(ctx, store, group=finance)
    joined = join_as(ctx, store)
    assert store.people.get(joined.participant_id).group_id == design


def test_balanced_assignment_spreads_six_joins_three_and_three(ctx):
    store, _ = make_workshop(ctx, assignment="balanced")
    for _ in range(6):
        join_as(ctx, store)
    assert sorted(store.group_sizes().values()) == [3, 3]


def test_balanced_assignment_ignores_the_chosen_group(ctx):
    store, _ = make_workshop(ctx, assignment="balanced")
    finance, design = group_ids(store)
    joined = [join_as(ctx, store, group=finance) for _ in range(4)]
    assert store.group_sizes() == {finance: 2, design: 2}
    assert {store.people.get(a.participant_id).group_id for a in joined} == {finance, design}


@pytest.mark.parametrize("group", [999, -1, 0])
def test_join_into_an_unknown_group_is_refused_and_nothing_saved(ctx, store, group):
    with pytest.raises(WorkshopError) as caught:
        joining.join(ctx, store, newcomer(store), Join(name="Ada", group=group))
    assert (caught.value.code, caught.value.field) == ("unknown_group", "group")
    assert store.people.count() == 0


@pytest.mark.parametrize(
    "cmd, code",
    [
        (Join(name=""), "name_required"),
        (Join(name="   "), "name_required"),
        (Join(name="n" * 81), "text_too_long"),
        (Join(name="Ada", organisation="o" * 121), "text_too_long"),
    ],
)
def test_bad_join_is_refused_and_nothing_saved(ctx, store, cmd, code):
    with pytest.raises(WorkshopError) as caught:
        joining.join(ctx, store, newcomer(store), cmd)
    assert caught.value.code == code
    assert store.people.count() == 0
    assert ctx.presence.online_count(store.code) == 0


def test_anonymous_join_where_allowed_has_no_name(ctx):
    store, _ = make_workshop(ctx, allow_anonymous=True)
    _, outcome = joining.join(ctx, store, newcomer(store), Join(name=""))
    assert outcome.ack["participant"]["name"] is None
    assert store.people.count() == 1


def test_second_join_on_the_same_connection_is_refused(ctx, store):
    joined = join_as(ctx, store)
    with pytest.raises(WorkshopError) as caught:
        edge(joining.join)(ctx, store, joined, Join(name="Again"))
    assert caught.value.code == "already_joined"
    assert store.people.count() == 1


@pytest.mark.parametrize("role_actor", [facilitator, lambda store: Actor(code=store.code, role=SCREEN)])
def test_facilitator_or_screen_cannot_join(ctx, store, role_actor):
    with pytest.raises(WorkshopError) as caught:
        edge(joining.join)(ctx, store, role_actor(store), Join(name="Boss"))
    assert caught.value.code == "not_allowed"
    assert store.people.count() == 0


def test_join_announces_the_newcomer_to_facilitators_and_numbers_to_screens(ctx, store):
    code = store.code
    _, outcome = joining.join(ctx, store, newcomer(store), Join(name="Ada"))
    assert sent(outcome) == {
        ("participant:joined", rooms.facilitators(code)),
        ("people:changed", rooms.facilitators(code)),
        ("people:changed", rooms.screens(code)),
    }
    joined = payload_of(outcome, "participant:joined", rooms.facilitators(code))
    assert joined == {"participant": outcome.ack["participant"]}
    assert payload_of(outcome, "people:changed", rooms.screens(code)) == {"people": 1, "online": 1}


def test_join_announces_nothing_to_groups_or_everyone(ctx, store):
    code = store.code
    _, outcome = joining.join(ctx, store, newcomer(store), Join(name="Ada"))
    rooms_hit = {a.room for a in outcome.announce}
    assert rooms.everyone(code) not in rooms_hit
    assert not any(room.startswith(f"w:{code}:g:") for room in rooms_hit)
    assert "token" not in repr([a.payload for a in outcome.announce])


def test_token_resumes_the_same_person(ctx, store):
    design = group_ids(store)[1]
    joined, outcome = joining.join(ctx, store, newcomer(store), Join(name="Ada", group=design))
    actor, resumed = joining.connect_attendee(ctx, store, outcome.ack["token"])
    assert actor.participant_id == joined.participant_id
    assert actor.role == ATTENDEE
    assert resumed.ack["me"]["id"] == joined.participant_id
    assert resumed.ack["me"]["group_id"] == design
    assert store.people.count() == 1


def test_the_join_state_is_the_full_state_of_the_newcomer(ctx, store):
    """The join's `state` skips reading the newcomer's dots (there are none yet): it must be
    what a full read gives, with the group's cards and all dots still to place."""
    design = group_ids(store)[1]
    ada = join_as(ctx, store, name="Ada", group=design)
    edge(cards.add_card)(ctx, store, ada, AddCard(**card_payload(text="Data silos")))
    joined, outcome = joining.join(ctx, store, newcomer(store), Join(name="Bo", group=design))
    me = store.people.get(joined.participant_id)
    full = state.attendee_state(store, ctx, me)
    assert outcome.ack["state"] == full
    assert [c["text"] for c in full["cards"]] == ["Data silos"]
    assert full["votes_left"] == store.live().settings.votes_per_person
    assert full["my_votes"] == {"cards": {}, "themes": {}}


def test_second_connection_of_an_online_person_announces_nothing(ctx, store):
    _, outcome = joining.join(ctx, store, newcomer(store), Join(name="Ada"))
    _, resumed = joining.connect_attendee(ctx, store, outcome.ack["token"])
    assert resumed.announce == ()


def test_unknown_token_is_refused(ctx, store):
    join_as(ctx, store)
    with pytest.raises(WorkshopError) as caught:
        joining.connect_attendee(ctx, store, "not-a-token")
    assert (caught.value.code, caught.value.field) == ("bad_token", "token")


def test_token_that_is_not_valid_unicode_is_refused(ctx, store):
    # Socket.IO auth is parsed with `json`, which turns "\\ud800" into a lone surrogate.
    with pytest.raises(WorkshopError) as caught:
        joining.connect_attendee(ctx, store, "\ud800")
    assert caught.value.code == "bad_token"


def test_token_of_another_workshop_is_refused(ctx, store):
    other, _ = make_workshop(ctx)
    _, outcome = joining.join(ctx, other, newcomer(other), Join(name="Ada"))
    with pytest.raises(WorkshopError) as caught:
        joining.connect_attendee(ctx, store, outcome.ack["token"])
    assert caught.value.code == "bad_token"


def test_new_attendee_without_token_gets_the_public_state(ctx, store):
    actor, outcome = joining.connect_attendee(ctx, store, None)
    assert actor.participant_id is None
    assert outcome.announce == ()
    assert outcome.ack["role"] == "attendee"
    assert "me" not in outcome.ack
    assert "cards" not in outcome.ack
    assert [g["name"] for g in outcome.ack["groups"]] == ["Finance", "Design"]


def test_a_phone_gets_the_groups_it_needs_and_no_more(ctx, store):
    """The list to pick from before joining, then only its own group (payload on venue Wi-Fi)."""
    design = group_ids(store)[1]
    _, joined = joining.join(ctx, store, newcomer(store), Join(name="Ada", group=design))
    assert [g["name"] for g in joined.ack["state"]["groups"]] == ["Design"]
    _, resumed = joining.connect_attendee(ctx, store, joined.ack["token"])
    assert [g["id"] for g in resumed.ack["groups"]] == [design]
    fac = facilitator(store)
    assert [g["name"] for g in joining.connect_steward(ctx, store, fac.role)[1].ack["groups"]] == [
        "Finance",
        "Design",
    ]


def test_where_the_room_assigns_groups_a_new_phone_gets_no_list_to_pick_from(ctx):
    balanced, _ = make_workshop(ctx, groups=100, assignment="balanced")
    _, fresh = joining.connect_attendee(ctx, balanced, None)
    assert fresh.ack["groups"] == []
    _, joined = joining.join(ctx, balanced, newcomer(balanced), Join(name="Ada"))
    me = joined.ack["participant"]
    assert [g["id"] for g in joined.ack["state"]["groups"]] == [me["group_id"]]


def test_disconnect_of_the_last_connection_announces_offline(ctx, store):
    code = store.code
    joined, outcome = joining.join(ctx, store, newcomer(store), Join(name="Ada"))
    second, _ = joining.connect_attendee(ctx, store, outcome.ack["token"])
    assert joining.disconnect(ctx, store, second).announce == ()  # one tab closed, the phone is still on
    last = joining.disconnect(ctx, store, joined)
    assert rooms_of(last, "participant:updated") == {rooms.facilitators(code)}
    updated = payload_of(last, "participant:updated", rooms.facilitators(code))["participant"]
    assert (updated["id"], updated["online"]) == (joined.participant_id, False)
    assert rooms_of(last, "people:changed") == {rooms.facilitators(code), rooms.screens(code)}
    assert payload_of(last, "people:changed", rooms.screens(code)) == {"people": 1, "online": 0}
    assert ctx.presence.is_online(code, joined.participant_id) is False


def test_coming_back_online_is_announced(ctx, store):
    code = store.code
    joined, outcome = joining.join(ctx, store, newcomer(store), Join(name="Ada"))
    joining.disconnect(ctx, store, joined)
    _, back = joining.connect_attendee(ctx, store, outcome.ack["token"])
    updated = payload_of(back, "participant:updated", rooms.facilitators(code))["participant"]
    assert updated["online"] is True


@pytest.mark.parametrize("actor_of", [facilitator, newcomer])
def test_disconnect_of_a_facilitator_or_unjoined_attendee_announces_nothing(ctx, store, actor_of):
    join_as(ctx, store)
    assert joining.disconnect(ctx, store, actor_of(store)).announce == ()


def test_member_rooms_follow_the_role(ctx, store):
    code = store.code
    joined = join_as(ctx, store)
    gid = store.people.get(joined.participant_id).group_id
    assert joining.member_rooms(joined, store) == [
        rooms.everyone(code),
        rooms.group(code, gid),
        rooms.person(code, joined.participant_id),
    ]
    assert joining.member_rooms(facilitator(store), store) == [rooms.everyone(code), rooms.facilitators(code)]
    assert joining.member_rooms(newcomer(store), store) == [rooms.everyone(code)]
