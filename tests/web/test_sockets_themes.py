"""Shaping the cards over Socket.IO: themes, merges, suggestions, corrections and moves."""

from __future__ import annotations

import pytest

from tests.factories import card_payload
from tests.web.acks import error_code, ok

VOTE = 3  # in the default agenda


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


def drain(room) -> None:
    for phone in room.values():
        phone.drain()


def heard(room) -> dict[str, list[tuple[str, object]]]:
    return {name: phone.events() for name, phone in room.items()}


def post(phone, text, **overrides) -> dict:
    return ok(phone.emit("card:add", card_payload(text=text, **overrides)))["card"]


FINANCE_AND_STEWARDS = ("ana", "ben", "screen", "facilitator")


# --- themes


def test_new_theme_reaches_its_group_and_stewards_not_the_other_group(room, group_ids, stored):
    drain(room)
    theme = ok(room["facilitator"].emit("theme:create", {"group_id": group_ids["Finance"], "name": "Silos"}))[
        "theme"
    ]
    assert (theme["group_id"], theme["name"]) == (group_ids["Finance"], "Silos")
    events = heard(room)
    for name in FINANCE_AND_STEWARDS:
        assert events[name] == [("theme:created", {"theme": theme})], name
    assert events["dee"] == []
    assert [t.name for t in stored.themes.all()] == ["Silos"]


def test_renamed_and_deleted_theme_reach_the_same_rooms(room, group_ids, stored):
    fac = room["facilitator"]
    card = post(room["ana"], "Data silos")
    theme = ok(fac.emit("theme:create", {"group_id": group_ids["Finance"], "name": "Silos"}))["theme"]
    ok(fac.emit("card:theme", {"card_id": card["id"], "theme_id": theme["id"]}))
    drain(room)
    renamed = ok(fac.emit("theme:rename", {"theme_id": theme["id"], "name": "Data silos"}))["theme"]
    assert renamed["name"] == "Data silos"
    deleted = ok(fac.emit("theme:delete", {"theme_id": theme["id"]}))
    assert deleted == {"theme_id": theme["id"]}
    events = heard(room)
    for name in FINANCE_AND_STEWARDS:
        assert events[name] == [
            ("theme:renamed", {"theme": renamed}),
            ("theme:deleted", {"theme_id": theme["id"], "group_id": group_ids["Finance"]}),
        ], name
    assert events["dee"] == []
    assert stored.themes.all() == []
    assert stored.cards.get(card["id"]).theme_id is None


def test_card_into_a_theme_reaches_its_group_and_stewards(room, group_ids, stored):
    fac = room["facilitator"]
    card = post(room["ana"], "Data silos")
    theme = ok(fac.emit("theme:create", {"group_id": group_ids["Finance"], "name": "Silos"}))["theme"]
    drain(room)
    themed = ok(fac.emit("card:theme", {"card_id": card["id"], "theme_id": theme["id"]}))["card"]
    assert themed["theme_id"] == theme["id"]
    events = heard(room)
    for name in FINANCE_AND_STEWARDS:
        assert [(e, p["card"]["id"], p["card"]["theme_id"]) for e, p in events[name]] == [
            ("card:updated", card["id"], theme["id"])
        ], name
    assert events["dee"] == []
    ok(fac.emit("card:theme", {"card_id": card["id"], "theme_id": None}))
    assert stored.cards.get(card["id"]).theme_id is None


@pytest.mark.parametrize(
    "payload, code",
    [
        ({"card_id": "{card}", "theme_id": "{design_theme}"}, "not_your_group"),
        ({"card_id": "{card}", "theme_id": 999}, "not_found"),
        ({"card_id": 999, "theme_id": None}, "not_found"),
        ({"card_id": "{card}"}, "invalid_input"),
        ({"card_id": "{card}", "theme_id": "x"}, "invalid_input"),
    ],
)
def test_bad_card_theme_is_refused_and_nobody_hears(room, group_ids, stored, payload, code):
    fac = room["facilitator"]
    card = post(room["ana"], "Data silos")
    design_theme = ok(fac.emit("theme:create", {"group_id": group_ids["Design"], "name": "Craft"}))["theme"]
    fill = {"{card}": card["id"], "{design_theme}": design_theme["id"]}
    drain(room)
    resolved = {k: fill.get(v, v) if isinstance(v, str) else v for k, v in payload.items()}
    assert error_code(fac.emit("card:theme", resolved)) == code
    assert all(events == [] for events in heard(room).values())
    assert stored.cards.get(card["id"]).theme_id is None


@pytest.mark.parametrize(
    "event, payload, code",
    [
        ("theme:create", {"group_id": 999, "name": "Silos"}, "unknown_group"),
        ("theme:create", {"group_id": 1, "name": ""}, "empty_text"),
        ("theme:create", {"group_id": 1, "name": "x" * 61}, "text_too_long"),
        ("theme:create", {"name": "Silos"}, "invalid_input"),
        ("theme:rename", {"theme_id": 999, "name": "Silos"}, "not_found"),
        ("theme:delete", {"theme_id": 999}, "not_found"),
        ("theme:suggest", {"group_id": 999}, "unknown_group"),
    ],
)
def test_bad_theme_events_are_refused(room, stored, event, payload, code):
    drain(room)
    assert error_code(room["facilitator"].emit(event, payload)) == code
    assert all(events == [] for events in heard(room).values())
    assert stored.themes.all() == []


# --- merging duplicates


