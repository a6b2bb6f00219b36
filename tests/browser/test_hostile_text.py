"""Text typed by attendees is shown as text everywhere, never run as markup."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT, card_in, group_ids, join, open_dashboard, open_projector, post

CARD = "<img src=x onerror=alert(1)>"
NAME = "<b>x</b>"
ORGANISATION = "<i>Org</i> & <script>alert(2)</script>"
TITLE = "Risks <script>alert(3)</script>"


def test_markup_in_cards_names_and_titles_is_shown_literally(live, phone, laptop):
    workshop = live.create_workshop(title=TITLE, question="What <u>blocks</u> you?", groups=["Finance"])
    finance = group_ids(live, workshop)["Finance"]
    dashboard = open_dashboard(laptop, workshop)
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
    assert dashboard.locator("#groups .person .person-name").inner_text() == NAME
    expect(dashboard.locator("#groups .person b")).to_have_count(0)

    # The page is reloaded from the server's state, not from what this page drew: still text.
    attendee.reload()
    expect(card_in(attendee, "#cards", CARD)).to_have_count(1, timeout=TIMEOUT)
    expect(attendee.locator("#cards img")).to_have_count(0)

    for page in (attendee, dashboard, projector):
        assert page.errors == [], "a script ran or failed: no alert may come from user text"
