"""The owner deletes a workshop from the home page: a confirmation that asks for its code."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.test_accessibility import Audit
from tests.live_server import OWNER_KEY


def test_deleting_from_the_home_page_asks_for_the_code_then_updates_the_listing(live, laptop):
    gone = live.create_workshop(title="Old pilot", question="What slowed us?", groups=["Ops"])
    kept = live.create_workshop(title="Next launch", question="What holds you back?", groups=["Ops"])
    page = laptop()
    audit = Audit()
    page.goto(f"{live.url}/?key={OWNER_KEY}")
    expect(page.locator("#workshops > li.workshop")).to_have_count(2)

    page.locator(f'li.workshop[data-code="{gone["code"]}"] a.delete-link').click()
    expect(page).to_have_url(f"{live.url}/w/{gone['code']}/delete")
    expect(page.locator("h1")).to_have_text("Delete this workshop?")
    expect(page.locator("#delete-title")).to_have_text("Old pilot")
    expect(page.locator("label[for=confirm]")).to_have_text(f"Type the code {gone['code']} to confirm")
    screenshot(page, "delete-confirmation")
    audit.check("confirmation", page)

    page.fill("#confirm", kept["code"])  # another workshop's code deletes nothing
    page.click("#delete-confirm")
    expect(page.locator("#confirm-error")).to_contain_text(gone["code"])
    expect(page.locator("#confirm")).to_have_attribute("aria-invalid", "true")
    audit.check("confirmation with its error", page)

    page.fill("#confirm", gone["code"].lower())
    page.click("#delete-confirm")
    expect(page).to_have_url(f"{live.url}/")
    expect(page.locator("#deleted-notice")).to_have_text("“Old pilot” was deleted.")
    expect(page.locator("#workshops > li.workshop")).to_have_count(1)
    expect(page.locator("#workshops > li.workshop")).to_have_attribute("data-code", kept["code"])
    assert not (live.data_dir / f"{gone['code']}.db").exists()
    audit.check("home after a deletion", page)
    audit.assert_clean()
    assert page.errors == []


def test_cancel_leaves_the_workshop_listed(live, laptop):
    workshop = live.create_workshop(title="Keep me", question="Why?", groups=["Ops"])
    page = laptop()
    page.goto(f"{live.url}/?key={OWNER_KEY}")
    page.locator("a.delete-link").click()
    page.get_by_role("link", name="Cancel").click()
    expect(page).to_have_url(f"{live.url}/")
    expect(page.locator(f'li.workshop[data-code="{workshop["code"]}"]')).to_be_visible()
    assert (live.data_dir / f"{workshop['code']}.db").exists()
