"""What phones and the projector must not learn: hidden texts through a merge, other groups'
people, and tallies before the facilitator reveals them."""

from __future__ import annotations

import itertools

import pytest

from tests.factories import card_payload, facilitator, join_as
from tests.service.announced import payload_of, rooms_of
from workshop.domain.commands import (
    AddCard,
    CardRef,
    CastVote,
    ChangeSettings,
    CreateTheme,
    Empty,
    MergeCards,
    SetCardTheme,
    SetPhase,
    ShowReport,
)
from workshop.domain.errors import WorkshopError
from workshop.service import cards, moderation, rooms, steering, themes, voting
from workshop.service import state as role_state

VOTE, REPORT = 3, 4  # in the default agenda
_ids = itertools.count(1)


def post(ctx, store, actor, text, kind="challenge") -> int:
    return cards.add_card(ctx, store, actor, AddCard(**card_payload(text=text, kind=kind))).ack["card"]["id"]


def hide(ctx, store, card_id, hidden=True):
    return moderation.set_hidden(ctx, store, facilitator(store), CardRef(card_id), hidden)


def merge(ctx, store, into, others):
    return themes.merge_cards(ctx, store, facilitator(store), MergeCards(into, list(others)))


def dots(ctx, store, actor, n, **target):
    for _ in range(n):
        voting.cast_vote(ctx, store, actor, CastVote(client_id=f"v-{next(_ids)}", **target))


def attendee_state(ctx, store, actor):
    return role_state.attendee_state(store, ctx, store.people.get(actor.participant_id))


def texts_in(value) -> str:
    """Everything a payload says, as one string to search."""
    return repr(value)


@pytest.fixture
def ada(ctx, store, groups):
    return join_as(ctx, store, name="Ada", organisation="ACME", group=groups[0])


@pytest.fixture
def dana(ctx, store, groups):
    return join_as(ctx, store, name="Dana", organisation="Beta", group=groups[1])


# --- a hidden card and merging


def test_merging_a_hidden_card_is_refused_and_changes_nothing(ctx, store, ada):
    into = post(ctx, store, ada, "Data silos")
    secret = post(ctx, store, ada, "Insult about the boss")
    hide(ctx, store, secret)
    with pytest.raises(WorkshopError) as caught:
        merge(ctx, store, into, [secret])
    assert (caught.value.code, caught.value.field) == ("card_hidden", "cards")
    assert caught.value.message == "Show the card again before merging it."
    assert store.cards.get(secret).merged_into is None
    assert store.cards.merged_into([into]) == {}
    # Only its author still sees it, set aside, among their own other cards.
    seen_by_ada = attendee_state(ctx, store, ada)
    assert "Insult" not in texts_in(seen_by_ada["cards"])
    assert [(c["text"], c["hidden"]) for c in seen_by_ada["my_other_cards"]] == [
        ("Insult about the boss", True)
    ]
    neighbour = join_as(ctx, store, name="Ned", group=store.people.get(ada.participant_id).group_id)
    assert "Insult" not in texts_in(attendee_state(ctx, store, neighbour))
    assert "Insult" not in texts_in(role_state.screen_state(store, ctx))


def test_merging_into_a_hidden_card_is_refused(ctx, store, ada):
    hidden = post(ctx, store, ada, "Insult about the boss")
    shown = post(ctx, store, ada, "Data silos")
    hide(ctx, store, hidden)
    with pytest.raises(WorkshopError) as caught:
        merge(ctx, store, hidden, [shown])
    assert (caught.value.code, caught.value.field) == ("card_hidden", "into")
    assert store.cards.get(shown).merged_into is None


def test_a_card_shown_again_can_be_merged(ctx, store, ada):
    into = post(ctx, store, ada, "Data silos")
    other = post(ctx, store, ada, "Silos of data")
    hide(ctx, store, other)
    hide(ctx, store, other, hidden=False)
    assert merge(ctx, store, into, [other]).ack["card"]["merged"][0]["text"] == "Silos of data"


def test_a_merged_card_hidden_afterwards_takes_its_merged_texts_out_of_sight(ctx, store, groups, ada):
    into = post(ctx, store, ada, "Data silos")
    other = post(ctx, store, ada, "Silos of data")
    merge(ctx, store, into, [other])
    outcome = hide(ctx, store, into)
    assert rooms_of(outcome, "card:hidden") == {rooms.group(store.code, groups[0]), rooms.screens(store.code)}
    assert "Silos of data" not in texts_in(attendee_state(ctx, store, ada))
    assert "Silos of data" not in texts_in(role_state.screen_state(store, ctx))
    with pytest.raises(WorkshopError) as caught:  # and its author cannot delete it to get them back
        cards.delete_card(ctx, store, ada, CardRef(into))
    assert caught.value.code == "card_hidden"
    assert store.cards.get(other).merged_into == into


# --- other groups' people, and tallies before they are revealed


