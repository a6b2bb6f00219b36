"""Theme rules: a name of their own, and only cards of the theme's group."""

from __future__ import annotations

import pytest

from workshop.domain import themes
from workshop.domain.entities import Card, Theme
from workshop.domain.errors import WorkshopError


def test_a_theme_name_is_trimmed():
    assert themes.theme_name("  Data  ") == "Data"


@pytest.mark.parametrize(
    "name, code, message",
    [
        ("   ", "empty_text", "A theme name cannot be empty."),
        ("x" * 61, "text_too_long", "A theme name is too long (61 characters, at most 60)."),
    ],
)
def test_a_bad_theme_name_is_refused_as_a_theme_name(name, code, message):
    with pytest.raises(WorkshopError) as refused:
        themes.theme_name(name)
    assert (refused.value.code, refused.value.field, refused.value.message) == (code, "name", message)


def a_card(group_id: int) -> Card:
    return Card(1, group_id, 7, "challenge", "x", "c", 0.0, None, False)


def test_a_card_joins_only_a_theme_of_its_own_group():
    theme = Theme(id=3, group_id=1, name="Data", created_at=0.0)
    themes.check_card_fits(a_card(1), theme)  # no error
    with pytest.raises(WorkshopError) as refused:
        themes.check_card_fits(a_card(2), theme)
    assert (refused.value.code, refused.value.field) == ("not_your_group", "theme_id")
