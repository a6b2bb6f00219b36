"""The phone gives its screen to the cards, answers a tap where the thumb is, and says which
state its person is in (#16). Measured at 360x640 and 390x844 with touch, as a person would
notice: what is on the first screen, what the sticky bars cover, where an answer lands."""

from __future__ import annotations

import re
import time

import pytest
import socketio
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT, _watched, picture

SIZES = {"360x640": (360, 640), "390x844": (390, 844)}
VOTE, REPORT = 3, 4  # phases of the default agenda
QUESTION = "What holds your organisation back from trying new things with the public?"
GROUPS = ["Finance and public banks", "Design units", "Innovation agencies"]
OTHERS = [
    "Procurement rules were written for buying pencils, not for pilots",
    "Nobody owns the data, so nobody shares it",
    "Budgets are set a year ahead",
    "A shared sandbox for pilots across ministries",
    "Approvals take six signatures",
]


@pytest.fixture
def handset(browser):
    """A phone of the given size with a touch screen, as an attendee holds it."""
    contexts = []

    def open_handset(size: str, locale: str = "en-GB"):
        width, height = SIZES[size]
        context = browser.new_context(
            viewport={"width": width, "height": height},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale=locale,
        )
        contexts.append(context)
        return _watched(context.new_page())

    yield open_handset
    for context in contexts:
        context.close()


class Room:
    """A workshop driven from python-socketio clients: the facilitator, and a neighbour in
    the first group who has posted OTHERS."""

    def __init__(self, live, **setup) -> None:
        self.workshop = live.create_workshop(
            title="Regional innovation network: launch event", question=QUESTION, groups=GROUPS, **setup
        )
        self.url = live.url
        self.code = self.workshop["code"]
        self.clients: list[socketio.Client] = []
        self.fac = self._client({"code": self.code, "key": self.workshop["facilitator_key"]})
        self.groups = {g["name"]: g["id"] for g in self.fac.state["groups"]}
        self.first = self.groups[GROUPS[0]]

    def _client(self, auth: dict) -> socketio.Client:
        client = socketio.Client(reconnection=False)
        client.on("state", lambda data: setattr(client, "state", data))
        client.connect(self.url, auth=auth, transports=["websocket"], wait_timeout=5)
        deadline = time.monotonic() + 5
        while not hasattr(client, "state") and time.monotonic() < deadline:
            time.sleep(0.02)
        self.clients.append(client)
        return client

    def neighbour_posts(self, texts=OTHERS) -> None:
        other = self._client({"code": self.code})
        self.call(other, "join", {"name": "Ben", "group": self.first, "organisation": "Harbour trust"})
        for i, text in enumerate(texts):
            kind = "opportunity" if "sandbox" in text else "challenge"
            self.call(other, "card:add", {"kind": kind, "text": text, "client_id": f"n-{i}"})
        self.neighbour = other

    def steer(self, event: str, payload: dict | None = None) -> dict:
        return self.call(self.fac, event, payload or {})

    @staticmethod
    def call(client, event: str, payload: dict) -> dict:
        ack = client.call(event, payload, timeout=5)
        assert ack["ok"], (event, ack)
        return ack

    def close(self) -> None:
        for client in self.clients:
            client.disconnect()


@pytest.fixture
def room(live):
    rooms = []

    def make(**setup) -> Room:
        made = Room(live, **setup)
        rooms.append(made)
        return made

    yield make
    for made in rooms:
        made.close()


