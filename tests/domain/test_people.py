"""Attendees: a name unless the workshop allows anonymous people, an optional organisation."""

from __future__ import annotations

import pytest

from workshop.domain import people
from workshop.domain.commands import Join
from workshop.domain.errors import NameRequired, TextTooLong, WorkshopError


def test_name_is_trimmed():
    assert people.participant_name(Join(name="  Ada "), allow_anonymous=False) == "Ada"


@pytest.mark.parametrize("name", ["", "   ", "\u200b", "\u3164", "\ufeff\u2060 "])
def test_name_is_required_unless_anonymous_is_allowed(name):
    with pytest.raises(NameRequired) as caught:
        people.participant_name(Join(name=name), allow_anonymous=False)
    assert (caught.value.code, caught.value.field) == ("name_required", "name")


@pytest.mark.parametrize("name", ["", "   ", "\u200b\u200d", "\u3164"])
def test_blank_name_is_anonymous_where_allowed(name):
    assert people.participant_name(Join(name=name), allow_anonymous=True) is None


def test_named_attendee_keeps_name_where_anonymous_is_allowed():
    assert people.participant_name(Join(name="Ada"), allow_anonymous=True) == "Ada"


@pytest.mark.parametrize("allow_anonymous", [False, True])
def test_name_over_80_characters_is_refused(allow_anonymous):
    assert people.participant_name(Join(name="n" * 80), allow_anonymous=allow_anonymous) == "n" * 80
    with pytest.raises(TextTooLong) as caught:
        people.participant_name(Join(name="n" * 81), allow_anonymous=allow_anonymous)
    assert (caught.value.code, caught.value.field) == ("text_too_long", "name")


@pytest.mark.parametrize("organisation", [None, "", "   ", "\u200b", "\u3164\ufeff"])
def test_organisation_is_optional(organisation):
    assert people.organisation(Join(name="Ada", organisation=organisation)) is None


def test_organisation_is_trimmed():
    assert people.organisation(Join(name="Ada", organisation="  ACME Ltd ")) == "ACME Ltd"


def test_organisation_over_120_characters_is_refused():
    with pytest.raises(TextTooLong) as caught:
        people.organisation(Join(name="Ada", organisation="o" * 121))
    assert (caught.value.code, caught.value.field) == ("text_too_long", "organisation")


def test_one_more_person_fits_below_the_workshops_limit():
    people.check_room(4, 5)  # no error
    with pytest.raises(WorkshopError) as joining:
        people.check_room(5, 5)
    with pytest.raises(WorkshopError) as readmitting:
        people.check_room(5, 5, readmitting=True)
    assert joining.value.code == readmitting.value.code == "workshop_full"
    assert "ask the facilitator" in joining.value.message
    assert "raise the limit" in readmitting.value.message


@pytest.mark.parametrize("minutes", [None, 0, 24 * 60 + 1])
def test_removing_recent_joiners_takes_one_minute_to_a_day(minutes):
    assert people.recent_minutes(24 * 60) == 24 * 60
    with pytest.raises(WorkshopError) as refused:
        people.recent_minutes(minutes)
    assert (refused.value.code, refused.value.field) == ("invalid_input", "joined_within_minutes")


def test_people_named_for_removal_are_counted_once_and_at_least_one():
    assert people.named_for_removal([3, 1, 3]) == {1, 3}
    with pytest.raises(WorkshopError) as refused:
        people.named_for_removal([])
    assert (refused.value.code, refused.value.field) == ("invalid_input", "participant_ids")
