"""What the facilitator may change in a workshop's settings: one table, a rule per setting."""

from __future__ import annotations

from dataclasses import fields

import pytest

from workshop.domain import settings
from workshop.domain.commands import ChangeSettings
from workshop.domain.errors import WorkshopError
from workshop.domain.settings import Settings


def refusal(call) -> tuple[str, str | None, str]:
    with pytest.raises(WorkshopError) as refused:
        call()
    return refused.value.code, refused.value.field, refused.value.message


def test_every_field_of_settings_set_has_a_rule_for_a_field_of_settings():
    assert {f.name for f in fields(ChangeSettings)} == set(settings.RULES)
    kept = {f.name for f in fields(Settings)}
    assert {rule.field for rule in settings.RULES.values()} <= kept


def test_only_the_named_settings_change():
    cmd = ChangeSettings(votes_per_person=5, blur_cards=True)
    assert settings.requested(cmd) == {"votes_per_person": 5, "blur_cards": True}
    assert settings.change(Settings(), settings.requested(cmd), closed=False) == Settings(
        votes_per_person=5, blur_cards=True
    )


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("votes_per_person", 0, "Votes per person must be 1 to 20."),
        ("votes_per_person", 21, "Votes per person must be 1 to 20."),
        ("cards_per_person", 0, "Cards per person must be 1 to 1000."),
        ("cards_per_person", 1001, "Cards per person must be 1 to 1000."),
        ("max_people", 0, "People per workshop must be 1 to 10000."),
        ("max_people", 10_001, "People per workshop must be 1 to 10000."),
        ("retention", 0, "Retention must be “keep” or a number of days from 1 to 3650."),
        ("retention", "soon", "Retention must be “keep” or a number of days from 1 to 3650."),
        ("blur_cards", 1, "Blurring others' cards is on (true) or off (false)."),
        ("door_closed", "yes", "The door to new people is closed (true) or open (false)."),
    ],
)
def test_a_value_a_setting_does_not_take_is_refused_with_its_own_message(name, value, message):
    change = lambda: settings.change(Settings(), {name: value}, closed=False)  # noqa: E731
    assert refusal(change) == ("invalid_input", name, message)


@pytest.mark.parametrize("value, days", [("keep", None), (30, 30), (" 7 ", 7)])
def test_the_retention_is_kept_as_days_or_none_for_keep(value, days):
    assert settings.change(Settings(), {"retention": value}, closed=False).retention_days == days


def test_a_closed_workshop_changes_its_retention_only():
    assert settings.change(Settings(closed=True), {"retention": 30}, closed=True).retention_days == 30
    for changes in ({"votes_per_person": 5}, {"retention": 30, "blur_cards": True}):
        change = lambda changes=changes: settings.change(Settings(), changes, closed=True)  # noqa: E731
        assert refusal(change)[0] == "wrong_phase"


def test_an_unknown_setting_is_refused():
    assert refusal(lambda: settings.change(Settings(), {"closed": True}, closed=False))[:2] == (
        "invalid_input",
        "closed",
    )


@pytest.mark.parametrize(
    "blur, revealed, blurred",
    [(False, False, False), (True, False, True), (True, True, False), (False, True, False)],
)
def test_cards_are_blurred_while_blurring_is_on_and_they_are_not_revealed(blur, revealed, blurred):
    assert settings.cards_blurred(Settings(blur_cards=blur, cards_revealed=revealed)) is blurred
