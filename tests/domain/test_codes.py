"""Join codes: six characters a person can copy from a projector without guessing."""

from __future__ import annotations

import random

import pytest

from workshop.domain import codes


@pytest.mark.parametrize("look_alike", ["0", "O", "1", "I", "L"])
def test_alphabet_has_no_look_alike_characters(look_alike):
    assert look_alike not in codes.ALPHABET


def test_new_code_has_six_characters_from_the_alphabet():
    rng = random.Random(1)
    for _ in range(200):
        code = codes.new_code(rng)
        assert len(code) == codes.LENGTH == 6
        assert set(code) <= set(codes.ALPHABET)


def test_new_code_is_already_in_normal_form():
    rng = random.Random(2)
    for _ in range(50):
        code = codes.new_code(rng)
        assert codes.normalize(code) == code


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("ABCDEF", "ABCDEF"),
        ("abcdef", "ABCDEF"),
        ("aBc DeF", "ABCDEF"),
        ("ABC-DEF", "ABCDEF"),
        ("  k7m-q2z  ", "K7MQ2Z"),
        ("a b-c d-e f", "ABCDEF"),
    ],
)
def test_typed_code_is_normalised_to_upper_case_without_spaces_or_dashes(typed, expected):
    assert codes.normalize(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "ABCDE",  # too short
        "ABCDEFG",  # too long
        "ABCDE0",  # zero
        "ABCDEO",  # letter O
        "ABCDE1",  # one
        "ABCDEI",  # letter I
        "ABCDEL",  # letter L
        "abcdel",  # lower-case l becomes L
        "ABC_EF",
        "ABC.EF",
        "ABCDÉF",
        "../../x",
    ],
)
def test_code_of_wrong_length_or_characters_is_refused(typed):
    assert codes.normalize(typed) is None