def join_phone(page, room: Room, name: str = "Ana Maria Fernandes", group: int | None = None):
    page.goto(room.workshop["join_url"])
    expect(page.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    page.fill("#join-name", name)
    page.check(f"#join-group-list input[value='{group or room.first}']")
    page.locator("#join-button").tap()
    expect(page.locator("#board")).to_be_visible(timeout=TIMEOUT)
    return page


def post_from(page, text: str):
    page.locator("#post-text").tap()
    page.fill("#post-text", text)
    page.locator("#post-button").tap()
    mine = page.locator("#cards li.card.is-own").filter(has_text=text)
    expect(mine).not_to_contain_class("is-pending", timeout=TIMEOUT)
    page.evaluate("document.activeElement && document.activeElement.blur()")  # the keyboard goes down
    return mine


# What a person would notice, measured in the page.
BOX = """(node) => { const r = node.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height}; }"""
CHROME = """() => {
  const sticky = (n) => n && !n.hidden && ['sticky', 'fixed'].includes(getComputedStyle(n).position)
    && getComputedStyle(n).display !== 'none';
  return [document.querySelector('header.bar'), document.querySelector('#post-form')]
    .filter(sticky).reduce((sum, n) => sum + n.getBoundingClientRect().height, 0);
}"""
# Cards wholly on screen, between the sticky header and the sticky post box, and the card
# itself is what a finger at its centre touches (not a bar over it).
READABLE = """(selector) => {
  const header = document.querySelector('header.bar').getBoundingClientRect();
  const post = document.querySelector('#post-form');
  const floor = post && post.offsetParent ? post.getBoundingClientRect().top : innerHeight;
  return [...document.querySelectorAll(selector)].filter((card) => {
    const r = card.getBoundingClientRect();
    const below = Math.min(floor, innerHeight) + 0.5;
    if (r.top < header.bottom - 0.5 || r.bottom > below || r.height === 0) return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && card.contains(hit);
  }).length;
}"""
ONE_LINE = """() => {
  const shown = [...document.querySelector('header.bar').children].filter((n) => n.getClientRects().length);
  const mids = shown.map((n) => { const r = n.getBoundingClientRect(); return r.top + r.height / 2; });
  return Math.max(...mids) - Math.min(...mids);
}"""


def header_is_one_line(page) -> None:
    assert page.evaluate(ONE_LINE) < 8, "the header's parts are not on one line"
    assert page.locator("header.bar").evaluate(BOX)["height"] <= 60


@pytest.mark.parametrize("size", SIZES)
def test_join_button_is_on_the_first_screen_and_the_header_is_one_line(room, handset, size):
    made = room()
    page = handset(size)
    page.goto(made.workshop["join_url"])
    expect(page.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    expect(page.locator("#join-group-list input")).to_have_count(3)
    assert page.evaluate("scrollY") == 0
    button = page.locator("#join-button").evaluate(BOX)
    height = SIZES[size][1]
    assert button["top"] >= 0 and button["bottom"] <= height, button
    header_is_one_line(page)
    # The code, the link and the language wait behind the menu.
    for hidden in ("#corner-code", "#lang-select"):
        expect(page.locator(hidden)).to_be_hidden()
    picture(page, f"phone-join-{size}")
    page.locator("#join-name").fill("Ana")
    page.check(f"#join-group-list input[value='{made.groups[GROUPS[1]]}']")
    page.locator("#join-button").tap()
    expect(page.locator("#group-name")).to_have_text(GROUPS[1], timeout=TIMEOUT)
    assert page.errors == []


def test_the_menu_opens_by_touch_and_by_keyboard_and_names_itself(room, handset):
    made = room()
    page = join_phone(handset("360x640"), made)
    summary = page.locator("#bar-menu > summary")
    expect(summary).to_have_accessible_name("Menu: code, link and language")
    summary.tap()
    expect(page.locator("#corner-code")).to_be_visible()
    expect(page.locator("#corner-code .code")).to_have_text(made.code)
    expect(page.locator("#corner-url")).to_have_text(made.workshop["join_url"])
    expect(page.locator("#lang-select")).to_be_visible()
    expect(page.locator("#menu-title")).to_have_text("Regional innovation network: launch event")
    picture(page, "phone-menu-360x640")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#lang-select")).to_be_hidden()
    page.keyboard.press("Space")
    expect(page.locator("#lang-select")).to_be_visible()
    assert page.errors == []


@pytest.mark.parametrize("size", SIZES)
def test_brainstorm_leaves_the_screen_to_the_cards(room, handset, size):
    made = room()
    made.neighbour_posts()
    made.steer("phase:set", {"index": 1})
    made.steer("timer:start", {"seconds": 900})
    page = join_phone(handset(size), made)
    post_from(page, "Our pilots die when the project money ends")
    expect(page.locator("#timer")).to_have_attribute("data-state", "running", timeout=TIMEOUT)
    expect(page.locator("#phase-name")).to_have_text("Challenges and opportunities")
    header_is_one_line(page)
    height = SIZES[size][1]
    assert page.evaluate(CHROME) <= height / 5
    page.evaluate("window.scrollTo(0, 0)")
    assert page.evaluate(READABLE, "#cards > li.card") >= 2
    # Scrolled to the middle of the list, the cards still read between the bars.
    page.locator("#cards > li.card").nth(3).scroll_into_view_if_needed()
    assert page.evaluate(READABLE, "#cards > li.card") >= 2
    page.evaluate("window.scrollTo(0, 0)")
    picture(page, f"phone-brainstorm-{size}")
    # Typing unfolds the kinds above the box; the chrome grows only while it is used.
    page.locator("#post-text").tap()
    expect(page.locator("#post-kinds .segment").first).to_be_visible()
    assert page.locator("#post-kinds").evaluate(BOX)["height"] >= 40
    assert page.errors == []


@pytest.mark.parametrize("size", SIZES)
def test_voting_shows_three_cards_and_the_dots_and_no_post_box(room, handset, size):
    made = room()
    made.neighbour_posts()
    page = join_phone(handset(size), made)
    made.steer("phase:set", {"index": VOTE})
    expect(page.locator("#votes-left")).to_have_text("3 dots left", timeout=TIMEOUT)
    expect(page.locator("#post-form")).to_be_hidden()
    expect(page.locator("#post-reason")).to_be_hidden()  # no draft waiting: nothing to say
    header_is_one_line(page)
    page.evaluate("window.scrollTo(0, 0)")
    assert page.locator("#votes-left").evaluate(BOX)["bottom"] <= 60
    assert page.evaluate(READABLE, "#cards > li.card") >= 3
    assert page.evaluate(CHROME) <= SIZES[size][1] / 5
    votes = page.locator("#cards > li.card .vote-cast")
    votes.nth(0).tap()
    expect(page.locator("#votes-left")).to_have_text("2 dots left", timeout=TIMEOUT)
    picture(page, f"phone-voting-{size}")
    votes.nth(1).tap()
    votes.nth(2).tap()
    expect(page.locator("#votes-left")).to_have_text("0 dots left", timeout=TIMEOUT)
    # No dots left: every Vote button says so by being off; Take back still works.
    for i in range(votes.count()):
        expect(votes.nth(i)).to_be_disabled()
    page.locator("#cards > li.card .vote-retract").nth(0).tap()
    expect(page.locator("#votes-left")).to_have_text("1 dot left", timeout=TIMEOUT)
    expect(votes.nth(3)).to_be_enabled()
    assert page.errors == []


@pytest.mark.parametrize("size", SIZES)
def test_a_refused_vote_is_answered_in_the_tapped_card_on_screen(room, handset, size):
    made = room()
    made.neighbour_posts(OTHERS * 2)  # a list longer than the screen
    made.steer("settings:set", {"multiple_votes_per_item": False})
    page = join_phone(handset(size), made)
    made.steer("phase:set", {"index": VOTE})
    expect(page.locator("#votes-left")).to_have_text("3 dots left", timeout=TIMEOUT)
    last = page.locator("#cards > li.card").last
    last.scroll_into_view_if_needed()
    assert page.evaluate("scrollY") > 200  # far from the top of the page
    last.locator(".vote-cast").tap()
    expect(page.locator("#votes-left")).to_have_text("2 dots left", timeout=TIMEOUT)
    last.locator(".vote-cast").tap()  # a second dot on the same card: not allowed here
    answer = last.locator("#vote-error")
    expect(answer).to_have_text(re.compile(r"\S"), timeout=TIMEOUT)
    expect(answer).to_have_attribute("role", "alert")
    box = answer.evaluate(BOX)
    header = page.locator("header.bar").evaluate(BOX)
    assert header["bottom"] <= box["top"] and box["bottom"] <= SIZES[size][1], (box, header)
    assert page.locator("#cards > #vote-error, #board > #vote-error").count() == 0
    picture(page, f"phone-vote-refused-{size}")
    # The next tap clears it.
    page.locator("#cards > li.card .vote-cast").first.tap()
    expect(page.locator("#vote-error")).to_have_text("")
    assert page.errors == []


def test_hidden_card_and_a_move_say_so_and_the_cards_stay_visible_to_their_author(room, handset):
    made = room()
    page = join_phone(handset("390x844"), made)
    kept = post_from(page, "Kept on the board")
    aside = post_from(page, "Something the facilitator sets aside")
    card_id = int(aside.get_attribute("data-card-id"))
    made.steer("card:hide", {"card_id": card_id})
    expect(page.locator("#notice")).to_have_text(re.compile("set one of your cards aside"), timeout=TIMEOUT)
    other = page.locator("#my-other-cards li.card")
    expect(other).to_have_count(1)
    expect(other.locator(".card-text")).to_have_text("Something the facilitator sets aside")
    expect(other.locator(".card-status")).to_have_text("The facilitator set this card aside.")
    expect(page.locator("#cards li.card")).to_have_count(1)
    picture(page, "phone-card-set-aside")
    page.reload()  # the server keeps telling its author, after a reload too
    expect(page.locator("#my-other-cards li.card .card-status")).to_have_text(
        "The facilitator set this card aside.", timeout=TIMEOUT
    )
    made.steer("card:unhide", {"card_id": card_id})
    expect(page.locator("#my-other")).to_be_hidden(timeout=TIMEOUT)
    expect(page.locator("#cards li.card")).to_have_count(2)
    # A card the facilitator moves to another group stays in its author's sight, live.
    kept_id = int(kept.get_attribute("data-card-id"))
    made.steer("card:move", {"card_id": kept_id, "group_id": made.groups[GROUPS[2]]})
    expect(page.locator("#my-other-cards .card-text")).to_have_text(["Kept on the board"], timeout=TIMEOUT)
    expect(page.locator("#my-other-cards .card-status")).to_have_text(["This card is in another group."])
    expect(page.locator("#cards li.card")).to_have_count(1)

    ana = next(p for p in _participants(made) if p["name"] == "Ana Maria Fernandes")
    design = made.groups[GROUPS[1]]
    made.steer("participant:move", {"participant_id": ana["id"], "group_id": design})
    expect(page.locator("#group-name")).to_have_text(GROUPS[1], timeout=TIMEOUT)
    expect(page.locator("#notice")).to_have_text(
        f"You were moved to {GROUPS[1]}. Your earlier cards are under “Your other cards”."
    )
    expect(page.locator("#my-other-cards .card-text")).to_have_text(
        ["Something the facilitator sets aside", "Kept on the board"]
    )
    expect(page.locator("#my-other-cards .card-status").first).to_have_text("This card is in another group.")
    assert page.errors == []


def _participants(made: Room) -> list[dict]:
    fresh = made._client({"code": made.code, "key": made.workshop["facilitator_key"]})
    return fresh.state["participants"]


@pytest.mark.parametrize("size", SIZES)
def test_a_refused_card_is_answered_at_the_post_box_and_comes_back_into_it(room, handset, size):
    made = room()
    made.steer("settings:set", {"cards_per_person": 1})
    page = join_phone(handset(size), made)
    post_from(page, "The only card I may post")
    page.locator("#post-text").tap()
    page.fill("#post-text", "One card too many")
    page.locator("#post-button").tap()
    error = page.locator("#post-error")
    expect(error).to_have_text(re.compile(r"\S"), timeout=TIMEOUT)
    expect(error).to_have_attribute("role", "alert")
    box = error.evaluate(BOX)
    button = page.locator("#post-button").evaluate(BOX)
    assert box["top"] >= 0 and box["bottom"] <= SIZES[size][1], box
    assert abs(box["top"] - button["bottom"]) < 60  # right under the button that was tapped
    expect(page.locator("#post-text")).to_have_value("One card too many")
    assert page.errors == []


def test_timer_paused_time_up_and_the_next_phase_say_so(room, handset):
    made = room()
    page = join_phone(handset("360x640"), made)
    made.steer("phase:set", {"index": 1})
    made.steer("timer:start", {"seconds": 600})
    timer = page.locator("#timer")
    expect(timer).to_have_attribute("data-state", "running", timeout=TIMEOUT)
    made.steer("timer:pause")
    expect(timer).to_have_attribute("data-state", "paused", timeout=TIMEOUT)
    expect(timer).to_have_text(re.compile(r"^Paused (9:5\d|10:00)$"))
    header_is_one_line(page)
    picture(page, "phone-timer-paused")
    made.steer("timer:start", {"seconds": 1})
    expect(timer).to_have_text("Time’s up", timeout=TIMEOUT)
    expect(timer).to_have_attribute("data-state", "done")
    header_is_one_line(page)
    made.steer("phase:set", {"index": 2})
    expect(page.locator("#phase-name")).to_have_text("Cluster into themes", timeout=TIMEOUT)
    expect(timer).to_have_text("10:00")
    expect(timer).to_have_attribute("data-state", "idle")
    assert page.errors == []


@pytest.mark.parametrize("size", SIZES)
def test_report_back_follows_the_projector(room, handset, size):
    made = room()
    made.neighbour_posts()
    page = join_phone(handset(size), made)
    post_from(page, "Our pilots die when the project money ends")
    made.steer("phase:set", {"index": REPORT})
    made.steer("report:show", {"group_id": made.first})
    view = page.locator("#report-view")
    expect(view).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("#board")).to_be_hidden()
    expect(page.locator("#report-heading")).to_have_text(GROUPS[0])
    expect(page.locator("#report-where")).to_have_text("Your group is on the screen now.")
    expect(view.locator(".report-kind h3")).to_have_text(["Challenge", "Opportunity"])
    expect(view.locator(".report-item .report-text").first).to_be_visible()
    picture(page, f"phone-report-group-{size}")
    made.steer("report:show", {"group_id": made.groups[GROUPS[1]]})
    expect(page.locator("#report-where")).to_have_text(
        "Another group is on the screen. Here is your group’s part.", timeout=TIMEOUT
    )
    expect(page.locator("#report-heading")).to_have_text(GROUPS[0])
    made.steer("report:show", {"synthesis": True})
    expect(page.locator("#report-heading")).to_have_text("Synthesis: the whole room", timeout=TIMEOUT)
    expect(view.locator(".report-item .report-meta").first).to_have_text(GROUPS[0])
    picture(page, f"phone-report-synthesis-{size}")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert page.errors == []


@pytest.mark.parametrize("size", SIZES)
def test_thank_you_page_has_no_stale_phase_and_whole_tallies(room, handset, size):
    made = room()
    made.neighbour_posts()
    page = join_phone(handset(size), made)
    post_from(page, "Our pilots die when the project money ends")
    made.steer("phase:set", {"index": VOTE})
    expect(page.locator("#votes-left")).to_have_text("3 dots left", timeout=TIMEOUT)
    page.locator("#cards > li.card .vote-cast").first.tap()
    expect(page.locator("#votes-left")).to_have_text("2 dots left", timeout=TIMEOUT)
    made.call(made.neighbour, "vote:cast", {"client_id": "b-1", "card_id": _first_card(made)})
    made.steer("votes:reveal")
    made.steer("phase:set", {"index": REPORT})
    expect(page.locator("#report-view")).to_be_visible(timeout=TIMEOUT)
    made.steer("workshop:close")
    expect(page.locator("#thanks")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("#phase-name")).to_have_text("Closed")
    expect(page.locator("#timer")).to_be_hidden()
    expect(page.locator("#votes-left")).to_be_hidden()
    expect(page.locator("#thanks-mine-count")).to_have_text("You posted 1 card · you placed 1 dot")
    expect(page.locator("#thanks-mine-cards li")).to_have_text(["Our pilots die when the project money ends"])
    expect(page.locator("#thanks-top .report-item").first).to_be_visible()
    expect(page.locator("#thanks-room-top .report-item").first).to_be_visible()
    assert "Report back" not in page.locator("body").inner_text()
    # Every tally ("3 votes", "1 vote") on one line.
    tallies = page.locator("#thanks .tally")
    assert tallies.count() > 0
    for i in range(tallies.count()):
        assert tallies.nth(i).evaluate("(n) => n.getClientRects().length") == 1
    picture(page, f"phone-thanks-{size}")
    assert page.errors == []


def _first_card(made: Room) -> int:
    fresh = made._client({"code": made.code, "key": made.workshop["facilitator_key"]})
    return min(c["id"] for c in fresh.state["cards"] if c["group_id"] == made.first)


def test_a_late_joiner_of_a_closed_workshop_sees_no_empty_promise(room, handset):
    made = room()
    made.neighbour_posts()
    made.steer("workshop:close")
    page = handset("360x640")
    page.goto(made.workshop["join_url"])
    expect(page.locator("#thanks")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("#join-form")).to_be_hidden()
    expect(page.locator("#phase-name")).to_have_text("Closed")
    for part in ("#thanks-mine", "#thanks-group", "#thanks-room"):
        expect(page.locator(part)).to_be_hidden()
    text = page.locator("body").inner_text()
    assert "put on top" not in text and "Join" not in page.locator("#phase-name").inner_text()
    picture(page, "phone-closed-late")
    assert page.errors == []


def test_changing_the_language_keeps_the_kind_and_the_draft(room, handset):
    made = room()
    page = join_phone(handset("390x844"), made)
    page.locator("#post-text").tap()
    page.check("#post-kinds input[value='opportunity']")
    page.fill("#post-text", "Half a thought about sandboxes")
    page.locator("#bar-menu > summary").tap()
    page.select_option("#lang-select", "fr")
    page.locator(".lang-switch button").tap()
    expect(page.locator("html")).to_have_attribute("lang", "fr", timeout=TIMEOUT)
    expect(page.locator("#board")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("#post-kinds input[value='opportunity']")).to_be_checked()
    expect(page.locator("#post-text")).to_have_value("Half a thought about sandboxes")
    assert page.errors == []
