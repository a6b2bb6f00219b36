"""The facilitator steers the room: phases, agenda, timer, switches, closing, report-back."""

from __future__ import annotations

import pytest

from tests.factories import card_payload, edge, facilitator, join_as, make_workshop, send
from tests.service.announced import all_rooms, payload_of, rooms_of, sent
from workshop.domain.commands import (
    AddCard,
    AgendaItem,
    CardRef,
    CastVote,
    ChangeSettings,
    EditCard,
    Empty,
    Join,
    SetAgenda,
    SetPhase,
    ShowReport,
    TimerSeconds,
)
from workshop.domain.errors import WorkshopError
from workshop.domain.ranking import Cursor
from workshop.domain.timer import Timer
from workshop.service import cards, joining, report_back, rooms, serialisers, steering, voting
from workshop.service import state as role_state
from workshop.service.actors import ATTENDEE, SCREEN, Actor

# The default agenda ("challenges" template).
JOIN, BRAINSTORM, CLUSTER, VOTE, REPORT = range(5)
QUESTION = "What holds your organisation back?"


def refused(call, *args, **kwargs) -> WorkshopError:
    with pytest.raises(WorkshopError) as caught:
        call(*args, **kwargs)
    return caught.value


def go(ctx, store, index):
    return edge(steering.set_phase)(ctx, store, facilitator(store), SetPhase(index))


def add(ctx, store, actor, **overrides):
    return edge(cards.add_card)(ctx, store, actor, AddCard(**card_payload(**overrides)))


def vote(ctx, store, actor, card_id, client_id="v-1"):
    return edge(voting.cast_vote)(ctx, store, actor, CastVote(client_id=client_id, card_id=card_id))


def settings_of(store) -> dict:
    return serialisers.settings_view(store.live())


def timer_now(store) -> dict:
    return serialisers.timer_view(store.live(), store.clock())


# --- phases


def test_phase_set_moves_everyone_with_the_timer_set_to_the_phase_not_running(ctx, store, clock):
    outcome = go(ctx, store, BRAINSTORM)
    expected = {
        "phase": {
            "index": BRAINSTORM,
            "kind": "brainstorm",
            "name": "Challenges and opportunities",
            "minutes": 15,
            "question": QUESTION,
            "allows": {"cards": True, "votes": False, "report": False},
            "closed": False,
        },
        "timer": {"running": False, "remaining": 900.0, "ends_at": None, "duration": 900.0, "now": clock.now},
    }
    assert outcome.ack == expected
    assert sent(outcome) == {("phase:changed", rooms.everyone(store.code))}
    assert payload_of(outcome, "phase:changed", rooms.everyone(store.code)) == expected
    assert outcome.refresh == ()
    assert store.live().phase_index == BRAINSTORM
    assert store.live().timer == Timer(running=False, remaining=900.0, ends_at=None, duration=900.0)


def test_phase_set_stops_a_running_timer_and_sets_the_new_length(ctx, store, clock):
    edge(steering.start_timer)(ctx, store, facilitator(store), TimerSeconds(90))
    clock.tick(30)
    outcome = go(ctx, store, CLUSTER)
    assert outcome.ack["timer"] == {
        "running": False,
        "remaining": 600.0,
        "ends_at": None,
        "duration": 600.0,
        "now": clock.now,
    }
    clock.tick(100)
    assert timer_now(store)["remaining"] == 600.0


def test_phase_without_minutes_has_a_zero_timer(ctx, store):
    go(ctx, store, BRAINSTORM)
    outcome = go(ctx, store, JOIN)
    assert (outcome.ack["timer"]["remaining"], outcome.ack["timer"]["duration"]) == (0.0, 0.0)


@pytest.mark.parametrize("index", [-1, 5, 99])
def test_phase_out_of_the_agenda_is_invalid_and_nothing_moves(ctx, store, index):
    go(ctx, store, CLUSTER)
    error = refused(go, ctx, store, index)
    assert (error.code, error.field) == ("invalid_input", "index")
    assert store.live().phase_index == CLUSTER


