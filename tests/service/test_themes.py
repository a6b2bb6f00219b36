"""Themes: clustering a group's cards, merging duplicates, and suggesting groupings."""

from __future__ import annotations

import pytest

from tests.factories import card_payload, edge, facilitator, join_as
from tests.service.announced import all_rooms, payload_of, rooms_of, sent
from workshop.domain.commands import (
    AddCard,
    CastVote,
    CreateTheme,
    Empty,
    GroupRef,
    MergeCards,
    RenameTheme,
    SetCardTheme,
    SetPhase,
    ThemeRef,
)
from workshop.domain.errors import WorkshopError
from workshop.service import cards, rooms, steering, themes, voting
from workshop.service import state as role_state
from workshop.service.actors import SCREEN, Actor

VOTE = 3  # in the default agenda


@pytest.fixture
def ada(ctx, store, groups):
    return join_as(ctx, store, name="Ada", organisation="ACME", group=groups[0])


@pytest.fixture
def bob(ctx, store, groups):
    return join_as(ctx, store, name="Bob", organisation="Beta", group=groups[0])


def refused(call, *args, **kwargs) -> WorkshopError:
    with pytest.raises(WorkshopError) as caught:
        call(*args, **kwargs)
    return caught.value


def post(ctx, store, actor, text, **overrides) -> int:
    return edge(cards.add_card)(ctx, store, actor, AddCard(**card_payload(text=text, **overrides))).ack[
        "card"
    ]["id"]


def create(ctx, store, group_id, name="Silos"):
    return edge(themes.create_theme)(ctx, store, facilitator(store), CreateTheme(group_id, name))


def set_theme(ctx, store, card_id, theme_id):
    return edge(themes.set_card_theme)(ctx, store, facilitator(store), SetCardTheme(card_id, theme_id))


def merge(ctx, store, into, others):
    return edge(themes.merge_cards)(ctx, store, facilitator(store), MergeCards(into, list(others)))


def vote(ctx, store, actor, client_id, **target):
    return edge(voting.cast_vote)(ctx, store, actor, CastVote(client_id=client_id, **target))


def open_voting(ctx, store):
    edge(steering.set_phase)(ctx, store, facilitator(store), SetPhase(VOTE))


def stewards_and(store, group_id) -> set[str]:
    code = store.code
    return {rooms.group(code, group_id), rooms.facilitators(code), rooms.screens(code)}


# --- create, rename, delete


def test_created_theme_is_saved_and_announced_to_its_group_and_stewards_only(ctx, store, groups, clock):
    finance, design = groups
    outcome = create(ctx, store, finance, "  Data silos ")
    theme = outcome.ack["theme"]
    assert theme == {"id": theme["id"], "group_id": finance, "name": "Data silos", "created_at": clock.now}
    assert sent(outcome) == {("theme:created", room) for room in stewards_and(store, finance)}
    for room in stewards_and(store, finance):
        assert payload_of(outcome, "theme:created", room) == {"theme": theme}
    assert rooms.group(store.code, design) not in all_rooms(outcome)
    assert [(t.id, t.group_id, t.name) for t in store.themes.all()] == [(theme["id"], finance, "Data silos")]


def test_new_theme_is_in_its_groups_state_only(ctx, store, groups, ada, dana):
    theme = create(ctx, store, groups[0]).ack["theme"]
    assert role_state.attendee_state(store, ctx, store.people.get(ada.participant_id))["themes"] == [theme]
    assert role_state.attendee_state(store, ctx, store.people.get(dana.participant_id))["themes"] == []
    assert role_state.facilitator_state(store, ctx)["themes"] == [theme]
    assert role_state.screen_state(store, ctx)["themes"] == [theme]


@pytest.mark.parametrize(
    "name, code, field",
    [("", "empty_text", "name"), ("   ", "empty_text", "name"), ("x" * 61, "text_too_long", "name")],
)
def test_bad_theme_name_is_refused_and_nothing_saved(ctx, store, groups, name, code, field):
    error = refused(create, ctx, store, groups[0], name)
    assert (error.code, error.field) == (code, field)
    assert store.themes.all() == []


def test_theme_in_an_unknown_group_is_refused(ctx, store):
    error = refused(create, ctx, store, 999)
    assert (error.code, error.field) == ("unknown_group", "group_id")
    assert store.themes.all() == []


def test_renamed_theme_is_announced_to_the_same_rooms(ctx, store, groups):
    finance, design = groups
    theme_id = create(ctx, store, finance).ack["theme"]["id"]
    outcome = edge(themes.rename_theme)(
        ctx, store, facilitator(store), RenameTheme(theme_id, "Silos of data")
    )
    assert outcome.ack["theme"]["name"] == "Silos of data"
    assert sent(outcome) == {("theme:renamed", room) for room in stewards_and(store, finance)}
    assert rooms.group(store.code, design) not in all_rooms(outcome)
    assert store.themes.get(theme_id).name == "Silos of data"


