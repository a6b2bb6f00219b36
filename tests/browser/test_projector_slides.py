"""Report-back and the spotlight on the projector (issue 15, items 4 and 5): at 1920x1080 and
1280x720, with 1 to 12 groups of 1 to 40 cards, each group's slide and the synthesis fit one
screen: every item shown is whole, inside the viewport, uncovered and in large type, and each
column says how many of its items it does not show. The facilitator puts one card or one
theme full screen and takes it back.

The screenshots taken here are docs/img/projector-report.png, projector-synthesis.png and
projector-spotlight.png (copied by hand from artifacts/).
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT, picture
from tests.browser.test_projector_fits import (
    NOTICED,
    SIZES,
    Room,
    chromium,
    longest_of,
    projector,
    rooms,
    server,
)

__all__ = ["chromium", "projector", "rooms", "server"]  # the fixtures, shared with the board's tests

CLUSTER, VOTE, REPORT = 2, 3, 4  # in the default agenda
THEMES = [
    "Procurement rules",
    "Data shared across agencies",
    "Skills and hiring",
    "Funding after the pilot",
    "Who owns the platform",
    "Legal uncertainty",
    "Working with start-ups",
    "Citizens' trust",
    "Measuring impact",
    "Cross-border cooperation",
]

# For each column of the slide: its items, which are shown, and what a person in the room
# would notice of each (NOTICED); the smallest type of an item's text; whether the page scrolls.
MEASURE = (
    """() => {"""
    + NOTICED
    + """
  const vw = innerWidth, vh = innerHeight, problems = [], columns = [];
  let smallest = Infinity, squeezed = Infinity;
  for (const col of document.querySelectorAll('#report .slide-col')) {
    const items = [...col.querySelectorAll('.slide-items > li')];
    let shown = 0;
    for (const li of items) {
      if (li.hidden) continue;
      shown += 1;
      const text = li.querySelector('.report-text');
      const where = `${col.querySelector('h3').textContent}: "${text.textContent.slice(0, 30)}"`;
      problems.push(...noticed(li, text, where));
      const px = parseFloat(getComputedStyle(text).fontSize);
      if (li.classList.contains('is-squeezed')) squeezed = Math.min(squeezed, px);
      else smallest = Math.min(smallest, px);
    }
    const more = col.querySelector('.slide-more');
    const says = more && !more.hidden ? Number((more.textContent.match(/\\d+/) || ['0'])[0]) : 0;
    const heading = col.querySelector('h3 span').textContent;
    const kind = col.classList.contains('report-kind');
    columns.push({ heading, kind, total: Number(col.dataset.total), items: items.length, shown, says });
  }
  const page = document.documentElement;
  if (page.scrollHeight > vh + 1 || page.scrollWidth > vw + 1) problems.push('the page scrolls');
  const title = document.querySelector('#report .report-title').textContent;
  return { problems, columns, smallest, squeezed, title };
}"""
)


def check_slide(page, least: int) -> dict:
    found = page.evaluate(MEASURE)
    assert found["problems"] == [], found["title"]
    assert found["smallest"] >= least and found["squeezed"] >= 0.8 * least, found
    for col in found["columns"]:
        assert col["shown"] >= min(1, col["items"]), f"{col['heading']} shows nothing of {col['items']}"
        assert col["says"] == col["total"] - col["shown"], f"{found['title']}: {col}"
    return found


def steer(room: Room, event: str, payload: dict) -> dict:
    """The facilitator's `event`, at the pace a connection may send (20 events a second)."""
    time.sleep(0.06)
    return room.call(room.fac, event, payload)