@pytest.mark.parametrize("role", [ATTENDEE, SCREEN])
def test_attendee_or_screen_cannot_set_the_phase(ctx, store, ada, role):
    actor = ada if role == ATTENDEE else Actor(code=store.code, role=SCREEN)
    error = refused(edge(steering.set_phase), ctx, store, actor, SetPhase(VOTE))
    assert error.code == "not_allowed"
    assert store.live().phase_index == JOIN


def test_entering_and_leaving_report_back_refreshes_everyone(ctx, store):
    everyone = rooms.everyone(store.code)
    assert go(ctx, store, VOTE).refresh == ()
    entering = go(ctx, store, REPORT)
    assert entering.refresh == (everyone,)
    assert sent(entering) == {("phase:changed", everyone)}
    assert go(ctx, store, VOTE).refresh == (everyone,)


def test_phase_question_falls_back_to_the_workshop_question(ctx):
    store, _ = make_workshop(
        ctx, agenda=[AgendaItem("brainstorm", "Pairs", 2, "With a neighbour?"), AgendaItem("vote")]
    )
    assert go(ctx, store, 0).ack["phase"]["question"] == "With a neighbour?"
    assert go(ctx, store, 1).ack["phase"] == {
        "index": 1,
        "kind": "vote",
        "name": "Vote",
        "minutes": None,
        "question": QUESTION,
        # What the phase allows, so no page keeps a copy of the rules.
        "allows": {"cards": False, "votes": True, "report": False},
        "closed": False,
    }


# --- agenda


def set_agenda(ctx, store, *items, actor=None):
    return edge(steering.set_agenda)(ctx, store, actor or facilitator(store), SetAgenda(list(items)))


def test_agenda_set_replaces_the_agenda_for_everyone(ctx, store):
    outcome = set_agenda(
        ctx, store, AgendaItem("brainstorm", " Ideas ", 5), AgendaItem("vote"), AgendaItem("closed")
    )
    agenda = [
        {"index": 0, "kind": "brainstorm", "name": "Ideas", "minutes": 5, "question": None},
        {"index": 1, "kind": "vote", "name": "Vote", "minutes": None, "question": None},
        {"index": 2, "kind": "closed", "name": "Closed", "minutes": None, "question": None},
    ]
    phase = {
        "index": 0,
        "kind": "brainstorm",
        "name": "Ideas",
        "minutes": 5,
        "question": QUESTION,
        "allows": {"cards": True, "votes": False, "report": False},
        "closed": False,
    }
    assert outcome.ack == {"agenda": agenda, "phase": phase}
    assert sent(outcome) == {("agenda:changed", rooms.everyone(store.code))}
    assert payload_of(outcome, "agenda:changed", rooms.everyone(store.code)) == outcome.ack
    assert [(p.kind, p.name) for p in store.live().agenda] == [
        ("brainstorm", "Ideas"),
        ("vote", "Vote"),
        ("closed", "Closed"),
    ]


def test_shorter_agenda_clamps_the_phase_to_its_last_item(ctx, store):
    go(ctx, store, REPORT)
    outcome = set_agenda(ctx, store, AgendaItem("brainstorm"), AgendaItem("vote"))
    assert outcome.ack["phase"]["index"] == 1
    assert outcome.ack["phase"]["kind"] == "vote"
    assert store.live().phase_index == 1


def test_longer_agenda_keeps_the_phase_number(ctx, store):
    go(ctx, store, CLUSTER)
    set_agenda(ctx, store, *[AgendaItem("brainstorm", f"Round {n}") for n in range(6)])
    assert store.live().phase_index == CLUSTER
    assert store.live().phase.name == "Round 2"


@pytest.mark.parametrize(
    "items, code",
    [
        ([AgendaItem("party")], "invalid_input"),
        ([], "invalid_input"),
        ([AgendaItem("brainstorm")] * 31, "invalid_input"),
        ([AgendaItem("brainstorm", minutes=0)], "invalid_input"),
        ([AgendaItem("brainstorm", minutes=601)], "invalid_input"),
        ([AgendaItem("brainstorm", name="x" * 61)], "text_too_long"),
    ],
)
def test_bad_agenda_is_refused_and_the_old_one_kept(ctx, store, items, code):
    before = store.live()
    error = refused(set_agenda, ctx, store, *items)
    assert (error.code, error.field) == (code, "agenda")
    assert store.live() == before


