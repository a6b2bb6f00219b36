"""The owner finds a past workshop by its title and reuses it as a template.

The picture taken here is docs/img/past-workshops.png (copied by hand from artifacts/)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT, picture
from tests.live_server import OWNER_KEY


def test_owner_finds_a_workshop_by_title_and_uses_it_as_a_template(live, laptop):
    live.create_workshop(title="Launch event", question="What holds you back?", groups=["Finance", "Design"])
    live.create_workshop(title="Second network meeting", question="What moved?", groups=3)
    page = laptop()
    page.goto(f"{live.url}/?key={OWNER_KEY}")
    items = page.locator("#workshops li.workshop")
    expect(items).to_have_count(2, timeout=TIMEOUT)

    page.fill("#search-title", "launch")  # narrows as the owner types
    expect(items.filter(has_text="Launch event")).to_be_visible()
    expect(items.filter(has_text="Second network meeting")).to_be_hidden()
    page.locator("#past-heading").evaluate("heading => heading.scrollIntoView({block: 'start'})")
    picture(page, "past-workshops")

    launch = items.filter(has_text="Launch event")
    launch.locator("summary", has_text="Use as template").click()
    expect(launch.get_by_label("Title")).to_have_value("Launch event (copy)")  # a title of its own
    launch.get_by_role("button", name="Create workshop").click()
    expect(page.locator("#cofacilitator-url")).to_be_visible(timeout=TIMEOUT)
    assert "/facilitate" in page.url
    page.goto(f"{live.url}/")
    expect(page.locator("#workshops li.workshop").filter(has_text="Launch event")).to_have_count(2)
    expect(page.locator("#workshops li.workshop h2").filter(has_text="Launch event (copy)")).to_have_count(1)
    assert page.errors == []