def test_renaming_an_unknown_theme_is_not_found(ctx, store):
    error = refused(edge(themes.rename_theme), ctx, store, facilitator(store), RenameTheme(999, "Name"))
    assert (error.code, error.field) == ("not_found", "theme_id")


def test_deleted_theme_leaves_its_cards_unthemed_and_gives_its_dots_back(ctx, store, groups, ada, dana):
    finance, design = groups
    card_id = post(ctx, store, ada, "Data silos")
    theme_id = create(ctx, store, finance).ack["theme"]["id"]
    set_theme(ctx, store, card_id, theme_id)
    open_voting(ctx, store)
    vote(ctx, store, ada, "v-1", theme_id=theme_id)
    vote(ctx, store, ada, "v-2", card_id=card_id)

    outcome = edge(themes.delete_theme)(ctx, store, facilitator(store), ThemeRef(theme_id))
    assert outcome.ack == {"theme_id": theme_id}
    assert sent(outcome) == {("theme:deleted", room) for room in stewards_and(store, finance)}
    for room in stewards_and(store, finance):
        assert payload_of(outcome, "theme:deleted", room) == {"theme_id": theme_id, "group_id": finance}
    assert rooms.group(store.code, design) not in all_rooms(outcome)
    assert store.themes.all() == []
    assert store.cards.get(card_id).theme_id is None
    assert store.votes.tallies() == {"cards": {card_id: 1}, "themes": {}}
    me = role_state.attendee_state(store, ctx, store.people.get(ada.participant_id))
    assert me["votes_left"] == 2


def test_deleting_an_unknown_theme_is_not_found(ctx, store):
    error = refused(edge(themes.delete_theme), ctx, store, facilitator(store), ThemeRef(999))
    assert (error.code, error.field) == ("not_found", "theme_id")


# --- cards into themes


def test_card_joins_a_theme_of_its_group(ctx, store, groups, ada):
    finance, design = groups
    card_id = post(ctx, store, ada, "Data silos")
    theme_id = create(ctx, store, finance).ack["theme"]["id"]
    outcome = set_theme(ctx, store, card_id, theme_id)
    assert outcome.ack["card"]["theme_id"] == theme_id
    assert sent(outcome) == {("card:updated", room) for room in stewards_and(store, finance)}
    for room in stewards_and(store, finance):
        assert payload_of(outcome, "card:updated", room)["card"]["theme_id"] == theme_id
    assert rooms.group(store.code, design) not in all_rooms(outcome)
    assert store.cards.get(card_id).theme_id == theme_id


def test_card_leaves_its_theme_with_none(ctx, store, groups, ada):
    card_id = post(ctx, store, ada, "Data silos")
    theme_id = create(ctx, store, groups[0]).ack["theme"]["id"]
    set_theme(ctx, store, card_id, theme_id)
    outcome = set_theme(ctx, store, card_id, None)
    assert outcome.ack["card"]["theme_id"] is None
    assert rooms_of(outcome, "card:updated") == stewards_and(store, groups[0])
    assert store.cards.get(card_id).theme_id is None


def test_card_already_in_the_theme_is_a_quiet_no_op(ctx, store, groups, ada):
    card_id = post(ctx, store, ada, "Data silos")
    theme_id = create(ctx, store, groups[0]).ack["theme"]["id"]
    set_theme(ctx, store, card_id, theme_id)
    outcome = set_theme(ctx, store, card_id, theme_id)
    assert outcome.ack["card"]["theme_id"] == theme_id
    assert outcome.announce == ()


def test_card_cannot_join_another_groups_theme(ctx, store, groups, ada):
    card_id = post(ctx, store, ada, "Data silos")
    theirs = create(ctx, store, groups[1]).ack["theme"]["id"]
    error = refused(set_theme, ctx, store, card_id, theirs)
    assert (error.code, error.field) == ("not_your_group", "theme_id")
    assert store.cards.get(card_id).theme_id is None


@pytest.mark.parametrize(
    "card, theme, field", [("missing", "real", "card_id"), ("real", "missing", "theme_id")]
)
def test_unknown_card_or_theme_is_not_found(ctx, store, groups, ada, card, theme, field):
    card_id = post(ctx, store, ada, "Data silos") if card == "real" else 999
    theme_id = create(ctx, store, groups[0]).ack["theme"]["id"] if theme == "real" else 999
    error = refused(set_theme, ctx, store, card_id, theme_id)
    assert (error.code, error.field) == ("not_found", field)


