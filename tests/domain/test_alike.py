"""Alike lines of the synthesis across groups (#17)."""

from __future__ import annotations

import pytest

from workshop.domain import alike
from workshop.domain.alike import Line
from workshop.domain.errors import InvalidInput

LINES = [
    Line("theme:1", 1, "Data silos between ministries"),
    Line("theme:2", 2, "Les données restent cloisonnées entre les ministères"),
    Line("card:7", 2, "Great coffee at the venue"),
    Line("theme:3", 1, "Data silo's between the ministries"),
]


def test_alike_lines_of_two_groups_are_offered_with_a_name():
    [offer] = alike.offers(LINES, decided=set())
    assert offer.keys == ("theme:1", "theme:2", "theme:3")
    assert "Data" in offer.name


def test_alike_lines_of_one_group_only_are_not_offered():
    assert alike.offers([LINES[0], LINES[3]], decided=set()) == []


def test_a_decided_set_is_not_offered_again_but_a_changed_one_is():
    assert alike.offers(LINES, decided={("theme:1", "theme:2", "theme:3")}) == []
    assert alike.offers(LINES[:2], decided={("theme:1", "theme:2", "theme:3")}) != []


@pytest.mark.parametrize("keys", [["theme:1"], ["theme:1", "group:2"], ["theme:1", "theme:x"], []])
def test_bad_sets_of_lines_are_refused(keys):
    with pytest.raises(InvalidInput):
        alike.key_set(keys)


def test_a_set_of_lines_is_written_one_way():
    assert alike.key_set(["theme:2", "card:1", "theme:2"]) == ("card:1", "theme:2")