@pytest.fixture(scope="module")
def reported(rooms):
    """Each room in report-back with its votes revealed: themes of two cards (ten in the
    40-card group, fewer where there are fewer cards), dots on a few cards of every group."""
    done: dict[int, Room] = {}

    def reporting(groups: int) -> Room:
        room = rooms(groups)
        if groups not in done:
            room.call(room.fac, "phase:set", {"index": CLUSTER})
            for index, group in enumerate(room.groups):
                cards = room.cards[index]
                for n, pair in enumerate(zip(cards[1:21:2], cards[2:22:2], strict=False)):
                    name = THEMES[n % len(THEMES)]
                    theme = steer(room, "theme:create", {"group_id": group, "name": name})["theme"]
                    for card in pair:
                        steer(room, "card:theme", {"card_id": card["id"], "theme_id": theme["id"]})
            room.call(room.fac, "phase:set", {"index": VOTE})
            for index, phone in enumerate(room.phones):
                for i, card in enumerate(room.cards[index][:3]):
                    cast = {"card_id": card["id"], "client_id": f"r{groups}-{index}-{i}"}
                    room.call(phone, "vote:cast", cast)
            room.call(room.fac, "votes:reveal", {})
            room.call(room.fac, "phase:set", {"index": REPORT})
            done[groups] = room
        return room

    return reporting


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("groups", [1, 3, 8, 12])
def test_every_report_slide_fits_one_screen_and_counts_what_it_does_not_show(
    projector, reported, groups, size
):
    room = reported(groups)
    least = SIZES[size][2]
    room.call(room.fac, "report:show", {"group_id": room.groups[0]})
    page = projector(room, size)
    title = page.locator("#report .report-title")
    for index, group in enumerate(room.groups):
        if index:
            room.call(room.fac, "report:next", {})
        expect(title).to_have_attribute("data-group-id", str(group), timeout=TIMEOUT)
        found = check_slide(page, least)
        kinds = [c for c in found["columns"] if c["kind"]]
        assert sum(c["total"] for c in kinds) == len(room.cards[index])
        themes = [c for c in found["columns"] if not c["kind"]]
        pairs = min(10, (len(room.cards[index]) - 1) // 2)  # the themes of the fixture
        assert [c["total"] for c in themes] == ([pairs] if themes else [])
        if size == "720p" and groups == 3 and index == 0:
            picture(page, "projector-report")
    room.call(room.fac, "report:next", {})  # after the last group: the synthesis
    expect(page.locator("#report .slide")).to_have_attribute("data-view", "synthesis", timeout=TIMEOUT)
    found = check_slide(page, least)
    kinds = [c for c in found["columns"] if c["kind"]]
    assert sum(c["total"] for c in kinds) == sum(len(c) for c in room.cards.values())
    if size == "720p" and groups == 3:
        picture(page, "projector-synthesis")


def test_a_slide_in_high_contrast_still_fits_and_counts(projector, reported):
    room = reported(8)
    room.call(room.fac, "report:show", {"group_id": room.groups[0]})  # 40 cards
    page = projector(room, "720p", contrast="high")
    expect(page.locator("#report .report-title")).to_have_attribute("data-group-id", str(room.groups[0]))
    found = check_slide(page, 24)
    assert any(c["says"] > 0 for c in found["columns"])


SPOTLIGHT = """() => {
  const box = document.querySelector('#spotlight').getBoundingClientRect();
  const text = document.querySelector('#spotlight .spotlight-text');
  const r = text.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  const items = [...document.querySelectorAll('#spotlight .spotlight-item')];
  const shown = items.filter((li) => !li.hidden);
  const body = document.querySelector('#spotlight .spotlight-body').getBoundingClientRect();
  const more = document.querySelector('#spotlight .spotlight-more');
  return {
    px: parseFloat(getComputedStyle(text).fontSize),
    inside: r.top >= box.top - 1 && r.bottom <= box.bottom + 1
      && r.left >= box.left - 1 && r.right <= box.right + 1,
    uncovered: Boolean(hit && text.contains(hit)),
    items: items.length,
    shownWhole: shown.every((li) => li.getBoundingClientRect().bottom <= body.bottom + 1),
    shown: shown.length,
    says: more && !more.hidden ? Number(more.textContent.match(/\\d+/)[0]) : 0,
    board: getComputedStyle(document.querySelector('#groups')).visibility,
  };
}"""


@pytest.mark.parametrize("size", SIZES)
def test_the_spotlight_puts_one_card_or_theme_full_screen_and_gives_the_screen_back(projector, server, size):
    room = Room(server, [12, 40, 3], votes_per_person=5)
    long_card = next(c for c in room.cards[1] if len(c["text"]) > 80)
    page = projector(room, size)
    spotlight = page.locator("#spotlight")
    expect(page.locator("#groups li.card")).to_have_count(55, timeout=TIMEOUT)

    room.call(room.fac, "spotlight:show", {"card_id": long_card["id"]})
    expect(spotlight.locator(".spotlight-text")).to_have_text(long_card["text"], timeout=TIMEOUT)
    seen = page.evaluate(SPOTLIGHT)
    assert seen["inside"] and seen["uncovered"], seen
    assert seen["px"] >= 2 * SIZES[size][2], seen  # at least twice a board card's type
    assert seen["board"] == "hidden"  # the board is set aside, not covered
    assert "Person" not in spotlight.inner_text()  # names are off the projector by default
    if size == "720p":
        picture(page, "projector-spotlight")

    # A theme of the 40-card group with 30 cards: its name large, its cards as many as fit,
    # the rest counted.
    room.call(room.fac, "phase:set", {"index": 2})
    made = {"group_id": room.groups[1], "name": "Rules and money"}
    theme = room.call(room.fac, "theme:create", made)["theme"]
    for card in room.cards[1][:30]:
        room.call(room.fac, "card:theme", {"card_id": card["id"], "theme_id": theme["id"]})
    room.call(room.fac, "spotlight:show", {"theme_id": theme["id"]})
    expect(spotlight.locator(".spotlight-text")).to_contain_text("Rules and money", timeout=TIMEOUT)
    expect(spotlight.locator(".spotlight-item")).to_have_count(30)
    seen = page.evaluate(SPOTLIGHT)
    assert seen["inside"] and seen["uncovered"] and seen["shownWhole"], seen
    assert seen["shown"] >= 1 and seen["says"] == 30 - seen["shown"], seen

    # Hidden by the facilitator, a spotlit card leaves the projector at once.
    room.call(room.fac, "spotlight:show", {"card_id": long_card["id"]})
    expect(spotlight).to_be_visible(timeout=TIMEOUT)
    room.call(room.fac, "card:hide", {"card_id": long_card["id"]})
    expect(spotlight).to_be_hidden(timeout=TIMEOUT)
    room.call(room.fac, "card:unhide", {"card_id": long_card["id"]})
    expect(spotlight).to_be_visible(timeout=TIMEOUT)

    # Taken back: the board again, as it was.
    room.call(room.fac, "spotlight:clear", {})
    expect(spotlight).to_be_hidden(timeout=TIMEOUT)
    expect(page.locator("main")).not_to_have_class(re.compile("is-spotlit"))
    assert page.evaluate("() => getComputedStyle(document.querySelector('#groups')).visibility") == "visible"
    room.close()


def test_the_synthesis_shows_a_merged_line_with_each_groups_part(projector, server):
    room = Room(server, [3, 3])
    room.call(room.fac, "phase:set", {"index": CLUSTER})
    made = [
        steer(room, "theme:create", {"group_id": group, "name": name})["theme"]
        for group, name in zip(room.groups, ["Procurement rules", "Buying from start-ups"], strict=True)
    ]
    items = [f"theme:{theme['id']}" for theme in made]
    steer(room, "synthesis:merge", {"items": items, "name": "Public purchasing"})
    room.call(room.fac, "phase:set", {"index": REPORT})
    room.call(room.fac, "report:show", {"synthesis": True})
    page = projector(room, "720p")
    across = page.locator("#report .slide-themes")
    expect(across.locator("h3")).to_contain_text("Across groups", timeout=TIMEOUT)
    line = across.locator(".report-merged")
    expect(line.locator(".report-text")).to_have_text("Public purchasing")
    parts = "North: Procurement rules · South: Buying from start-ups"
    expect(line.locator(".report-meta")).to_have_text(parts)
    check_slide(page, SIZES["720p"][2])
    room.close()


def test_the_projector_takes_the_facilitators_new_words_at_once(projector, server):
    room = Room(server, [2])
    page = projector(room, "720p")
    expect(page.locator("#groups li.card")).to_have_count(2, timeout=TIMEOUT)
    edit = {
        "title": "Launch of the network",
        "question": "What stands in the way?",
        "kinds": [{"id": "challenge", "label": "Obstacle"}],
    }
    room.call(room.fac, "workshop:edit", edit)
    expect(page.locator("#workshop-title")).to_have_text("Launch of the network", timeout=TIMEOUT)
    expect(page.locator("#question")).to_have_text("What stands in the way?")
    expect(page.locator("#groups li.card[data-kind='challenge'] .card-kind").first).to_have_text("Obstacle")
    room.close()


def test_slides_of_the_longest_cards_still_fit(projector, server):
    room = Room(server, [7, 7], text=longest_of)
    for index, phone in enumerate(room.phones):  # a long card on top of each kind
        room.call(room.fac, "phase:set", {"index": VOTE})
        for i in (0, 3):
            cast = {"card_id": room.cards[index][i]["id"], "client_id": f"long-{index}-{i}"}
            room.call(phone, "vote:cast", cast)
    room.call(room.fac, "votes:reveal", {})
    room.call(room.fac, "phase:set", {"index": REPORT})
    room.call(room.fac, "report:show", {"group_id": room.groups[1]})
    page = projector(room, "720p")
    expect(page.locator("#report .report-title")).to_have_attribute("data-group-id", str(room.groups[1]))
    check_slide(page, SIZES["720p"][2])
    room.call(room.fac, "report:show", {"synthesis": True})
    expect(page.locator("#report .slide")).to_have_attribute("data-view", "synthesis", timeout=TIMEOUT)
    check_slide(page, SIZES["720p"][2])
    expect(page.locator("#report .report-item.is-shortened .shortened-mark").first).to_be_visible()
    picture(page, "projector-synthesis-longest")
    room.close()
