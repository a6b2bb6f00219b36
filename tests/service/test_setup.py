"""Creating workshops and listing the ones in the data folder."""

from __future__ import annotations

import re

import pytest

from tests.factories import make_workshop, setup_payload
from workshop.domain import codes
from workshop.domain.commands import CreateWorkshop
from workshop.domain.errors import WorkshopError
from workshop.service import access, setup

CODE_RE = re.compile(f"^[{codes.ALPHABET}]{{6}}$")


def create(ctx, **overrides):
    return setup.create_workshop(ctx, CreateWorkshop(**setup_payload(**overrides)))


def test_created_workshop_has_a_join_code_and_a_file(ctx):
    created = create(ctx)
    assert CODE_RE.match(created.code)
    assert ctx.files.path(created.code).is_file()
    assert ctx.files.codes() == [created.code]


def test_created_workshop_stores_its_checked_setup(ctx, clock):
    created = create(ctx, title="  Launch  ", groups=3, kinds=["Risk"], assignment="balanced")
    store = ctx.store(created.code)
    workshop = store.workshop()
    assert (workshop.title, workshop.assignment, workshop.kind_ids(), workshop.created_at) == (
        "Launch",
        "balanced",
        ("risk",),
        clock.now,
    )
    assert [(g.name, g.position) for g in store.groups.all()] == [
        ("Group 1", 0),
        ("Group 2", 1),
        ("Group 3", 2),
    ]


def test_facilitator_key_opens_its_workshop(ctx):
    created = create(ctx)
    assert access.opens(ctx, ctx.store(created.code), created.facilitator_key) is True


def test_only_the_hash_of_the_facilitator_key_is_stored(ctx):
    created = create(ctx)
    assert created.facilitator_key not in ctx.files.path(created.code).read_bytes().decode("latin-1")
    assert ctx.store(created.code).facilitator_key_hash() != created.facilitator_key


def test_each_workshop_gets_its_own_code_and_key(ctx):
    made = [create(ctx) for _ in range(5)]
    assert len({c.code for c in made}) == 5
    assert len({c.facilitator_key for c in made}) == 5
    assert ctx.files.codes() == sorted(c.code for c in made)


@pytest.mark.parametrize(
    "overrides, code",
    [
        ({"title": ""}, "empty_text"),
        ({"groups": 0}, "invalid_input"),
        ({"groups": 201}, "invalid_input"),
        ({"groups": ["A", "a"]}, "invalid_input"),
        ({"kinds": ["bad kind!"]}, "invalid_input"),
        ({"assignment": "random"}, "invalid_input"),
    ],
)
def test_bad_setup_is_refused_and_no_file_is_made(ctx, overrides, code):
    with pytest.raises(WorkshopError) as caught:
        create(ctx, **overrides)
    assert caught.value.code == code
    assert ctx.files.codes() == []
    assert list(ctx.files.data_dir.iterdir()) == []


def test_unknown_workshop_code_is_refused(ctx):
    with pytest.raises(WorkshopError) as caught:
        ctx.store("ABCDEF")
    assert caught.value.code == "unknown_workshop"


def test_summaries_list_workshops_newest_first_with_their_numbers(ctx, clock):
    older, _ = make_workshop(ctx, title="Older", groups=2)
    clock.tick(60)
    newer, _ = make_workshop(ctx, title="Newer", groups=3)
    assert setup.summaries(ctx) == [
        {
            "code": newer.code,
            "title": "Newer",
            "created_at": clock.now,
            "groups": 3,
            "people": 0,
            "cards": 0,
            "closed": False,
            "unreadable": False,
        },
        {
            "code": older.code,
            "title": "Older",
            "created_at": clock.now - 60,
            "groups": 2,
            "people": 0,
            "cards": 0,
            "closed": False,
            "unreadable": False,
        },
    ]


def test_summaries_list_an_unreadable_file_as_such_and_leave_it_alone(ctx, caplog):
    good, _ = make_workshop(ctx)
    damaged = ctx.files.data_dir / "ABCDEF.db"
    damaged.write_bytes(b"this is not a database" * 100)
    listed = {s["code"]: s["unreadable"] for s in setup.summaries(ctx)}
    assert listed == {good.code: False, "ABCDEF": True}
    assert "ABCDEF" in caplog.text
    assert damaged.read_bytes() == b"this is not a database" * 100


def test_summaries_read_open_or_closed_from_the_file_not_from_this_process(ctx, tmp_path):
    """With several processes, the one listing workshops is often not the one running them."""
    from tests.factories import make_context
    from workshop.domain.commands import Empty
    from workshop.service import steering
    from workshop.service.actors import FACILITATOR, Actor

    store, _ = make_workshop(ctx)
    lister = make_context(tmp_path / "sessions")  # the other process, on the same folder
    try:
        assert [s["closed"] for s in setup.summaries(lister)] == [False]
        runner = Actor(code=store.code, role=FACILITATOR)
        steering.close_workshop(ctx, store, runner, Empty())
        assert [s["closed"] for s in setup.summaries(lister)] == [True]
        steering.reopen_workshop(ctx, store, runner, Empty())
        assert [s["closed"] for s in setup.summaries(lister)] == [False]
    finally:
        lister.files.close_all()
