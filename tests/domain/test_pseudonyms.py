"""Pseudonyms: "Participant N" in join order; an organisation only ever as a listed kind."""

from __future__ import annotations

from workshop.domain import pseudonyms
from workshop.domain.entities import Participant


def person(
    pid: int, joined_at: float, name: str | None = "Ada", organisation: str | None = "ACME"
) -> Participant:
    return Participant(pid, name, organisation, group_id=1, joined_at=joined_at)


def test_people_are_numbered_from_one_in_the_order_they_joined():
    people = [person(3, 30.0), person(1, 10.0), person(2, 20.0)]
    assert pseudonyms.pseudonyms(people) == {1: "Participant 1", 2: "Participant 2", 3: "Participant 3"}


def test_people_who_joined_in_the_same_instant_are_numbered_by_id():
    assert pseudonyms.pseudonyms([person(9, 5.0), person(4, 5.0)]) == {4: "Participant 1", 9: "Participant 2"}


def test_the_same_people_always_get_the_same_pseudonyms():
    people = [person(i, float(i % 4), name=f"Name {i}") for i in range(1, 30)]
    assert pseudonyms.pseudonyms(people) == pseudonyms.pseudonyms(list(reversed(people)))


def test_anonymous_and_removed_people_are_numbered_like_everyone_else():
    quiet = Participant(2, None, None, group_id=1, joined_at=2.0, removed=True)
    assert pseudonyms.pseudonyms([person(1, 1.0), quiet]) == {1: "Participant 1", 2: "Participant 2"}


def test_no_name_or_organisation_text_reaches_a_pseudonym():
    labels = pseudonyms.pseudonyms([person(1, 1.0, name="Zelda Quux", organisation="Ministry of Finance")])
    assert labels == {1: "Participant 1"}


def test_a_listed_organisation_kind_is_shown_by_its_label():
    assert pseudonyms.label(7, "public_bank") == "Participant 7 (Public bank)"
    assert pseudonyms.label(2, "innovation_agency") == "Participant 2 (Innovation agency)"


def test_free_text_or_no_kind_shows_the_number_alone():
    assert pseudonyms.label(7) == "Participant 7"
    assert pseudonyms.label(7, "Ministry of Finance, unit B") == "Participant 7"
    assert pseudonyms.label(7, "") == "Participant 7"
