"""Theme suggestions by meaning and shared words, in the room's languages (#17)."""

from __future__ import annotations

import numpy as np
import pytest

from workshop.domain import grouping, meaning

ROOM = [
    (1, "Procurement rules block small suppliers"),
    (2, "Procurment rules block small supliers"),
    (3, "Les règles des marchés publics excluent les petites entreprises"),
    (4, "Das Vergaberecht ist zu starr für kleine Unternehmen"),
    (5, "Staff exchanges between innovation agencies"),
    (6, "Des échanges de personnel entre agences d'innovation"),
    (7, "Programa de intercambio de personal entre agencias de innovación"),
    (8, "Great coffee at the venue"),
]


def together(suggestions: list[list[int]], *ids: int) -> bool:
    return any(set(ids) <= set(s) for s in suggestions)


def test_a_card_and_its_typo_are_suggested_together():
    assert together(grouping.suggest(ROOM), 1, 2)


@pytest.mark.parametrize("other", [3, 4])
def test_a_card_and_its_french_or_german_twin_are_suggested_together(other):
    assert together(grouping.suggest(ROOM), 1, other)


def test_spanish_and_french_twins_join_the_english_card():
    assert together(grouping.suggest(ROOM), 5, 6, 7)


def test_different_challenges_are_not_suggested_together():
    suggestions = grouping.suggest(ROOM)
    assert not any({1, 5} <= set(s) for s in suggestions)


def test_a_card_like_no_other_is_in_no_suggestion():
    assert all(8 not in s for s in grouping.suggest(ROOM))


def test_suggestions_do_not_depend_on_the_order_of_the_cards():
    assert grouping.suggest(list(reversed(ROOM))) == grouping.suggest(ROOM)


def test_suggestions_are_largest_first():
    sizes = [len(s) for s in grouping.suggest(ROOM)]
    assert sizes == sorted(sizes, reverse=True)


def test_fewer_than_two_cards_mean_no_suggestion():
    assert grouping.suggest([]) == []
    assert grouping.suggest([(1, "Data silos")]) == []


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Les données restent cloisonnées entre les administrations", "fr"),
        ("Datensilos zwischen den Ministerien verhindern gemeinsame Analysen", "de"),
        ("Cada ministerio guarda sus datos y no los comparte", "es"),
        ("Os dados de cada organismo público não são partilhados", "pt"),
        ("Julkiset hankinnat ovat liian jäykkiä pienille yrityksille", "fi"),
        ("We ask citizens for the same information five times", "en"),
        ("!!! 42", "en"),
    ],
)
def test_the_language_of_a_card_is_one_of_the_room(text, lang):
    assert meaning.language_of(text) == lang


def test_finnish_cards_are_grouped_by_their_words_not_by_the_encoder():
    # The encoder was not trained on Finnish: two unrelated Finnish cards must not look alike.
    room = [
        (1, "Julkiset hankinnat ovat liian jäykkiä pienille yrityksille"),
        (2, "Epäonnistumisen pelko estää kokeilut julkisella sektorilla"),
        (3, "Henkilöstövaihto innovaatiovirastojen välillä"),
        (4, "Henkilöstövaihtoa innovaatiovirastojen kesken"),
    ]
    assert grouping.suggest(room) == [[3, 4]]


def test_stems_forgive_endings_in_each_language():
    assert grouping.stems("Agencies", "en") == grouping.stems("agency", "en")
    assert grouping.stems("administrations", "fr") == grouping.stems("administration", "fr")
    assert grouping.stems("yrityksille", "fi") == grouping.stems("yritykset", "fi")


def test_a_word_every_card_uses_counts_less_than_a_rare_one():
    bags = [("data", "silo"), ("data", "silo"), ("data", "budget"), ("data", "procur")]
    alike = grouping.word_similarity(bags)
    assert alike[0, 1] == pytest.approx(1.0)
    assert alike[2, 3] < 0.3


def test_average_linkage_stops_at_the_threshold():
    alike = np.array([[1, 0.9, 0.0], [0.9, 1, 0.2], [0.0, 0.2, 1]])
    assert grouping.average_linkage(alike, 0.5) == [[0, 1]]
    assert grouping.average_linkage(alike, 0.05) == [[0, 1, 2]]


def test_each_text_is_embedded_once():
    vectors = meaning.embed(["Data silos", "Data silos"])
    assert vectors.shape == (2, 512)
    assert np.allclose(vectors[0], vectors[1])
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0, abs=1e-3)


def test_name_is_the_words_the_cards_share_in_the_room_language():
    texts = [
        "Lack of digital skills in the civil service",
        "Lack of digitial skills in civil service",
        "Manque de compétences numériques dans la fonction publique",
    ]
    assert grouping.name_for(texts, "en") == "Skills civil service"


def test_name_keeps_an_acronym_in_capitals():
    texts = ["Use AI to answer citizens faster", "AI chatbots for citizens"]
    assert grouping.name_for(texts, "en") == "AI citizens"


def test_name_of_cards_sharing_no_word_comes_from_the_shortest():
    assert grouping.name_for(["Great team spirit here", "Staff turnover"], "en") == "Staff turnover"


def test_name_of_no_cards_is_theme():
    assert grouping.name_for([]) == "Theme"


def test_two_alike_cards_alone_are_suggested_together():
    # A room this small has its languages' centres taken away only in part (FULL_CENTRE_CARDS).
    room = [(1, "Data silos between ministries"), (2, "Les données restent cloisonnées entre ministères")]
    assert grouping.suggest(room) == [[1, 2]]


def test_a_short_text_takes_the_language_of_the_room():
    # langdetect reads "Data silos" as Finnish; two words tell too little to go by.
    assert grouping.languages(["Data silos", "Staff exchanges between innovation agencies"]) == ["en", "en"]
    assert grouping.suggest([(1, "Data silos"), (2, "Silos of data")]) == [[1, 2]]


def test_a_card_without_a_word_that_says_something_is_in_no_suggestion():
    room = [(1, "🙂🙂"), (2, "!!!"), (3, "the and of"), (4, "Data silos"), (5, "Data silos!")]
    assert grouping.suggest(room) == [[4, 5]]


def test_a_name_spells_a_word_as_the_room_does_not_as_a_typo():
    texts = ["Procurment rules block small supliers", "Pre-commercial procurement is rarely used"]
    room = [*texts, "Procurement rules block small suppliers"]
    assert grouping.name_for(texts, "en", room=room) == "Procurement"
