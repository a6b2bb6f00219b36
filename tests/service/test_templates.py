"""Past workshops: found by title, and reused as templates without their data."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.factories import card_payload, facilitator, join_as, make_workshop
from workshop.domain.commands import AddCard, ChangeSettings, Empty
from workshop.domain.errors import WorkshopError
from workshop.service import cards, setup, steering
from workshop.store.files import WorkshopFiles


def test_a_template_copies_the_set_up_and_none_of_the_data(ctx):
    source, _ = make_workshop(
        ctx,
        title="Network meeting",
        groups=["Finance", "Design", "Policy"],
        kinds=["challenge", "idea"],
        assignment="balanced",
        agenda_template="1-2-4-all",
        votes_per_person=5,
    )
    ada = join_as(ctx, source, name="Ada")
    cards.add_card(ctx, source, ada, AddCard(**card_payload(kind="idea")))
    steering.change_settings(ctx, source, facilitator(source), ChangeSettings(blur_cards=True))
    steering.close_workshop(ctx, source, facilitator(source), Empty())

    created = setup.from_template(ctx, source)
    copy = ctx.store(created.code)
    assert created.code != source.code
    # A copy says it is one, so a series does not list two workshops with the same title.
    assert (copy.workshop().title, copy.workshop().question) == (
        "Network meeting (copy)",
        source.workshop().question,
    )
    assert copy.workshop().kinds == source.workshop().kinds
    assert copy.workshop().assignment == "balanced"
    assert [g.name for g in copy.groups.all()] == ["Finance", "Design", "Policy"]
    assert copy.live().agenda == source.live().agenda
    assert copy.live().phase_index == 0
    assert copy.live().settings.votes_per_person == 5 and copy.live().settings.blur_cards is True
    assert copy.live().closed is False and copy.live().settings.cards_revealed is False
    assert (copy.people.count(), copy.cards.count(), copy.votes.count()) == (0, 0, 0)
    assert source.cards.count() == 1  # the source is untouched
    assert copy.facilitator_key_hash() != source.facilitator_key_hash()


def test_the_owners_list_finds_workshops_by_any_part_of_the_title(ctx):
    make_workshop(ctx, title="Launch event, Helsinki")
    make_workshop(ctx, title="Second meeting")
    make_workshop(ctx, title="LAUNCH follow-up")
    titles = {s["title"] for s in setup.summaries(ctx, title_contains="launch")}
    assert titles == {"Launch event, Helsinki", "LAUNCH follow-up"}
    assert len(setup.summaries(ctx)) == 3
    assert setup.summaries(ctx, title_contains="nothing like it") == []


def test_a_templates_copy_takes_the_title_the_owner_gives_it(ctx):
    source, _ = make_workshop(ctx, title="Network meeting")
    copy = ctx.store(setup.from_template(ctx, source, "  Network meeting, Vienna ").code)
    assert copy.workshop().title == "Network meeting, Vienna"
    assert source.workshop().title == "Network meeting"


def test_a_copy_refused_for_its_title_leaves_no_workshop_behind(ctx):
    source, _ = make_workshop(ctx, title="Network meeting")
    with pytest.raises(WorkshopError) as caught:
        setup.from_template(ctx, source, "x" * 201)
    assert (caught.value.code, caught.value.field) == ("text_too_long", "title")
    assert [s["title"] for s in setup.summaries(ctx)] == ["Network meeting"]


def test_the_owners_list_reads_a_title_changed_by_another_process(ctx):
    source, _ = make_workshop(ctx, title="Network meeting")
    other = WorkshopFiles(ctx.files.data_dir, clock=ctx.files.clock, synchronous="NORMAL")
    try:
        moved = other.get(source.code)
        moved.save_setup(replace(moved.workshop(), title="Network meeting, day 2"))
    finally:
        other.close_all()
    assert [s["title"] for s in setup.summaries(ctx)] == ["Network meeting, day 2"]
