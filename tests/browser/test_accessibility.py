"""Accessibility: axe-core finds no serious or critical violation on any page, in any phase;
live regions speak short sentences; the projector has a high-contrast, large-type mode; text
at 200% still fits. What is checked and why is in docs/accessibility.md."""

from __future__ import annotations

import re
from pathlib import Path

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
from tests.browser.test_facilitation import add_theme, go_to_phase
from tests.live_server import OWNER_KEY

AXE = Path(__file__).resolve().parent / "vendor" / "axe" / "axe.min.js"
BLOCKING = ("serious", "critical")  # the impacts that fail a test; the rest are reported in docs

# Runs axe on the whole document and keeps what a reader needs to find each failing node.
RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ['violations'] });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 160),
                                 why: (n.failureSummary || '').replace(/\\s+/g, ' ') })),
  }));
}"""


def axe_violations(page) -> list[dict]:
    """Every axe violation on the page as it is now (axe is injected once per document)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


class Audit:
    """Collects the blocking violations of several pages, to report them all at once."""

    def __init__(self) -> None:
        self.found: dict[str, list[dict]] = {}
        self.checked: list[str] = []

    def check(self, name: str, page) -> None:
        self.checked.append(name)
        blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
        if blocking:
            self.found[name] = blocking

    def assert_clean(self) -> None:
        assert not self.found, "axe found serious or critical violations:\n" + describe(self.found)


