"""With a keyboard alone (Tab, Shift+Tab, Enter, Space, arrow keys; never the mouse), a
facilitator files a card into a theme, runs the timer, changes the phase and reveals votes,
and an attendee joins, posts a card, and places and takes back a dot. Every stop on the way
shows where the focus is."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT, card_in, group_ids, join, open_dashboard, post
from tests.browser.test_facilitation import column, current_phase, go_to_phase, texts_in

MAX_TABS = 200  # a path longer than this is a failure in itself

# Whether the focused element shows it: an outline or a ring of its own, or (for the kind
# buttons, whose radio input is hidden under its label) on the label beside it.
FOCUS_SHOWN = """() => {
  const n = document.activeElement;
  const ring = (e) => {
    const s = getComputedStyle(e);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
  };
  return ring(n) || Boolean(n.matches('.segment input') && ring(n.nextElementSibling));
}"""


def focused_matches(page, selector: str) -> bool:
    return page.evaluate(
        "s => Boolean(document.activeElement && document.activeElement.matches(s))", selector
    )


def tab_to(page, selector: str, *, backwards: bool = False) -> None:
    """Presses Tab (or Shift+Tab) until the focus is on `selector`, checking on every stop
    that the focus can be seen."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        if page.evaluate("() => document.activeElement === document.body"):
            continue  # past the last (or first) stop, the focus leaves the page, then comes back
        active = page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
        assert page.evaluate(FOCUS_SHOWN), f"no visible focus on {active}"
        if focused_matches(page, selector):
            return
    raise AssertionError(f"{MAX_TABS} presses of {key} never reached {selector}")


def test_facilitator_runs_the_workshop_from_the_keyboard(live, phone, laptop):
    workshop = live.create_workshop(title="Retro", question="What slowed us?", groups=["Ops", "Dev"])
    ops = group_ids(live, workshop)["Ops"]
    dashboard = open_dashboard(laptop, workshop)
    ana = join(phone(), workshop, "Ana", ops)
    expect(post(ana, "Nobody owns the wiki")).to_contain_class("is-own", timeout=TIMEOUT)
    expect(card_in(dashboard, "#groups", "Nobody owns the wiki")).to_have_count(1, timeout=TIMEOUT)
    keys = dashboard.keyboard

    # The phase: Tab to "Next", Enter.
    tab_to(dashboard, "#phase-next")
    keys.press("Enter")
    expect(current_phase(dashboard)).to_have_attribute("data-kind", "brainstorm", timeout=TIMEOUT)
    expect(ana.locator("#phase-name")).to_have_text("Challenges and opportunities", timeout=TIMEOUT)
    # ...or a phase of the agenda itself, reached with Shift+Tab, pressed with Space.
    tab_to(dashboard, "#agenda li.phase[data-index='0'] .phase-go", backwards=True)
    keys.press("Space")
    expect(current_phase(dashboard)).to_have_attribute("data-index", "0", timeout=TIMEOUT)
    tab_to(dashboard, "#phase-next")
    keys.press("Enter")
    expect(current_phase(dashboard)).to_have_attribute("data-kind", "brainstorm", timeout=TIMEOUT)

    # The timer: type the minutes, Start with Enter, Pause with Space. The button that
    # disables itself hands the focus on (to Resume) instead of dropping it.
    tab_to(dashboard, "#timer-minutes")
    keys.press("Control+A")
    keys.type("2")
    tab_to(dashboard, "#timer-start")
    keys.press("Enter")
    expect(dashboard.locator("#timer")).to_have_attribute("data-running", "true", timeout=TIMEOUT)
    expect(ana.locator("#timer")).to_have_attribute("data-running", "true", timeout=TIMEOUT)
    tab_to(dashboard, "#timer-pause")
    keys.press("Space")
    expect(ana.locator("#timer")).to_have_attribute("data-running", "false", timeout=TIMEOUT)
    expect(dashboard.locator("#timer-resume")).to_be_focused(timeout=TIMEOUT)
    keys.press("Enter")
    expect(ana.locator("#timer")).to_have_attribute("data-running", "true", timeout=TIMEOUT)
    expect(dashboard.locator("#timer-pause")).to_be_focused(timeout=TIMEOUT)

    # A theme, typed into the group's "New theme" box and added with Enter.
    tab_to(dashboard, f"section.group[data-group-id='{ops}'] .theme-create-name")
    keys.type("Knowledge")
    keys.press("Enter")
    knowledge = column(dashboard, ops).locator(".theme[data-theme-id]")
    expect(knowledge.locator(".theme-name")).to_have_text("Knowledge", timeout=TIMEOUT)

    # The card goes into it through its "Move to theme…" list, in the card's menu (Tab to the
    # menu's button, Enter opens it): the list opened with Alt+Down, the theme chosen with the
    # arrow keys and Enter. The focus stays on the card's list.
    card = card_in(dashboard, "#groups", "Nobody owns the wiki")
    here = f"li.card[data-card-id='{card.get_attribute('data-card-id')}']"
    tab_to(dashboard, f"{here} .card-menu > summary")
    keys.press("Enter")
    tab_to(dashboard, f"{here} .card-theme")
    assert dashboard.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Move to theme…"
    for key in ("Alt+ArrowDown", "ArrowDown", "Enter"):
        keys.press(key)
    expect(texts_in(knowledge)).to_have_text(["Nobody owns the wiki"], timeout=TIMEOUT)
    expect(ana.locator("#cards li.theme-head .theme-name")).to_have_text(["Knowledge"], timeout=TIMEOUT)
    expect(card_in(dashboard, "#groups", "Nobody owns the wiki").locator(".card-theme")).to_be_focused()

    # Votes are revealed and hidden again: each button hands the focus to the other.
    go_to_phase(dashboard, "vote")
    tab_to(dashboard, "#votes-reveal")
    keys.press("Enter")
    expect(dashboard.locator("#votes-hide")).to_be_focused(timeout=TIMEOUT)
    keys.press("Enter")
    expect(dashboard.locator("#votes-reveal")).to_be_focused(timeout=TIMEOUT)

    for page in (ana, dashboard):
        assert page.errors == []