@pytest.fixture
def voted(ctx, store, groups, ada, dana):
    """Finance: "Data silos" (1 dot), then "Old tools" (3 dots, in theme "Tools"); Design:
    "Design debt" (2 dots)."""
    finance = groups[0]
    ids = {
        "silos": post(ctx, store, ada, "Data silos"),
        "tools": post(ctx, store, ada, "Old tools"),
        "debt": post(ctx, store, dana, "Design debt"),
    }
    theme = themes.create_theme(ctx, store, facilitator(store), CreateTheme(finance, "Tools")).ack["theme"]
    themes.set_card_theme(ctx, store, facilitator(store), SetCardTheme(ids["tools"], theme["id"]))
    more = ChangeSettings(votes_per_person=5, multiple_votes_per_item=True)
    steering.change_settings(ctx, store, facilitator(store), more)
    steering.set_phase(ctx, store, facilitator(store), SetPhase(VOTE))
    dots(ctx, store, ada, 1, card_id=ids["silos"])
    dots(ctx, store, ada, 3, card_id=ids["tools"])
    dots(ctx, store, dana, 2, card_id=ids["debt"])
    return ids


def items(report, kind="challenge"):
    """(text, votes) of a report's own-group part and of its synthesis."""
    part = [(i["text"], i["votes"]) for g in report["groups"] for i in g["top"][kind]]
    synthesis = [(i["text"], i["votes"]) for i in report["synthesis"]["top"][kind]]
    return part, synthesis


def test_phones_report_names_only_their_own_groups_people(ctx, store, groups, ada, dana, voted):
    steering.change_settings(ctx, store, facilitator(store), ChangeSettings(names_on_screen=True))
    steering.set_phase(ctx, store, facilitator(store), SetPhase(REPORT))
    report = attendee_state(ctx, store, ada)["report"]
    people = {i["text"]: (i["author"], i["organisation"]) for i in report["synthesis"]["top"]["challenge"]}
    assert people == {
        "Data silos": ("Ada", "ACME"),
        "Old tools": ("Ada", "ACME"),
        "Design debt": (None, None),
    }
    outcome = steering.show_report(ctx, store, facilitator(store), ShowReport(synthesis=True))
    for group_id, stranger in ((groups[0], "Dana"), (groups[1], "Ada")):
        sent = payload_of(outcome, "report:changed", rooms.group(store.code, group_id))
        assert stranger not in texts_in(sent)
        assert "ACME" not in texts_in(sent) or group_id == groups[0]
        assert "Beta" not in texts_in(sent) or group_id == groups[1]
    # The facilitators' dashboard still sees every name.
    assert "Dana" in texts_in(payload_of(outcome, "report:changed", rooms.facilitators(store.code)))


def test_projector_gets_no_tallies_through_report_show_in_the_vote_phase(ctx, store, groups, voted):
    outcome = steering.show_report(ctx, store, facilitator(store), ShowReport(group_id=groups[0]))
    screen = payload_of(outcome, "report:changed", rooms.screens(store.code))["report"]
    part, synthesis = items(screen)
    assert part == [("Data silos", None), ("Old tools", None), ("Design debt", None)]  # by age
    assert synthesis == [("Data silos", None), ("Old tools", None), ("Design debt", None)]
    assert [t["votes"] for g in screen["groups"] for t in g["themes"]] == [None]
    # Phones hear nothing of report-back before it starts; the dashboard gets the tallies.
    assert rooms.group(store.code, groups[0]) not in rooms_of(outcome, "report:changed")
    full = payload_of(outcome, "report:changed", rooms.facilitators(store.code))["report"]
    assert items(full)[1] == [("Old tools", 3), ("Design debt", 2), ("Data silos", 1)]
    step = steering.step_report(ctx, store, facilitator(store), Empty(), 1)
    assert "'votes': 3" not in texts_in(payload_of(step, "report:changed", rooms.screens(store.code)))


def test_closing_screen_and_phones_show_no_tallies_until_revealed(ctx, store, ada, voted):
    steering.close_workshop(ctx, store, facilitator(store), Empty())
    phone = attendee_state(ctx, store, ada)
    screen = role_state.screen_state(store, ctx)
    assert items(phone["report"])[0] == [("Data silos", None), ("Old tools", None)]
    assert items(screen["report"])[1] == [("Data silos", None), ("Old tools", None), ("Design debt", None)]
    assert "tallies" not in phone and "tallies" not in screen
    assert items(role_state.facilitator_state(store, ctx)["report"])[1] == [
        ("Old tools", 3),
        ("Design debt", 2),
        ("Data silos", 1),
    ]


def test_revealed_tallies_reach_the_projector_and_phones(ctx, store, ada, voted):
    voting.reveal_votes(ctx, store, facilitator(store), Empty())
    steering.close_workshop(ctx, store, facilitator(store), Empty())
    assert items(attendee_state(ctx, store, ada)["report"])[0] == [("Old tools", 3), ("Data silos", 1)]
    assert items(role_state.screen_state(store, ctx)["report"])[1] == [
        ("Old tools", 3),
        ("Design debt", 2),
        ("Data silos", 1),
    ]