def describe(found: dict[str, list[dict]]) -> str:
    lines = []
    for name, violations in found.items():
        lines.append(f"== {name}")
        for v in violations:
            lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}")
            for node in v["nodes"][:5]:
                lines.append(f"      at {node['target']}  {node['html']}")
                lines.append(f"         {node['why']}")
            if len(v["nodes"]) > 5:
                lines.append(f"      ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


def online(page):
    expect(page.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    return page


# --- axe, page by page


def test_home_join_key_and_not_found_pages_pass_axe(live, laptop, phone):
    workshop = live.create_workshop(title="Launch event", question="What holds you back?", groups=["Ops"])
    audit = Audit()
    visitor = laptop()
    visitor.goto(live.url + "/")
    expect(visitor.locator("#join-code")).to_be_visible()
    audit.check("home, as a visitor", visitor)

    owner = laptop()
    owner.goto(f"{live.url}/?key={OWNER_KEY}")
    expect(owner.locator("#setup-form")).to_be_visible()
    expect(owner.locator("#workshops li.workshop")).to_have_count(1)
    audit.check("home, as the owner (set-up form and the list)", owner)

    joining = phone()
    joining.goto(workshop["join_url"])
    online(joining)
    expect(joining.locator("#join-form")).to_be_visible()
    audit.check("join page /j/<CODE> on a phone", joining)
    on_laptop = laptop()
    on_laptop.goto(workshop["join_url"])
    expect(online(on_laptop).locator("#join-form")).to_be_visible()
    audit.check("join page /j/<CODE> on a laptop", on_laptop)

    missing = laptop()
    assert missing.goto(f"{live.url}/j/ZZZZZZ").status == 404
    audit.check("unknown code", missing)
    key = laptop()
    assert key.goto(f"{live.url}/w/{workshop['code']}/facilitate").status == 401
    audit.check("facilitator key form", key)
    key.fill("#key", "wrong")
    key.locator("#key-form button[type=submit]").click()
    expect(key.locator("#key-error")).to_be_visible()
    audit.check("facilitator key form with an error", key)

    audit.assert_clean()
    for page in (visitor, owner, joining, on_laptop, missing, key):
        assert page.errors == []


def test_every_phase_passes_axe_on_the_phone_the_dashboard_and_the_projector(live, phone, laptop):
    workshop = live.create_workshop(
        title="Regional network day", question="What holds your organisation back?", groups=["Ops", "Dev"]
    )
    ops = group_ids(live, workshop)["Ops"]
    audit = Audit()
    dashboard = open_dashboard(laptop, workshop)
    projector = open_projector(dashboard, workshop)
    audit.check("dashboard, nobody in yet", dashboard)
    audit.check("projector, join phase", projector)

    ana = phone()
    ana.goto(workshop["join_url"])
    expect(online(ana).locator("#join-form")).to_be_visible()
    audit.check("phone: join form", ana)
    join(ana, workshop, "Ana", ops, organisation="City council")
    ben = join(phone(), workshop, "Ben", ops, organisation="Harbour trust")

    go_to_phase(dashboard, "brainstorm")
    dashboard.click("#timer-start")
    expect(ana.locator("#timer")).to_be_visible(timeout=TIMEOUT)
    expect(post(ana, "Builds take forty minutes", "opportunity")).to_contain_class("is-own", timeout=TIMEOUT)
    expect(post(ben, "Nobody owns the wiki")).to_contain_class("is-own", timeout=TIMEOUT)
    expect(ana.locator("#cards li.card")).to_have_count(2, timeout=TIMEOUT)
    audit.check("phone: brainstorm with cards", ana)
    audit.check("dashboard: brainstorm with cards and a running timer", dashboard)
    expect(projector.locator("#groups li.card")).to_have_count(2, timeout=TIMEOUT)
    audit.check("projector: brainstorm with cards", projector)

    go_to_phase(dashboard, "cluster")
    add_theme(dashboard, ops, "Tooling")
    card_menu(card_in(dashboard, "#groups", "Builds take forty minutes")).locator(
        ".card-theme"
    ).select_option(label="Tooling")
    expect(ana.locator("#cards li.theme-head")).to_have_count(2, timeout=TIMEOUT)  # Tooling, Other cards
    audit.check("phone: cluster, cards under themes", ana)
    audit.check("dashboard: cluster, a theme with a card", dashboard)

    go_to_phase(dashboard, "vote")
    vote = card_in(ana, "#cards", "Nobody owns the wiki").locator(".vote-cast")
    vote.click()
    expect(vote).to_have_attribute("data-mine", "1", timeout=TIMEOUT)
    expect(ana.locator("#votes-left")).to_have_text("2 dots left")
    audit.check("phone: vote, one dot placed", ana)
    dashboard.click("#votes-reveal")
    expect(ana.locator("#cards .tally[data-votes]").first).to_be_visible(timeout=TIMEOUT)
    audit.check("phone: vote, tallies revealed", ana)
    audit.check("dashboard: vote, tallies revealed", dashboard)
    audit.check("projector: vote, tallies revealed", projector)

    go_to_phase(dashboard, "report")
    dashboard.select_option("#report-group", label="Ops")
    expect(projector.locator("#report")).to_be_visible(timeout=TIMEOUT)
    expect(projector.locator("#report .report-item").first).to_be_visible(timeout=TIMEOUT)
    audit.check("phone: report back", ana)
    audit.check("dashboard: report back", dashboard)
    audit.check("projector: a group's report", projector)
    dashboard.click("#report-synthesis")
    expect(projector.locator("#report .report-title")).to_have_text(re.compile("Synthesis"), timeout=TIMEOUT)
    audit.check("projector: the synthesis", projector)

    dashboard.click("#workshop-close")  # the confirm dialog is accepted by the fixture
    expect(ana.locator("#thanks")).to_be_visible(timeout=TIMEOUT)
    expect(ana.locator("#thanks-top li").first).to_be_visible()
    audit.check("phone: closed, thank-you and summary", ana)
    expect(dashboard.locator("#closed-banner")).to_be_visible(timeout=TIMEOUT)
    audit.check("dashboard: closed", dashboard)

    # The printable report (the facilitator's cookie opens it) and the owner's series view.
    report = dashboard.context.new_page()
    assert report.goto(f"{live.url}/w/{workshop['code']}/report").status == 200
    expect(report.get_by_text("Builds take forty minutes").first).to_be_visible()
    audit.check("printable report /w/<CODE>/report", report)
    other = live.create_workshop(title="Second day", question="What next?", groups=["Ops"])
    series = dashboard.context.new_page()
    both = f"w={workshop['code']}&w={other['code']}"
    assert series.goto(f"{live.url}/series?key={OWNER_KEY}&{both}").status == 200
    audit.check("series /series", series)

    audit.assert_clean()
    for page in (ana, ben, dashboard, projector):
        assert page.errors == []


# --- live regions


def test_live_regions_announce_cards_phases_and_timer_in_short_sentences(live, phone, laptop):
    workshop = live.create_workshop(title="Retro", question="What slowed us?", groups=["Ops"])
    ops = group_ids(live, workshop)["Ops"]
    dashboard = open_dashboard(laptop, workshop)
    projector = open_projector(dashboard, workshop)
    ana = join(phone(), workshop, "Ana", ops)
    ben = join(phone(), workshop, "Ben", ops)
    regions = {page: page.locator("#announce") for page in (ben, dashboard, projector)}
    for region in regions.values():
        expect(region).to_have_attribute("aria-live", "polite")
    # The lists themselves are not live: a redraw would read every card again.
    for page, lists in ((ben, "#cards"), (dashboard, "#groups"), (projector, "#groups, #report")):
        assert page.locator(lists).evaluate_all("nodes => nodes.filter(n => n.closest('[aria-live]'))") == []

    post(ana, "Printers jam every day")
    expect(regions[ben]).to_have_text("New Challenge from Ana: Printers jam every day", timeout=TIMEOUT)
    expect(regions[dashboard]).to_have_text(
        "New Challenge in Ops from Ana: Printers jam every day", timeout=TIMEOUT
    )
    expect(regions[projector]).to_have_text("New Challenge in Ops", timeout=TIMEOUT)

    go_to_phase(dashboard, "brainstorm")
    expect(regions[ben]).to_have_text(re.compile("^Now: Challenges and opportunities"), timeout=TIMEOUT)
    expect(regions[projector]).to_have_text(re.compile("^Now: Challenges and opportunities"), timeout=TIMEOUT)

    # Timer milestones: running, then one minute left (a 61-second countdown crosses it).
    dashboard.fill("#timer-minutes", str(61 / 60))
    dashboard.click("#timer-start")
    expect(regions[ben]).to_have_text("Timer running: 1:01 left.", timeout=TIMEOUT)
    expect(regions[ben]).to_have_text("1 minute left.", timeout=TIMEOUT)
    expect(regions[projector]).to_have_text("1 minute left.", timeout=TIMEOUT)
    dashboard.click("#timer-pause")
    expect(regions[ben]).to_have_text(re.compile(r"^Timer paused: [01]:\d\d left\.$"), timeout=TIMEOUT)

    # The connection status is a status region (polite) that says when the phone is online.
    status = ben.locator("#status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text("Connected")
    for page in (ana, ben, dashboard, projector):
        assert page.errors == []


# --- the projector's high-contrast, large-type mode


def contrast_of(page) -> str:
    return page.evaluate("() => document.body.dataset.contrast || 'normal'")


def test_projector_high_contrast_mode_switches_is_remembered_and_passes_axe(live, phone, laptop):
    workshop = live.create_workshop(
        title="Launch event", question="What holds you back?", groups=["Ops", "Dev"]
    )
    ops = group_ids(live, workshop)["Ops"]
    dashboard = open_dashboard(laptop, workshop)
    projector = open_projector(dashboard, workshop)
    ana = join(phone(), workshop, "Ana", ops)
    expect(post(ana, "Printers jam every day")).to_contain_class("is-own", timeout=TIMEOUT)
    card = card_in(projector, "#groups", "Printers jam every day")
    expect(card).to_have_count(1, timeout=TIMEOUT)
    normal_size = card.evaluate("n => parseFloat(getComputedStyle(n).fontSize)")

    toggle = projector.get_by_role("button", name="High contrast")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    assert contrast_of(projector) == "normal"
    toggle.focus()
    projector.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert contrast_of(projector) == "high"
    expect(projector.locator("body")).to_have_css("background-color", "rgb(0, 0, 0)")
    expect(card.locator(".card-text")).to_have_css("color", "rgb(255, 255, 255)")
    assert card.evaluate("n => parseFloat(getComputedStyle(n).fontSize)") > normal_size * 1.2

    audit = Audit()
    audit.check("projector, high contrast, cards", projector)
    # Remembered on this computer: a reload keeps it.
    projector.reload()
    expect(online(projector).get_by_role("button", name="High contrast")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert contrast_of(projector) == "high"

    # The URL parameter wins, and is remembered in turn.
    screen = workshop["screen_url"]
    projector.goto(screen + "?contrast=normal")
    expect(online(projector).locator("#contrast-toggle")).to_have_attribute("aria-pressed", "false")
    assert contrast_of(projector) == "normal"
    projector.goto(screen)
    assert contrast_of(online(projector)) == "normal"
    projector.goto(screen + "?contrast=high")
    assert contrast_of(online(projector)) == "high"

    go_to_phase(dashboard, "report")
    dashboard.select_option("#report-group", label="Ops")
    expect(projector.locator("#report .report-item").first).to_be_visible(timeout=TIMEOUT)
    audit.check("projector, high contrast, report", projector)
    projector.get_by_role("button", name="High contrast").click()
    assert contrast_of(projector) == "normal"
    audit.check("projector, back to normal, report", projector)
    audit.assert_clean()
    for page in (ana, dashboard, projector):
        assert page.errors == []


# --- text at 200%

# Elements wider than their box: text cut off (overflow hidden, ellipsis) or spilling out.
# Boxes made to scroll sideways (the dashboard's columns, the agenda) are allowed to, and so
# are text fields, whose own text scrolls inside them.
OVERFLOWING = """(selectors) => {
  const out = [];
  const scrolls = (n) => ['auto', 'scroll'].includes(getComputedStyle(n).overflowX);
  for (const selector of selectors) {
    for (const root of document.querySelectorAll(selector)) {
      for (const n of [root, ...root.querySelectorAll('*')]) {
        if (!n.getClientRects().length) continue;
        if (n.closest('.visually-hidden, input, textarea, select, svg')) continue;
        if (n.scrollWidth > n.clientWidth + 1 && n.clientWidth > 0 && !scrolls(n)) {
          out.push(`${n.tagName.toLowerCase()}#${n.id}.${[...n.classList].join('.')}`
            + ` ${n.scrollWidth} > ${n.clientWidth}: ${n.textContent.trim().slice(0, 40)}`);
        }
      }
    }
  }
  return out;
}"""


def double_text_size(page):
    """Sets the browser's default text size to 200% (32px), as a reader's text-size setting
    does: rem, em and the em of media queries all follow it. Keep the returned session open:
    the setting lasts while it does, across navigations."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "32px"
    return cdp


STICKY_HEIGHT = """(selectors) => selectors.map((s) => document.querySelector(s))
  .filter((n) => ['sticky', 'fixed'].includes(getComputedStyle(n).position))
  .reduce((sum, n) => sum + n.offsetHeight, 0)"""


def page_width_fits(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def fully_in_view_sideways(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    width = page.evaluate("() => document.documentElement.clientWidth")
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1


def test_text_at_200_percent_fits_the_phone_and_the_dashboard(live, phone, laptop):
    workshop = live.create_workshop(
        title="Regional innovation network: launch event",
        question="What holds your organisation back, and what could move it forward?",
        groups=["Finance and public banks", "Design units"],
    )
    finance = group_ids(live, workshop)["Finance and public banks"]
    dashboard = open_dashboard(laptop, workshop)
    ana = phone()
    ana.goto(workshop["join_url"])
    large = [double_text_size(online(ana))]
    expect(ana.locator("#join-form")).to_be_visible()
    assert page_width_fits(ana)
    assert ana.evaluate(OVERFLOWING, ["header.bar", "#join-form"]) == []
    assert fully_in_view_sideways(ana, "#join-button")

    join(ana, workshop, "Ana Maria Fernandes", finance, organisation="Regional development agency")
    expect(post(ana, "Procurement rules were written for buying pencils, not for pilots")).to_contain_class(
        "is-own", timeout=TIMEOUT
    )
    go_to_phase(dashboard, "brainstorm")
    dashboard.click("#timer-start")
    expect(ana.locator("#timer")).to_be_visible(timeout=TIMEOUT)
    assert page_width_fits(ana)
    assert ana.evaluate(OVERFLOWING, ["header.bar", "#board"]) == []
    for button in ("#post-button", "#cards .card-edit"):
        assert fully_in_view_sideways(ana, button), button
    # What stays put while the cards scroll (the header, the post box) leaves room to read them.
    viewport = ana.viewport_size["height"]
    assert ana.evaluate(STICKY_HEIGHT, ["header.bar", "#post-form"]) < viewport / 2

    large.append(double_text_size(dashboard))
    expect(
        card_in(dashboard, "#groups", "Procurement rules were written for buying pencils, not for pilots")
    ).to_be_visible()
    assert page_width_fits(dashboard)
    assert dashboard.evaluate(OVERFLOWING, [".dash-head", ".run", ".toolbar", "#groups .group"]) == []
    for button in ("#phase-next", "#timer-start", "#timer-pause", "#votes-reveal", "#report-synthesis"):
        assert fully_in_view_sideways(dashboard, button), button
    for page in (ana, dashboard):
        assert page.errors == []
    for session in large:
        session.detach()
