"""The spotlight from the dashboard (#15): one card or theme put full screen on the projector
by a click or the key "s", a banner saying what the projector shows, taken back by its
button or Escape; and "What the projector shows", a small live copy of the projector that
loads only when opened."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import (
    TIMEOUT,
    card_in,
    card_menu,
    group_ids,
    join,
    open_dashboard,
    open_projector,
    post,
)


def test_a_card_and_a_theme_go_on_the_projector_and_come_back(live, phone, laptop):
    workshop = live.create_workshop(title="Launch", question="What holds you back?", groups=["Ops", "Dev"])
    ops = group_ids(live, workshop)["Ops"]
    dashboard = open_dashboard(laptop, workshop)
    projector = open_projector(dashboard, workshop)
    ana = join(phone(), workshop, "Ana", ops)
    expect(post(ana, "Budgets are set a year ahead")).to_contain_class("is-own", timeout=TIMEOUT)
    expect(post(ana, "Nobody owns the data")).to_contain_class("is-own", timeout=TIMEOUT)
    banner = dashboard.locator("#spotlight-banner")
    expect(banner).to_be_hidden()

    # A click on the card's Spotlight.
    card = card_in(dashboard, "#groups", "Budgets are set a year ahead")
    expect(card).to_have_count(1, timeout=TIMEOUT)
    card_menu(card).locator(".card-spotlight").click()
    expect(banner).to_be_visible(timeout=TIMEOUT)
    expect(dashboard.locator("#spotlight-text")).to_have_text("Budgets are set a year ahead")
    expect(card).to_have_attribute("data-spotlit", "true")
    expect(projector.locator("#spotlight")).to_contain_text("Budgets are set a year ahead", timeout=TIMEOUT)

    # The key "s" on another focused card puts that one up instead.
    other = card_in(dashboard, "#groups", "Nobody owns the data")
    other.focus()
    dashboard.keyboard.press("s")
    expect(dashboard.locator("#spotlight-text")).to_have_text("Nobody owns the data", timeout=TIMEOUT)
    expect(other).to_have_attribute("data-spotlit", "true")
    expect(card_in(dashboard, "#groups", "Budgets are set a year ahead")).not_to_have_attribute(
        "data-spotlit", "true"
    )
    expect(projector.locator("#spotlight")).to_contain_text("Nobody owns the data", timeout=TIMEOUT)

    # Escape, outside any field, takes it back; typing "s" in a field changes nothing.
    dashboard.keyboard.press("Escape")
    expect(banner).to_be_hidden(timeout=TIMEOUT)
    expect(projector.locator("#spotlight")).to_be_hidden(timeout=TIMEOUT)
    name = dashboard.locator(f"section.group[data-group-id='{ops}'] .theme-create-name")
    name.fill("Money")
    name.press("s")
    expect(name).to_have_value("Moneys")
    expect(banner).to_be_hidden()

    # A theme, from its heading; the banner's button takes it back.
    name.fill("Money")
    name.press("Enter")
    theme = dashboard.locator(f"section.group[data-group-id='{ops}'] .theme[data-theme-id]")
    expect(theme).to_have_count(1, timeout=TIMEOUT)
    theme.locator(".theme-spotlight").click()
    expect(banner).to_be_visible(timeout=TIMEOUT)
    expect(dashboard.locator("#spotlight-text")).to_have_text("Money")
    expect(dashboard.locator("#spotlight-kind")).to_have_text("Theme")
    expect(projector.locator("#spotlight")).to_contain_text("Money", timeout=TIMEOUT)
    dashboard.click("#spotlight-clear")
    expect(banner).to_be_hidden(timeout=TIMEOUT)

    # A second dashboard (a co-facilitator) hears of it live, and from its state on load.
    card_menu(card).locator(".card-spotlight").click()
    expect(banner).to_be_visible(timeout=TIMEOUT)
    second = open_dashboard(laptop, workshop)
    expect(second.locator("#spotlight-text")).to_have_text("Budgets are set a year ahead", timeout=TIMEOUT)
    dashboard.click("#spotlight-clear")
    expect(second.locator("#spotlight-banner")).to_be_hidden(timeout=TIMEOUT)

    for page in (ana, dashboard, second, projector):
        assert page.errors == []


def test_the_projector_preview_loads_only_when_opened(live, laptop):
    workshop = live.create_workshop(
        title="Launch", question="What holds you back?", groups=["Ops", "Dev", "Policy"]
    )
    dashboard = open_dashboard(laptop, workshop)
    frame = dashboard.locator("#preview-frame")
    assert frame.get_attribute("src") is None
    screens = []
    dashboard.on("request", lambda request: screens.append(request.url) if "/screen" in request.url else None)
    dashboard.wait_for_timeout(300)
    assert screens == []

    dashboard.locator("#preview > summary").click()
    expect(frame).to_have_attribute("src", re.compile(r"/w/[A-Z0-9]+/screen$"))
    inside = dashboard.frame_locator("#preview-frame")
    expect(inside.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    expect(inside.locator("#workshop-title")).to_have_text("Launch")
    # Drawn at 1280x720, scaled down to fit beside the report-back controls, and never clicked.
    box = frame.bounding_box()
    assert box is not None and 240 <= box["width"] <= 520, box
    assert abs(box["width"] / box["height"] - 16 / 9) < 0.02, box
    assert frame.evaluate("node => getComputedStyle(node).pointerEvents") == "none"
    report = dashboard.locator(".run-report").bounding_box()
    assert report is not None
    assert report["x"] <= box["x"] and box["x"] + box["width"] <= report["x"] + report["width"]
    for control in ("#report-prev", "#report-next", "#report-group", "#report-synthesis"):
        assert dashboard.locator(control).is_visible(), control

    dashboard.locator("#preview > summary").click()  # closed again: the projector page goes
    dashboard.wait_for_function("() => !document.getElementById('preview-frame').hasAttribute('src')")
    assert dashboard.errors == []