# --- timer


def start(ctx, store, seconds):
    return edge(steering.start_timer)(ctx, store, facilitator(store), TimerSeconds(seconds))


def pause(ctx, store):
    return edge(steering.pause_timer)(ctx, store, facilitator(store), Empty())


def resume(ctx, store):
    return edge(steering.resume_timer)(ctx, store, facilitator(store), Empty())


def add_time(ctx, store, seconds):
    return edge(steering.add_time)(ctx, store, facilitator(store), TimerSeconds(seconds))


def reset(ctx, store):
    return edge(steering.reset_timer)(ctx, store, facilitator(store), Empty())


def test_started_timer_runs_and_counts_down_as_the_clock_ticks(ctx, store, clock):
    t0 = clock.now
    outcome = start(ctx, store, 300)
    running = {"running": True, "remaining": 300.0, "ends_at": t0 + 300, "duration": 300.0, "now": t0}
    assert outcome.ack == {"timer": running}
    assert sent(outcome) == {("timer:changed", rooms.everyone(store.code))}
    assert payload_of(outcome, "timer:changed", rooms.everyone(store.code)) == {"timer": running}
    clock.tick(100)
    assert timer_now(store) == {**running, "remaining": 200.0, "now": t0 + 100}
    clock.tick(250)
    assert timer_now(store)["remaining"] == 0.0


def test_paused_timer_keeps_what_was_left(ctx, store, clock):
    start(ctx, store, 300)
    clock.tick(100)
    outcome = pause(ctx, store)
    paused = {"running": False, "remaining": 200.0, "ends_at": None, "duration": 300.0, "now": clock.now}
    assert outcome.ack == {"timer": paused}
    assert sent(outcome) == {("timer:changed", rooms.everyone(store.code))}
    clock.tick(500)
    assert timer_now(store) == {**paused, "now": clock.now}


def test_resumed_timer_ends_after_the_time_that_was_left(ctx, store, clock):
    start(ctx, store, 300)
    clock.tick(100)
    pause(ctx, store)
    clock.tick(60)
    outcome = resume(ctx, store)
    assert outcome.ack["timer"] == {
        "running": True,
        "remaining": 200.0,
        "ends_at": clock.now + 200,
        "duration": 300.0,
        "now": clock.now,
    }
    clock.tick(50)
    assert timer_now(store)["remaining"] == 150.0


def test_added_time_extends_a_running_timer(ctx, store, clock):
    start(ctx, store, 300)
    clock.tick(100)
    outcome = add_time(ctx, store, 60)
    assert outcome.ack["timer"] == {
        "running": True,
        "remaining": 260.0,
        "ends_at": clock.now + 260,
        "duration": 360.0,
        "now": clock.now,
    }
    assert sent(outcome) == {("timer:changed", rooms.everyone(store.code))}


def test_time_added_after_the_end_counts_from_now(ctx, store, clock):
    start(ctx, store, 60)
    clock.tick(100)
    assert timer_now(store)["remaining"] == 0.0
    outcome = add_time(ctx, store, 30)
    assert (outcome.ack["timer"]["remaining"], outcome.ack["timer"]["ends_at"]) == (30.0, clock.now + 30)


def test_taking_time_from_a_paused_timer_never_goes_below_zero(ctx, store, clock):
    start(ctx, store, 300)
    pause(ctx, store)
    assert add_time(ctx, store, -100).ack["timer"]["remaining"] == 200.0
    assert add_time(ctx, store, -3600).ack["timer"]["remaining"] == 0.0
    assert store.live().timer.running is False


