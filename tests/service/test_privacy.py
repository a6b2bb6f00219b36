"""Data protection use cases: retention, deleting a workshop, the anonymised exports."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.factories import card_payload, edge, facilitator, join_as, make_workshop, send
from workshop.domain.commands import AddCard, ChangeSettings, Empty, MergeCards
from workshop.domain.errors import InvalidInput, NotAllowed, UnknownWorkshop, WrongPhase
from workshop.domain.retention import DAY
from workshop.service import cards, exports, privacy, steering, themes

NAMES = ("Zelda Quux", "Yorick Wobble", "Xavier Plume")
ORGANISATIONS = ("Ministry of Secret Things", "Bank of Elsewhere", "Agency Nine")


def close(ctx, store):
    edge(steering.close_workshop)(ctx, store, facilitator(store), Empty())


def set_retention(ctx, store, value, actor=None):
    return edge(steering.change_settings)(
        ctx, store, actor or facilitator(store), ChangeSettings(retention=value)
    )


# --- setting the retention


def test_a_new_workshop_is_kept_unless_its_set_up_says_otherwise(ctx):
    kept, _ = make_workshop(ctx)
    dated, _ = make_workshop(ctx, retention=30)
    assert kept.live().settings.retention_days is None
    assert dated.live().settings.retention_days == 30


def test_a_bad_retention_at_set_up_creates_nothing(ctx):
    with pytest.raises(InvalidInput) as raised:
        make_workshop(ctx, retention="forever")
    assert raised.value.field == "retention"
    assert ctx.files.codes() == []


def test_the_facilitator_sets_the_retention_and_everyone_hears_the_settings(ctx, store):
    outcome = set_retention(ctx, store, 90)
    assert outcome.ack["settings"]["retention_days"] == 90
    assert [(a.event, a.payload["settings"]["retention_days"]) for a in outcome.announce] == [
        ("settings:changed", 90)
    ]
    assert set_retention(ctx, store, "keep").ack["settings"]["retention_days"] is None
    assert store.live().settings.retention_days is None


def test_the_retention_can_be_set_on_a_closed_workshop(ctx, store):
    close(ctx, store)
    set_retention(ctx, store, 7)
    assert store.live().settings.retention_days == 7


def test_an_attendee_cannot_set_the_retention(ctx, store, ada):
    with pytest.raises(NotAllowed):
        set_retention(ctx, store, 7, actor=ada)
    assert store.live().settings.retention_days is None


@pytest.mark.parametrize("value", [0, 3651, "soon", "-3"])
def test_a_bad_retention_changes_nothing(ctx, store, value):
    set_retention(ctx, store, 30)
    with pytest.raises(InvalidInput):
        set_retention(ctx, store, value)
    assert store.live().settings.retention_days == 30


# --- applying it


def test_a_workshop_is_deleted_once_its_days_after_closing_have_passed(ctx, store, clock):
    set_retention(ctx, store, 30)
    close(ctx, store)
    code = store.code
    clock.tick(30 * DAY - 1)
    assert privacy.apply_retention(ctx) == []
    clock.tick(1)
    assert privacy.apply_retention(ctx) == [code]
    assert ctx.files.codes() == []
    with pytest.raises(UnknownWorkshop):
        ctx.store(code)


def test_open_kept_and_reopened_workshops_stay(ctx, clock):
    kept, _ = make_workshop(ctx)
    close(ctx, kept)
    still_open, _ = make_workshop(ctx, retention=1)
    reopened, _ = make_workshop(ctx, retention=1)
    close(ctx, reopened)
    edge(steering.reopen_workshop)(ctx, reopened, facilitator(reopened), Empty())
    clock.tick(3650 * DAY)
    assert privacy.apply_retention(ctx) == []
    assert sorted(ctx.files.codes()) == sorted([kept.code, still_open.code, reopened.code])


def test_only_the_due_workshop_goes(ctx, clock):
    due, _ = make_workshop(ctx, retention=1)
    close(ctx, due)
    later, _ = make_workshop(ctx, retention=30)
    close(ctx, later)
    clock.tick(2 * DAY)
    assert privacy.apply_retention(ctx) == [due.code]
    assert ctx.files.codes() == [later.code]


def test_its_connections_are_told_before_the_file_goes(ctx, store, clock):
    set_retention(ctx, store, 1)
    close(ctx, store)
    clock.tick(DAY)
    code = store.code
    told = []

    def farewell(outcome):
        told.append((outcome, ctx.files.path(code).exists()))

    privacy.apply_retention(ctx, farewell=farewell)
    [(outcome, file_still_there)] = told
    assert file_still_there
    assert [(a.event, a.payload, a.room) for a in outcome.announce] == [
        ("workshop:deleted", {"code": code}, f"w:{code}")
    ]
    assert outcome.disconnect == (f"w:{code}",)


def test_a_damaged_file_is_never_touched(ctx, store, clock):
    set_retention(ctx, store, 1)
    close(ctx, store)
    damaged = ctx.files.path("D4D4D4")
    damaged.write_bytes(b"not a database" * 100)
    clock.tick(10 * DAY)
    assert privacy.apply_retention(ctx) == [store.code]
    assert damaged.read_bytes() == b"not a database" * 100
    assert ctx.files.codes() == ["D4D4D4"]


def test_a_workshop_closed_before_closing_times_were_recorded_counts_from_the_first_run(ctx, store, clock):
    set_retention(ctx, store, 2)
    close(ctx, store)
    store.set_closed_at(None)  # as an older version left it
    first_run = clock.now
    assert privacy.apply_retention(ctx) == []
    assert store.closed_at() == first_run
    clock.tick(2 * DAY)
    assert privacy.apply_retention(ctx) == [store.code]


# --- warnings


def test_the_owner_is_warned_a_week_before_with_the_date(ctx, clock):
    soon, _ = make_workshop(ctx, title="Soon gone", retention=10)
    close(ctx, soon)
    later, _ = make_workshop(ctx, retention=30)
    close(ctx, later)
    closed_at = clock.now
    clock.tick(2 * DAY)
    assert privacy.warnings(ctx) == []
    clock.tick(1 * DAY)
    assert privacy.warnings(ctx) == [
        {"code": soon.code, "title": "Soon gone", "delete_at": closed_at + 10 * DAY, "retention_days": 10}
    ]


# --- deleting by hand


def test_the_owner_deletes_a_workshop_by_typing_its_code(ctx, store):
    code = store.code
    told = []
    deleted = privacy.delete_workshop(ctx, code, f" {code.lower()} ", owner=True, farewell=told.append)
    assert deleted == {"code": code, "title": "Launch event"}
    assert [a.event for a in told[0].announce] == ["workshop:deleted"]
    assert not ctx.files.path(code).exists()
    assert ctx.files.codes() == []


@pytest.mark.parametrize("typed", ["", "WRONG1", "launch event"])
def test_a_wrong_confirmation_deletes_nothing(ctx, store, typed):
    with pytest.raises(InvalidInput) as raised:
        privacy.delete_workshop(ctx, store.code, typed, owner=True)
    assert raised.value.field == "confirm"
    assert store.code in raised.value.message
    assert ctx.files.codes() == [store.code]


def test_only_the_owner_may_delete(ctx, store):
    with pytest.raises(NotAllowed):
        privacy.delete_workshop(ctx, store.code, store.code, owner=False)
    assert ctx.files.codes() == [store.code]


def test_deleting_an_unknown_workshop_is_unknown_workshop(ctx):
    with pytest.raises(UnknownWorkshop):
        privacy.delete_workshop(ctx, "ZZZZZZ", "ZZZZZZ", owner=True)


# --- the anonymised copy


@pytest.fixture
def busy(ctx, store, groups):
    """Three named people from three organisations, cards, a theme and a merge."""
    people = [
        join_as(ctx, store, name=name, organisation=org, group=groups[i % 2])
        for i, (name, org) in enumerate(zip(NAMES, ORGANISATIONS, strict=True))
    ]
    posted = [
        edge(cards.add_card)(ctx, store, person, AddCard(**card_payload(text=f"Card by {i}"))).ack["card"][
            "id"
        ]
        for i, person in enumerate(people)
    ]
    extra = edge(cards.add_card)(ctx, store, people[0], AddCard(**card_payload(text="Folded"))).ack["card"][
        "id"
    ]
    fac = facilitator(store)
    edge(themes.merge_cards)(ctx, store, fac, MergeCards(into=posted[0], cards=[extra]))
    return people


def everything(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def test_the_anonymised_json_has_no_name_or_organisation(ctx, store, busy):
    plain = everything(exports.export_json(ctx, store))
    anonymous = everything(privacy.anonymised_json(ctx, store))
    for text in (*NAMES, *ORGANISATIONS):
        assert text in plain  # the normal export has them: the test would notice a change
        assert text not in anonymous


def test_the_anonymised_json_has_the_normal_shape_with_pseudonyms(ctx, store, busy):
    plain = exports.export_json(ctx, store)
    anonymous = privacy.anonymised_json(ctx, store)
    assert anonymous.pop("anonymised") is True
    assert list(anonymous) == list(plain)
    assert [(p["name"], p["organisation"]) for p in anonymous["participants"]] == [
        ("Participant 1", None),
        ("Participant 2", None),
        ("Participant 3", None),
    ]
    by_text = {c["text"]: c for c in anonymous["cards"]}
    assert (by_text["Card by 1"]["author"], by_text["Card by 1"]["organisation"]) == ("Participant 2", None)
    assert [c["text"] for c in anonymous["cards"]] == [c["text"] for c in plain["cards"]]  # texts as written
    items = [i for g in anonymous["report"] for kind in g["top"].values() for i in kind]
    assert items and {i["author"] for i in items} <= {"Participant 1", "Participant 2", "Participant 3"}


def test_pseudonyms_are_the_same_in_every_export(ctx, store, busy):
    first = privacy.anonymised_json(ctx, store)
    join_as(ctx, store, name="Late Comer")
    second = privacy.anonymised_json(ctx, store)
    assert second["participants"][:3] == first["participants"]
    assert second["participants"][3]["name"] == "Participant 4"


def test_the_anonymised_csv_has_pseudonyms_and_an_empty_organisation_column(ctx, store, busy):
    plain = list(csv.reader(io.StringIO(exports.export_csv(store))))
    rows = list(csv.reader(io.StringIO(privacy.anonymised_csv(store))))
    assert rows[0] == plain[0] == exports.CSV_COLUMNS
    body = "\n".join(",".join(row) for row in rows)
    for text in (*NAMES, *ORGANISATIONS):
        assert text not in body
    author, organisation = rows[0].index("author"), rows[0].index("organisation")
    assert [(r[author], r[organisation]) for r in rows[1:]] == [
        ("Participant 1", ""),
        ("Participant 2", ""),
        ("Participant 3", ""),
        ("Participant 1", ""),
    ]
    assert [r[2] for r in rows[1:]] == [r[2] for r in plain[1:]]


def test_the_anonymised_export_leaves_the_stored_names_alone(ctx, store, busy):
    privacy.anonymised_json(ctx, store)
    assert [p.name for p in store.people.all()] == list(NAMES)


def test_a_closed_workshop_keeps_its_settings_but_its_retention(ctx, store):
    fac = facilitator(store)
    send(ctx, store, fac, "workshop:close", Empty())
    before = store.live().settings
    with pytest.raises(WrongPhase):
        send(ctx, store, fac, "settings:set", ChangeSettings(votes_per_person=9))
    assert store.live().settings == before
    send(ctx, store, fac, "settings:set", ChangeSettings(retention=30))
    assert store.live().settings.retention_days == 30
