"""Theme suggestions over Socket.IO: asked, accepted as a theme, declined for good (#17)."""

from __future__ import annotations

import pytest

from tests.factories import card_payload
from tests.web.acks import error_code, ok


@pytest.fixture
def room(joined, facilitator, screen):
    """Ana and Ben in Finance, Dee in Design, the screen and the facilitator."""
    return {
        "ana": joined("Finance", "Ana"),
        "ben": joined("Finance", "Ben"),
        "dee": joined("Design", "Dee"),
        "screen": screen,
        "facilitator": facilitator,
    }


def post(phone, text) -> dict:
    return ok(phone.emit("card:add", card_payload(text=text)))["card"]


def drain(room) -> None:
    for phone in room.values():
        phone.drain()


@pytest.fixture
def cards(room):
    ana, ben = room["ana"], room["ben"]
    posted = {
        "silos": post(ana, "Data silos between ministries"),
        "coffee": post(ben, "The coffee machine is broken"),
        "silos_fr": post(ben, "Les données restent cloisonnées entre les ministères"),
        "silos_typo": post(ana, "Data silo's between the ministries"),
    }
    drain(room)
    return {name: card["id"] for name, card in posted.items()}


def suggest(fac, group_id) -> list[dict]:
    return ok(fac.emit("theme:suggest", {"group_id": group_id}))["suggestions"]


SILOS = ("silos", "silos_fr", "silos_typo")


def test_a_paraphrase_in_french_and_a_typo_are_suggested_with_a_name(room, cards, group_ids):
    found = suggest(room["facilitator"], group_ids["Finance"])
    assert [s["card_ids"] for s in found] == [sorted(cards[n] for n in SILOS)]
    assert {"Data", "ministries"} <= set(found[0]["name"].split())


def test_asking_for_suggestions_tells_nobody_else(room, cards, group_ids, stored):
    suggest(room["facilitator"], group_ids["Finance"])
    assert all(phone.events() == [] for phone in room.values())
    assert stored.themes.all() == []


def test_a_declined_suggestion_stays_declined_and_every_dashboard_hears_it(
    room, cards, group_ids, connect, workshop
):
    fac = room["facilitator"]
    other = connect({"code": workshop["code"], "key": workshop["facilitator_key"]})
    other.get_received()
    ids = sorted(cards[n] for n in SILOS)
    answer = ok(fac.emit("theme:decline", {"group_id": group_ids["Finance"], "card_ids": ids}))
    assert answer == {"group_id": group_ids["Finance"], "card_ids": ids}
    heard = [(m["name"], m["args"][0]) for m in other.get_received()]
    assert heard == [("theme:declined", {"group_id": group_ids["Finance"], "card_ids": ids})]
    assert all(phone.events() == [] for name, phone in room.items() if name != "facilitator")
    assert suggest(fac, group_ids["Finance"]) == []
    # A later dashboard (a reload) does not see it again either.
    later = connect({"code": workshop["code"], "key": workshop["facilitator_key"]})
    later.get_received()
    assert (
        ok(later.emit("theme:suggest", {"group_id": group_ids["Finance"]}, callback=True))["suggestions"]
        == []
    )


def test_a_declined_set_comes_back_when_a_new_card_joins_it(room, cards, group_ids):
    fac = room["facilitator"]
    ids = sorted(cards[n] for n in SILOS)
    ok(fac.emit("theme:decline", {"group_id": group_ids["Finance"], "card_ids": ids}))
    new = post(room["ana"], "Data silos between the ministries, again")
    found = suggest(fac, group_ids["Finance"])
    assert [s["card_ids"] for s in found] == [sorted([*ids, new["id"]])]


def test_an_accepted_suggestion_is_not_suggested_again(room, cards, group_ids):
    fac = room["facilitator"]
    [found] = suggest(fac, group_ids["Finance"])
    theme = ok(fac.emit("theme:create", {"group_id": group_ids["Finance"], "name": found["name"]}))["theme"]
    for card_id in found["card_ids"]:
        ok(fac.emit("card:theme", {"card_id": card_id, "theme_id": theme["id"]}))
    assert suggest(fac, group_ids["Finance"]) == []


@pytest.mark.parametrize(
    "payload, code",
    [
        ({"group_id": 1}, "invalid_input"),
        ({"group_id": 999, "card_ids": [1, 2]}, "unknown_group"),
        ({"group_id": "Finance", "card_ids": "silos"}, "invalid_input"),
        ("one card", "invalid_payload"),
        ({"card_ids": "one"}, "invalid_input"),
    ],
)
def test_bad_declines_are_refused(room, cards, group_ids, stored, payload, code):
    assert error_code(room["facilitator"].emit("theme:decline", payload)) == code


def test_a_decline_of_one_card_or_of_another_groups_cards_is_refused(room, cards, group_ids, stored):
    fac = room["facilitator"]
    finance, design = group_ids["Finance"], group_ids["Design"]
    assert error_code(fac.emit("theme:decline", {"group_id": finance, "card_ids": [cards["silos"]]})) == (
        "invalid_input"
    )
    both = [cards["silos"], cards["coffee"]]
    assert error_code(fac.emit("theme:decline", {"group_id": design, "card_ids": both})) == "not_your_group"
    assert error_code(
        fac.emit("theme:decline", {"group_id": finance, "card_ids": [cards["silos"], 10**6]})
    ) == ("not_found")
    assert suggest(fac, finance) != []


def test_only_a_facilitator_may_decline(room, cards, group_ids):
    ids = sorted(cards[n] for n in SILOS)
    assert error_code(
        room["ana"].emit("theme:decline", {"group_id": group_ids["Finance"], "card_ids": ids})
    ) == ("not_allowed")
    assert suggest(room["facilitator"], group_ids["Finance"]) != []