def test_reset_timer_stops_at_its_full_length(ctx, store, clock):
    start(ctx, store, 300)
    clock.tick(120)
    outcome = reset(ctx, store)
    assert outcome.ack["timer"] == {
        "running": False,
        "remaining": 300.0,
        "ends_at": None,
        "duration": 300.0,
        "now": clock.now,
    }
    assert sent(outcome) == {("timer:changed", rooms.everyone(store.code))}


@pytest.mark.parametrize(
    "use_case, seconds",
    [
        (edge(steering.start_timer), 0),
        (edge(steering.start_timer), -5),
        (edge(steering.start_timer), 36_001),
        (edge(steering.add_time), 0),
        (edge(steering.add_time), 3601),
        (edge(steering.add_time), -3601),
    ],
)
def test_bad_timer_seconds_are_invalid_and_the_timer_unchanged(ctx, store, use_case, seconds):
    start(ctx, store, 120)
    before = store.live().timer
    error = refused(use_case, ctx, store, facilitator(store), TimerSeconds(seconds))
    assert (error.code, error.field) == ("invalid_input", "seconds")
    assert store.live().timer == before


def reopened(ctx, store):
    """The same workshop read back from its file, as after a server restart."""
    code = store.code
    ctx.files.close_all()
    return ctx.store(code)


def test_running_timer_comes_back_exactly_after_a_restart(ctx, store, clock):
    start(ctx, store, 300)
    clock.tick(40)
    before_timer, before_view = store.live().timer, timer_now(store)
    again = reopened(ctx, store)
    assert again is not store
    assert again.live().timer == before_timer
    assert serialisers.timer_view(again.live(), clock()) == before_view
    clock.tick(60)
    assert serialisers.timer_view(again.live(), clock())["remaining"] == 200.0


def test_paused_timer_comes_back_exactly_after_a_restart(ctx, store, clock):
    start(ctx, store, 300)
    clock.tick(12.5)
    add_time(ctx, store, 30)
    pause(ctx, store)
    before = store.live().timer
    again = reopened(ctx, store)
    clock.tick(1000)
    assert again.live().timer == before == Timer(False, 317.5, None, 330.0)
    assert serialisers.timer_view(again.live(), clock())["remaining"] == 317.5


# --- settings and reveal


def change(ctx, store, **fields):
    return edge(steering.change_settings)(ctx, store, facilitator(store), ChangeSettings(**fields))


def test_settings_set_changes_only_the_given_switches_and_refreshes_everyone(ctx, store):
    outcome = change(ctx, store, votes_per_person=5, blur_cards=True)
    settings = {
        "votes_per_person": 5,
        "multiple_votes_per_item": False,
        "cards_while_voting": False,
        "blur_cards": True,
        "cards_revealed": False,
        "votes_revealed": False,
        "closed": False,
        "cards_per_person": 200,
        "max_people": 5000,
        "retention_days": None,
        "door_closed": False,
        "names_on_screen": False,
    }
    everyone = rooms.everyone(store.code)
    assert outcome.ack == {"settings": settings}
    assert sent(outcome) == {("settings:changed", everyone)}
    assert payload_of(outcome, "settings:changed", everyone) == {"settings": settings}
    assert outcome.refresh == (everyone,)
    assert settings_of(store) == settings
    change(ctx, store, multiple_votes_per_item=True)
    assert settings_of(store) == {**settings, "multiple_votes_per_item": True}


@pytest.mark.parametrize(
    "field, value",
    [
        ("votes_per_person", 0),
        ("votes_per_person", -1),
        ("votes_per_person", 21),
        ("cards_per_person", 0),
        ("cards_per_person", 1001),
        ("max_people", 0),
        ("max_people", 10_001),
    ],
)
def test_settings_out_of_range_are_invalid_and_nothing_changes(ctx, store, field, value):
    before = settings_of(store)
    error = refused(change, ctx, store, **{field: value}, blur_cards=True)
    assert (error.code, error.field) == ("invalid_input", field)
    assert settings_of(store) == before