# --- merging duplicates


@pytest.fixture
def duplicates(ctx, store, ada, bob, dana):
    """Three Finance cards saying the same, one dot on each of the two to merge, a Design card."""
    ids = {
        "into": post(ctx, store, ada, "Data silos"),
        "bob": post(ctx, store, bob, "Silos of data", kind="opportunity"),
        "ada": post(ctx, store, ada, "Siloed data"),
        "design": post(ctx, store, dana, "Design silos"),
    }
    open_voting(ctx, store)
    vote(ctx, store, ada, "v-1", card_id=ids["bob"])
    vote(ctx, store, bob, "v-2", card_id=ids["ada"])
    return ids


def test_merged_cards_fold_into_one_with_their_texts_authors_and_dots(ctx, store, groups, ada, duplicates):
    into, others = duplicates["into"], [duplicates["bob"], duplicates["ada"]]
    outcome = merge(ctx, store, into, others)
    card = outcome.ack["card"]
    assert card["id"] == into and card["text"] == "Data silos"
    assert card["merged"] == [
        {"id": duplicates["bob"], "text": "Silos of data", "author": "Bob", "organisation": "Beta"},
        {"id": duplicates["ada"], "text": "Siloed data", "author": "Ada", "organisation": "ACME"},
    ]
    assert store.votes.tallies()["cards"] == {into: 2}
    finance_ids = [c.id for c in store.cards.all(group_id=groups[0])]
    assert finance_ids == [into]
    me = role_state.attendee_state(store, ctx, store.people.get(ada.participant_id))
    assert [c["id"] for c in me["cards"]] == [into]
    assert me["cards"][0]["merged"] == card["merged"]
    assert [c["id"] for c in role_state.facilitator_state(store, ctx)["cards"]] == [
        into,
        duplicates["design"],
    ]
    assert store.cards.count() == 4  # folded, not deleted


def test_merge_is_announced_to_the_group_and_stewards_not_the_other_group(ctx, store, groups, duplicates):
    finance, design = groups
    outcome = merge(ctx, store, duplicates["into"], [duplicates["bob"], duplicates["ada"]])
    assert rooms_of(outcome, "card:merged") == stewards_and(store, finance)
    for room in stewards_and(store, finance):
        payload = payload_of(outcome, "card:merged", room)
        assert payload["merged"] == sorted([duplicates["bob"], duplicates["ada"]])
        assert payload["card"]["id"] == duplicates["into"]
    assert rooms.group(store.code, design) not in all_rooms(outcome)


def test_merged_cards_leave_the_counts(ctx, store, groups, duplicates):
    finance, design = groups
    outcome = merge(ctx, store, duplicates["into"], [duplicates["bob"], duplicates["ada"]])
    counts = payload_of(outcome, "counts:changed", rooms.facilitators(store.code))["counts"]
    assert counts["groups"][str(finance)]["cards"] == {"challenge": 1}
    assert str(design) not in counts["groups"]  # only the group the merge touched is sent
    state_counts = role_state.facilitator_state(store, ctx)["counts"]
    assert state_counts["groups"][str(finance)]["cards"] == {"challenge": 1}
    assert state_counts["groups"][str(design)]["cards"] == {"challenge": 1}


def test_merging_another_groups_card_is_refused(ctx, store, duplicates):
    error = refused(merge, ctx, store, duplicates["into"], [duplicates["bob"], duplicates["design"]])
    assert (error.code, error.field) == ("not_your_group", "cards")
    assert all(store.cards.get(i).merged_into is None for i in duplicates.values())
    assert store.votes.tallies()["cards"] == {duplicates["bob"]: 1, duplicates["ada"]: 1}


@pytest.mark.parametrize("others", [[], ["into"], ["into", "into"]])
def test_merging_nothing_is_invalid(ctx, store, duplicates, others):
    ids = [duplicates[name] for name in others]
    error = refused(merge, ctx, store, duplicates["into"], ids)
    assert (error.code, error.field) == ("invalid_input", "cards")
    assert all(store.cards.get(i).merged_into is None for i in duplicates.values())


@pytest.mark.parametrize("unknown", ["into", "other"])
def test_merging_an_unknown_card_is_not_found(ctx, store, duplicates, unknown):
    into = 999 if unknown == "into" else duplicates["into"]
    others = [duplicates["bob"], 999] if unknown == "other" else [duplicates["bob"]]
    assert refused(merge, ctx, store, into, others).code == "not_found"
    assert store.cards.get(duplicates["bob"]).merged_into is None


def test_a_merged_card_cannot_be_merged_again(ctx, store, duplicates):
    merge(ctx, store, duplicates["into"], [duplicates["bob"]])
    assert refused(merge, ctx, store, duplicates["bob"], [duplicates["ada"]]).code == "not_found"