def test_attendee_joins_posts_and_votes_from_the_keyboard(live, phone, laptop):
    workshop = live.create_workshop(title="Retro", question="What slowed us?", groups=["Ops", "Dev"])
    dev = group_ids(live, workshop)["Dev"]
    dashboard = open_dashboard(laptop, workshop)
    page = phone()
    page.goto(workshop["join_url"])
    expect(page.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    keys = page.keyboard

    # Join: the name, then the group (arrow keys move within the radio group), then Enter.
    tab_to(page, "#join-name")
    keys.type("Cleo")
    tab_to(page, "#join-group-list input[name=group]")
    keys.press("ArrowDown")
    expect(page.locator(f"#join-group-list input[value='{dev}']")).to_be_checked()
    tab_to(page, "#join-button")
    keys.press("Enter")
    expect(page.locator("#board")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("#group-name")).to_have_text("Dev")

    # Post an opportunity: the kind with the arrow keys, the text, then Tab to Post and Enter.
    tab_to(page, "#post-kinds input:checked")
    keys.press("ArrowRight")
    expect(page.locator("#post-kinds input[value='opportunity']")).to_be_checked()
    tab_to(page, "#post-text")
    keys.type("Pair new staff with a mentor")
    tab_to(page, "#post-button")
    keys.press("Enter")
    mine = card_in(page, "#cards", "Pair new staff with a mentor")
    expect(mine).to_contain_class("is-own", timeout=TIMEOUT)
    expect(mine).to_have_attribute("data-kind", "opportunity")
    expect(card_in(dashboard, "#groups", "Pair new staff with a mentor")).to_have_count(1, timeout=TIMEOUT)
    # Ctrl+Enter in the box posts too.
    tab_to(page, "#post-text", backwards=True)
    keys.type("Tools do not talk to each other")
    keys.press("Control+Enter")
    expect(card_in(page, "#cards", "Tools do not talk to each other")).to_contain_class(
        "is-own", timeout=TIMEOUT
    )

    # Vote: Tab to the card's Vote button, Space places a dot; Take back (Enter) removes it
    # and, being disabled then, hands the focus back to Vote.
    go_to_phase(dashboard, "vote")
    expect(page.locator("#votes-left")).to_have_text("3 dots left", timeout=TIMEOUT)
    card_id = card_in(page, "#cards", "Pair new staff with a mentor").get_attribute("data-card-id")
    vote = f"li.card[data-card-id='{card_id}'] .vote-cast"
    tab_to(page, vote, backwards=True)
    keys.press("Space")
    expect(page.locator(vote)).to_have_attribute("data-mine", "1", timeout=TIMEOUT)
    expect(page.locator("#votes-left")).to_have_text("2 dots left", timeout=TIMEOUT)
    expect(page.locator(vote)).to_be_focused()
    tab_to(page, f"li.card[data-card-id='{card_id}'] .vote-retract")
    keys.press("Enter")
    expect(page.locator(vote)).to_have_attribute("data-mine", "0", timeout=TIMEOUT)
    expect(page.locator("#votes-left")).to_have_text("3 dots left")
    expect(page.locator(vote)).to_be_focused()

    for p in (page, dashboard):
        assert p.errors == []