@pytest.mark.parametrize("votes", [1, 20])
def test_vote_budget_at_the_limits_is_accepted(ctx, store, ada, votes):
    change(ctx, store, votes_per_person=votes)
    me = store.people.get(ada.participant_id)
    assert role_state.attendee_state(store, ctx, me)["votes_left"] == votes


def test_cards_reveal_sets_the_switch_and_refreshes_everyone(ctx, store):
    change(ctx, store, blur_cards=True)
    outcome = edge(steering.reveal_cards)(ctx, store, facilitator(store), Empty())
    everyone = rooms.everyone(store.code)
    assert outcome.ack["settings"]["cards_revealed"] is True
    assert outcome.ack["settings"]["blur_cards"] is True
    assert sent(outcome) == {("settings:changed", everyone)}
    assert outcome.refresh == (everyone,)
    assert store.live().settings.cards_revealed is True


# --- blurred cards


def test_blurred_card_reaches_groupmates_blurred_but_its_author_and_facilitators_in_full(
    ctx, store, groups, ada, bob
):
    code = store.code
    change(ctx, store, blur_cards=True)
    outcome = add(ctx, store, ada, text="Data silos")
    assert outcome.ack["card"]["text"] == "Data silos"
    assert "blurred" not in outcome.ack["card"]
    to_group = payload_of(outcome, "card:added", rooms.group(code, groups[0]))["card"]
    assert (to_group["blurred"], to_group["text"], to_group["author"]) == (True, "", None)
    assert to_group["id"] == outcome.ack["card"]["id"]
    to_facilitators = payload_of(outcome, "card:added", rooms.facilitators(code))["card"]
    assert to_facilitators["text"] == "Data silos" and "blurred" not in to_facilitators
    assert rooms.group(code, groups[1]) not in all_rooms(outcome)


def test_blurred_card_is_blurred_in_a_groupmates_state_but_not_in_the_authors(ctx, store, ada, bob):
    change(ctx, store, blur_cards=True)
    card_id = add(ctx, store, ada, text="Data silos").ack["card"]["id"]
    [seen_by_bob] = role_state.attendee_state(store, ctx, store.people.get(bob.participant_id))["cards"]
    assert (seen_by_bob["id"], seen_by_bob["blurred"], seen_by_bob["text"]) == (card_id, True, "")
    [seen_by_ada] = role_state.attendee_state(store, ctx, store.people.get(ada.participant_id))["cards"]
    assert seen_by_ada["text"] == "Data silos" and "blurred" not in seen_by_ada
    [seen_by_facilitator] = role_state.facilitator_state(store, ctx)["cards"]
    assert seen_by_facilitator["text"] == "Data silos"


def test_edit_of_a_blurred_card_reaches_the_group_blurred(ctx, store, groups, ada, bob):
    change(ctx, store, blur_cards=True)
    card_id = add(ctx, store, ada).ack["card"]["id"]
    outcome = edge(cards.edit_card)(ctx, store, ada, EditCard(card_id, "Data silos everywhere"))
    assert outcome.ack["card"]["text"] == "Data silos everywhere"
    to_group = payload_of(outcome, "card:updated", rooms.group(store.code, groups[0]))["card"]
    assert (to_group["blurred"], to_group["text"]) == (True, "")


def test_revealed_cards_show_their_text_in_a_fresh_attendee_state(ctx, store, ada, bob):
    change(ctx, store, blur_cards=True)
    add(ctx, store, ada, text="Data silos")
    outcome = edge(steering.reveal_cards)(ctx, store, facilitator(store), Empty())
    assert outcome.refresh == (rooms.everyone(store.code),)
    [seen_by_bob] = role_state.attendee_state(store, ctx, store.people.get(bob.participant_id))["cards"]
    assert seen_by_bob["text"] == "Data silos" and "blurred" not in seen_by_bob
    later = [
        a.payload["card"] for a in add(ctx, store, ada, text="Budgets").announce if a.event == "card:added"
    ]
    assert [(c["text"], "blurred" in c) for c in later] == [("Budgets", False)] * 3


# --- phase rules, through the use cases


