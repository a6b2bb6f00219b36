"""What the facilitator steers: hiding cards, moving people, adding and renaming groups."""

from __future__ import annotations

import pytest

from tests.factories import card_payload, edge, facilitator, join_as
from tests.service.announced import all_rooms, payload_of, rooms_of, sent
from workshop.domain.commands import AddCard, AddGroup, CardRef, MoveParticipant, RenameGroup
from workshop.domain.errors import WorkshopError
from workshop.service import cards, moderation, people, rooms
from workshop.service import state as role_state
from workshop.service.actors import SCREEN, Actor
from workshop.service.outcome import RoomMove


@pytest.fixture
def card_id(ctx, store, ada):
    return edge(cards.add_card)(ctx, store, ada, AddCard(**card_payload(text="Data silos"))).ack["card"]["id"]


def hide(ctx, store, card_id, hidden=True, actor=None):
    return edge(moderation.set_hidden)(ctx, store, actor or facilitator(store), CardRef(card_id), hidden)


def test_hidden_card_is_withdrawn_from_group_and_screens(ctx, store, groups, card_id):
    code = store.code
    finance, design = groups
    outcome = hide(ctx, store, card_id)
    assert rooms_of(outcome, "card:hidden") == {rooms.group(code, finance), rooms.screens(code)}
    for room in rooms_of(outcome, "card:hidden"):
        assert payload_of(outcome, "card:hidden", room) == {"card_id": card_id, "group_id": finance}
    assert rooms.group(code, design) not in all_rooms(outcome)
    assert store.cards.get(card_id).hidden is True


def test_facilitators_see_a_hidden_card_flagged(ctx, store, card_id):
    code = store.code
    outcome = hide(ctx, store, card_id)
    assert rooms_of(outcome, "card:updated") == {rooms.facilitators(code)}
    assert payload_of(outcome, "card:updated", rooms.facilitators(code))["card"]["hidden"] is True
    assert outcome.ack["card"]["hidden"] is True
    assert rooms_of(outcome, "card:hidden") & {rooms.facilitators(code)} == set()


def test_hiding_a_card_updates_the_counts(ctx, store, groups, card_id):
    code = store.code
    outcome = hide(ctx, store, card_id)
    counts = payload_of(outcome, "counts:changed", rooms.facilitators(code))["counts"]
    assert counts["groups"][str(groups[0])]["cards"] == {}


def test_hidden_card_leaves_attendee_state_but_stays_in_facilitator_state(ctx, store, ada, card_id):
    hide(ctx, store, card_id)
    me = store.people.get(ada.participant_id)
    assert card_id not in [c["id"] for c in role_state.attendee_state(store, ctx, me)["cards"]]
    assert card_id not in [c["id"] for c in role_state.screen_state(store, ctx)["cards"]]
    flagged = {c["id"]: c["hidden"] for c in role_state.facilitator_state(store, ctx)["cards"]}
    assert flagged == {card_id: True}


def test_unhidden_card_is_added_back_for_group_and_screens(ctx, store, groups, card_id):
    code = store.code
    finance, design = groups
    hide(ctx, store, card_id)
    outcome = hide(ctx, store, card_id, hidden=False)
    assert rooms_of(outcome, "card:added") == {rooms.group(code, finance), rooms.screens(code)}
    assert payload_of(outcome, "card:added", rooms.screens(code))["card"]["hidden"] is False
    assert payload_of(outcome, "card:updated", rooms.facilitators(code))["card"]["hidden"] is False
    assert rooms.group(code, design) not in all_rooms(outcome)
    assert store.cards.get(card_id).hidden is False


@pytest.mark.parametrize("hidden", [True, False])
def test_hiding_twice_or_unhiding_a_visible_card_is_a_quiet_no_op(ctx, store, card_id, hidden):
    if hidden:
        hide(ctx, store, card_id)
    outcome = hide(ctx, store, card_id, hidden=hidden)
    assert outcome.announce == ()
    assert outcome.moves == ()
    assert outcome.ack["card"]["hidden"] is hidden
    assert store.cards.get(card_id).hidden is hidden


@pytest.mark.parametrize("who", ["attendee", "screen"])
def test_attendee_or_screen_cannot_hide_a_card(ctx, store, ada, card_id, who):
    actor = ada if who == "attendee" else Actor(code=store.code, role=SCREEN)
    with pytest.raises(WorkshopError) as caught:
        hide(ctx, store, card_id, actor=actor)
    assert caught.value.code == "not_allowed"
    assert store.cards.get(card_id).hidden is False


def test_hiding_an_unknown_card_is_not_found(ctx, store):
    with pytest.raises(WorkshopError) as caught:
        hide(ctx, store, 999)
    assert (caught.value.code, caught.value.field) == ("not_found", "card_id")


def test_moved_person_follows_to_the_new_group_room(ctx, store, groups, ada):
    code = store.code
    finance, design = groups
    pid = ada.participant_id
    outcome = edge(people.move_participant)(ctx, store, facilitator(store), MoveParticipant(pid, design))
    assert outcome.moves == (
        RoomMove(rooms.person(code, pid), rooms.group(code, finance), rooms.group(code, design)),
    )
    assert outcome.ack["participant"]["group_id"] == design
    assert store.people.get(pid).group_id == design


def test_moved_person_gets_the_state_of_the_new_group(ctx, store, groups, ada, card_id):
    code = store.code
    design = groups[1]
    carol = join_as(ctx, store, name="Carol", group=design)
    theirs = edge(cards.add_card)(ctx, store, carol, AddCard(**card_payload(text="Design debt"))).ack["card"][
        "id"
    ]
    pid = ada.participant_id
    outcome = edge(people.move_participant)(ctx, store, facilitator(store), MoveParticipant(pid, design))
    assert rooms_of(outcome, "state") == {rooms.person(code, pid)}
    state = payload_of(outcome, "state", rooms.person(code, pid))
    assert state["me"]["group_id"] == design
    assert [c["id"] for c in state["cards"]] == [theirs]
    assert card_id not in [c["id"] for c in state["cards"]]


