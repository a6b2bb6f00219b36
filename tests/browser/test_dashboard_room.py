"""The dashboard shows the room at a glance (#16): at 1366x768 with 3 groups every column and
at least 8 cards of each are on the first screen, up to 6 groups sit side by side before the
board scrolls sideways, a card is one compact block with its actions in a menu, the run's
noise is gone ("Join · Join", "0 votes", "Ready for report back" from the first minute), and
dragging reaches any theme or group (the board scrolls near its edges) and makes a theme of
two cards dropped one on the other (Shift merges them instead)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT, _watched, card_in, picture
from tests.browser.dashboard_room import Room
from tests.live_server import OWNER_KEY, LiveServer

# What a person sees without scrolling: each card wholly inside the board's visible area and
# the window, and not covered at its centre by anything else.
FIRST_SCREEN = """() => {
  const board = document.getElementById('groups').getBoundingClientRect();
  return [...document.querySelectorAll('#groups section.group')].map((group) => {
    const box = group.getBoundingClientRect();
    const seen = [...group.querySelectorAll('li.card')].filter((card) => {
      const r = card.getBoundingClientRect();
      const bottom = Math.min(board.bottom, innerHeight);
      if (r.top < board.top || r.bottom > bottom || r.left < 0 || r.right > innerWidth) return false;
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return Boolean(hit && card.contains(hit));
    }).length;
    const name = group.querySelector('.group-name').textContent;
    return { name, left: box.left, right: box.right, top: box.top, seen };
  });
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = LiveServer(tmp_path_factory.mktemp("dashboard") / "sessions").start()
    yield server
    server.stop()


@pytest.fixture
def rooms(server):
    made = []

    def room(counts: list[int], phase: int = 1) -> Room:
        made.append(Room(server, counts, phase))
        return made[-1]

    yield room
    for room in made:
        room.close()


@pytest.fixture
def dashboard_at(browser):
    contexts = []

    def open_at(room: Room, width: int = 1366, height: int = 768):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = _watched(context.new_page())
        page.goto(room.workshop["facilitator_url"])
        expect(page.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
        expect(page.locator("#groups li.card")).to_have_count(
            sum(len(c) for c in room.cards.values()), timeout=TIMEOUT
        )
        return page

    yield open_at
    for context in contexts:
        context.close()


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_three_groups_and_eight_cards_of_each_are_on_the_first_screen(rooms, dashboard_at, size):
    room = rooms([14, 14, 14])
    page = dashboard_at(room, *size)
    columns = page.evaluate(FIRST_SCREEN)
    assert len(columns) == 3
    for column in columns:
        assert column["left"] >= 0 and column["right"] <= size[0], column
        assert column["top"] < size[1] / 4, column  # the columns start near the top
        assert column["seen"] >= 8, column
    # The page itself never scrolls sideways, nor down: the run and the board scroll apart.
    assert page.evaluate("() => document.scrollingElement.scrollWidth <= innerWidth")
    assert page.evaluate("() => document.scrollingElement.scrollHeight <= innerHeight + 1")
    if size == (1366, 768):
        picture(page, "dashboard-brainstorm")
    assert page.errors == []


def test_six_groups_sit_side_by_side_and_a_seventh_scrolls_sideways(rooms, dashboard_at):
    six = dashboard_at(rooms([3] * 6))
    columns = six.evaluate(FIRST_SCREEN)
    assert len(columns) == 6
    assert all(c["left"] >= 0 and c["right"] <= 1366 and c["seen"] >= 3 for c in columns), columns
    assert six.evaluate(
        "() => { const b = document.getElementById('groups'); return b.scrollWidth <= b.clientWidth; }"
    )
    seven = dashboard_at(rooms([2] * 7))
    assert seven.evaluate(
        "() => { const b = document.getElementById('groups'); return b.scrollWidth > b.clientWidth; }"
    )
    assert seven.evaluate("() => document.scrollingElement.scrollWidth <= innerWidth")
    assert six.errors == [] and seven.errors == []


def test_a_card_is_one_compact_block_and_the_run_says_nothing_needless(rooms, dashboard_at):
    room = rooms([3, 3], phase=1)
    page = dashboard_at(room)
    card = card_in(page, "#groups", room.cards[0][0]["text"])
    # One block: text and one line of meta; no "0 votes" before any dot.
    assert card.bounding_box()["height"] < 80
    expect(page.locator("#groups .tally:visible")).to_have_count(0)
    assert "0 votes" not in page.locator("#groups").inner_text()
    # Its actions wait in its menu.
    for action in (".card-hide", ".card-correct", ".card-spotlight", ".card-theme", ".card-move"):
        expect(card.locator(action)).to_be_hidden()
    card.locator(".card-menu > summary").click()
    for action in (".card-hide", ".card-correct", ".card-spotlight", ".card-theme", ".card-move"):
        expect(card.locator(action)).to_be_visible()
    # People fold under their count.
    expect(page.locator("#groups .person").first).to_be_hidden()
    expect(page.locator("#groups .people-heading").first).to_have_text("People (1) · 1 online")
    # The agenda names a phase once ("Join", not "Join · Join"); the kind shows where the name differs.
    expect(page.locator("#agenda li.phase[data-index='0'] .phase-meta")).to_have_text("")
    expect(page.locator("#agenda li.phase[data-index='1'] .phase-meta")).to_have_text("Brainstorm · 15 min")
    # Report-back is not "ready" before anyone lined it up.
    expect(page.locator("#report-current")).not_to_contain_text("Ready for report back")
    page.locator("#report-next").click()
    expect(page.locator("#report-current")).to_contain_text("Ready for report back", timeout=TIMEOUT)

    # A dot shows on the dashboard at once, outlined until the room sees it too.
    room.call(room.fac, "phase:set", {"index": 3})
    room.call(room.phones[0], "vote:cast", {"card_id": room.cards[0][0]["id"], "client_id": "v1"})
    tally = card.locator(".card-meta .tally")
    expect(tally).to_have_text("1 vote", timeout=TIMEOUT)
    expect(tally).to_have_attribute("data-revealed", "false")
    assert page.errors == []


def test_the_cofacilitator_link_has_a_copy_button(server, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = _watched(context.new_page())
    page.goto(f"{server.url}/?key={OWNER_KEY}")
    page.fill("#title", "Launch")
    page.fill("#question", "What holds you back?")
    page.fill("#groups", "Ops\nDev")
    page.locator("#setup-form button[type=submit]").click()
    expect(page.locator("#cofacilitator-url")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    page.locator("#cofacilitator-copy").click()
    expect(page.locator("#cofacilitator-copied")).to_have_text(re.compile("^Copied"), timeout=TIMEOUT)
    link = page.locator("#cofacilitator-url")
    assert link.evaluate("node => [node.selectionStart, node.selectionEnd]") == [0, len(link.input_value())]
    assert page.evaluate("() => navigator.clipboard.readText()") == link.input_value()
    assert page.errors == []
    context.close()


def _hold_over(page, locator, x: float, y: float, timeout_s: float = 8.0) -> None:
    """With the mouse held at (x, y), wait until the board has scrolled `locator` into view."""
    for _ in range(int(timeout_s / 0.05)):
        box = locator.bounding_box()
        board = page.locator("#groups").bounding_box()
        if (
            box
            and board
            and box["y"] >= board["y"]
            and box["y"] + box["height"] <= board["y"] + board["height"]
        ):
            return
        page.mouse.move(x, y + (1 if _ % 2 else 0))
        page.wait_for_timeout(50)
    raise AssertionError("the board never scrolled the target into view")


def test_drag_reaches_a_theme_far_away_and_another_group(rooms, dashboard_at):
    room = rooms([24, 3, 3], phase=2)
    themes = [
        room.call(room.fac, "theme:create", {"group_id": room.groups[0], "name": n})["theme"]
        for n in ("Money", "Rules")
    ]
    page = dashboard_at(room)
    finance = page.locator(f"#groups section.group[data-group-id='{room.groups[0]}']")
    money = finance.locator(f".theme[data-theme-id='{themes[0]['id']}']")
    oldest = card_in(page, "#groups", room.cards[0][0]["text"])  # last in its column
    # Down to the oldest card: the themes at the column's top are out of sight.
    oldest.scroll_into_view_if_needed()
    board = page.locator("#groups").bounding_box()
    assert money.bounding_box()["y"] + money.bounding_box()["height"] < board["y"]
    grip = oldest.locator(".card-grip").bounding_box()
    page.mouse.move(grip["x"] + 5, grip["y"] + 5)
    page.mouse.down()
    edge_x, edge_y = grip["x"] + 40, board["y"] + 20  # near the board's top edge: it scrolls up
    page.mouse.move(edge_x, edge_y, steps=6)
    _hold_over(page, money, edge_x, edge_y)
    box = money.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 30), steps=4)
    page.mouse.up()
    expect(money.locator("li.card .card-text")).to_have_text([room.cards[0][0]["text"]], timeout=TIMEOUT)
    picture(page, "dashboard-clustering")

    # Onto another group's column: the card moves there.
    page.locator("#groups").evaluate("board => board.scrollTo(0, 0)")
    moving = card_in(page, "#groups", room.cards[0][-1]["text"])  # the newest, at the top
    health = page.locator(f"#groups section.group[data-group-id='{room.groups[2]}']")
    grip = moving.locator(".card-grip").bounding_box()
    target = health.locator(".no-theme").bounding_box()
    page.mouse.move(grip["x"] + 5, grip["y"] + 5)
    page.mouse.down()
    page.mouse.move(target["x"] + target["width"] / 2, target["y"] + 20, steps=8)
    expect(page.locator(".drag-ghost small")).to_contain_text("Move to Health")
    page.mouse.up()
    expect(
        card_in(page, f"#groups section.group[data-group-id='{room.groups[2]}']", room.cards[0][-1]["text"])
    ).to_have_count(1, timeout=TIMEOUT)
    assert page.errors == []


def test_a_card_dropped_on_a_card_makes_a_theme_and_with_shift_merges(rooms, dashboard_at):
    room = rooms([5, 2], phase=2)
    page = dashboard_at(room)
    texts = [c["text"] for c in room.cards[0]]

    def drag_onto(source_text, target_text, shift=False):
        source = card_in(page, "#groups", source_text).locator(".card-grip").bounding_box()
        target = card_in(page, "#groups", target_text).locator(".card-text").bounding_box()
        page.mouse.move(source["x"] + 5, source["y"] + 5)
        page.mouse.down()
        if shift:
            page.keyboard.down("Shift")
        page.mouse.move(target["x"] + target["width"] / 2, target["y"] + target["height"] / 2, steps=8)
        hint = "Merge into this card" if shift else "Make a theme of the two"
        expect(page.locator(".drag-ghost small")).to_contain_text(hint)
        page.mouse.up()
        if shift:
            page.keyboard.up("Shift")

    drag_onto(texts[0], texts[1])
    theme = page.locator("#groups .theme[data-theme-id]")
    expect(theme).to_have_count(1, timeout=TIMEOUT)
    expect(theme.locator("li.card .card-text")).to_have_text(
        sorted([texts[0], texts[1]], key=texts.index, reverse=True), timeout=TIMEOUT
    )
    # The theme is named after the card dropped on, and its name is open to be typed over.
    rename = theme.locator(".theme-rename-input")
    expect(rename).to_be_focused(timeout=TIMEOUT)
    rename.fill("Budgets")
    rename.press("Enter")
    expect(theme.locator(".theme-name")).to_have_text("Budgets", timeout=TIMEOUT)

    drag_onto(texts[2], texts[3], shift=True)
    merged = card_in(page, "#groups", texts[3])
    expect(merged.locator(".card-merged")).to_contain_text(texts[2], timeout=TIMEOUT)
    expect(card_in(page, "#groups", texts[2])).to_have_count(0)
    assert page.errors == []