@pytest.fixture
def posted(ctx, store, ada):
    """Ada's card, posted while the room is joining."""
    return add(ctx, store, ada, text="Data silos", client_id="c-posted").ack["card"]


def closed_phase_store(ctx):
    store, _ = make_workshop(ctx, agenda=[AgendaItem("brainstorm"), AgendaItem("vote"), AgendaItem("closed")])
    return store


@pytest.mark.parametrize(
    "phase, cards_while_voting, allowed",
    [
        (JOIN, False, True),
        (BRAINSTORM, False, True),
        (CLUSTER, False, True),
        (VOTE, False, False),
        (VOTE, True, True),
        (REPORT, False, False),
        (REPORT, True, False),
    ],
)
def test_cards_follow_the_phase(ctx, store, ada, posted, phase, cards_while_voting, allowed):
    change(ctx, store, cards_while_voting=cards_while_voting)
    go(ctx, store, phase)
    attempts = {
        "add": lambda: add(ctx, store, ada, text="Another"),
        "edit": lambda: edge(cards.edit_card)(ctx, store, ada, EditCard(posted["id"], "Changed")),
        "delete": lambda: edge(cards.delete_card)(ctx, store, ada, CardRef(posted["id"])),
    }
    for name, attempt in attempts.items():
        if allowed:
            assert attempt().ack, name
        else:
            assert refused(attempt).code == "wrong_phase", name
    if allowed:  # one added, the posted one deleted
        assert [c.text for c in store.cards.all()] == ["Another"]
    else:
        assert [c.text for c in store.cards.all()] == ["Data silos"]


def test_cards_are_refused_in_a_closed_phase(ctx):
    store = closed_phase_store(ctx)
    ada = join_as(ctx, store, name="Ada")
    card_id = add(ctx, store, ada).ack["card"]["id"]
    go(ctx, store, 2)
    assert store.live().closed is True
    assert refused(add, ctx, store, ada).code == "wrong_phase"
    assert refused(edge(cards.edit_card), ctx, store, ada, EditCard(card_id, "Changed")).code == "wrong_phase"
    assert refused(edge(cards.delete_card), ctx, store, ada, CardRef(card_id)).code == "wrong_phase"
    assert store.cards.count() == 1


@pytest.mark.parametrize("phase", [JOIN, BRAINSTORM, CLUSTER, REPORT])
def test_votes_are_refused_outside_the_vote_phase(ctx, store, ada, posted, phase):
    go(ctx, store, phase)
    assert refused(vote, ctx, store, ada, posted["id"]).code == "wrong_phase"
    assert store.votes.count() == 0


def test_a_card_resent_after_the_phase_closed_answers_the_stored_card(ctx, store, ada, posted):
    go(ctx, store, REPORT)
    outcome = add(ctx, store, ada, text="Data silos", client_id="c-posted")
    assert outcome.ack == {"card": posted}
    assert outcome.announce == ()
    assert store.cards.count() == 1


# --- closing and reopening


def close(ctx, store):
    return edge(steering.close_workshop)(ctx, store, facilitator(store), Empty())


def reopen(ctx, store):
    return edge(steering.reopen_workshop)(ctx, store, facilitator(store), Empty())


def newcomer(ctx, store):
    return edge(joining.join)(ctx, store, Actor(code=store.code, role=ATTENDEE), Join(name="Late"))


def test_closing_tells_everyone_and_refreshes_every_screen(ctx, store):
    outcome = close(ctx, store)
    everyone = rooms.everyone(store.code)
    assert outcome.ack == {"settings": {**settings_of(store), "closed": True}}
    assert settings_of(store)["closed"] is True
    assert sent(outcome) == {("workshop:closed", everyone)}
    assert payload_of(outcome, "workshop:closed", everyone) == {}
    assert outcome.refresh == (everyone,)


