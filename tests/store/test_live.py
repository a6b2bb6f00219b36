"""The running workshop in its file: agenda, phase, timer, settings, report cursor, and the
facilitator's changes to groups and people, all surviving a restart."""

from __future__ import annotations

import sqlite3

import pytest

from workshop.domain import keys, timer
from workshop.domain.entities import Kind, Workshop
from workshop.domain.phases import TEMPLATES, Phase
from workshop.domain.ranking import Cursor
from workshop.domain.settings import Settings

AGENDA = (
    Phase("join", "Join"),
    Phase("brainstorm", "Ideas", 12, "What could we try next?"),
    Phase("vote", "Dots", 5),
    Phase("closed", "Closed"),
)


def test_new_workshop_starts_on_the_first_phase_of_the_default_agenda(ws):
    live = ws.live()
    assert live.phase_index == 0
    assert live.agenda == TEMPLATES["challenges"]
    assert live.phase == TEMPLATES["challenges"][0]
    assert live.timer == timer.for_phase(None)
    assert live.settings == Settings()
    assert live.report == Cursor()
    assert live.closed is False


def test_new_workshop_reads_the_same_live_state_after_reopening(reopen, ws):
    assert reopen().live() == ws.live()


def test_saved_live_state_is_returned_and_kept(ws, clock):
    running = timer.start(600, clock.now)
    saved = ws.save_live(
        phase_index=2,
        agenda=AGENDA,
        timer=running,
        settings=Settings(votes_per_person=5, multiple_votes_per_item=True, votes_revealed=True),
        report=Cursor("group", 2),
    )
    assert (saved.phase_index, saved.agenda, saved.timer) == (2, AGENDA, running)
    assert saved.settings.votes_per_person == 5
    assert saved.report == Cursor("group", 2)
    assert ws.live() == saved


def test_every_part_of_the_live_state_survives_reopening(reopen, ws, clock):
    saved = ws.save_live(
        phase_index=1,
        agenda=AGENDA,
        timer=timer.pause(timer.start(600, clock.now), clock.now + 90.5),
        settings=Settings(
            votes_per_person=20,
            multiple_votes_per_item=True,
            cards_while_voting=True,
            blur_cards=True,
            cards_revealed=True,
            votes_revealed=True,
            closed=True,
        ),
        report=Cursor("synthesis", None),
    )
    again = reopen().live()
    assert again == saved
    assert again.timer.left(clock.now + 10_000) == pytest.approx(509.5)
    assert again.phase == Phase("brainstorm", "Ideas", 12, "What could we try next?")


def test_running_timer_keeps_counting_down_across_a_restart(reopen, ws, clock):
    ws.save_live(timer=timer.start(300, clock.now))
    clock.tick(120)
    assert reopen().live().timer.left(clock.now) == pytest.approx(180)


def test_saving_one_part_keeps_the_others(reopen, ws):
    ws.save_live(agenda=AGENDA, phase_index=2)
    ws.save_live(settings=Settings(votes_per_person=9))
    again = reopen().live()
    assert (again.agenda, again.phase_index, again.settings.votes_per_person) == (AGENDA, 2, 9)


def test_live_state_is_stored_as_readable_columns(ws):
    ws.save_live(agenda=AGENDA, phase_index=3)
    row = ws.handle.row("SELECT phase_index, agenda, settings FROM workshop WHERE id = 1")
    assert row["phase_index"] == 3
    assert '"What could we try next?"' in row["agenda"]
    assert '"votes_per_person": 3' in row["settings"]


@pytest.mark.parametrize("index, kind", [(0, "join"), (1, "brainstorm"), (3, "closed"), (99, "closed")])
def test_current_phase_is_the_indexed_one_or_the_last(ws, index, kind):
    assert ws.save_live(agenda=AGENDA, phase_index=index).phase.kind == kind


@pytest.mark.parametrize(
    "index, flag, closed", [(1, False, False), (1, True, True), (3, False, True), (2, True, True)]
)
def test_workshop_is_closed_by_the_setting_or_a_closed_phase(ws, index, flag, closed):
    live = ws.save_live(agenda=AGENDA, phase_index=index, settings=Settings(closed=flag))
    assert live.closed is closed


