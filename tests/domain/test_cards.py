"""Card rules: a kind the workshop has, a text of 1 to 500 characters, a client id."""

from __future__ import annotations

from dataclasses import replace

import pytest

from workshop.domain import cards
from workshop.domain.entities import Card, Kind, Workshop
from workshop.domain.errors import CardHidden, InvalidInput, UnknownKind, WorkshopError

WORKSHOP = Workshop(
    code="ABCDEF",
    title="Launch",
    question="Why?",
    kinds=(Kind("challenge", "Challenge"), Kind("opportunity", "Opportunity")),
    assignment="self",
    allow_anonymous=False,
    created_at=0.0,
)


@pytest.mark.parametrize("kind", ["challenge", "opportunity"])
def test_kind_of_the_workshop_is_accepted(kind):
    assert cards.card_kind(WORKSHOP, kind) == kind


@pytest.mark.parametrize("kind", ["risk", "Challenge", "", " challenge"])
def test_kind_the_workshop_does_not_have_is_refused(kind):
    with pytest.raises(UnknownKind) as caught:
        cards.card_kind(WORKSHOP, kind)
    assert (caught.value.code, caught.value.field) == ("unknown_kind", "kind")


def test_card_text_is_trimmed():
    assert cards.card_text("  Data silos  ") == "Data silos"


@pytest.mark.parametrize(
    "text, code",
    [
        ("", "empty_text"),
        ("   ", "empty_text"),
        ("\u200b\u200b", "empty_text"),
        ("\u3164", "empty_text"),
        ("\ufeff \u2060", "empty_text"),
        ("x" * 501, "text_too_long"),
    ],
)
def test_bad_card_text_is_refused(text, code):
    with pytest.raises(WorkshopError) as caught:
        cards.card_text(text)
    assert (caught.value.code, caught.value.field) == (code, "text")


def test_card_text_of_500_characters_is_accepted():
    assert cards.card_text("x" * 500) == "x" * 500


@pytest.mark.parametrize("value", ["a", "c-1", "x" * 64, "  padded  "])
def test_client_id_of_one_to_64_characters_is_accepted(value):
    assert cards.client_id(value) == value.strip()


@pytest.mark.parametrize("value", ["", "   ", "x" * 65])
def test_client_id_outside_its_limits_is_refused(value):
    with pytest.raises(InvalidInput) as caught:
        cards.client_id(value)
    assert (caught.value.code, caught.value.field) == ("invalid_input", "client_id")


def test_client_id_that_cannot_be_stored_as_utf8_is_refused():
    # A lone surrogate from JSON ("\\ud800") would make SQLite fail with an internal error.
    with pytest.raises(InvalidInput) as caught:
        cards.client_id("c-\ud800")
    assert (caught.value.code, caught.value.field) == ("invalid_input", "client_id")


def test_only_the_writer_is_the_author():
    card = Card(
        id=1,
        group_id=1,
        participant_id=7,
        kind="challenge",
        text="x",
        client_id="c",
        created_at=0.0,
        updated_at=None,
        hidden=False,
    )
    assert cards.is_author(card, 7) is True
    assert cards.is_author(card, 8) is False


def a_card(card_id: int = 1, *, hidden: bool = False) -> Card:
    return Card(
        id=card_id,
        group_id=1,
        participant_id=7,
        kind="challenge",
        text="x",
        client_id=f"c-{card_id}",
        created_at=0.0,
        updated_at=None,
        hidden=hidden,
    )


def test_author_may_change_a_card_that_is_not_hidden():
    cards.check_author_may_change(a_card())


def test_author_may_not_change_a_hidden_card():
    with pytest.raises(CardHidden) as caught:
        cards.check_author_may_change(a_card(hidden=True))
    assert (caught.value.code, caught.value.field) == ("card_hidden", "card_id")


def test_shown_cards_may_be_merged():
    cards.check_mergeable(a_card(1), [a_card(2), a_card(3)])


@pytest.mark.parametrize(
    "into, others, field",
    [
        (a_card(1, hidden=True), [a_card(2)], "into"),
        (a_card(1), [a_card(2), a_card(3, hidden=True)], "cards"),
    ],
)
def test_a_hidden_card_takes_no_part_in_a_merge(into, others, field):
    with pytest.raises(CardHidden) as caught:
        cards.check_mergeable(into, others)
    assert (caught.value.code, caught.value.field) == ("card_hidden", field)
    assert "Show the card again" in caught.value.message


def test_a_person_posts_up_to_the_workshops_cards_per_person():
    cards.check_quota(199, 200)  # no error
    with pytest.raises(WorkshopError) as refused:
        cards.check_quota(200, 200)
    assert refused.value.code == "card_limit"


def test_a_merge_folds_one_to_fifty_other_cards_each_once():
    assert cards.merged_ids(1, [3, 2, 3, 1]) == [2, 3]
    for ids in ([1], list(range(2, 53))):
        with pytest.raises(WorkshopError) as refused:
            cards.merged_ids(1, ids)
        assert (refused.value.code, refused.value.field) == ("invalid_input", "cards")


def test_only_cards_of_one_group_merge():
    other_group = replace(a_card(2), group_id=2)
    with pytest.raises(WorkshopError) as refused:
        cards.check_mergeable(a_card(1), [other_group])
    assert (refused.value.code, refused.value.field) == ("not_your_group", "cards")


def test_an_attendee_changes_only_their_own_cards():
    cards.check_author(a_card(1), 7)  # no error
    with pytest.raises(WorkshopError) as refused:
        cards.check_author(a_card(1), 8)
    assert (refused.value.code, refused.value.field) == ("not_allowed", "card_id")