def test_closed_workshop_refuses_cards_and_joins_until_reopened(ctx, store, ada, posted):
    go(ctx, store, BRAINSTORM)
    close(ctx, store)
    assert refused(add, ctx, store, ada).code == "wrong_phase"
    assert (
        refused(edge(cards.edit_card), ctx, store, ada, EditCard(posted["id"], "Changed")).code
        == "wrong_phase"
    )
    assert refused(edge(cards.delete_card), ctx, store, ada, CardRef(posted["id"])).code == "wrong_phase"
    assert refused(newcomer, ctx, store).code == "wrong_phase"
    assert (store.cards.count(), store.people.count()) == (1, 1)

    outcome = reopen(ctx, store)
    everyone = rooms.everyone(store.code)
    assert outcome.ack["settings"]["closed"] is False
    assert sent(outcome) == {("workshop:reopened", everyone)}
    assert outcome.refresh == (everyone,)
    assert store.live().phase_index == BRAINSTORM
    assert add(ctx, store, ada, text="Again").ack["card"]["text"] == "Again"
    newcomer(ctx, store)
    assert (store.cards.count(), store.people.count()) == (2, 2)


def test_closed_workshop_is_read_only_for_the_facilitator_too(ctx, store):
    go(ctx, store, BRAINSTORM)
    close(ctx, store)
    before = store.live()
    fac = facilitator(store)
    assert refused(go, ctx, store, VOTE).code == "wrong_phase"
    assert refused(edge(steering.start_timer), ctx, store, fac, TimerSeconds(60)).code == "wrong_phase"
    assert refused(edge(steering.reset_timer), ctx, store, fac, Empty()).code == "wrong_phase"
    agenda = [AgendaItem(kind=p.kind, name=p.name, minutes=p.minutes) for p in before.agenda[:2]]
    assert refused(edge(steering.set_agenda), ctx, store, fac, SetAgenda(agenda)).code == "wrong_phase"
    assert (store.live().phase_index, store.live().timer, store.live().agenda) == (
        before.phase_index,
        before.timer,
        before.agenda,
    )
    reopen(ctx, store)
    assert go(ctx, store, VOTE).ack["phase"]["index"] == VOTE


def test_closed_workshop_refuses_votes_until_reopened(ctx, store, ada, posted):
    go(ctx, store, VOTE)
    close(ctx, store)
    assert refused(vote, ctx, store, ada, posted["id"]).code == "wrong_phase"
    assert store.votes.count() == 0
    reopen(ctx, store)
    assert vote(ctx, store, ada, posted["id"]).ack["votes_left"] == 2
    assert store.votes.count() == 1


def test_reopening_from_a_closed_phase_goes_back_one_phase(ctx):
    store = closed_phase_store(ctx)
    ada = join_as(ctx, store, name="Ada")
    entering = go(ctx, store, 2)
    assert entering.refresh == (rooms.everyone(store.code),)
    assert settings_of(store)["closed"] is True
    outcome = reopen(ctx, store)
    assert outcome.ack["settings"]["closed"] is False
    assert store.live().phase_index == 1
    assert store.live().phase.kind == "vote"
    assert store.live().closed is False
    go(ctx, store, 0)
    assert add(ctx, store, ada).ack["card"]["text"] == "Data silos"


def test_closed_state_carries_the_report_for_every_role(ctx, store, ada):
    close(ctx, store)
    me = store.people.get(ada.participant_id)
    assert role_state.attendee_state(store, ctx, me)["report"] is not None
    assert role_state.screen_state(store, ctx)["report"] is not None
    reopen(ctx, store)
    assert role_state.attendee_state(store, ctx, me)["report"] is None


# --- report-back


def show(ctx, store, **fields):
    return edge(steering.show_report)(ctx, store, facilitator(store), ShowReport(**fields))


def step(ctx, store, delta):
    return edge(steering.step_report)(ctx, store, facilitator(store), Empty(), delta)


def test_report_show_points_facilitators_and_screens_at_one_group(ctx, store, groups):
    code = store.code
    outcome = show(ctx, store, group_id=groups[1])
    report = outcome.ack["report"]
    assert (report["view"], report["group_id"]) == ("group", groups[1])
    assert [g["group_id"] for g in report["groups"]] == list(groups)
    assert rooms_of(outcome, "report:changed") >= {rooms.facilitators(code), rooms.screens(code)}
    for room in (rooms.facilitators(code), rooms.screens(code)):
        assert payload_of(outcome, "report:changed", room) == {"report": report}
    assert store.live().report == Cursor("group", groups[1])


