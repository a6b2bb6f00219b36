"""Text typed by attendees is shown as text everywhere, never run as markup."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import (
    TIMEOUT,
    card_in,
    group_ids,
    join,
    open_dashboard,
    open_projector,
    people_of,
    post,
)

CARD = "<img src=x onerror=alert(1)>"
NAME = "<b>x</b>"
ORGANISATION = "<i>Org</i> & <script>alert(2)</script>"
TITLE = "Risks <script>alert(3)</script>"


def test_markup_in_cards_names_and_titles_is_shown_literally(live, phone, laptop):
    workshop = live.create_workshop(title=TITLE, question="What <u>blocks</u> you?", groups=["Finance"])
    finance = group_ids(live, workshop)["Finance"]
    dashboard = open_dashboard(laptop, workshop)
    # Names are off the projector by default; this test shows them, to see them escaped there too.
    dashboard.check("#set-names-on-screen")
    expect(dashboard.locator("#set-names-on-screen")).to_be_checked()
    projector = open_projector(dashboard, workshop)
    attendee = join(phone(), workshop, NAME, finance, organisation=ORGANISATION)

    mine = post(attendee, CARD)
    expect(mine).not_to_contain_class("is-pending", timeout=TIMEOUT)
    on_dashboard = card_in(dashboard, "#groups", CARD)
    on_screen = card_in(projector, "#groups", CARD)
    expect(on_dashboard).to_have_count(1, timeout=TIMEOUT)
    expect(on_screen).to_have_count(1, timeout=TIMEOUT)

    for page, cards, card in (
        (attendee, "#cards", mine),
        (dashboard, "#groups", on_dashboard),
        (projector, "#groups", on_screen),
    ):
        assert card.locator(".card-text").inner_text() == CARD
        assert card.locator(".card-author").inner_text() == NAME
        assert card.locator(".card-org").inner_text() == ORGANISATION
        expect(page.locator(f"{cards} img")).to_have_count(0)
        expect(page.locator(f"{cards} b, {cards} i, {cards} script")).to_have_count(0)
        expect(page.locator("#workshop-title")).to_have_text(TITLE)

    assert attendee.locator("#question").inner_text() == "What <u>blocks</u> you?"
    assert projector.locator("#question").inner_text() == "What <u>blocks</u> you?"
    people_of(dashboard.locator("#groups section.group").first)  # the people fold under their count
    assert dashboard.locator("#groups .person .person-name").inner_text() == NAME
    expect(dashboard.locator("#groups .person b")).to_have_count(0)

    # The page is reloaded from the server's state, not from what this page drew: still text.
    attendee.reload()
    expect(card_in(attendee, "#cards", CARD)).to_have_count(1, timeout=TIMEOUT)
    expect(attendee.locator("#cards img")).to_have_count(0)

    for page in (attendee, dashboard, projector):
        assert page.errors == [], "a script ran or failed: no alert may come from user text"


GROUP = "<svg onload=alert(4)>Ops"
THEME = "<img src=y onerror=alert(5)>"
# Right-to-left, emoji with a joiner, a zero-width space and a bell character: kept exactly.
WORLD = "مرحبا שלום 👩‍💻 zero\u200bwidth bell\x07 =SUM(A1)"


def test_group_and_theme_names_and_any_script_are_text_and_stored_exactly(live, phone, laptop):
    import requests
    import socketio

    workshop = live.create_workshop(title="Names", question="Q", groups=[GROUP])
    ops = group_ids(live, workshop)[GROUP]
    dashboard = open_dashboard(laptop, workshop)
    attendee = join(phone(), workshop, "Ana", ops)
    expect(attendee.locator("#group-name")).to_have_text(GROUP)

    steward = socketio.Client(reconnection=False)
    steward.connect(live.url, auth={"code": workshop["code"], "key": workshop["facilitator_key"]})
    try:
        assert steward.call("theme:create", {"group_id": ops, "name": THEME}, timeout=5)["ok"]
    finally:
        steward.disconnect()
    mine = post(attendee, WORLD)
    expect(mine).not_to_contain_class("is-pending", timeout=TIMEOUT)
    assert mine.locator(".card-text").inner_text().replace("\x07", "") == WORLD.replace("\x07", "")
    assert mine.locator(".card-text").get_attribute("dir") == "auto"
    expect(attendee.locator("li.theme-head[data-theme-id] .theme-name")).to_have_text(THEME, timeout=TIMEOUT)
    expect(dashboard.locator(".theme[data-theme-id] .theme-name")).to_have_text(THEME, timeout=TIMEOUT)
    expect(dashboard.locator("#groups .group-name")).to_have_text(GROUP)
    for page in (attendee, dashboard):
        expect(page.locator("main svg[onload], main img[src='y']")).to_have_count(0)
        assert page.errors == []

    export = requests.get(
        f"{live.url}/w/{workshop['code']}/export.json",
        headers={"Authorization": f"Bearer {workshop['facilitator_key']}"},
        timeout=5,
    ).json()
    assert [c["text"] for c in export["cards"]] == [WORLD]
    assert [g["name"] for g in export["groups"]] == [GROUP]
    assert [t["name"] for t in export["themes"]] == [THEME]
    csv_text = requests.get(
        f"{live.url}/w/{workshop['code']}/export.csv?key={workshop['facilitator_key']}", timeout=5
    ).text
    assert "'<svg" not in csv_text and "مرحبا" in csv_text
