"""Setting up a workshop: title, question, groups, kinds and assignment."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import setup_payload
from workshop.domain.commands import CreateWorkshop
from workshop.domain.entities import Kind
from workshop.domain.errors import WorkshopError
from workshop.domain.setup import check_setup


def checked(**overrides: Any):
    return check_setup(CreateWorkshop(**setup_payload(**overrides)))


def test_valid_setup_is_trimmed_and_kept():
    setup = checked(title="  Launch  ", question=" Why? ", groups=[" Finance ", "Design"])
    assert setup.title == "Launch"
    assert setup.question == "Why?"
    assert setup.group_names == ("Finance", "Design")
    assert setup.assignment == "self"
    assert setup.allow_anonymous is False


def test_group_names_are_kept_in_the_order_given():
    assert checked(groups=["Zeta", "Alpha", "Mu"]).group_names == ("Zeta", "Alpha", "Mu")


def test_group_count_makes_numbered_groups():
    assert checked(groups=3).group_names == ("Group 1", "Group 2", "Group 3")


@pytest.mark.parametrize("count", [1, 50])
def test_one_to_fifty_groups_are_accepted(count):
    assert len(checked(groups=count).group_names) == count
    assert len(checked(groups=[f"G{n}" for n in range(count)]).group_names) == count


def test_default_kinds_are_challenge_and_opportunity():
    assert checked().kinds == (Kind("challenge", "Challenge"), Kind("opportunity", "Opportunity"))


def test_custom_kinds_are_normalised_and_labelled():
    kinds = checked(kinds=["  Risk ", "quick win", "next-step", "idea_2"]).kinds
    assert kinds == (
        Kind("risk", "Risk"),
        Kind("quick_win", "Quick win"),
        Kind("next-step", "Next step"),
        Kind("idea_2", "Idea 2"),
    )


@pytest.mark.parametrize("assignment", ["self", "balanced"])
def test_both_assignments_are_accepted(assignment):
    assert checked(assignment=assignment).assignment == assignment


def test_allow_anonymous_is_kept():
    assert checked(allow_anonymous=True).allow_anonymous is True


@pytest.mark.parametrize(
    "overrides, code, field",
    [
        ({"title": ""}, "empty_text", "title"),
        ({"title": "   "}, "empty_text", "title"),
        ({"title": "\u200b\u3164"}, "empty_text", "title"),
        ({"title": "t" * 201}, "text_too_long", "title"),
        ({"question": ""}, "empty_text", "question"),
        ({"question": "q" * 1001}, "text_too_long", "question"),
        ({"groups": 0}, "invalid_input", "groups"),
        ({"groups": 201}, "invalid_input", "groups"),
        ({"groups": -1}, "invalid_input", "groups"),
        ({"groups": []}, "invalid_input", "groups"),
        ({"groups": [f"G{n}" for n in range(201)]}, "invalid_input", "groups"),
        ({"groups": ["Finance", "Finance"]}, "invalid_input", "groups"),
        ({"groups": ["Finance", "finance"]}, "invalid_input", "groups"),
        ({"groups": ["Finance", " FINANCE "]}, "invalid_input", "groups"),
        ({"groups": ["Finance", ""]}, "empty_text", "name"),
        ({"groups": ["Finance", "\u200b\ufeff"]}, "empty_text", "name"),
        ({"groups": ["g" * 61]}, "text_too_long", "name"),
        ({"kinds": []}, "invalid_input", "kinds"),
        ({"kinds": [f"k{n}" for n in range(9)]}, "invalid_input", "kinds"),
        ({"kinds": [""]}, "invalid_input", "kinds"),
        ({"kinds": ["   "]}, "invalid_input", "kinds"),
        ({"kinds": ["k" * 31]}, "invalid_input", "kinds"),
        ({"kinds": ["-risk"]}, "invalid_input", "kinds"),
        ({"kinds": ["risk!"]}, "invalid_input", "kinds"),
        ({"kinds": ["risk/idea"]}, "invalid_input", "kinds"),
        ({"kinds": ["idée"]}, "invalid_input", "kinds"),
        ({"kinds": ["risk", "Risk"]}, "invalid_input", "kinds"),
        ({"kinds": ["quick win", "quick_win"]}, "invalid_input", "kinds"),
        ({"assignment": "random"}, "invalid_input", "assignment"),
        ({"assignment": ""}, "invalid_input", "assignment"),
    ],
)
def test_bad_setup_is_refused_with_code_and_field(overrides, code, field):
    with pytest.raises(WorkshopError) as caught:
        checked(**overrides)
    assert (caught.value.code, caught.value.field) == (code, field)


def test_thirty_character_kind_and_eight_kinds_are_accepted():
    assert checked(kinds=["k" * 30]).kinds[0].id == "k" * 30
    assert len(checked(kinds=[f"k{n}" for n in range(8)]).kinds) == 8