def test_report_show_synthesis(ctx, store):
    outcome = show(ctx, store, synthesis=True)
    assert outcome.ack["report"]["view"] == "synthesis"
    assert store.live().report == Cursor("synthesis", None)


def test_report_show_sends_each_group_only_its_own_part(ctx, store, groups):
    """docs/protocol.md, `report:show`: "→ facilitators, screens (and each group its own part)"."""
    code = store.code
    go(ctx, store, REPORT)
    outcome = show(ctx, store, group_id=groups[0])
    for group_id in groups:
        part = payload_of(outcome, "report:changed", rooms.group(code, group_id))["report"]
        assert [g["group_id"] for g in part["groups"]] == [group_id]


@pytest.mark.parametrize("fields", [{"group_id": 999}, {}])
def test_report_of_an_unknown_group_is_refused(ctx, store, groups, fields):
    show(ctx, store, group_id=groups[1])
    error = refused(show, ctx, store, **fields)
    assert (error.code, error.field) == ("unknown_group", "group_id")
    assert store.live().report == Cursor("group", groups[1])


def test_report_walks_the_groups_in_order_then_the_synthesis(ctx, store, groups):
    finance, design = groups
    assert report_back.report(store)["group_id"] == finance  # first stop before any step
    stops = [(r["view"], r["group_id"]) for r in (step(ctx, store, d).ack["report"] for d in (1, 1, 1))]
    assert stops == [("group", design), ("synthesis", finance), ("synthesis", finance)]
    back = [step(ctx, store, -1).ack["report"] for _ in range(3)]
    assert [(r["view"], r["group_id"]) for r in back] == [
        ("group", design),
        ("group", finance),
        ("group", finance),
    ]
    assert store.live().report == Cursor("group", finance)


def test_report_step_is_announced_to_facilitators_and_screens(ctx, store):
    code = store.code
    outcome = step(ctx, store, 1)
    assert rooms_of(outcome, "report:changed") >= {rooms.facilitators(code), rooms.screens(code)}
    assert payload_of(outcome, "report:changed", rooms.screens(code)) == outcome.ack


# --- who may steer


STEERING = [
    ("phase:set", edge(steering.set_phase), SetPhase(VOTE)),
    ("agenda:set", edge(steering.set_agenda), SetAgenda([AgendaItem("vote")])),
    ("timer:start", edge(steering.start_timer), TimerSeconds(60)),
    ("timer:pause", edge(steering.pause_timer), Empty()),
    ("timer:resume", edge(steering.resume_timer), Empty()),
    ("timer:add", edge(steering.add_time), TimerSeconds(60)),
    ("timer:reset", edge(steering.reset_timer), Empty()),
    ("settings:set", edge(steering.change_settings), ChangeSettings(votes_per_person=9)),
    ("cards:reveal", edge(steering.reveal_cards), Empty()),
    ("workshop:close", edge(steering.close_workshop), Empty()),
    ("workshop:reopen", edge(steering.reopen_workshop), Empty()),
    ("report:show", edge(steering.show_report), ShowReport(synthesis=True)),
    ("report:next", lambda ctx, store, actor, cmd: send(ctx, store, actor, "report:next", cmd), Empty()),
    ("report:prev", lambda ctx, store, actor, cmd: send(ctx, store, actor, "report:prev", cmd), Empty()),
]


@pytest.mark.parametrize("role", [ATTENDEE, SCREEN])
@pytest.mark.parametrize("event, use_case, cmd", STEERING, ids=[s[0] for s in STEERING])
def test_only_a_facilitator_steers(ctx, store, ada, role, event, use_case, cmd):
    actor = ada if role == ATTENDEE else Actor(code=store.code, role=SCREEN)
    before = store.live()
    assert refused(use_case, ctx, store, actor, cmd).code == "not_allowed"
    assert store.live() == before
