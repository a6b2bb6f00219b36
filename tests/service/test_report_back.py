"""Report-back: each group's top cards and themes by votes, and the synthesis of the room."""

from __future__ import annotations

import itertools

import pytest

from tests.factories import card_payload, facilitator, join_as, make_workshop
from workshop.domain import ranking
from workshop.domain.commands import (
    AddCard,
    CardRef,
    CastVote,
    ChangeSettings,
    CreateTheme,
    Empty,
    SetCardTheme,
    SetPhase,
    ShowReport,
)
from workshop.service import cards, moderation, report_back, steering, themes, voting
from workshop.service import state as role_state

VOTE, REPORT = 3, 4  # in the default agenda
_client_ids = itertools.count(1)


@pytest.fixture
def room(ctx, clock):
    """Finance (Ada of ACME, Bob) and Design (Dana of Beta), with cards, themes and dots.

    Dots: Finance "Data silos" 3, "No owner" 3 (younger), "Slow budgets" 1, "Old tools" 0,
    "Open data" (opportunity) 2, "Rude" 5 but hidden; Design "Design debt" 4, "Silo thinking"
    (opportunity) 0. Themes: Finance "Data silos" (two cards, one dot of its own) and "Money"
    (one card); Design "Silos of data" and "Craft".
    """
    store, _ = make_workshop(ctx, votes_per_person=10, multiple_votes_per_item=True)
    finance, design = (g.id for g in store.groups.all())
    ada = join_as(ctx, store, name="Ada", organisation="ACME", group=finance)
    bob = join_as(ctx, store, name="Bob", group=finance)
    dana = join_as(ctx, store, name="Dana", organisation="Beta", group=design)
    fac = facilitator(store)

    def post(actor, text, kind="challenge"):
        clock.tick(1)
        cmd = AddCard(**card_payload(text=text, kind=kind))
        return cards.add_card(ctx, store, actor, cmd).ack["card"]["id"]

    def theme(group_id, name, *card_ids):
        theme_id = themes.create_theme(ctx, store, fac, CreateTheme(group_id, name)).ack["theme"]["id"]
        for card_id in card_ids:
            themes.set_card_theme(ctx, store, fac, SetCardTheme(card_id, theme_id))
        return theme_id

    def dots(actor, n, **target):
        for _ in range(n):
            voting.cast_vote(ctx, store, actor, CastVote(client_id=f"v-{next(_client_ids)}", **target))

    ids = {
        "rude": post(bob, "Rude"),
        "silos": post(ada, "Data silos"),
        "design_debt": post(dana, "Design debt"),
        "budgets": post(bob, "Slow budgets"),
        "owner": post(ada, "No owner"),
        "tools": post(ada, "Old tools"),
        "open_data": post(bob, "Open data", "opportunity"),
        "silo_thinking": post(dana, "Silo thinking", "opportunity"),
    }
    ids["t_silos"] = theme(finance, "Data silos", ids["silos"], ids["owner"])
    ids["t_money"] = theme(finance, "Money", ids["budgets"])
    ids["t_design_silos"] = theme(design, "Silos of data")
    ids["t_craft"] = theme(design, "Craft")
    steering.set_phase(ctx, store, fac, SetPhase(VOTE))
    dots(ada, 3, card_id=ids["silos"])
    dots(ada, 2, card_id=ids["owner"])
    dots(ada, 5, card_id=ids["rude"])
    dots(bob, 1, card_id=ids["owner"])
    dots(bob, 1, card_id=ids["budgets"])
    dots(bob, 2, card_id=ids["open_data"])
    dots(bob, 1, theme_id=ids["t_silos"])
    dots(dana, 4, card_id=ids["design_debt"])
    moderation.set_hidden(ctx, store, fac, CardRef(ids["rude"]), True)
    return store, (finance, design), (ada, bob, dana), ids


def item(ids, name, text, votes, *, kind="challenge", author="Ada", organisation="ACME", theme=None):
    return {
        "card_id": ids[name],
        "kind": kind,
        "text": text,
        "author": author,
        "organisation": organisation,
        "votes": votes,
        "theme": theme,
    }


def part(report, group_id):
    [found] = [g for g in report["groups"] if g["group_id"] == group_id]
    return found


def test_group_report_ranks_each_kinds_cards_by_votes_at_most_three(room):
    store, (finance, _), _, ids = room
    finance_part = part(report_back.report(store), finance)
    assert finance_part["name"] == "Finance"
    assert finance_part["top"] == {
        "challenge": [
            item(ids, "silos", "Data silos", 3, theme="Data silos"),
            item(ids, "owner", "No owner", 3, theme="Data silos"),  # a tie goes to the older card
            item(ids, "budgets", "Slow budgets", 1, author="Bob", organisation=None, theme="Money"),
        ],
        "opportunity": [
            item(ids, "open_data", "Open data", 2, kind="opportunity", author="Bob", organisation=None)
        ],
    }