def test_workshop_set_up_with_its_own_agenda_and_settings_keeps_them(files, open_files):
    settings = Settings(votes_per_person=6, blur_cards=True)
    workshop = Workshop("ABCDEF", "Launch", "Why?", (Kind("challenge", "Challenge"),), "self", False, 1.0)
    files.create(
        "ABCDEF", lambda store: store.init_workshop(workshop, keys.hash_secret("k"), AGENDA, settings)
    )
    files.close_all()
    live = open_files().get("ABCDEF").live()
    assert (live.agenda, live.settings, live.phase_index) == (AGENDA, settings, 0)
    assert live.timer == timer.for_phase(None)


# Groups and people: the facilitator's changes while the workshop runs.


def test_locking_a_group_persists_after_reopening(reopen, ws):
    finance = ws.groups.all()[0]
    locked = ws.groups.set_locked(finance, True)
    assert locked.locked is True
    assert reopen().groups.get(finance.id).locked is True


def test_unlocking_a_group_persists_after_reopening(reopen, ws):
    finance = ws.groups.all()[0]
    ws.groups.set_locked(finance, True)
    assert ws.groups.set_locked(finance, False).locked is False
    assert reopen().groups.get(finance.id).locked is False


def test_new_groups_are_unlocked_without_a_limit(ws):
    assert [(g.locked, g.size_limit) for g in ws.groups.all()] == [(False, None), (False, None)]


@pytest.mark.parametrize("limit", [1, 8, 1000, None])
def test_size_limit_persists_after_reopening(reopen, ws, limit):
    design = ws.groups.all()[1]
    ws.groups.set_size_limit(design, 5)
    assert ws.groups.set_size_limit(design, limit).size_limit == limit
    again = reopen().groups.get(design.id)
    assert (again.size_limit, again.locked) == (limit, False)


def test_lock_and_limit_change_only_their_group(ws):
    finance, design = ws.groups.all()
    ws.groups.set_locked(finance, True)
    ws.groups.set_size_limit(finance, 4)
    assert ws.groups.get(design.id) == design


def test_removed_person_keeps_their_row_marked_removed(reopen, ws, person):
    ada, bob = ws.people.get(person(name="Ada")), ws.people.get(person(name="Bob"))
    removed = ws.people.remove(ada)
    assert removed.removed is True
    again = reopen()
    assert again.people.get(ada.id) == removed
    assert again.people.get(bob.id).removed is False
    assert [p.id for p in again.people.all()] == [ada.id, bob.id]


def test_removed_people_are_not_counted(ws, person):
    finance, design = (g.id for g in ws.groups.all())
    ada, _, _ = (ws.people.get(person(gid)) for gid in (finance, finance, design))
    assert ws.people.count() == 3
    ws.people.remove(ada)
    assert ws.people.count() == 2
    assert ws.group_sizes() == {finance: 1, design: 1}


def test_removed_persons_cards_stay(ws, person):
    finance = ws.groups.all()[0].id
    ada = ws.people.get(person(finance))
    card, _ = ws.cards.insert_once(
        group_id=finance, participant_id=ada.id, kind="challenge", text="Data silos", client_id="c-1"
    )
    ws.people.remove(ada)
    assert ws.cards.get(card.id) == card


def test_move_many_moves_everyone_named_and_no_one_else(reopen, ws, person):
    finance, design = (g.id for g in ws.groups.all())
    ada, bob, cat, dan = person(finance), person(finance), person(design), person(design)
    ws.people.move_many({ada: design, cat: finance, dan: design})
    again = reopen()
    assert {p.id: p.group_id for p in again.people.all()} == {
        ada: design,
        bob: finance,
        cat: finance,
        dan: design,
    }


def test_move_many_is_all_or_nothing(ws, person):
    finance = ws.groups.all()[0].id
    ada, bob = person(finance), person(finance)
    with pytest.raises(sqlite3.IntegrityError):  # the file's foreign key refuses group 999
        ws.people.move_many({ada: ws.groups.all()[1].id, bob: 999})
    assert {p.group_id for p in ws.people.all()} == {finance}
