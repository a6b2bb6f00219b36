"""The dashboard's "Keep the data" choice: shows the workshop's retention and changes it."""

from __future__ import annotations

import time

import requests
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT


def stored_retention(live, workshop, expected, timeout=5.0):
    """The retention the server holds, once it is `expected` (the change is acked, not shown)."""
    url = f"{live.url}/w/{workshop['code']}/export.json?key={workshop['facilitator_key']}"
    deadline = time.monotonic() + timeout
    while True:
        held = requests.get(url, timeout=5).json()["settings"]["retention_days"]
        if held == expected or time.monotonic() > deadline:
            return held
        time.sleep(0.05)


def open_dashboard(live, laptop, workshop):
    page = laptop()
    page.goto(f"{live.url}/w/{workshop['code']}/facilitate?key={workshop['facilitator_key']}")
    expect(page.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    return page


def test_the_dashboard_changes_the_retention_and_keeps_it_across_a_reload(live, laptop):
    workshop = live.create_workshop(title="Pilot", question="Why?", groups=["Ops"])
    page = open_dashboard(live, laptop, workshop)
    expect(page.locator("#set-retention")).to_have_value("keep")

    page.select_option("#set-retention", "30")
    assert stored_retention(live, workshop, 30) == 30
    page.reload()
    expect(page.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    expect(page.locator("#set-retention")).to_have_value("30")

    page.select_option("#set-retention", "keep")
    assert stored_retention(live, workshop, None) is None
    page.reload()
    expect(page.locator("#set-retention")).to_have_value("keep", timeout=TIMEOUT)
    assert page.errors == []


def test_a_retention_set_through_the_api_is_shown_as_it_is(live, laptop):
    workshop = live.create_workshop(title="Pilot", question="Why?", groups=["Ops"], retention=45)
    page = open_dashboard(live, laptop, workshop)
    expect(page.locator("#set-retention")).to_have_value("45")
    expect(page.locator("#set-retention option:checked")).to_have_text("Delete 45 days after closing")
    assert page.errors == []
