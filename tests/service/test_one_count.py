"""One number per theme and per card, the same on every screen and in every export.

A theme counts its own dots plus the dots on the shown cards in it (`domain/votes.py`). One
workshop is built, then every view and export is read back for the same theme and card."""

from __future__ import annotations

import csv
import io

import pytest

from tests.factories import card_payload, facilitator, join_as, make_workshop, send
from workshop.domain.commands import (
    AddCard,
    CardRef,
    CastVote,
    ChangeSettings,
    CreateTheme,
    Empty,
    SetCardTheme,
    SetPhase,
)
from workshop.domain.votes import theme_totals
from workshop.service import exports, report_back, report_document, series, state

VOTE = 3  # in the default agenda


def test_a_theme_counts_its_own_dots_and_its_cards():
    totals = theme_totals({7: 1, 8: 0}, {1: 2, 2: 1, 3: 5}, [(1, 7), (2, 7)])
    assert totals == {7: 4}  # 1 on the theme, 2 + 1 on its cards; a card outside counts for itself


def test_cards_that_are_not_shown_do_not_count_for_their_theme():
    assert theme_totals({}, {1: 2, 2: 3}, [(1, 7)]) == {7: 2}


@pytest.fixture
def room(ctx):
    """Finance: theme "Silos" with two cards and a hidden one; dots on the theme and its cards."""
    store, _ = make_workshop(
        ctx, groups=["Finance", "Design"], votes_per_person=5, multiple_votes_per_item=True
    )
    fac = facilitator(store)
    finance = store.groups.all()[0].id
    people = [join_as(ctx, store, group=finance) for _ in range(3)]

    def post(person, text):
        return send(ctx, store, person, "card:add", AddCard(**card_payload(text=text))).ack["card"]["id"]

    send(ctx, store, fac, "phase:set", SetPhase(1))
    first, second, hidden = (
        post(people[0], "Data silos"),
        post(people[1], "No shared data"),
        post(people[2], "Spam"),
    )
    theme = send(ctx, store, fac, "theme:create", CreateTheme(finance, "Silos")).ack["theme"]["id"]
    for card_id in (first, second, hidden):
        send(ctx, store, fac, "card:theme", SetCardTheme(card_id, theme))
    send(ctx, store, fac, "phase:set", SetPhase(VOTE))
    dots = [
        (people[0], {"theme_id": theme}),
        (people[0], {"card_id": first}),
        (people[1], {"card_id": first}),
        (people[2], {"card_id": second}),
        (people[2], {"card_id": hidden}),
    ]
    for n, (person, target) in enumerate(dots):
        send(ctx, store, person, "vote:cast", CastVote(client_id=f"d-{n}", **target))
    send(ctx, store, fac, "card:hide", CardRef(hidden))
    return store, people, {"theme": theme, "first": first, "second": second}


def test_every_view_and_export_says_the_same_numbers(ctx, room):
    store, people, ids = room
    theme, first = ids["theme"], ids["first"]
    expected_theme, expected_card = (
        4,
        2,
    )  # 1 on the theme + 2 + 1 on its shown cards; the hidden one's dot is not shown
    fac = facilitator(store)
    revealed = send(ctx, store, fac, "votes:reveal", Empty())
    seen: dict[str, tuple[int, int]] = {}

    def board(tallies):
        return tallies["themes"][str(theme)], tallies["cards"][str(first)]

    seen["votes:revealed"] = board(revealed.announce[0].payload["tallies"])
    seen["dashboard"] = board(state.facilitator_state(store, ctx)["tallies"])
    seen["projector"] = board(state.screen_state(store, ctx)["tallies"])
    seen["phone"] = board(
        state.attendee_state(store, ctx, store.people.get(people[0].participant_id))["tallies"]
    )

    def report_numbers(report):
        part = report["groups"][0]
        theme_votes = next(t["votes"] for t in part["themes"] if t["id"] == theme)
        top = part["top"]
        items = (
            top["challenge"]
            if isinstance(top, dict)
            else next(k["items"] for k in top if k["kind"] == "challenge")
        )
        card_votes = next(i["votes"] for i in items if i["card_id"] == first)
        return theme_votes, card_votes

    seen["report-back (dashboard)"] = report_numbers(report_back.report(store))
    seen["report-back (projector)"] = report_numbers(report_back.report(store, public=True))
    seen["report-back (phone)"] = report_numbers(report_back.report(store, group_id=store.groups.all()[0].id))
    document = report_document.document(store)
    seen["printable report"] = report_numbers({"groups": document["groups"]})
    data = exports.export_json(ctx, store)
    seen["JSON votes"] = board(data["votes"])
    seen["JSON report"] = report_numbers({"groups": data["report"]})
    rows = list(csv.DictReader(io.StringIO(exports.export_csv(store).lstrip("\ufeff"))))
    seen["CSV"] = (expected_theme, int(next(r["votes"] for r in rows if r["text"] == "Data silos")))
    markdown = exports.report_markdown(store)
    assert f"Silos ({expected_theme} votes)" in markdown
    assert f"Data silos ({expected_card} votes" in markdown
    other, _ = make_workshop(ctx, title="Launch 2")  # the same theme again, a week later
    send(ctx, other, facilitator(other), "theme:create", CreateTheme(other.groups.all()[0].id, "Silos"))
    [recurring] = series.series([store, other])["recurring_themes"]
    seen["series"] = (
        next(w["votes"] for w in recurring["workshops"] if w["code"] == store.code),
        expected_card,
    )

    assert seen == dict.fromkeys(seen, (expected_theme, expected_card)), seen


def test_a_dot_on_a_card_announces_its_themes_new_total(ctx, room):
    store, people, ids = room
    fac = facilitator(store)
    send(ctx, store, fac, "settings:set", ChangeSettings(votes_per_person=9))
    outcome = send(ctx, store, people[1], "vote:cast", CastVote(client_id="more", card_id=ids["second"]))
    [changed] = [a for a in outcome.announce if a.event == "votes:changed"]
    assert changed.payload["tallies"] == {"cards": {str(ids["second"]): 2}, "themes": {str(ids["theme"]): 5}}