def test_move_is_told_to_facilitators(ctx, store, groups, ada):
    code = store.code
    finance, design = groups
    pid = ada.participant_id
    outcome = edge(people.move_participant)(ctx, store, facilitator(store), MoveParticipant(pid, design))
    assert sent(outcome) == {
        ("state", rooms.person(code, pid)),
        ("participant:updated", rooms.facilitators(code)),
        ("counts:changed", rooms.facilitators(code)),
    }
    updated = payload_of(outcome, "participant:updated", rooms.facilitators(code))["participant"]
    assert (updated["id"], updated["group_id"], updated["online"]) == (pid, design, True)
    counts = payload_of(outcome, "counts:changed", rooms.facilitators(code))["counts"]
    assert (counts["groups"][str(finance)]["people"], counts["groups"][str(design)]["people"]) == (0, 1)


def test_move_to_the_same_group_is_a_quiet_no_op(ctx, store, groups, ada):
    outcome = edge(people.move_participant)(
        ctx, store, facilitator(store), MoveParticipant(ada.participant_id, groups[0])
    )
    assert (outcome.moves, outcome.announce) == ((), ())
    assert outcome.ack["participant"]["group_id"] == groups[0]


@pytest.mark.parametrize(
    "move_of, code, field",
    [
        (lambda pid, gid: MoveParticipant(pid, 999), "unknown_group", "group_id"),
        (lambda pid, gid: MoveParticipant(999, gid), "not_found", "participant_id"),
    ],
    ids=["unknown group", "unknown person"],
)
def test_bad_move_is_refused_and_the_person_stays(ctx, store, groups, ada, move_of, code, field):
    with pytest.raises(WorkshopError) as caught:
        edge(people.move_participant)(ctx, store, facilitator(store), move_of(ada.participant_id, groups[1]))
    assert (caught.value.code, caught.value.field) == (code, field)
    assert store.people.get(ada.participant_id).group_id == groups[0]


def test_attendee_cannot_move_anyone(ctx, store, groups, ada):
    with pytest.raises(WorkshopError) as caught:
        edge(people.move_participant)(ctx, store, ada, MoveParticipant(ada.participant_id, groups[1]))
    assert caught.value.code == "not_allowed"
    assert store.people.get(ada.participant_id).group_id == groups[0]


def test_added_group_is_announced_to_everyone(ctx, store):
    code = store.code
    outcome = edge(people.add_group)(ctx, store, facilitator(store), AddGroup("  Ops "))
    group = outcome.ack["group"]
    assert (group["name"], group["position"]) == ("Ops", 2)
    assert [g.name for g in store.groups.all()] == ["Finance", "Design", "Ops"]
    assert sent(outcome) == {
        ("group:added", rooms.everyone(code)),
        ("counts:changed", rooms.facilitators(code)),
    }
    assert payload_of(outcome, "group:added", rooms.everyone(code)) == {"group": group}
    counts = payload_of(outcome, "counts:changed", rooms.facilitators(code))["counts"]
    assert counts["groups"][str(group["id"])] == {"people": 0, "cards": {}}


def test_renamed_group_is_announced_to_everyone(ctx, store, groups):
    code = store.code
    outcome = edge(people.rename_group)(ctx, store, facilitator(store), RenameGroup(groups[1], " Product "))
    assert outcome.ack["group"] == {
        "id": groups[1],
        "name": "Product",
        "position": 1,
        "locked": False,
        "size_limit": None,
    }
    assert store.groups.get(groups[1]).name == "Product"
    assert sent(outcome) == {("group:renamed", rooms.everyone(code))}
    assert payload_of(outcome, "group:renamed", rooms.everyone(code)) == {"group": outcome.ack["group"]}


@pytest.mark.parametrize(
    "name, code",
    [("", "empty_text"), ("   ", "empty_text"), ("g" * 61, "text_too_long")],
)
def test_bad_group_name_is_refused_on_add_and_rename(ctx, store, groups, name, code):
    with pytest.raises(WorkshopError) as added:
        edge(people.add_group)(ctx, store, facilitator(store), AddGroup(name))
    with pytest.raises(WorkshopError) as renamed:
        edge(people.rename_group)(ctx, store, facilitator(store), RenameGroup(groups[0], name))
    assert (added.value.code, renamed.value.code) == (code, code)
    assert [g.name for g in store.groups.all()] == ["Finance", "Design"]


def test_renaming_an_unknown_group_is_refused(ctx, store):
    with pytest.raises(WorkshopError) as caught:
        edge(people.rename_group)(ctx, store, facilitator(store), RenameGroup(999, "Ops"))
    assert (caught.value.code, caught.value.field) == ("unknown_group", "group_id")


@pytest.mark.parametrize(
    "change",
    [
        lambda ctx, store, actor: edge(people.add_group)(ctx, store, actor, AddGroup("Ops")),
        lambda ctx, store, actor: edge(people.rename_group)(
            ctx, store, actor, RenameGroup(store.groups.all()[0].id, "Ops")
        ),
    ],
    ids=["add", "rename"],
)
def test_attendee_cannot_change_groups(ctx, store, ada, change):
    with pytest.raises(WorkshopError) as caught:
        change(ctx, store, ada)
    assert caught.value.code == "not_allowed"
    assert [g.name for g in store.groups.all()] == ["Finance", "Design"]