def test_merge_folds_cards_for_the_group_and_stewards_and_moves_the_dots(room, group_ids, stored):
    ana, ben, fac = room["ana"], room["ben"], room["facilitator"]
    into = post(ana, "Data silos")
    dup = post(ben, "Silos of data")
    ok(fac.emit("phase:set", {"index": VOTE}))
    ok(ana.emit("vote:cast", {"card_id": dup["id"], "client_id": "v-1"}))
    drain(room)
    card = ok(fac.emit("card:merge", {"into": into["id"], "cards": [dup["id"]]}))["card"]
    assert [(m["id"], m["text"], m["author"]) for m in card["merged"]] == [
        (dup["id"], "Silos of data", "Ben")
    ]
    events = heard(room)
    for name in FINANCE_AND_STEWARDS:
        merged = [(p["card"]["id"], p["merged"]) for e, p in events[name] if e == "card:merged"]
        assert merged == [(into["id"], [dup["id"]])], name
    assert events["dee"] == []
    assert stored.votes.tallies()["cards"] == {into["id"]: 1}
    assert [c.id for c in stored.cards.all()] == [into["id"]]


@pytest.mark.parametrize(
    "cards, code", [(["{design}"], "not_your_group"), ([], "invalid_input"), (["{into}"], "invalid_input")]
)
def test_bad_merge_is_refused_and_nothing_folds(room, stored, cards, code):
    into = post(room["ana"], "Data silos")
    design = post(room["dee"], "Design silos")
    fill = {"{into}": into["id"], "{design}": design["id"]}
    drain(room)
    payload = {"into": into["id"], "cards": [fill[c] for c in cards]}
    assert error_code(room["facilitator"].emit("card:merge", payload)) == code
    assert all(events == [] for events in heard(room).values())
    assert all(c.merged_into is None for c in stored.cards.all())


# --- suggestions


def test_suggestions_answer_only_the_facilitator(room, group_ids, stored):
    ana, ben = room["ana"], room["ben"]
    first = post(ana, "Data silos between teams")
    post(ben, "Nobody owns the website")
    second = post(ben, "Silos of data across teams")
    drain(room)
    body = ok(room["facilitator"].emit("theme:suggest", {"group_id": group_ids["Finance"]}))
    assert [s["card_ids"] for s in body["suggestions"]] == [[first["id"], second["id"]]]
    assert all(events == [] for events in heard(room).values())
    assert stored.themes.all() == []


# --- corrections and moves


def test_correction_reaches_the_group_and_stewards_with_the_original(room, stored):
    card = post(room["ana"], "Data silso")
    drain(room)
    corrected = ok(room["facilitator"].emit("card:correct", {"card_id": card["id"], "text": "Data silos"}))[
        "card"
    ]
    assert (corrected["text"], corrected["original_text"]) == ("Data silos", "Data silso")
    events = heard(room)
    for name in FINANCE_AND_STEWARDS:
        assert [(e, p["card"]["text"], p["card"]["original_text"]) for e, p in events[name]] == [
            ("card:updated", "Data silos", "Data silso")
        ], name
    assert events["dee"] == []
    assert stored.cards.get(card["id"]).original_text == "Data silso"


def test_moved_card_leaves_the_old_group_and_reaches_the_new_one(room, group_ids, stored):
    card = post(room["ana"], "Design debt")
    drain(room)
    moved = ok(
        room["facilitator"].emit("card:move", {"card_id": card["id"], "group_id": group_ids["Design"]})
    )["card"]
    assert moved["group_id"] == group_ids["Design"]
    gone = ("card:deleted", {"card_id": card["id"], "group_id": group_ids["Finance"]})
    events = heard(room)
    # Ana wrote it: her phone hears where it went, so it can keep it in sight for her.
    assert events["ana"] == [gone, ("card:updated", {"card": moved})]
    assert events["ben"] == [gone]
    assert [(e, p["card"]["id"], p["card"]["group_id"]) for e, p in events["dee"]] == [
        ("card:added", card["id"], group_ids["Design"])
    ]
    assert [(e, p["card"]["group_id"]) for e, p in events["screen"]] == [
        ("card:updated", group_ids["Design"])
    ]
    assert [e for e, _ in events["facilitator"]] == ["card:updated", "counts:changed"]
    assert stored.cards.get(card["id"]).group_id == group_ids["Design"]


@pytest.mark.parametrize(
    "event, payload, code",
    [
        ("card:correct", {"card_id": "{card}", "text": ""}, "empty_text"),
        ("card:correct", {"card_id": "{card}", "text": "x" * 501}, "text_too_long"),
        ("card:correct", {"card_id": 999, "text": "Text"}, "not_found"),
        ("card:move", {"card_id": "{card}", "group_id": 999}, "unknown_group"),
        ("card:move", {"card_id": 999, "group_id": 1}, "not_found"),
        ("card:move", {"card_id": "{card}"}, "invalid_input"),
    ],
)
def test_bad_moderation_is_refused_and_the_card_kept(room, group_ids, stored, event, payload, code):
    card = post(room["ana"], "Data silso")
    drain(room)
    resolved = {k: card["id"] if v == "{card}" else v for k, v in payload.items()}
    assert error_code(room["facilitator"].emit(event, resolved)) == code
    assert all(events == [] for events in heard(room).values())
    saved = stored.cards.get(card["id"])
    assert (saved.text, saved.group_id) == ("Data silso", group_ids["Finance"])
