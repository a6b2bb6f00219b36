"""An attendee joins from a phone and posts; the dashboard and the projector follow live."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import (
    TIMEOUT,
    card_in,
    group_ids,
    join,
    open_dashboard,
    open_projector,
    post,
    screenshot,
)

TITLE = "Launch event"
QUESTION = "What holds your organisation back?"


def test_card_posted_on_a_phone_reaches_dashboard_and_projector_not_other_groups(live, phone, laptop):
    workshop = live.create_workshop(title=TITLE, question=QUESTION, groups=["Finance", "Design"])
    groups = group_ids(live, workshop)
    dashboard = open_dashboard(laptop, workshop)
    projector = open_projector(dashboard, workshop)
    expect(projector.locator("#join-code")).to_have_text(workshop["code"])
    expect(projector.locator("#people-count")).to_have_text("0 people")

    ann = phone()
    ann.goto(workshop["join_url"])
    expect(ann.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    expect(ann.locator("#join-form")).to_be_visible()
    expect(ann.locator("#join-question")).to_have_text(QUESTION)
    expect(ann.locator("#join-group-list input[name=group]")).to_have_count(2)
    ann.fill("#join-name", "Ann")
    ann.fill("#join-organisation", "Acme")
    ann.check(f"#join-group-list input[name=group][value='{groups['Finance']}']")
    ann.click("#join-button")

    expect(ann.locator("#board")).to_be_visible(timeout=TIMEOUT)
    expect(ann.locator("#join-form")).to_be_hidden()
    expect(ann.locator("#workshop-title")).to_have_text(TITLE)
    expect(ann.locator("#question")).to_have_text(QUESTION)
    expect(ann.locator("#where")).to_have_text("You are in Finance")
    expect(ann.locator("#group-name")).to_have_text("Finance")
    expect(ann.locator("#cards-empty")).to_be_visible()
    screenshot(ann, "attendee-joined")

    # The dashboard lists the newcomer in their group; the projector counts them.
    finance = f"#groups section.group[data-group-id='{groups['Finance']}']"
    design = f"#groups section.group[data-group-id='{groups['Design']}']"
    person = dashboard.locator(f"{finance} .person", has_text="Ann")
    expect(person).to_have_attribute("data-online", "true", timeout=TIMEOUT)
    expect(dashboard.locator("#people")).to_have_text("1 person · 1 online")
    expect(projector.locator("#people-count")).to_have_text("1 person", timeout=TIMEOUT)

    mine = post(ann, "Budgets are set a year ahead", kind="challenge")
    expect(mine).to_have_count(1, timeout=TIMEOUT)
    expect(mine).not_to_contain_class("is-pending", timeout=TIMEOUT)
    expect(mine).to_contain_class("is-own")
    expect(mine.locator(".card-author")).to_have_text("Ann")
    expect(ann.locator("#post-text")).to_have_value("")
    expect(ann.locator("#cards-empty")).to_be_hidden()

    on_dashboard = card_in(dashboard, finance, "Budgets are set a year ahead")
    expect(on_dashboard).to_have_count(1, timeout=TIMEOUT)
    expect(on_dashboard).to_have_attribute("data-kind", "challenge")
    expect(on_dashboard.locator(".card-author")).to_have_text("Ann")
    expect(dashboard.locator(f"{design} li.card")).to_have_count(0)
    expect(dashboard.locator(f"{finance} .count[data-kind=challenge] strong")).to_have_text("1")

    screen_finance = f"#groups .screen-group[data-group-id='{groups['Finance']}']"
    screen_design = f"#groups .screen-group[data-group-id='{groups['Design']}']"
    expect(card_in(projector, screen_finance, "Budgets are set a year ahead")).to_have_count(
        1, timeout=TIMEOUT
    )
    expect(projector.locator(f"{screen_design} .card")).to_have_count(0)

    # Someone in another group sees none of Finance's cards: not the one already posted,
    # and not one posted while they are connected.
    bob = join(phone(), workshop, "Bob", groups["Design"])
    expect(bob.locator("#group-name")).to_have_text("Design")
    expect(bob.locator("#cards-empty")).to_be_visible()
    expect(projector.locator("#people-count")).to_have_text("2 people", timeout=TIMEOUT)
    expect(dashboard.locator("#people")).to_have_text("2 people · 2 online", timeout=TIMEOUT)

    post(ann, "Nobody owns the data", kind="opportunity")
    expect(card_in(dashboard, finance, "Nobody owns the data")).to_have_count(1, timeout=TIMEOUT)
    expect(card_in(projector, screen_finance, "Nobody owns the data")).to_have_count(1, timeout=TIMEOUT)
    # Events reach one connection in order: when Bob's own card is back, anything sent
    # to him before it has arrived too.
    expect(post(bob, "Design reviews come too late")).to_contain_class("is-own", timeout=TIMEOUT)
    expect(bob.locator("#cards li.card .card-text")).to_have_text(["Design reviews come too late"])
    expect(ann.locator("#cards li.card .card-text")).to_have_text(
        ["Nobody owns the data", "Budgets are set a year ahead"]
    )
    expect(card_in(dashboard, design, "Design reviews come too late")).to_have_count(1, timeout=TIMEOUT)
    expect(card_in(projector, screen_design, "Design reviews come too late")).to_have_count(
        1, timeout=TIMEOUT
    )

    screenshot(dashboard, "dashboard")
    screenshot(projector, "projector")
    for page in (ann, bob, dashboard, projector):
        assert page.errors == []