def test_a_live_slide_lists_deeper_than_the_documents_and_counts_each_kinds_cards(room, ctx, clock):
    store, (finance, _), (ada, _, _), _ = room
    for n in range(ranking.SLIDE_TOP + 2):
        clock.tick(1)
        cards.add_card(ctx, store, ada, AddCard(**card_payload(text=f"Extra {n}")))
    document, slide = report_back.report(store), report_back.report(store, slide=True)
    # Finance shows 4 challenges (the hidden one left out) and 10 more; one opportunity.
    shown = {"challenge": 4 + ranking.SLIDE_TOP + 2, "opportunity": 1}
    assert part(slide, finance)["cards"] == part(document, finance)["cards"] == shown
    assert len(part(document, finance)["top"]["challenge"]) == ranking.TOP_N
    assert len(part(slide, finance)["top"]["challenge"]) == ranking.SLIDE_TOP
    # The slide's first items are the document's, in the same order.
    assert (
        part(slide, finance)["top"]["challenge"][: ranking.TOP_N]
        == part(document, finance)["top"]["challenge"]
    )
    assert slide["synthesis"]["cards"] == {"challenge": shown["challenge"] + 1, "opportunity": 2}
    assert len(document["synthesis"]["top"]["challenge"]) == ranking.SYNTHESIS_TOP
    assert len(slide["synthesis"]["top"]["challenge"]) == ranking.SLIDE_TOP


def test_hidden_cards_stay_out_of_the_report_whatever_their_votes(room):
    store, _, _, ids = room
    text = repr(report_back.report(store))
    assert "Rude" not in text
    assert ids["rude"] not in [
        i["card_id"] for g in report_back.report(store)["groups"] for i in g["top"]["challenge"]
    ]


def test_group_report_lists_themes_with_their_vote_totals(room):
    store, (finance, design), _, ids = room
    report = report_back.report(store)
    # A theme's votes are its own dots plus the dots on its cards.
    assert part(report, finance)["themes"] == [
        {"id": ids["t_silos"], "name": "Data silos", "votes": 1 + 3 + 3, "cards": 2},
        {"id": ids["t_money"], "name": "Money", "votes": 1, "cards": 1},
    ]
    assert part(report, design)["themes"] == [
        {"id": ids["t_design_silos"], "name": "Silos of data", "votes": 0, "cards": 0},
        {"id": ids["t_craft"], "name": "Craft", "votes": 0, "cards": 0},
    ]


def test_synthesis_ranks_the_top_items_across_groups(room):
    store, _, _, ids = room
    synthesis = report_back.report(store)["synthesis"]
    dana = {"author": "Dana", "organisation": "Beta"}
    bob = {"author": "Bob", "organisation": None}
    assert synthesis["top"] == {
        "challenge": [
            {**item(ids, "design_debt", "Design debt", 4, **dana), "group": "Design"},
            {**item(ids, "silos", "Data silos", 3, theme="Data silos"), "group": "Finance"},
            {**item(ids, "owner", "No owner", 3, theme="Data silos"), "group": "Finance"},
            {**item(ids, "budgets", "Slow budgets", 1, theme="Money", **bob), "group": "Finance"},
            {**item(ids, "tools", "Old tools", 0), "group": "Finance"},
        ],
        "opportunity": [
            {**item(ids, "open_data", "Open data", 2, kind="opportunity", **bob), "group": "Finance"},
            {**item(ids, "silo_thinking", "Silo thinking", 0, kind="opportunity", **dana), "group": "Design"},
        ],
    }


def test_synthesis_finds_alike_themes_shared_by_two_groups(room):
    store, _, _, _ = room
    assert report_back.report(store)["synthesis"]["shared_themes"] == [
        {"name": "Data silos", "groups": ["Design", "Finance"]}
    ]


def test_alike_themes_in_one_group_only_are_not_shared(ctx):
    store, _ = make_workshop(ctx)
    finance, design = (g.id for g in store.groups.all())
    fac = facilitator(store)
    for group_id, name in [(finance, "Data silos"), (finance, "Silos of data"), (design, "Hiring")]:
        themes.create_theme(ctx, store, fac, CreateTheme(group_id, name))
    assert report_back.report(store)["synthesis"]["shared_themes"] == []


def test_report_follows_the_cursor(room, ctx):
    store, (_, design), _, _ = room
    steering.show_report(ctx, store, facilitator(store), ShowReport(group_id=design))
    report = report_back.report(store)
    assert (report["view"], report["group_id"]) == ("group", design)


def test_attendee_state_in_report_back_carries_only_their_groups_part(room, ctx):
    store, (finance, design), (ada, _, dana), _ = room
    steering.change_settings(ctx, store, facilitator(store), ChangeSettings(names_on_screen=True))
    steering.set_phase(ctx, store, facilitator(store), SetPhase(REPORT))
    voting.reveal_votes(ctx, store, facilitator(store), Empty())  # before, nobody but them sees dots
    full = report_back.report(store, slide=True)  # live views get a slide's depth
    for actor, group_id in [(ada, finance), (dana, design)]:
        report = role_state.attendee_state(store, ctx, store.people.get(actor.participant_id))["report"]
        assert [g["group_id"] for g in report["groups"]] == [group_id]
        assert report["groups"] == [part(full, group_id)]
    assert role_state.screen_state(store, ctx)["report"] == full
    assert role_state.facilitator_state(store, ctx)["report"] == full


def test_no_report_for_attendees_and_screens_before_report_back(room, ctx):
    store, _, (ada, _, _), _ = room
    assert role_state.attendee_state(store, ctx, store.people.get(ada.participant_id))["report"] is None
    assert role_state.screen_state(store, ctx)["report"] is None
    assert role_state.facilitator_state(store, ctx)["report"] == report_back.report(store, slide=True)
