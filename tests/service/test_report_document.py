"""The printable report's document: who took part, per group its best, every card."""

from __future__ import annotations

import pytest

from tests.factories import card_payload, facilitator, join_as
from workshop.domain.commands import AddCard, CardRef, CastVote, CreateTheme, SetCardTheme, SetPhase
from workshop.service import cards, moderation, report_document, steering, themes, voting

VOTE = 3  # in the default agenda


def post(ctx, store, actor, text, kind="challenge"):
    return cards.add_card(ctx, store, actor, AddCard(**card_payload(text=text, kind=kind))).ack["card"]["id"]


def vote(ctx, store, actor, card_id, n=1):
    for i in range(n):
        voting.cast_vote(
            ctx, store, actor, CastVote(client_id=f"v-{actor.participant_id}-{card_id}-{i}", card_id=card_id)
        )


@pytest.fixture
def room(ctx, store, groups):
    """Finance: Ada and Bob of the Public bank; Design: Dana of a ministry and an anonymous-ish
    Eve without an organisation. Votes: Finance's "Slow budgets" 2, "Data silos" 1."""
    finance, design = groups
    ada = join_as(ctx, store, name="Ada", group=finance, organisation="Public bank")
    bob = join_as(ctx, store, name="Bob", group=finance, organisation="Public bank")
    dana = join_as(ctx, store, name="Dana", group=design, organisation="Ministry of Finance")
    eve = join_as(ctx, store, name="Eve", group=design)
    ids = {
        "silos": post(ctx, store, ada, "Data silos"),
        "budgets": post(ctx, store, bob, "Slow budgets"),
        "open": post(ctx, store, bob, "Open data", kind="opportunity"),
        "debt": post(ctx, store, dana, "Design debt"),
        "rude": post(ctx, store, eve, "Rude remark"),
    }
    moderation.set_hidden(ctx, store, facilitator(store), CardRef(ids["rude"]), True)
    theme = themes.create_theme(ctx, store, facilitator(store), CreateTheme(finance, "Money")).ack["theme"][
        "id"
    ]
    themes.set_card_theme(ctx, store, facilitator(store), SetCardTheme(ids["budgets"], theme))
    steering.set_phase(ctx, store, facilitator(store), SetPhase(VOTE))
    vote(ctx, store, ada, ids["budgets"], 1)
    vote(ctx, store, bob, ids["budgets"], 1)
    vote(ctx, store, bob, ids["silos"], 1)
    return ids


def test_people_are_counted_by_organisation_most_first_and_never_named_by_default(store, room):
    doc = report_document.document(store)
    assert doc["participation"] == {
        "people": 4,
        "organisations": [
            {"organisation": "Public bank", "people": 2, "groups": ["Finance"]},
            {"organisation": "Ministry of Finance", "people": 1, "groups": ["Design"]},
            {"organisation": report_document.NO_ORGANISATION, "people": 1, "groups": ["Design"]},
        ],
    }
    text = repr(doc)
    for name in ("Ada", "Bob", "Dana", "Eve"):
        assert name not in text


def test_each_organisation_names_the_groups_its_people_sat_in_in_the_groups_order(ctx, store, groups):
    """When every organisation sends one person, a count per organisation says nothing; the
    groups they sat in still do."""
    finance, design = groups
    join_as(ctx, store, name="Ana", group=design, organisation="Agence nationale de la recherche (Tunisia)")
    join_as(ctx, store, name="Ben", group=design, organisation="Bank")
    join_as(ctx, store, name="Cai", group=finance, organisation="Bank")
    rows = report_document.document(store)["participation"]["organisations"]
    assert [(r["organisation"], r["people"], r["groups"]) for r in rows] == [
        ("Bank", 2, ["Finance", "Design"]),
        ("Agence nationale de la recherche (Tunisia)", 1, ["Design"]),
    ]


def test_names_appear_only_when_asked_for(store, room):
    doc = report_document.document(store, include_names=True)
    assert doc["participation"]["organisations"][0]["names"] == ["Ada", "Bob"]
    finance = doc["groups"][0]
    challenges = next(k for k in finance["top"] if k["kind"] == "challenge")
    assert [(i["text"], i["author"]) for i in challenges["items"]] == [
        ("Slow budgets", "Bob"),
        ("Data silos", "Ada"),
    ]
    assert {c["author"] for c in doc["cards"]} == {"Ada", "Bob", "Dana"}


def test_each_group_has_its_themes_and_top_items_ranked_by_votes(store, room):
    finance, design = report_document.document(store)["groups"]
    assert finance["name"] == "Finance" and finance["people"] == 2 and finance["cards"] == 3
    assert [(t["name"], t["votes"], t["cards"]) for t in finance["themes"]] == [("Money", 2, 1)]
    challenges = next(k for k in finance["top"] if k["kind"] == "challenge")
    assert [(i["text"], i["votes"], i["theme"]) for i in challenges["items"]] == [
        ("Slow budgets", 2, "Money"),
        ("Data silos", 1, None),
    ]
    assert design["cards"] == 1  # Eve's hidden card is left out


def test_the_appendix_lists_every_visible_card_by_group_kind_and_votes(store, room):
    rows = [(c["group"], c["kind"], c["text"], c["votes"]) for c in report_document.document(store)["cards"]]
    assert rows == [
        ("Finance", "Challenge", "Slow budgets", 2),
        ("Finance", "Challenge", "Data silos", 1),
        ("Finance", "Opportunity", "Open data", 0),
        ("Design", "Challenge", "Design debt", 0),
    ]


def test_the_synthesis_and_the_scale_of_the_vote_bars(store, room):
    doc = report_document.document(store)
    challenges = next(k for k in doc["synthesis"]["top"] if k["kind"] == "challenge")
    assert [(i["text"], i["group"]) for i in challenges["items"]][:2] == [
        ("Slow budgets", "Finance"),
        ("Data silos", "Finance"),
    ]
    assert doc["most_votes"] == 2
    assert [k["cards"] for k in doc["kinds"]] == [3, 1]


def test_an_empty_workshop_still_makes_a_report(store):
    doc = report_document.document(store)
    assert doc["participation"] == {"people": 0, "organisations": []}
    assert doc["cards"] == [] and doc["most_votes"] == 1
    assert [g["name"] for g in doc["groups"]] == ["Finance", "Design"]
