"""The spotlight: the facilitator puts one card or one theme full screen on the projector."""

from __future__ import annotations

import pytest

from tests.factories import card_payload, edge, facilitator, send
from tests.service.announced import payload_of, sent
from workshop.domain.commands import AddCard, CardRef, CreateTheme, Empty, ShowSpotlight
from workshop.domain.errors import WorkshopError
from workshop.service import cards, rooms
from workshop.service import state as role_state
from workshop.service.actors import ATTENDEE, Actor


@pytest.fixture
def card_id(ctx, store, ada):
    return edge(cards.add_card)(ctx, store, ada, AddCard(**card_payload(text="Data silos"))).ack["card"]["id"]


def show(ctx, store, **aim):
    return send(ctx, store, facilitator(store), "spotlight:show", ShowSpotlight(**aim))


def refused(ctx, store, **aim) -> WorkshopError:
    with pytest.raises(WorkshopError) as caught:
        show(ctx, store, **aim)
    return caught.value


def test_a_card_in_the_spotlight_reaches_the_projector_and_the_dashboards(ctx, store, card_id):
    outcome = show(ctx, store, card_id=card_id)
    expected = {"spotlight": {"card_id": card_id, "theme_id": None}}
    assert outcome.ack == expected
    code = store.code
    assert sent(outcome) == {
        ("spotlight:changed", rooms.facilitators(code)),
        ("spotlight:changed", rooms.screens(code)),
    }
    assert payload_of(outcome, "spotlight:changed", rooms.screens(code)) == expected
    assert role_state.screen_state(store, ctx)["spotlight"] == expected["spotlight"]
    assert role_state.facilitator_state(store, ctx)["spotlight"] == expected["spotlight"]


def test_a_theme_goes_in_the_spotlight_and_taking_it_back_clears_it(ctx, store, groups):
    theme = send(
        ctx, store, facilitator(store), "theme:create", CreateTheme(group_id=groups[0], name="Money")
    )
    theme_id = theme.ack["theme"]["id"]
    assert show(ctx, store, theme_id=theme_id).ack["spotlight"] == {"card_id": None, "theme_id": theme_id}
    cleared = send(ctx, store, facilitator(store), "spotlight:clear", Empty())
    assert cleared.ack == {"spotlight": None}
    assert role_state.screen_state(store, ctx)["spotlight"] is None


def test_the_spotlight_comes_back_after_a_restart(ctx, store, card_id):
    show(ctx, store, card_id=card_id)
    code = store.code
    ctx.files.close_all()
    assert role_state.screen_state(ctx.store(code), ctx)["spotlight"] == {
        "card_id": card_id,
        "theme_id": None,
    }


@pytest.mark.parametrize(
    ("aim", "code", "field"),
    [
        ({}, "invalid_input", "card_id"),
        ({"card_id": 1, "theme_id": 1}, "invalid_input", "card_id"),
        ({"card_id": 9999}, "not_found", "card_id"),
        ({"theme_id": 9999}, "not_found", "theme_id"),
    ],
)
def test_a_spotlight_on_nothing_or_on_two_things_is_refused_and_nothing_changes(
    ctx, store, card_id, aim, code, field
):
    show(ctx, store, card_id=card_id)
    error = refused(ctx, store, **aim)
    assert (error.code, error.field) == (code, field)
    assert store.live().spotlight.card_id == card_id


def test_a_hidden_card_cannot_go_in_the_spotlight(ctx, store, card_id):
    send(ctx, store, facilitator(store), "card:hide", CardRef(card_id))
    error = refused(ctx, store, card_id=card_id)
    assert error.code == "card_hidden"
    assert store.live().spotlight is None


def test_only_a_facilitator_steers_the_spotlight(ctx, store, card_id, ada):
    for actor in (ada, Actor(code=store.code, role=ATTENDEE)):
        with pytest.raises(WorkshopError):
            send(ctx, store, actor, "spotlight:show", ShowSpotlight(card_id=card_id))
    assert store.live().spotlight is None
