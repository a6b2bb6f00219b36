"""The facilitator keeps the room's door: closes it (a new phone sees why, a joined one still
gets in), sees fast joins flagged, removes the recent silent joiners at once, and a removed
person's browser stays out until they are let back in.

The screenshots taken here are docs/img/dashboard-door.png and docs/img/phone-door-closed.png
(copied by hand from artifacts/).
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import (
    TIMEOUT,
    _watched,
    group_ids,
    join,
    open_dashboard,
    people_of,
    picture,
    post,
)


def person(dashboard, name: str):
    return dashboard.locator("#groups li.person").filter(has=dashboard.locator(".person-name", has_text=name))


def test_door_flags_bulk_removal_and_letting_back_in(live, browser, phone, laptop):
    workshop = live.create_workshop(
        title="Regional network day",
        question="What holds your organisation back?",
        groups=["Ops", "Dev"],
    )
    groups = group_ids(live, workshop)
    dashboard = open_dashboard(laptop, workshop)
    dashboard.set_viewport_size({"width": 1366, "height": 768})
    ana = join(phone(), workshop, "Ana", groups["Ops"], organisation="City council")
    expect(post(ana, "Procurement takes a year")).to_contain_class("is-own", timeout=TIMEOUT)
    bo = join(phone(), workshop, "Bo", groups["Ops"])
    cy = join(phone(), workshop, "Cy", groups["Dev"])
    dee = join(phone(), workshop, "Dee", groups["Dev"], organisation="Harbour trust")
    expect(post(dee, "Nobody shares data across agencies")).to_contain_class("is-own", timeout=TIMEOUT)
    join(phone(), workshop, "Eve", groups["Ops"])

    # Five people from one address (every test phone is 127.0.0.1) within two minutes: flagged,
    # with the reason in words and never the address.
    expect(dashboard.locator("#groups .person-flag")).to_have_count(5, timeout=TIMEOUT)
    expect(person(dashboard, "Bo").locator(".person-flag")).to_contain_text("one address")
    expect(dashboard.locator("#groups")).not_to_contain_text("127.0.0.1")
    expect(dashboard.locator("#flags-line")).to_be_visible()

    # Close the door: a new phone sees why instead of a form to fill in for nothing.
    dashboard.click("#door-toggle")
    expect(dashboard.locator("#door-toggle")).to_have_text("Open the door", timeout=TIMEOUT)
    expect(dashboard.locator("#door-state")).to_have_attribute("data-closed", "true")
    newcomer = _watched(
        browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).new_page()
    )
    newcomer.goto(workshop["join_url"])
    expect(newcomer.locator("#door")).to_be_visible()
    expect(newcomer.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    expect(newcomer.locator("#door")).to_contain_text("closed the door to new people")
    expect(newcomer.locator("#join-form")).to_be_hidden()
    picture(newcomer, "phone-door-closed")
    # A phone that joined before comes back in through the closed door.
    ana.reload()
    expect(ana.locator("#board")).to_be_visible(timeout=TIMEOUT)
    expect(ana.locator("#door")).to_be_hidden()

    # Everyone who joined in the last 10 minutes and posted nothing: Bo, Cy and Eve.
    dashboard.fill("#recent-minutes", "10")
    dashboard.get_by_role("button", name="Remove recent silent joiners").click()
    expect(dashboard.locator("#people-message")).to_have_text("3 people removed.", timeout=TIMEOUT)
    expect(bo.locator("#removed")).to_be_visible(timeout=TIMEOUT)
    expect(cy.locator("#removed")).to_be_visible(timeout=TIMEOUT)
    expect(dashboard.locator("#groups li.person .person-name")).to_have_text(["Ana", "Dee"])
    expect(dashboard.locator("#removed-summary")).to_have_text("Removed people (3)")
    dashboard.click("#removed-summary")
    expect(dashboard.locator("#removed-list li")).to_have_count(3)
    dashboard.evaluate("window.scrollTo(0, 0)")
    picture(dashboard, "dashboard-door")
    person(dashboard, "Ana").scroll_into_view_if_needed()
    picture(dashboard, "dashboard-flags")
    dashboard.evaluate("window.scrollTo(0, 0)")
    assert newcomer.errors == [] and dashboard.errors == []

    # Select and remove: one at a time no more.
    people_of(dashboard.locator("#groups section.group", has=dashboard.locator("li.person", has_text="Dee")))
    person(dashboard, "Dee").locator(".person-pick").check()
    expect(dashboard.locator("#remove-selected")).to_have_text("Remove selected (1)")
    dashboard.click("#remove-selected")
    expect(dashboard.locator("#groups li.person .person-name")).to_have_text(["Ana"], timeout=TIMEOUT)
    expect(dee.locator("#removed")).to_be_visible(timeout=TIMEOUT)

    # With the door open again, a removed person's browser still cannot join as someone new...
    dashboard.click("#door-toggle")
    expect(dashboard.locator("#door-toggle")).to_have_text("Close the door to new people", timeout=TIMEOUT)
    cy.evaluate("localStorage.clear()")
    cy.goto(workshop["join_url"])
    expect(cy.locator("#join-form")).to_be_visible(timeout=TIMEOUT)
    cy.fill("#join-name", "Not Cy")
    cy.check(f"#join-group-list input[name=group][value='{groups['Dev']}']")
    cy.click("#join-button")
    expect(cy.locator("#removed")).to_be_visible(timeout=TIMEOUT)
    expect(cy.locator("#removed-message")).to_have_text("The facilitator removed you from this workshop.")
    # ...and Bo, with the pass his phone kept, is refused on reload.
    bo.reload()
    expect(bo.locator("#removed")).to_be_visible(timeout=TIMEOUT)

    # Let back in: Bo's phone returns as Bo; Cy's browser may join again.
    for name in ("Bo", "Cy"):
        dashboard.get_by_role("button", name=f"Let {name} back in").click()
        expect(person(dashboard, name)).to_have_count(1, timeout=TIMEOUT)
    bo.reload()
    expect(bo.locator("#board")).to_be_visible(timeout=TIMEOUT)
    expect(bo.locator("#group-name")).to_have_text("Ops")
    join(cy, workshop, "Cy", groups["Dev"])
    expect(dashboard.locator("#removed-summary")).to_have_text("Removed people (2)", timeout=TIMEOUT)
    assert dashboard.errors == [] and bo.errors == [] and cy.errors == []
