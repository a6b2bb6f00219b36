"""The projector hides nothing silently (issue 15): at 1920x1080 and 1280x720, with 1 to 12
groups of 1 to 40 cards, every card on screen is whole, inside the viewport and uncovered, in
large type; a column that cannot show all its cards says how many it does not show, and its
pages turn until every card has been on screen. Themes head their cards; the reveal ranks.

The screenshots taken here are docs/img/projector-brainstorm.png, projector-themes.png and
projector-reveal.png (copied by hand from artifacts/).
"""

from __future__ import annotations

import itertools
import re
import threading
import time
from collections.abc import Callable

import pytest
import socketio
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT, _watched, picture
from tests.live_server import LiveServer, port_is_free

SIZES = {"1080p": (1920, 1080, 28), "720p": (1280, 720, 20)}  # width, height, least card px
ROTATE = 1.0  # seconds a page stays up in these tests (the page's default is 8)

SHORT = ["Data silos", "No budget for pilots", "Slow procurement", "Skills gap in IT", "Open data"]
LONG = [
    "Procurement rules written for buying bridges are applied to buying software, so a pilot"
    " takes eighteen months to start",
    "Agence nationale de la recherche (Tunisia) and the ministry keep separate registers of the"
    " same projects",
    "Nobody owns the shared platform once the project money ends, so it slowly stops working",
]
GROUP_NAMES = [
    "North",
    "South",
    "East",
    "West",
    "Agence nationale de la recherche (Tunisia)",
    "Ops",
    "Finance",
    "Legal",
    "Health",
    "Schools",
    "Transport",
    "Energy",
]


def text_of(group: int, i: int) -> str:
    """Long and short texts mixed; the number keeps each card's text its own."""
    base = LONG[i % len(LONG)] if i % 4 == 1 else SHORT[i % len(SHORT)]
    return f"{base} ({group}.{i})"


