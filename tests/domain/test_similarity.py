"""Theme suggestions: which cards say much the same thing, and a name for them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import workshop
from workshop.domain import similarity

ROOT = Path(workshop.__file__).resolve().parents[1]

CARDS = [
    (1, "Data silos between agencies"),
    (2, "Agencies keep data in silos"),
    (3, "Siloed data across departments"),
    (4, "Procurement rules are too rigid"),
    (5, "Rigid procurement rules"),
    (6, "No budget for experiments"),
    (7, "Experiments lack budget"),
    (8, "Great team spirit"),
    (9, "Staff turnover is high"),
    (10, "Leadership backs open source"),
]


def test_words_drop_stop_words_and_case():
    assert similarity.words("The DATA is in the Silo") == {"data", "silo"}


def test_words_drop_single_letters():
    assert similarity.words("a b c data") == {"data"}


def test_text_of_only_stop_words_has_no_words():
    assert similarity.words("It is not that we have") == frozenset()
    assert similarity.score("It is not that we have", "It is not that we have") == 0.0


@pytest.mark.parametrize(
    "plural, singular",
    [
        ("silos", "silo"),
        ("Experiments", "experiment"),
        ("rules", "rule"),
        ("budgets", "budget"),
        ("agencies", "agency"),
        ("policies", "policy"),
        ("services", "service"),
        ("challenges", "challenge"),
        ("processes", "process"),
    ],
)
def test_plural_and_singular_are_the_same_word(plural, singular):
    assert similarity.words(plural) == similarity.words(singular)


def test_common_endings_are_trimmed():
    assert similarity.words("Siloed") == similarity.words("silo")


@pytest.mark.parametrize(
    "accented, plain",
    [("Données cloisonnées", "donnees cloisonnees"), ("Café", "cafe"), ("Überstunden", "uberstunden")],
)
def test_accents_are_folded(accented, plain):
    assert similarity.words(accented) == similarity.words(plain)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Rigid procurement rules", "Procurement rules are too rigid"),
        ("No budget for experiments", "Experiments lack budget"),
        ("Data silos", "data silo"),
    ],
)
def test_texts_with_the_same_words_score_one(a, b):
    assert similarity.score(a, b) == 1.0


@pytest.mark.parametrize(
    "a, b",
    [
        ("Great team spirit", "Rigid procurement rules"),
        ("Data silos", "Team spirit"),
        ("Data silos", "the and of"),
        ("", "Data silos"),
    ],
)
def test_unrelated_texts_score_zero(a, b):
    assert similarity.score(a, b) == 0.0


def test_score_is_symmetric():
    for _, a in CARDS:
        for _, b in CARDS:
            assert similarity.score(a, b) == similarity.score(b, a)


def test_realistic_cards_cluster_into_the_groups_a_person_would_make():
    assert similarity.clusters(CARDS) == [[1, 2, 3], [4, 5], [6, 7]]


def test_unrelated_cards_are_in_no_suggestion():
    suggested = {card_id for ids in similarity.clusters(CARDS) for card_id in ids}
    assert suggested.isdisjoint({8, 9, 10})


def test_clusters_do_not_depend_on_the_order_of_the_cards():
    assert similarity.clusters(list(reversed(CARDS))) == similarity.clusters(CARDS)


def test_clusters_are_largest_first_then_by_first_id():
    items = [(1, "Rigid rules"), (2, "Team spirit"), (3, "Rules rigid"), (4, "Spirit of the team")]
    items += [(5, "Rigid procurement rules")]
    assert similarity.clusters(items) == [[1, 3, 5], [2, 4]]


def test_no_alike_cards_means_no_suggestions():
    assert similarity.clusters([(1, "Data silos"), (2, "Team spirit")]) == []
    assert similarity.clusters([]) == []


def test_name_is_made_of_the_words_the_cards_share():
    name = similarity.name_for(["Rigid procurement rules", "Procurement rules are too rigid"])
    assert name
    assert name[0].isupper()
    assert set(name.casefold().split()) == {"rigid", "procurement", "rules"}


def test_name_leaves_out_words_only_one_card_has():
    name = similarity.name_for(["Data silos between agencies", "Agencies keep data in silos"])
    assert set(name.casefold().split()) == {"data", "silos", "agencies"}


def test_name_of_cards_sharing_nothing_is_still_not_empty():
    assert similarity.name_for(["Great team spirit", "Staff turnover"]).strip()
    assert similarity.name_for([]) == "Theme"


def test_same_cards_get_the_same_name_in_every_process():
    # Suggestions are recomputed after a restart; a name that reshuffles its words is noise.
    script = (
        "from workshop.domain.similarity import name_for;"
        "print(name_for(['Data silos between agencies', 'Agencies keep data in silos']))"
    )
    names = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in range(6)
    }
    assert len(names) == 1, names
