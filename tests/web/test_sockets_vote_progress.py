"""`votes:progress` over Socket.IO: the dashboards hear how far the room is with its dots,
once per burst, and nobody else hears it."""

from __future__ import annotations

import pytest

from tests.factories import card_payload
from tests.web.acks import ok
from workshop.web.progress_feed import ProgressFeed

VOTE = 3  # in the default agenda


@pytest.fixture
def connections(app):
    return app.extensions["workshop.connections"]


def flush(app, app_and_socketio, connections) -> list[str]:
    """What the background task does every half second."""
    socketio = app_and_socketio[1]
    return connections.progress.flush(socketio, app.extensions["workshop"], connections.members)


def progress_heard(phone) -> list[dict]:
    return [payload["vote_progress"] for name, payload in phone.events() if name == "votes:progress"]


def test_a_burst_of_dots_reaches_the_dashboard_as_one_progress_and_no_one_else(
    app, app_and_socketio, connections, joined, facilitator, screen, group_ids, workshop
):
    ana, ben, dee = joined("Finance", "Ana"), joined("Finance", "Ben"), joined("Design", "Dee")
    first = facilitator.events()[0][1]
    assert first["vote_progress"]["total"] == {"all": 0, "some": 0, "none": 0}  # before anyone joined
    card = ok(ana.emit("card:add", card_payload(text="Data silos")))["card"]["id"]
    other = ok(ben.emit("card:add", card_payload(text="Slow budgets")))["card"]["id"]
    ok(facilitator.emit("settings:set", {"votes_per_person": 2}))
    ok(facilitator.emit("phase:set", {"index": VOTE}))
    flush(app, app_and_socketio, connections)
    for phone in (ana, ben, dee, facilitator, screen):
        phone.drain()
    for target in (card, other):
        ok(ana.emit("vote:cast", {"card_id": target, "client_id": f"a-{target}"}))
    ok(ben.emit("vote:cast", {"card_id": card, "client_id": "b-1"}))
    assert progress_heard(facilitator) == []  # not per dot
    assert flush(app, app_and_socketio, connections) == [workshop["code"]]
    assert progress_heard(facilitator) == [
        {
            "total": {"all": 1, "some": 1, "none": 1},
            "groups": [
                {"group_id": group_ids["Finance"], "all": 1, "some": 1, "none": 0},
                {"group_id": group_ids["Design"], "all": 0, "some": 0, "none": 1},
            ],
        }
    ]
    assert [progress_heard(p) for p in (ana, ben, dee, screen)] == [[], [], [], []]
    assert flush(app, app_and_socketio, connections) == []  # nothing moved since


def test_a_workshop_without_a_dashboard_is_not_counted(app, app_and_socketio, connections, joined):
    joined("Finance", "Ana")  # marks the workshop; no dashboard is open
    assert flush(app, app_and_socketio, connections) == []


def test_a_joining_person_moves_the_progress_on_the_dashboard(
    app, app_and_socketio, connections, facilitator, joined, group_ids
):
    facilitator.drain()
    joined("Design", "Dee")
    flush(app, app_and_socketio, connections)
    (heard,) = progress_heard(facilitator)
    assert heard["groups"][1] == {"group_id": group_ids["Design"], "all": 0, "some": 0, "none": 1}


def test_a_workshop_deleted_since_it_was_marked_is_skipped(app, app_and_socketio, connections):
    connections.progress.mark("ZZZZZZ")  # no such file any more
    socketio = app_and_socketio[1]
    assert connections.progress.flush(socketio, app.extensions["workshop"], lambda room: True) == []


def test_the_background_task_flushes_every_interval_and_outlives_a_failed_round(app, app_and_socketio):
    feed, rounds, waits = ProgressFeed(), [], []

    def listening(room):
        rounds.append(room)
        if len(rounds) == 1:
            raise OSError("a damaged file")
        return False

    def sleep(seconds):
        waits.append(seconds)
        feed.mark("K7MQ2Z")
        if len(waits) > 2:
            raise StopIteration  # ends the endless loop for the test

    with pytest.raises(StopIteration):
        feed.run(app_and_socketio[1], app.extensions["workshop"], listening, sleep)
    assert waits == [0.5, 0.5, 0.5] and len(rounds) == 2