# --- suggestions


@pytest.fixture
def alike(ctx, store, groups, ada, bob, dana):
    """Finance: two cards on data silos, two on slow budgets, one on its own; Design: a silo too."""
    return {
        "silos_1": post(ctx, store, ada, "Data silos between teams"),
        "budget_1": post(ctx, store, bob, "Budget approval takes months"),
        "silos_2": post(ctx, store, bob, "Silos of data across teams"),
        "budget_2": post(ctx, store, ada, "Slow budget approvals"),
        "alone": post(ctx, store, ada, "Nobody owns the website"),
        "design": post(ctx, store, dana, "Data silos between teams"),
    }


def test_suggestions_group_alike_cards_and_change_nothing(ctx, store, groups, alike):
    cards_before = store.cards.all()
    outcome = edge(themes.suggest_themes)(ctx, store, facilitator(store), GroupRef(groups[0]))
    suggestions = outcome.ack["suggestions"]
    assert [s["card_ids"] for s in suggestions] == [
        [alike["silos_1"], alike["silos_2"]],
        [alike["budget_1"], alike["budget_2"]],
    ]
    assert all(isinstance(s["name"], str) and s["name"] for s in suggestions)
    assert "silos" in suggestions[0]["name"].lower()
    assert outcome.announce == () and outcome.moves == () and outcome.refresh == ()
    assert store.themes.all() == []
    assert store.cards.all() == cards_before


def test_suggestions_leave_out_themed_and_hidden_cards(ctx, store, groups, alike):
    theme_id = create(ctx, store, groups[0]).ack["theme"]["id"]
    set_theme(ctx, store, alike["silos_1"], theme_id)
    outcome = edge(themes.suggest_themes)(ctx, store, facilitator(store), GroupRef(groups[0]))
    assert [s["card_ids"] for s in outcome.ack["suggestions"]] == [[alike["budget_1"], alike["budget_2"]]]


def test_suggestions_for_an_unknown_group_are_refused(ctx, store):
    error = refused(edge(themes.suggest_themes), ctx, store, facilitator(store), GroupRef(999))
    assert (error.code, error.field) == ("unknown_group", "group_id")


# --- who and when


def test_themes_do_not_change_in_a_closed_workshop(ctx, store, groups, ada):
    card_id = post(ctx, store, ada, "Data silos")
    other_id = post(ctx, store, ada, "Silos of data")
    theme_id = create(ctx, store, groups[0]).ack["theme"]["id"]
    edge(steering.close_workshop)(ctx, store, facilitator(store), Empty())
    fac = facilitator(store)
    attempts = [
        lambda: create(ctx, store, groups[0], "Another"),
        lambda: edge(themes.rename_theme)(ctx, store, fac, RenameTheme(theme_id, "Renamed")),
        lambda: edge(themes.delete_theme)(ctx, store, fac, ThemeRef(theme_id)),
        lambda: set_theme(ctx, store, card_id, theme_id),
        lambda: merge(ctx, store, card_id, [other_id]),
    ]
    for attempt in attempts:
        assert refused(attempt).code == "wrong_phase"
    assert [t.name for t in store.themes.all()] == ["Silos"]
    assert store.cards.get(card_id).theme_id is None
    assert store.cards.get(other_id).merged_into is None


THEME_USE_CASES = [
    ("theme:create", edge(themes.create_theme), CreateTheme(1, "Mine")),
    ("theme:rename", edge(themes.rename_theme), RenameTheme(1, "Mine")),
    ("theme:delete", edge(themes.delete_theme), ThemeRef(1)),
    ("theme:suggest", edge(themes.suggest_themes), GroupRef(1)),
    ("card:theme", edge(themes.set_card_theme), SetCardTheme(1, None)),
    ("card:merge", edge(themes.merge_cards), MergeCards(1, [2])),
]


@pytest.mark.parametrize("role", ["attendee", "screen"])
@pytest.mark.parametrize("event, use_case, cmd", THEME_USE_CASES, ids=[u[0] for u in THEME_USE_CASES])
def test_only_a_facilitator_shapes_themes(ctx, store, groups, ada, role, event, use_case, cmd):
    post(ctx, store, ada, "Data silos")
    post(ctx, store, ada, "Silos of data")
    create(ctx, store, groups[0])
    actor = ada if role == "attendee" else Actor(code=store.code, role=SCREEN)
    assert refused(use_case, ctx, store, actor, cmd).code == "not_allowed"
    assert [t.name for t in store.themes.all()] == ["Silos"]
    assert [(c.theme_id, c.merged_into) for c in store.cards.all()] == [(None, None), (None, None)]
