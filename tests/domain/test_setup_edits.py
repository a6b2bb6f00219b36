"""Changing the set-up while a workshop runs, and the title of a template's copy: by the
rules of setting one up."""

from __future__ import annotations

import pytest

from workshop.domain import setup
from workshop.domain.commands import EditWorkshop, KindLabel
from workshop.domain.entities import Kind, Workshop
from workshop.domain.errors import WorkshopError

RUNNING = Workshop(
    code="K7MQ2Z",
    title="Launch",
    question="What holds you back?",
    kinds=(Kind("challenge", "Challenge"), Kind("opportunity", "Opportunity")),
    assignment="self",
    allow_anonymous=False,
    created_at=0.0,
)


def refusal(cmd: EditWorkshop) -> tuple[str, str | None]:
    with pytest.raises(WorkshopError) as caught:
        setup.edited(RUNNING, cmd)
    return caught.value.code, caught.value.field


def test_a_new_title_and_question_are_trimmed_and_the_rest_stays():
    edited = setup.edited(RUNNING, EditWorkshop(title="  Launch, day 2 ", question=" Why now? "))
    assert (edited.title, edited.question) == ("Launch, day 2", "Why now?")
    assert (edited.kinds, edited.code, edited.created_at) == (RUNNING.kinds, RUNNING.code, RUNNING.created_at)


def test_kinds_get_new_labels_by_id_and_keep_their_ids_and_order():
    edited = setup.edited(RUNNING, EditWorkshop(kinds=[KindLabel("opportunity", " Chance ")]))
    assert edited.kinds == (Kind("challenge", "Challenge"), Kind("opportunity", "Chance"))
    assert edited.title == RUNNING.title


@pytest.mark.parametrize(
    ("cmd", "code", "field"),
    [
        (EditWorkshop(), "invalid_input", "title"),
        (EditWorkshop(title="   "), "empty_text", "title"),
        (EditWorkshop(title="x" * 201), "text_too_long", "title"),
        (EditWorkshop(question="\u200b"), "empty_text", "question"),
        (EditWorkshop(question="x" * 1001), "text_too_long", "question"),
        (EditWorkshop(kinds=[]), "invalid_input", "kinds"),
        (EditWorkshop(kinds=[KindLabel("idea", "Idea")]), "invalid_input", "kinds"),
        (
            EditWorkshop(kinds=[KindLabel("challenge", "A"), KindLabel("challenge", "B")]),
            "invalid_input",
            "kinds",
        ),
        (EditWorkshop(kinds=[KindLabel("challenge", "")]), "empty_text", "kinds"),
        (EditWorkshop(kinds=[KindLabel("challenge", "x" * 41)]), "text_too_long", "kinds"),
        (EditWorkshop(kinds=[KindLabel("challenge", "opportunity")]), "invalid_input", "kinds"),
    ],
)
def test_a_change_that_breaks_a_set_up_rule_is_refused(cmd, code, field):
    assert refusal(cmd) == (code, field)


def test_a_label_may_be_as_long_as_the_limit():
    edited = setup.edited(RUNNING, EditWorkshop(kinds=[KindLabel("challenge", "x" * 40)]))
    assert edited.kinds[0].label == "x" * 40


@pytest.mark.parametrize(
    ("original", "given", "expected"),
    [
        ("Launch", "Launch, Vienna", "Launch, Vienna"),
        ("Launch", "  Launch, Vienna ", "Launch, Vienna"),
        ("Launch", None, "Launch (copy)"),
        ("Launch", "   ", "Launch (copy)"),
        ("x" * 200, None, "x" * 193 + " (copy)"),
    ],
)
def test_a_templates_copy_gets_the_title_typed_or_marks_itself_a_copy(original, given, expected):
    title = setup.copy_title(original, given)
    assert title == expected
    assert len(title) <= 200


def test_a_copys_title_follows_the_title_rule():
    with pytest.raises(WorkshopError) as caught:
        setup.copy_title("Launch", "x" * 201)
    assert (caught.value.code, caught.value.field) == ("text_too_long", "title")
