"""Attendees: a name unless the workshop allows anonymous people, an optional organisation."""

from __future__ import annotations

import pytest

from workshop.domain import people
from workshop.domain.commands import Join
from workshop.domain.errors import NameRequired, TextTooLong


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
