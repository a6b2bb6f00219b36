"""The owner's home page stays up to date as people join, and the owner's message appears on
every phone, dashboard and projector, over a real server."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT
from tests.browser.test_accessibility import Audit
from tests.live_server import OWNER_KEY

FEED = 8_000  # the server tells the owner's list every 2 s; allow a few rounds


def test_the_owners_list_updates_itself_and_keeps_what_the_owner_ticked(live, laptop, phone):
    workshop = live.create_workshop(title="Launch event", question="What holds you back?", groups=["Finance"])
    home = laptop()
    home.goto(f"{live.url}/?key={OWNER_KEY}")
    expect(home.locator("body")).to_have_attribute("data-owner-live", "yes", timeout=TIMEOUT)
    item = home.locator(f'#workshops li.workshop[data-code="{workshop["code"]}"]')
    expect(item).to_contain_text("0 people")
    item.get_by_label("Include in a series").check()

    attendee = phone()
    attendee.goto(workshop["join_url"])
    attendee.fill("#join-name", "Ana")
    attendee.click("#join-button")
    expect(attendee.locator("#board")).to_be_visible(timeout=TIMEOUT)

    expect(item).to_contain_text("1 person", timeout=FEED)  # no reload
    expect(item.get_by_label("Include in a series")).to_be_checked()

    later = live.create_workshop(title="Second meeting", question="What moved?", groups=2)
    expect(home.locator(f'#workshops li.workshop[data-code="{later["code"]}"]')).to_be_visible(timeout=FEED)
    assert home.errors == [] and attendee.errors == []


def test_the_owners_message_shows_on_phones_dashboards_and_projectors(live, laptop, phone):
    workshop = live.create_workshop(title="Launch event", question="What holds you back?", groups=["Finance"])
    attendee = phone()
    attendee.goto(workshop["join_url"])
    expect(attendee.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    dashboard = laptop()
    dashboard.goto(workshop["facilitator_url"])
    expect(dashboard.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    projector = laptop()
    projector.goto(f"{live.url}/w/{workshop['code']}/screen?key={workshop['facilitator_key']}")
    expect(projector.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)

    home = laptop()
    home.goto(f"{live.url}/?key={OWNER_KEY}")
    expect(home.locator("#notice-section")).to_be_visible(timeout=TIMEOUT)
    message = "<b>Plenary</b> in the main hall at 15:00"  # shown as text, never as markup
    home.fill("#notice-text", message)
    home.get_by_role("button", name="Send to everyone").click()
    expect(home.locator("#notice-status")).to_have_text("Sent.", timeout=TIMEOUT)
    expect(home.locator("#notice-text")).to_have_value("")

    for page in (attendee, dashboard, projector):
        banner = page.get_by_role("alert").filter(has_text="Message from the organisers")
        expect(banner).to_contain_text(message, timeout=TIMEOUT)
        assert page.locator("#organiser-notice b").count() == 0
    audit = Audit()  # the banner and the owner's form, as axe sees them
    for name, page in (
        ("phone", attendee),
        ("dashboard", dashboard),
        ("projector", projector),
        ("home", home),
    ):
        audit.check(name, page)
    audit.assert_clean()
    attendee.get_by_role("button", name="Hide this message").click()
    expect(attendee.locator("#organiser-notice")).to_have_count(0)

    home.fill("#notice-text", "   ")
    home.get_by_role("button", name="Send to everyone").click()
    expect(home.locator("#notice-status")).to_have_text("The message cannot be empty.", timeout=TIMEOUT)
    expect(dashboard.locator("#organiser-notice")).to_contain_text(message)
    assert [p.errors for p in (home, attendee, dashboard, projector)] == [[], [], [], []]
