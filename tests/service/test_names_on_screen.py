"""Anonymity on screen: the projector and report-back name nobody unless the facilitator says so."""

from __future__ import annotations

from tests.factories import card_payload, facilitator, join_as, make_workshop, send
from tests.service.announced import payload_of
from workshop.domain.commands import AddCard, ChangeSettings, SetPhase
from workshop.service import exports, report_back, rooms, state

REPORT = 4  # in the default agenda


def room(ctx):
    store, _ = make_workshop(ctx, groups=["Finance"])
    ada = join_as(ctx, store, name="Ada", organisation="Ministry of Finance")
    send(ctx, store, facilitator(store), "phase:set", SetPhase(1))
    return store, ada


def names_on_projector(ctx, store) -> set:
    cards = state.screen_state(store, ctx)["cards"]
    top = report_back.report(store, public=True)["groups"][0]["top"]["challenge"]
    return {(c["author"], c["organisation"]) for c in cards} | {(i["author"], i["organisation"]) for i in top}


def test_names_are_off_the_projector_by_default_and_kept_in_exports(ctx):
    store, ada = room(ctx)
    outcome = send(
        ctx, store, ada, "card:add", AddCard(**card_payload(text="Our legal department blocks everything"))
    )
    on_screen = payload_of(outcome, "card:added", rooms.screens(store.code))["card"]
    assert (on_screen["author"], on_screen["organisation"]) == (None, None)
    assert on_screen["text"] == "Our legal department blocks everything"
    assert names_on_projector(ctx, store) == {(None, None)}
    # The dashboard and the downloads keep who wrote it.
    assert outcome.ack["card"]["author"] == "Ada"
    assert exports.export_json(ctx, store)["cards"][0]["author"] == "Ada"


def test_the_facilitator_turns_names_on_during_the_workshop(ctx):
    store, ada = room(ctx)
    send(ctx, store, ada, "card:add", AddCard(**card_payload(text="Data silos")))
    changed = send(ctx, store, facilitator(store), "settings:set", ChangeSettings(names_on_screen=True))
    assert changed.ack["settings"]["names_on_screen"] is True
    assert rooms.everyone(store.code) in changed.refresh  # the projector redraws with names
    assert names_on_projector(ctx, store) == {("Ada", "Ministry of Finance")}
    outcome = send(ctx, store, ada, "card:add", AddCard(**card_payload(text="Old tools")))
    assert payload_of(outcome, "card:added", rooms.screens(store.code))["card"]["author"] == "Ada"
    send(ctx, store, facilitator(store), "settings:set", ChangeSettings(names_on_screen=False))
    assert names_on_projector(ctx, store) == {(None, None)}


def test_report_back_on_phones_follows_the_setting(ctx):
    store, ada = room(ctx)
    send(ctx, store, ada, "card:add", AddCard(**card_payload(text="Data silos")))
    send(ctx, store, facilitator(store), "phase:set", SetPhase(REPORT))
    me = store.people.get(ada.participant_id)
    [item] = state.attendee_state(store, ctx, me)["report"]["groups"][0]["top"]["challenge"]
    assert item["author"] is None