class Room:
    """A workshop on a live server, driven by python-socketio clients: a facilitator and a
    phone per group."""

    def __init__(
        self, server: LiveServer, counts: list[int], votes_per_person: int = 3, text: Callable = text_of
    ) -> None:
        self.text = text
        self.workshop = server.create_workshop(
            title="Digital public services",
            question="What holds you back?",
            groups=GROUP_NAMES[: len(counts)],
            votes_per_person=votes_per_person,
        )
        self.url = server.url
        code = self.workshop["code"]
        self.fac = self._client({"code": code, "key": self.workshop["facilitator_key"]})
        self.groups = [g["id"] for g in self._state(self.fac)["groups"]]
        self.phones = [self.join(group) for group in self.groups]
        self.call(self.fac, "phase:set", {"index": 1})  # brainstorm
        self.cards: dict[int, list[dict]] = {}
        threads = [threading.Thread(target=self._post, args=(i, n)) for i, n in enumerate(counts)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sum(len(c) for c in self.cards.values()) == sum(counts)

    def join(self, group: int) -> socketio.Client:
        """A phone that joins `group`."""
        phone = self._client({"code": self.workshop["code"]})
        name = f"Person {len(getattr(self, 'phones', []))}"
        self.call(phone, "join", {"name": name, "group": group, "organisation": "Ministry"})
        return phone

    def _client(self, auth: dict) -> socketio.Client:
        client = socketio.Client(reconnection=False)
        got = threading.Event()
        client.on("state", lambda data: (setattr(client, "state", data), got.set()))
        client.connect(self.url, auth=auth, transports=["websocket"], wait_timeout=5)
        client.got_state = got
        return client

    @staticmethod
    def _state(client) -> dict:
        assert client.got_state.wait(5)
        return client.state

    @staticmethod
    def call(client, event: str, payload: dict) -> dict:
        ack = client.call(event, payload, timeout=5)
        assert ack["ok"], (event, ack)
        return ack

    def _post(self, index: int, count: int) -> None:
        made = []
        for i in range(count):
            kind = "opportunity" if i % 3 == 2 else "challenge"
            payload = {"kind": kind, "text": self.text(index, i), "client_id": f"g{index}-{i}"}
            made.append(self.call(self.phones[index], "card:add", payload)["card"])
            time.sleep(0.06)  # an attendee's connection may send 20 events a second
        self.cards[index] = made

    def close(self) -> None:
        for client in [self.fac, *self.phones]:
            client.disconnect()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    live = LiveServer(tmp_path_factory.mktemp("projector") / "sessions").start()
    yield live
    live.stop()
    assert port_is_free(live.port)


@pytest.fixture(scope="module")
def rooms(server):
    """One workshop per number of groups, made once for both screen sizes."""
    made: dict[int, Room] = {}

    def room(groups: int) -> Room:
        if groups not in made:
            counts = list(itertools.islice(itertools.cycle([40, 1, 12, 5, 27, 8, 33]), groups))
            made[groups] = Room(server, counts)
        return made[groups]

    yield room
    for room_ in made.values():
        room_.close()


@pytest.fixture
def chromium(browser):
    """The suite's one Chromium (tests/browser/conftest.py): a second Playwright in the same
    process would refuse to start while the first runs."""
    return browser


@pytest.fixture
def projector(chromium):
    """A projector page at a given size, opened with the facilitator's key."""
    contexts = []

    def open_projector(room: Room, size: str, rotate: float | None = ROTATE, contrast: str = "normal"):
        width, height, _ = SIZES[size]
        context = chromium.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = _watched(context.new_page())
        page.goto(f"{room.workshop['screen_url']}?key={room.workshop['facilitator_key']}")
        if rotate:  # the key link leaves the address (it sets a cookie): ask again, with `rotate`
            page.goto(f"{room.workshop['screen_url']}?rotate={rotate}&contrast={contrast}")
        expect(page.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
        return page

    yield open_projector
    for context in contexts:
        assert context.pages[0].errors == []
        context.close()


# What a person in the room would notice of one text in the page: outside the viewport,
# clipped by an ancestor that hides overflow, or covered at its centre. `box` is the element
# whose rectangle must be whole, `text` the text whose centre only `owner` (the item) may hold.
NOTICED = """
const noticed = (box, text, where, owner = box) => {
  const problems = [];
  const inside = (r, b) => r.left >= b.left - 1 && r.right <= b.right + 1
    && r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
  const r = box.getBoundingClientRect();
  if (!inside(r, { left: 0, top: 0, right: innerWidth, bottom: innerHeight })) {
    problems.push(`${where} is outside the viewport`);
  }
  for (let a = box.parentElement; a && a !== document.documentElement; a = a.parentElement) {
    const s = getComputedStyle(a);
    const clips = s.overflowX !== 'visible' || s.overflowY !== 'visible';
    if (clips && !inside(r, a.getBoundingClientRect())) {
      problems.push(`${where} is clipped by ${a.tagName}.${a.className}`);
      break;
    }
  }
  const t = text.getBoundingClientRect();
  const hit = document.elementFromPoint(t.left + t.width / 2, t.top + t.height / 2);
  const by = hit ? hit.className : 'nothing';
  if (!hit || !owner.contains(hit)) problems.push(`${where} is covered by ${by}`);
  return problems;
};
"""

# For each column of the board: the cards it shows and what a person would notice of each
# (NOTICED), its type size, the cards it does not show and what it says of them.
MEASURE = (
    """() => {"""
    + NOTICED
    + """
  const vw = innerWidth, vh = innerHeight, problems = [], columns = [];
  let smallest = Infinity, squeezed = Infinity;
  for (const col of document.querySelectorAll('#groups .screen-group')) {
    const cards = [...col.querySelectorAll('li.card')];
    const shown = [];
    for (const li of cards) {
      if (li.closest('[hidden]') || li.offsetParent === null) continue;
      shown.push(li.dataset.cardId);
      const text = li.querySelector('.card-text');
      const where = `card ${li.dataset.cardId} "${text.textContent.slice(0, 30)}"`;
      problems.push(...noticed(text, text, where, li));
      const px = parseFloat(getComputedStyle(text).fontSize);
      if (li.classList.contains('is-squeezed')) squeezed = Math.min(squeezed, px);
      else smallest = Math.min(smallest, px);
    }
    const more = col.querySelector('.screen-more');
    const says = more && !more.hidden ? Number((more.textContent.match(/\\d+/) || ['0'])[0]) : 0;
    columns.push({ group: col.dataset.groupId, total: cards.length, shown, says });
  }
  const page = document.documentElement;
  if (page.scrollHeight > vh + 1 || page.scrollWidth > vw + 1) problems.push('the page scrolls');
  return { problems, columns, smallest, squeezed };
}"""
)


def measure(page) -> dict:
    found = page.evaluate(MEASURE)
    for col in found["columns"]:
        hidden = col["total"] - len(col["shown"])
        if hidden:
            assert col["says"] == hidden, f"group {col['group']} hides {hidden} cards but says {col['says']}"
    return found


def watch_rotation(page, total: int, rounds_for: float, least: float) -> dict[str, set[str]]:
    """Every card id each column showed while its pages turned, each whole and in type of at
    least `least` px (80% of it for a card too long for its column even alone)."""
    seen: dict[str, set[str]] = {}
    deadline = time.monotonic() + rounds_for
    while time.monotonic() < deadline:
        found = measure(page)
        assert found["problems"] == []
        assert found["smallest"] >= least and found["squeezed"] >= 0.8 * least
        for col in found["columns"]:
            seen.setdefault(col["group"], set()).update(col["shown"])
        if sum(len(s) for s in seen.values()) == total:
            break
        time.sleep(ROTATE / 3)
    return seen


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("groups", [1, 3, 8, 12])
def test_every_card_is_whole_and_large_or_counted_and_turned_into_view(projector, rooms, groups, size):
    room = rooms(groups)
    total = sum(len(c) for c in room.cards.values())
    page = projector(room, size)
    expect(page.locator("#groups li.card")).to_have_count(total, timeout=TIMEOUT)
    expect(page.locator("main")).to_have_class(re.compile("is-compact"))

    found = measure(page)
    assert found["problems"] == []
    assert found["smallest"] >= SIZES[size][2]
    for col in found["columns"]:
        assert col["shown"], f"group {col['group']} shows no card"

    # Over the rotation every card comes into view, whole, in every column.
    most = max(col["total"] for col in found["columns"])
    seen = watch_rotation(page, total, rounds_for=ROTATE * (most + 2) + 5, least=SIZES[size][2])
    for index, group in enumerate(room.groups):
        ids = {str(c["id"]) for c in room.cards[index]}
        missed = ids - seen.get(str(group), set())
        assert not missed, f"group {group} never showed {missed}"
    if size == "720p" and groups == 8:
        picture(page, "projector-brainstorm")


def test_a_busy_group_still_turns_every_page_while_new_cards_arrive(projector, server):
    room = Room(server, [30])
    page = projector(room, "720p")
    expect(page.locator("#groups li.card")).to_have_count(30, timeout=TIMEOUT)
    posting = threading.Event()

    def keep_posting() -> None:  # a card every half page, faster than the pages turn
        for i in range(200):
            if posting.wait(ROTATE / 2):
                return
            card = {"kind": "challenge", "text": f"Late idea {i}", "client_id": f"late-{i}"}
            room.call(room.phones[0], "card:add", card)

    first = {str(c["id"]) for c in room.cards[0]}
    seen: set[str] = set()
    poster = threading.Thread(target=keep_posting)
    poster.start()
    try:
        deadline = time.monotonic() + ROTATE * 40
        while not first <= seen and time.monotonic() < deadline:
            found = measure(page)
            assert found["problems"] == []
            seen.update(found["columns"][0]["shown"])
            time.sleep(ROTATE / 3)
    finally:
        posting.set()
        poster.join()
    assert first <= seen, f"the pages with {sorted(first - seen)} never came round"
    room.close()


# The longest card the app takes (500 characters), in a right-to-left script too.
LONGEST = ("Les règles des marchés publics " * 17)[:500]
ARABIC = ("قواعد الشراء العام تمنع الشركات الناشئة من المشاركة " * 10)[:500]


def longest_of(group: int, i: int) -> str:
    """Every third card as long as a card may be, the others short."""
    if i % 3 == 0:
        return f"{(LONGEST, ARABIC)[group % 2][:490]} ({group}.{i})"
    return text_of(group, i)


@pytest.mark.parametrize("size", SIZES)
def test_the_longest_cards_among_twelve_groups_are_whole_or_marked_shortened(projector, server, size):
    room = Room(server, [4] * 12, text=longest_of)
    page = projector(room, size)
    expect(page.locator("#groups li.card")).to_have_count(48, timeout=TIMEOUT)
    seen = watch_rotation(page, 48, rounds_for=ROTATE * 8 + 5, least=SIZES[size][2])
    assert sum(len(s) for s in seen.values()) == 48
    # A card too long for its column even in smaller type is shortened where all can see it:
    # it ends in an ellipsis and says so, and the spotlight shows it whole.
    shortened = page.locator("#groups li.card.is-shortened")
    for card in shortened.all():
        expect(card.locator(".card-shortened")).to_be_visible()
    if size == "720p":
        assert shortened.count() > 0  # 490 characters in a sixth of 1280 px cannot fit whole
        picture(page, "projector-longest")
    room.close()


def test_high_contrast_type_is_larger_and_still_hides_nothing_silently(projector, rooms):
    room = rooms(8)
    total = sum(len(c) for c in room.cards.values())
    page = projector(room, "720p", contrast="high")
    expect(page.locator("#groups li.card")).to_have_count(total, timeout=TIMEOUT)
    most = max(len(c) for c in room.cards.values())
    seen = watch_rotation(page, total, rounds_for=ROTATE * (most + 2) + 5, least=24)
    assert sum(len(s) for s in seen.values()) == total


def test_the_default_rotation_gives_a_card_at_least_six_seconds(projector, rooms):
    page = projector(rooms(1), "720p", rotate=None)
    expect(page.locator("#groups .screen-more")).to_be_visible(timeout=TIMEOUT)
    shown = "() => [...document.querySelectorAll('#groups li.card:not([hidden])')].map(li => li.id)"
    first = page.evaluate(shown)
    page.wait_for_timeout(5_500)
    assert page.evaluate(shown) == first


def test_the_join_panel_is_large_while_people_join_then_a_corner_that_covers_nothing(projector, server):
    room = Room(server, [3, 2])
    room.call(room.fac, "phase:set", {"index": 0})
    page = projector(room, "720p")
    qr = page.locator(".join-panel .qr")
    expect(qr).to_be_visible(timeout=TIMEOUT)
    assert qr.bounding_box()["width"] >= 200
    room.call(room.fac, "phase:set", {"index": 1})
    expect(page.locator("main")).to_have_class(re.compile("is-compact"), timeout=TIMEOUT)
    expect(qr).to_be_hidden()
    expect(page.locator("#join-code")).to_be_visible()
    expect(page.locator("#people-count")).to_have_text("2 people")
    panel = page.locator(".join-panel").bounding_box()
    assert panel["y"] + panel["height"] <= 720 + 1
    assert measure(page)["problems"] == []
    for card in page.locator("#groups li.card").all():
        box = card.bounding_box()
        assert box["y"] + box["height"] <= panel["y"] + 1  # the board ends where the corner begins
    room.close()


def _themes_and_votes(room: Room) -> dict:
    """Cluster the first group into two themes, vote, and reveal. Returns what was made."""
    fac, group, cards = room.fac, room.groups[0], room.cards[0]
    room.call(fac, "phase:set", {"index": 2})
    budget = room.call(fac, "theme:create", {"group_id": group, "name": "Money and rules"})["theme"]
    data = room.call(fac, "theme:create", {"group_id": group, "name": "Data and platforms"})["theme"]
    for card, theme in [(cards[0], data), (cards[4], data), (cards[1], budget), (cards[2], budget)]:
        room.call(fac, "card:theme", {"card_id": card["id"], "theme_id": theme["id"]})
    return {"budget": budget, "data": data, "cards": cards}


def test_themes_head_their_cards_and_the_reveal_ranks_by_votes(projector, server):
    room = Room(server, [6, 4, 5], votes_per_person=5)
    made = _themes_and_votes(room)
    page = projector(room, "720p")
    column = page.locator(f"#groups .screen-group[data-group-id='{room.groups[0]}']")
    themes = column.locator(".screen-theme-name > span[dir]")
    expect(themes).to_have_text(["Money and rules", "Data and platforms"], timeout=TIMEOUT)
    data_theme = column.locator(f".screen-theme[data-theme-id='{made['data']['id']}']")
    newest_first = [made["cards"][4]["text"], made["cards"][0]["text"]]
    expect(data_theme.locator("li.card .card-text")).to_have_text(newest_first)
    assert measure(page)["problems"] == []
    picture(page, "projector-themes")

    # Vote: the data theme gets 1 dot and its cards 2 more (3 in all), a loose card 2.
    # Revealed, the group ranks: data theme, that card, then the other loose card and the
    # budget theme with none, by time (the card was posted before the theme was made).
    room.call(room.fac, "phase:set", {"index": 3})
    ana, ben, cards = room.phones[0], room.join(room.groups[0]), made["cards"]
    for i, (phone, target) in enumerate(
        [
            (ana, {"theme_id": made["data"]["id"]}),
            (ana, {"card_id": cards[0]["id"]}),
            (ana, {"card_id": cards[4]["id"]}),
            (ana, {"card_id": cards[3]["id"]}),
            (ben, {"card_id": cards[3]["id"]}),
        ]
    ):
        room.call(phone, "vote:cast", {**target, "client_id": f"v{i}"})
    room.call(room.fac, "votes:reveal", {})
    order = column.locator(":scope .screen-list > li")
    expect(order.first).to_have_attribute("data-theme-id", str(made["data"]["id"]), timeout=TIMEOUT)
    expect(order.nth(1)).to_have_attribute("data-card-id", str(cards[3]["id"]))
    expect(order.first).to_have_attribute("data-rank", "1")
    expect(order.nth(1)).to_have_attribute("data-rank", "2")
    expect(data_theme.locator(".screen-theme-name .tally")).to_have_text("3 votes")
    expect(order.nth(2)).to_have_attribute("data-card-id", str(cards[5]["id"]))
    expect(order.nth(3)).to_have_attribute("data-theme-id", str(made["budget"]["id"]))
    expect(order.nth(2)).not_to_have_attribute("data-rank", re.compile("."))
    tally = page.locator(f"#groups li.card[data-card-id='{cards[3]['id']}'] > .tally")
    expect(tally).to_have_text("2 votes")
    size = float(tally.evaluate("n => parseFloat(getComputedStyle(n).fontSize)"))
    assert size >= 16
    assert measure(page)["problems"] == []
    picture(page, "projector-reveal")
    room.phones.append(ben)
    room.close()
