"""Vote progress on the dashboard (#16): per group in its column and for the room in the run,
how many people have placed all, some or none of their dots, live; and editing the title,
question and kinds' labels after set-up, seen at once by everyone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT, _watched, picture
from tests.browser.dashboard_room import Room
from tests.live_server import LiveServer


@pytest.fixture
def server(tmp_path):
    server = LiveServer(tmp_path / "sessions").start()
    yield server
    server.stop()


def open_dashboard_of(browser, room: Room):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = _watched(context.new_page())
    page.goto(room.workshop["facilitator_url"])
    expect(page.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    return page


def test_vote_progress_per_group_and_in_all_live(server, browser):
    room = Room(server, [6, 4, 4], phase=3)  # the vote
    extra = room.join(room.groups[0], "Late voter")
    page = open_dashboard_of(browser, room)
    total = page.locator("#vote-progress .progress-words")
    first = page.locator(
        f"#groups section.group[data-group-id='{room.groups[0]}'] .group-progress .progress-words"
    )
    expect(total).to_have_text("Dots: 0 all · 0 some · 4 none", timeout=TIMEOUT)
    expect(first).to_have_text("Dots: 0 all · 0 some · 2 none")

    cards = room.cards[0]
    room.call(room.phones[0], "vote:cast", {"card_id": cards[0]["id"], "client_id": "a1"})
    expect(first).to_have_text("Dots: 0 all · 1 some · 1 none", timeout=TIMEOUT)
    for i in (1, 2):
        room.call(room.phones[0], "vote:cast", {"card_id": cards[i]["id"], "client_id": f"a{i + 1}"})
    room.call(extra, "vote:cast", {"card_id": cards[3]["id"], "client_id": "b1"})
    expect(first).to_have_text("Dots: 1 all · 1 some · 0 none", timeout=TIMEOUT)
    expect(total).to_have_text("Dots: 1 all · 1 some · 2 none", timeout=TIMEOUT)
    room.call(room.fac, "votes:reveal", {})
    page.wait_for_timeout(300)
    picture(page, "dashboard-voting")
    # Report-back, with the projector's page small beside its controls.
    room.call(room.fac, "phase:set", {"index": 4})
    page.locator("#preview > summary").click()
    page.locator("#preview").scroll_into_view_if_needed()
    inside = page.frame_locator("#preview-frame")
    expect(inside.locator("#report")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("#report-current")).to_contain_text("On the projector: Finance", timeout=TIMEOUT)
    page.wait_for_timeout(500)
    picture(page, "dashboard-report")
    assert page.errors == []
    room.close()


def test_the_title_question_and_kinds_change_after_set_up_for_everyone(server, browser):
    room = Room(server, [2, 2])
    page = open_dashboard_of(browser, room)
    other = open_dashboard_of(browser, room)
    page.locator("#edit-workshop > summary").click()
    expect(page.locator("#edit-title")).to_have_value("Digital public services")
    page.fill("#edit-title", "Digital public services, day 2")
    page.fill("#edit-question", "What would you change first?")
    page.locator("#edit-kinds input[name=challenge]").fill("Obstacle")
    page.click("#edit-save")
    for dashboard in (page, other):
        expect(dashboard.locator("#workshop-title")).to_have_text(
            "Digital public services, day 2", timeout=TIMEOUT
        )
        expect(dashboard.locator("#groups .count[data-kind=challenge] span").first).to_have_text("Obstacle")
        expect(dashboard.locator("#groups li.card[data-kind=challenge] .card-kind").first).to_have_text(
            "Obstacle"
        )
    assert room.phones[0].call(
        "card:add", {"kind": "challenge", "text": "After the edit", "client_id": "e1"}
    )["ok"]
    assert page.errors == [] and other.errors == []
    room.close()
