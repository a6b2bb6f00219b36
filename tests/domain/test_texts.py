"""Free texts: trimmed, never empty where required, never longer than their limit."""

from __future__ import annotations

import pytest

from workshop.domain import texts
from workshop.domain.errors import EmptyText, InvalidInput, TextTooLong


def test_required_text_is_trimmed():
    assert texts.required_text("  Data silos \n", field="text", limit=500, what="A card") == "Data silos"


@pytest.mark.parametrize("value", ["", " ", "\t\n  "])
def test_empty_required_text_is_refused_as_empty_text(value):
    with pytest.raises(EmptyText) as caught:
        texts.required_text(value, field="title", limit=10, what="The title")
    assert caught.value.code == "empty_text"
    assert caught.value.field == "title"


INVISIBLE_ONLY = [
    "\u200b",  # zero-width space
    "\u200c\u200d\u200e\u200f",  # joiners and direction marks
    "\u2060\u2061\u2062\u2063\u2064",  # word joiner, invisible operators
    "\ufeff",  # byte order mark
    "\u3164",  # Hangul filler
    "\u115f\u1160",  # Hangul choseong and jungseong fillers
    "\uffa0",  # half-width Hangul filler
    "\u00ad\u061c\u202e",  # soft hyphen, Arabic letter mark, right-to-left override
    " \u200b\t\u3164 \u00a0",  # mixed with white space
]


@pytest.mark.parametrize("value", INVISIBLE_ONLY)
def test_required_text_of_only_invisible_characters_is_refused_as_empty(value):
    with pytest.raises(EmptyText) as caught:
        texts.required_text(value, field="text", limit=500, what="A card")
    assert (caught.value.code, caught.value.field) == ("empty_text", "text")


@pytest.mark.parametrize("value", INVISIBLE_ONLY)
def test_optional_text_of_only_invisible_characters_becomes_none(value):
    assert texts.optional_text(value, field="organisation", limit=120, what="The organisation") is None


def test_text_with_a_visible_character_among_invisible_ones_is_kept():
    name = "\u200bAda\u200b"
    assert texts.required_text(name, field="name", limit=80, what="The name") == name
    assert texts.required_text("\u00e9", field="name", limit=80, what="The name") == "\u00e9"


@pytest.mark.parametrize("char", ["\u200b", "\ufeff", "\u3164", "\u2063", " ", "\n"])
def test_invisible_characters_are_recognised(char):
    assert texts.is_invisible(char)


@pytest.mark.parametrize("char", ["a", "=", "\uff1d", "\u4e00", "\u0301"])
def test_visible_characters_are_not_invisible(char):
    assert not texts.is_invisible(char)


def test_empty_text_is_a_kind_of_invalid_input():
    assert issubclass(EmptyText, InvalidInput)
    assert issubclass(TextTooLong, InvalidInput)


def test_text_at_its_limit_is_accepted():
    assert texts.required_text("x" * 10, field="name", limit=10, what="The name") == "x" * 10


def test_text_over_its_limit_is_refused_with_its_field():
    with pytest.raises(TextTooLong) as caught:
        texts.required_text("x" * 11, field="name", limit=10, what="The name")
    assert caught.value.code == "text_too_long"
    assert caught.value.field == "name"


def test_limit_is_checked_after_trimming():
    assert texts.required_text("  " + "x" * 10 + "  ", field="name", limit=10, what="The name") == "x" * 10


@pytest.mark.parametrize("value", [None, "", "   "])
def test_missing_or_blank_optional_text_becomes_none(value):
    assert texts.optional_text(value, field="organisation", limit=10, what="The organisation") is None


def test_optional_text_is_trimmed():
    assert texts.optional_text("  ACME ", field="organisation", limit=10, what="x") == "ACME"


def test_optional_text_over_its_limit_is_refused_with_its_field():
    with pytest.raises(TextTooLong) as caught:
        texts.optional_text("x" * 11, field="organisation", limit=10, what="The organisation")
    assert (caught.value.code, caught.value.field) == ("text_too_long", "organisation")


def test_limits_match_the_protocol():
    assert (
        texts.CARD_TEXT_MAX,
        texts.NAME_MAX,
        texts.ORGANISATION_MAX,
        texts.TITLE_MAX,
        texts.QUESTION_MAX,
        texts.GROUP_NAME_MAX,
    ) == (500, 80, 120, 200, 1000, 60)


@pytest.mark.parametrize("check", [texts.required_text, texts.optional_text], ids=["required", "optional"])
def test_text_that_cannot_be_stored_as_utf8_is_invalid_input(check):
    # A JSON string may carry a lone surrogate ("\ud800"); SQLite cannot store it, so it
    # must be refused here as bad input rather than fail later as an internal error.
    with pytest.raises(InvalidInput) as caught:
        check("Data \ud800 silos", field="text", limit=500, what="A card")
    assert (caught.value.code, caught.value.field) == ("invalid_input", "text")
