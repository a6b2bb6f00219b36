"""Changing the set-up while the workshop runs: title, question and kinds' labels with
`workshop:edit`; group names and the agenda with their own events."""

from __future__ import annotations

import pytest

from tests.factories import card_payload, edge, facilitator, send
from tests.service.announced import payload_of, sent
from workshop.domain.commands import (
    AddCard,
    AgendaItem,
    EditWorkshop,
    Empty,
    KindLabel,
    RenameGroup,
    SetAgenda,
    SetPhase,
)
from workshop.domain.errors import WorkshopError
from workshop.service import cards, exports, report_document, rooms, setup
from workshop.service import state as role_state
from workshop.service.actors import SCREEN, Actor

VOTE = 3  # in the default agenda


def edit(ctx, store, **changes):
    return send(ctx, store, facilitator(store), "workshop:edit", EditWorkshop(**changes))


def refused(ctx, store, actor, **changes) -> WorkshopError:
    with pytest.raises(WorkshopError) as caught:
        send(ctx, store, actor, "workshop:edit", EditWorkshop(**changes))
    return caught.value


def test_a_new_title_question_and_label_are_acked_and_announced_to_everyone(ctx, store):
    outcome = edit(
        ctx,
        store,
        title="Launch, day 2",
        question="What would you try first?",
        kinds=[KindLabel("opportunity", "Chance")],
    )
    code = store.code
    assert outcome.ack["workshop"] == {
        "code": code,
        "title": "Launch, day 2",
        "question": "What would you try first?",
        "assignment": "self",
        "allow_anonymous": False,
        "join_url": ctx.join_url(code),
    }
    assert outcome.ack["kinds"] == [
        {"id": "challenge", "label": "Challenge"},
        {"id": "opportunity", "label": "Chance"},
    ]
    assert outcome.ack["phase"]["question"] == "What would you try first?"  # the phase has none of its own
    assert sent(outcome) == {("workshop:edited", rooms.everyone(code))}
    assert payload_of(outcome, "workshop:edited", rooms.everyone(code)) == outcome.ack


def test_every_role_state_has_the_new_words_at_once(ctx, store, ada):
    # Built (and kept) before the change: the kept public part must not serve the old title.
    for state in (
        role_state.attendee_state(store, ctx, None),
        role_state.screen_state(store, ctx),
        role_state.facilitator_state(store, ctx),
    ):
        assert state["workshop"]["title"] == "Launch event"
    edit(ctx, store, title="Launch, day 2", kinds=[KindLabel("challenge", "Hurdle")])
    me = store.people.get(ada.participant_id)
    for state in (
        role_state.attendee_state(store, ctx, None),
        role_state.attendee_state(store, ctx, me),
        role_state.screen_state(store, ctx),
        role_state.facilitator_state(store, ctx),
    ):
        assert state["workshop"]["title"] == "Launch, day 2"
        assert state["kinds"][0] == {"id": "challenge", "label": "Hurdle"}


def test_the_change_is_kept_across_a_restart_and_in_every_download(ctx, store, ada):
    edge(cards.add_card)(ctx, store, ada, AddCard(**card_payload(text="Data silos", kind="challenge")))
    edit(ctx, store, title="Launch, day 2", kinds=[KindLabel("challenge", "Hurdle")])
    code = store.code
    ctx.files.close_all()
    again = ctx.store(code)
    assert again.workshop().title == "Launch, day 2"
    data = exports.export_json(ctx, again)
    assert data["workshop"]["title"] == "Launch, day 2"
    assert {"id": "challenge", "label": "Hurdle"} in data["workshop"]["kinds"]
    markdown = exports.report_markdown(again)
    assert markdown.startswith("# Launch, day 2")
    assert "### Hurdle" in markdown
    document = report_document.document(again)
    assert document["title"] == "Launch, day 2"
    assert document["kinds"][0]["label"] == "Hurdle"
    assert "Data silos" in exports.export_csv(again)  # cards keep their kind: only its label changed


def test_it_works_in_any_running_phase_and_is_refused_once_closed(ctx, store):
    send(ctx, store, facilitator(store), "phase:set", SetPhase(VOTE))
    assert edit(ctx, store, title="During the vote").ack["workshop"]["title"] == "During the vote"
    send(ctx, store, facilitator(store), "workshop:close", Empty())
    error = refused(ctx, store, facilitator(store), title="After closing")
    assert error.code == "wrong_phase"
    assert store.workshop().title == "During the vote"


def test_only_the_facilitator_may_edit(ctx, store, ada):
    for actor in (ada, Actor(code=store.code, role=SCREEN)):
        assert refused(ctx, store, actor, title="Mine now").code == "not_allowed"
    assert store.workshop().title == "Launch event"


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({}, "invalid_input", "title"),
        ({"title": " "}, "empty_text", "title"),
        ({"title": "t" * 201}, "text_too_long", "title"),
        ({"title": "Fine", "question": "q" * 1001}, "text_too_long", "question"),
        ({"title": "Fine", "kinds": [KindLabel("idea", "Idea")]}, "invalid_input", "kinds"),
        ({"kinds": [KindLabel("challenge", "Opportunity")]}, "invalid_input", "kinds"),
    ],
)
def test_a_bad_change_is_refused_and_nothing_is_half_saved(ctx, store, changes, code, field):
    error = refused(ctx, store, facilitator(store), **changes)
    assert (error.code, error.field) == (code, field)
    assert store.stored_workshop() == store.workshop()
    assert (store.workshop().title, store.workshop().kinds[1].label) == ("Launch event", "Opportunity")


def test_group_names_and_the_agenda_change_while_running_and_are_announced(ctx, store, groups):
    send(ctx, store, facilitator(store), "phase:set", SetPhase(VOTE))
    before = role_state.screen_state(store, ctx)
    renamed = send(ctx, store, facilitator(store), "group:rename", RenameGroup(groups[0], "Money"))
    assert sent(renamed) == {("group:renamed", rooms.everyone(store.code))}
    after = role_state.screen_state(store, ctx)
    assert [g["name"] for g in before["groups"]] == ["Finance", "Design"]
    assert [g["name"] for g in after["groups"]] == ["Money", "Design"]
    agenda = [AgendaItem(kind) for kind in ("join", "brainstorm", "cluster", "vote", "vote", "report")]
    changed = send(ctx, store, facilitator(store), "agenda:set", SetAgenda(agenda))
    assert sent(changed) == {("agenda:changed", rooms.everyone(store.code))}
    assert changed.ack["phase"]["index"] == VOTE


def test_a_templates_copy_of_a_closed_workshop_is_edited_before_it_starts(ctx, store):
    send(ctx, store, facilitator(store), "workshop:close", Empty())
    copy = ctx.store(setup.from_template(ctx, store).code)
    outcome = send(
        ctx, copy, facilitator(copy), "workshop:edit", EditWorkshop(question="What changed since?")
    )
    assert outcome.ack["workshop"]["question"] == "What changed since?"
    assert copy.workshop().title == "Launch event (copy)"
    assert store.workshop().question == "What holds your organisation back?"
