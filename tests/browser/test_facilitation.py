"""Running the workshop from the dashboard: themes by drag and drop (mouse, touch, keyboard),
dot voting on phones, the shared timer on the projector, report-back and closing.

The screenshots taken here are the pictures of docs/facilitating.md (copied by hand from
artifacts/ to docs/img/).
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import (
    TIMEOUT,
    card_in,
    card_menu,
    group_ids,
    join,
    mouse_drag,
    open_dashboard,
    open_projector,
    picture,
    post,
    touch_drag,
)

TITLE = "Regional network day"
QUESTION = "What holds your organisation back, and what could move it forward?"


def current_phase(dashboard):
    return dashboard.locator("#agenda li.phase[aria-current='step']")


def go_to_phase(dashboard, kind: str) -> None:
    """Next, Next... as a facilitator does, until the agenda's current phase is of `kind`."""
    for _ in range(10):
        current = current_phase(dashboard)
        expect(current).to_have_count(1, timeout=TIMEOUT)
        if current.get_attribute("data-kind") == kind:
            return
        index = int(current.get_attribute("data-index"))
        dashboard.click("#phase-next")
        expect(current_phase(dashboard)).to_have_attribute("data-index", str(index + 1), timeout=TIMEOUT)
    raise AssertionError(f"no {kind} phase in the agenda")


def column(dashboard, group_id: int):
    return dashboard.locator(f"#groups section.group[data-group-id='{group_id}']")


def add_theme(dashboard, group_id: int, name: str):
    """Creates a theme in a group's column; returns its drop zone."""
    form = column(dashboard, group_id).locator(".theme-create-form")
    form.locator("input.theme-create-name").fill(name)
    form.locator("button[type=submit]").click()
    zone = (
        column(dashboard, group_id)
        .locator(".theme[data-theme-id]")
        .filter(has=dashboard.locator(".theme-name", has_text=re.compile(f"^{re.escape(name)}$")))
    )
    expect(zone).to_have_count(1, timeout=TIMEOUT)
    return zone


def texts_in(zone):
    return zone.locator("li.card .card-text")


def test_cards_go_into_themes_by_mouse_touch_and_keyboard(live, phone, laptop, touch_laptop):
    workshop = live.create_workshop(title=TITLE, question=QUESTION, groups=["Ops", "Dev"])
    ops = group_ids(live, workshop)["Ops"]
    dashboard = open_dashboard(laptop, workshop)
    projector = open_projector(dashboard, workshop)
    ana = join(phone(), workshop, "Ana", ops, organisation="City council")
    ben = join(phone(), workshop, "Ben", ops, organisation="Harbour trust")
    for text in ("Builds take forty minutes", "Flaky tests block merges", "Nobody owns the wiki"):
        expect(post(ana, text)).to_contain_class("is-own", timeout=TIMEOUT)
    expect(post(ben, "Onboarding notes are out of date")).to_contain_class("is-own", timeout=TIMEOUT)
    expect(column(dashboard, ops).locator("li.card")).to_have_count(4, timeout=TIMEOUT)

    tooling = add_theme(dashboard, ops, "Tooling")
    tooling_id = tooling.get_attribute("data-theme-id")
    no_theme = column(dashboard, ops).locator(".no-theme")
    expect(no_theme.locator(".zone-name")).to_have_text("No theme")
    expect(texts_in(no_theme)).to_have_count(4)
    # Ben's phone shows the (empty) theme as a heading above his group's cards.
    expect(ben.locator(f"#cards li.theme-head[data-theme-id='{tooling_id}']")).to_have_text(
        "Tooling", timeout=TIMEOUT
    )

    # 1. The mouse: press on the card's grip, move, release over the theme.
    builds = card_in(dashboard, "#groups", "Builds take forty minutes")
    mouse_drag(dashboard, builds.locator(".card-grip"), tooling)
    expect(texts_in(tooling)).to_have_text(["Builds take forty minutes"], timeout=TIMEOUT)
    expect(texts_in(no_theme)).to_have_count(3)
    expect(tooling).not_to_contain_class("is-over")
    expect(dashboard.locator(".drag-ghost")).to_have_count(0)
    # ...and the groupmate's phone lists it under the theme's heading, the rest after "Other cards".
    expect(ben.locator("#cards > li")).to_have_text(
        [
            re.compile("^Tooling$"),
            re.compile("Builds take forty minutes"),
            re.compile("^Other cards$"),
            re.compile("Onboarding notes are out of date"),
            re.compile("Nobody owns the wiki"),
            re.compile("Flaky tests block merges"),
        ],
        timeout=TIMEOUT,
    )
    expect(
        card_in(projector, "#groups", "Builds take forty minutes").locator(".card-theme-name")
    ).to_have_text("Tooling", timeout=TIMEOUT)

    # 2. A finger, on a touch screen (a second facilitator on a tablet): from the grip.
    tablet = open_dashboard(touch_laptop, workshop)
    tablet_tooling = column(tablet, ops).locator(f".theme[data-theme-id='{tooling_id}']")
    flaky = card_in(tablet, "#groups", "Flaky tests block merges")
    touch_drag(tablet, flaky.locator(".card-grip"), tablet_tooling)
    expect(texts_in(tablet_tooling)).to_have_text(
        ["Flaky tests block merges", "Builds take forty minutes"], timeout=TIMEOUT
    )
    expect(texts_in(tooling)).to_have_text(
        ["Flaky tests block merges", "Builds take forty minutes"], timeout=TIMEOUT
    )
    expect(ben.locator("#cards > li")).to_have_text(
        [
            re.compile("^Tooling$"),
            re.compile("Flaky tests block merges"),
            re.compile("Builds take forty minutes"),
            re.compile("^Other cards$"),
            re.compile("Onboarding notes are out of date"),
            re.compile("Nobody owns the wiki"),
        ],
        timeout=TIMEOUT,
    )
    # A swipe that starts on a card's text, not on its grip, drags nothing (it is left to
    # scroll the page). The theme made next, from the same tablet, is sent after anything
    # that swipe could have sent, so the counts below would show a stray move.
    touch_drag(
        tablet, card_in(tablet, "#groups", "Nobody owns the wiki").locator(".card-text"), tablet_tooling
    )
    expect(tablet.locator(".drag-ghost")).to_have_count(0)
    knowledge_id = add_theme(tablet, ops, "Knowledge").get_attribute("data-theme-id")
    knowledge = column(dashboard, ops).locator(f".theme[data-theme-id='{knowledge_id}']")
    expect(knowledge.locator(".theme-name")).to_have_text("Knowledge", timeout=TIMEOUT)
    expect(texts_in(tooling)).to_have_count(2)
    expect(texts_in(no_theme)).to_have_text(["Onboarding notes are out of date", "Nobody owns the wiki"])

    # 3. The keyboard: each card's "Move to theme…" list, opened with Alt+Down, chosen with Enter.
    wiki = card_in(dashboard, "#groups", "Nobody owns the wiki")
    card_menu(wiki)  # the card's theme list is in its menu
    wiki.locator(".card-theme").focus()
    for key in ("Alt+ArrowDown", "ArrowDown", "ArrowDown", "Enter"):  # No theme, Tooling, Knowledge
        dashboard.keyboard.press(key)
    expect(texts_in(knowledge)).to_have_text(["Nobody owns the wiki"], timeout=TIMEOUT)
    expect(card_in(dashboard, "#groups", "Nobody owns the wiki").locator(".card-theme")).to_have_value(
        knowledge_id
    )
    expect(ben.locator(f"#cards li.theme-head[data-theme-id='{knowledge_id}'] + li.card")).to_contain_text(
        "Nobody owns the wiki", timeout=TIMEOUT
    )
    expect(texts_in(no_theme)).to_have_text(["Onboarding notes are out of date"])

    # Suggestions: alike cards without a theme, proposed as one; renamed and accepted here.
    expect(post(ana, "Onboarding notes are stale")).to_contain_class("is-own", timeout=TIMEOUT)
    expect(texts_in(no_theme)).to_have_count(2, timeout=TIMEOUT)
    column(dashboard, ops).locator(".suggest-themes").click()
    suggestion = column(dashboard, ops).locator(".suggestion")
    expect(suggestion).to_have_count(1, timeout=TIMEOUT)
    expect(suggestion.locator(".suggestion-name")).to_have_value("Onboarding notes")
    expect(suggestion.locator(".suggestion-cards li")).to_have_text(
        ["Onboarding notes are out of date", "Onboarding notes are stale"]
    )
    column(dashboard, ops).evaluate("node => node.scrollIntoView()")
    picture(dashboard, "dashboard-themes", clip={"x": 320, "y": 0, "width": 700, "height": 800})
    suggestion.locator(".suggestion-name").fill("Onboarding")
    suggestion.locator(".suggestion-accept").click()
    onboarding = (
        column(dashboard, ops)
        .locator(".theme[data-theme-id]")
        .filter(has=dashboard.locator(".theme-name", has_text=re.compile("^Onboarding$")))
    )
    expect(texts_in(onboarding)).to_have_text(
        ["Onboarding notes are stale", "Onboarding notes are out of date"], timeout=TIMEOUT
    )
    expect(suggestion).to_have_count(0, timeout=TIMEOUT)
    expect(texts_in(no_theme)).to_have_count(0)

    # Two cards that say the same thing become one: ticked, then "Merge into first".
    merge = column(dashboard, ops).locator(".merge-cards")
    expect(merge).to_be_disabled()
    onboarding.locator(".card-select").nth(0).check()
    onboarding.locator(".card-select").nth(1).check()
    merge.click()
    expect(texts_in(onboarding)).to_have_text(["Onboarding notes are stale"], timeout=TIMEOUT)
    expect(onboarding.locator(".card-merged")).to_have_text("+ 1 merged: “Onboarding notes are out of date”")
    expect(merge).to_be_disabled()
    merged_on_phone = card_in(ben, "#cards", "Onboarding notes are stale")
    expect(merged_on_phone.locator(".card-merged")).to_have_text(
        "+ 1 merged: “Onboarding notes are out of date”", timeout=TIMEOUT
    )
    expect(card_in(ben, "#cards", "Onboarding notes are out of date")).to_have_count(0)
    expect(ben.locator("#cards > li.theme-head .theme-name")).to_have_text(
        ["Tooling", "Knowledge", "Onboarding"]
    )

    for page in (ana, ben, dashboard, tablet, projector):
        assert page.errors == []


def test_dot_voting_on_phones_with_tallies_hidden_until_revealed(live, phone, laptop):
    workshop = live.create_workshop(title=TITLE, question=QUESTION, groups=["Ops", "Dev"])
    ops = group_ids(live, workshop)["Ops"]
    dashboard = open_dashboard(laptop, workshop)
    projector = open_projector(dashboard, workshop)
    ana = join(phone(), workshop, "Ana", ops, organisation="City council")
    ben = join(phone(), workshop, "Ben", ops, organisation="Harbour trust")
    go_to_phase(dashboard, "brainstorm")
    expect(ana.locator("#phase-name")).to_have_text("Challenges and opportunities", timeout=TIMEOUT)
    post(ana, "Budgets are set a year ahead", kind="challenge")
    post(ana, "Shared data platform", kind="opportunity")
    post(ben, "Too many approval steps", kind="challenge")
    expect(post(ben, "Tools do not talk to each other")).to_contain_class("is-own", timeout=TIMEOUT)
    expect(ana.locator("#cards li.card")).to_have_count(4, timeout=TIMEOUT)
    expect(ana.locator("#votes-left")).to_be_hidden()
    expect(ana.locator("#cards .vote-cast")).to_have_count(0)
    # Ana starts a card but has not posted it when the facilitator moves on.
    ana.fill("#post-text", "Half-written idea about budgets")

    go_to_phase(dashboard, "vote")
    for page in (ana, ben):
        expect(page.locator("#phase-name")).to_have_text("Vote", timeout=TIMEOUT)
        expect(page.locator("#votes-left")).to_have_text("3 dots left")
    expect(projector.locator("#screen-phase")).to_have_text("Vote", timeout=TIMEOUT)
    # No new cards while voting: the box folds away, a line says why, and the draft stays.
    expect(ana.locator("#post-form")).to_be_hidden()
    expect(ana.locator("#post-button")).to_be_disabled()
    expect(ana.locator("#post-reason")).to_be_visible()
    expect(ana.locator("#post-reason")).to_have_text("Posting is paused during “Vote”. Your draft is kept.")
    expect(ana.locator("#post-text")).to_have_value("Half-written idea about budgets")
    expect(ben.locator("#post-reason")).to_be_hidden()  # no draft: the phase says it all

    def vote(page, text):
        return card_in(page, "#cards", text).locator(".vote-cast")

    vote(ana, "Too many approval steps").click()
    expect(ana.locator("#votes-left")).to_have_text("2 dots left", timeout=TIMEOUT)
    vote(ana, "Tools do not talk to each other").click()
    expect(ana.locator("#votes-left")).to_have_text("1 dot left", timeout=TIMEOUT)
    expect(vote(ana, "Too many approval steps")).to_have_text("● Vote")
    expect(vote(ana, "Too many approval steps")).to_have_attribute("data-mine", "1")
    ana.evaluate("window.scrollTo(0, 0)")
    picture(ana, "phone-voting")
    vote(ana, "Budgets are set a year ahead").click()
    expect(ana.locator("#votes-left")).to_have_text("0 dots left", timeout=TIMEOUT)
    # No fourth dot: every Vote button is off until one is taken back.
    expect(vote(ana, "Shared data platform")).to_be_disabled()
    expect(ana.locator("#cards .vote-cast:enabled")).to_have_count(0)
    expect(vote(ana, "Shared data platform")).to_have_attribute("data-mine", "0")
    # Taking one back frees a dot.
    card_in(ana, "#cards", "Budgets are set a year ahead").locator(".vote-retract").click()
    expect(ana.locator("#votes-left")).to_have_text("1 dot left", timeout=TIMEOUT)
    expect(ana.locator("#vote-error")).to_have_text("")
    expect(vote(ana, "Budgets are set a year ahead")).to_have_text("Vote")
    vote(ben, "Too many approval steps").click()
    expect(ben.locator("#votes-left")).to_have_text("2 dots left", timeout=TIMEOUT)

    # The facilitator sees the counts at once; the room does not, yet.
    def dashboard_tally(text):
        return card_in(dashboard, "#groups", text).locator(".card-top .tally")

    expect(dashboard_tally("Too many approval steps")).to_have_attribute("data-votes", "2", timeout=TIMEOUT)
    expect(dashboard_tally("Tools do not talk to each other")).to_have_attribute("data-votes", "1")
    expect(dashboard_tally("Budgets are set a year ahead")).to_have_attribute("data-votes", "0")
    for page, scope in ((ana, "#cards"), (ben, "#cards"), (projector, "#groups")):
        expect(page.locator(f"{scope} .tally[data-votes]")).to_have_count(0)

    dashboard.click("#votes-reveal")
    expect(dashboard.locator("#votes-reveal")).to_be_hidden(timeout=TIMEOUT)
    expect(dashboard.locator("#votes-hide")).to_be_visible()
    expected = {
        "Too many approval steps": "2",
        "Tools do not talk to each other": "1",
        "Budgets are set a year ahead": "0",
        "Shared data platform": "0",
    }
    for page, scope in ((projector, "#groups"), (ana, "#cards"), (ben, "#cards")):
        for text, votes in expected.items():
            expect(card_in(page, scope, text).locator(".tally")).to_have_attribute(
                "data-votes", votes, timeout=TIMEOUT
            )
    expect(card_in(projector, "#groups", "Too many approval steps").locator(".tally")).to_have_text("2 votes")
    # Once revealed, a new dot shows everywhere as it lands.
    vote(ana, "Shared data platform").click()
    expect(ana.locator("#votes-left")).to_have_text("0 dots left", timeout=TIMEOUT)
    expect(card_in(projector, "#groups", "Shared data platform").locator(".tally")).to_have_attribute(
        "data-votes", "1", timeout=TIMEOUT
    )
    expect(card_in(ben, "#cards", "Shared data platform").locator(".tally")).to_have_text(
        "1 vote", timeout=TIMEOUT
    )

    # Back to the brainstorm: the box opens again with the draft, which can now be posted.
    dashboard.locator("#agenda li.phase[data-kind='brainstorm'] .phase-go").click()
    expect(ana.locator("#phase-name")).to_have_text("Challenges and opportunities", timeout=TIMEOUT)
    expect(ana.locator("#post-button")).to_be_enabled()
    expect(ana.locator("#post-reason")).to_be_hidden()
    expect(ana.locator("#votes-left")).to_be_hidden()
    expect(ana.locator("#cards .vote-cast:visible")).to_have_count(0)
    expect(ana.locator("#post-text")).to_have_value("Half-written idea about budgets")
    ana.click("#post-button")
    expect(card_in(ana, "#cards", "Half-written idea about budgets")).to_contain_class(
        "is-own", timeout=TIMEOUT
    )
    expect(ana.locator("#post-text")).to_have_value("")
    expect(card_in(dashboard, "#groups", "Half-written idea about budgets")).to_have_count(1, timeout=TIMEOUT)
    expect(card_in(ben, "#cards", "Half-written idea about budgets")).to_have_count(1, timeout=TIMEOUT)

    for page in (ana, ben, dashboard, projector):
        assert page.errors == []


def as_seconds(text: str) -> int:
    minutes, seconds = text.split(":")
    return int(minutes) * 60 + int(seconds)


def test_the_timer_counts_down_on_the_projector_and_the_phones(live, phone, laptop):
    workshop = live.create_workshop(title=TITLE, question=QUESTION, groups=["Ops", "Dev", "Policy"])
    groups = group_ids(live, workshop)
    dashboard = open_dashboard(laptop, workshop)
    projector = open_projector(dashboard, workshop)
    ana = join(phone(), workshop, "Ana", groups["Ops"], organisation="City council")
    ben = join(phone(), workshop, "Ben", groups["Dev"], organisation="Harbour trust")
    expect(projector.locator("#people-count")).to_have_text("2 people", timeout=TIMEOUT)
    picture(projector, "projector-join")

    go_to_phase(dashboard, "brainstorm")
    for page, phase in ((projector, "#screen-phase"), (ana, "#phase-name"), (ben, "#phase-name")):
        expect(page.locator(phase)).to_have_text("Challenges and opportunities", timeout=TIMEOUT)
    # The phase brings its minutes (15) to the timer, not started.
    expect(dashboard.locator("#timer-minutes")).to_have_value("15")
    expect(projector.locator("#screen-timer")).to_have_text("15:00", timeout=TIMEOUT)
    expect(projector.locator("#screen-timer")).to_have_attribute("data-running", "false")
    post(ana, "Budgets are set a year ahead", kind="challenge")
    post(ana, "A shared data platform for the region", kind="opportunity")
    post(ben, "Too many approval steps", kind="challenge")
    expect(post(ben, "Pair new staff with a mentor", kind="opportunity")).to_contain_class(
        "is-own", timeout=TIMEOUT
    )

    dashboard.fill("#timer-minutes", "2")
    dashboard.click("#timer-start")
    screen_timer = projector.locator("#screen-timer")
    expect(screen_timer).to_have_attribute("data-running", "true", timeout=TIMEOUT)
    expect(screen_timer).to_have_text(re.compile(r"^(2:00|1:5\d)$"))
    for page in (ana, ben, dashboard):
        expect(page.locator("#timer")).to_have_attribute("data-running", "true", timeout=TIMEOUT)
        expect(page.locator("#timer")).to_have_text(re.compile(r"^(2:00|1:5\d)$"))
    # It counts down, by itself, on the projector and on the phones.
    expect(screen_timer).to_have_text(re.compile(r"^1:5[0-8]$"), timeout=TIMEOUT)
    expect(ana.locator("#timer")).to_have_text(re.compile(r"^1:5[0-8]$"), timeout=TIMEOUT)
    expect(card_in(dashboard, "#groups", "Pair new staff with a mentor")).to_have_count(1, timeout=TIMEOUT)
    picture(dashboard, "dashboard-timer")  # docs: dashboard-brainstorm comes from test_dashboard_room
    picture(projector, "projector-timer")
    picture(ana, "phone-brainstorm")

    dashboard.click("#timer-pause")
    for page, timer in (
        (projector, "#screen-timer"),
        (ana, "#timer"),
        (ben, "#timer"),
        (dashboard, "#timer"),
    ):
        expect(page.locator(timer)).to_have_attribute("data-running", "false", timeout=TIMEOUT)
    paused = screen_timer.text_content()
    assert re.fullmatch(r"1:[0-5]\d", paused), paused
    expect(dashboard.locator("#timer")).to_have_text(paused)
    for page in (ana, ben):  # phones say so in words, not only by turning grey
        expect(page.locator("#timer")).to_have_text(f"Paused {paused}")
    # Stopped, not just slow: one more minute gives exactly a minute more, everywhere.
    dashboard.click("#timer-add")
    later = f"{as_seconds(paused) // 60 + 1}:{as_seconds(paused) % 60:02d}"
    expect(screen_timer).to_have_text(later, timeout=TIMEOUT)
    expect(dashboard.locator("#timer")).to_have_text(later, timeout=TIMEOUT)
    for page in (ana, ben):
        expect(page.locator("#timer")).to_have_text(f"Paused {later}", timeout=TIMEOUT)
    expect(screen_timer).to_have_attribute("data-running", "false")

    dashboard.click("#timer-resume")
    expect(screen_timer).to_have_attribute("data-running", "true", timeout=TIMEOUT)
    expect(ana.locator("#timer")).to_have_attribute("data-running", "true", timeout=TIMEOUT)
    expect(screen_timer).not_to_have_text(later, timeout=TIMEOUT)

    for page in (ana, ben, dashboard, projector):
        assert page.errors == []


def test_report_back_group_by_group_then_synthesis_then_close(live, phone, laptop):
    workshop = live.create_workshop(title=TITLE, question=QUESTION, groups=["Ops", "Dev"])
    groups = group_ids(live, workshop)
    ops, dev = groups["Ops"], groups["Dev"]
    dashboard = open_dashboard(laptop, workshop)
    projector = open_projector(dashboard, workshop)
    ana = join(phone(), workshop, "Ana", ops, organisation="City council")
    ben = join(phone(), workshop, "Ben", dev, organisation="Harbour trust")
    post(ana, "Approvals take weeks", kind="challenge")
    post(ana, "Budgets are set a year ahead", kind="challenge")
    post(ana, "A shared data platform", kind="opportunity")
    post(ben, "Tools do not talk to each other", kind="challenge")
    expect(post(ben, "Pair new staff with a mentor", kind="opportunity")).to_contain_class(
        "is-own", timeout=TIMEOUT
    )
    expect(dashboard.locator("#groups li.card")).to_have_count(5, timeout=TIMEOUT)
    process = add_theme(dashboard, ops, "Process")
    approvals = card_in(dashboard, "#groups", "Approvals take weeks")
    card_menu(approvals).locator(".card-theme").select_option(label="Process")
    expect(texts_in(process)).to_have_text(["Approvals take weeks"], timeout=TIMEOUT)

    dashboard.locator("#agenda li.phase[data-kind='vote'] .phase-go").click()
    expect(ana.locator("#votes-left")).to_have_text("3 dots left", timeout=TIMEOUT)
    card_in(ana, "#cards", "Approvals take weeks").locator(".vote-cast").click()
    card_in(ana, "#cards", "A shared data platform").locator(".vote-cast").click()
    expect(ana.locator("#votes-left")).to_have_text("1 dot left", timeout=TIMEOUT)
    card_in(ben, "#cards", "Tools do not talk to each other").locator(".vote-cast").click()
    expect(ben.locator("#votes-left")).to_have_text("2 dots left", timeout=TIMEOUT)
    # Tallies reach the projector only once revealed (before, report-back shows no dots).
    dashboard.click("#votes-reveal")
    expect(dashboard.locator("#votes-reveal")).to_be_hidden(timeout=TIMEOUT)

    # Report back: the projector swaps the board for the first group's top items.
    dashboard.locator("#agenda li.phase[data-kind='report'] .phase-go").click()
    report = projector.locator("#report")
    expect(report).to_be_visible(timeout=TIMEOUT)
    expect(projector.locator("#groups")).to_be_hidden()
    expect(projector.locator("#screen-phase")).to_have_text("Report back")
    expect(report.locator(".report-title .slide-name")).to_have_text("Ops")
    expect(report.locator(".report-title .slide-where")).to_have_text("Group 1 of 2 · 3 cards")
    challenges, opportunities = report.locator(".report-kind").nth(0), report.locator(".report-kind").nth(1)
    expect(challenges.locator("h3")).to_have_text("Challenge")
    expect(challenges.locator(".report-item .report-text")).to_have_text(
        ["Approvals take weeks", "Budgets are set a year ahead"]
    )
    expect(challenges.locator(".report-item .tally").first).to_have_attribute("data-votes", "1")
    expect(challenges.locator(".report-item .tally")).to_have_text(["1 vote", "0 votes"])
    expect(challenges.locator(".report-item .report-meta").first).to_have_text("theme: Process")
    expect(opportunities.locator(".report-item .report-text")).to_have_text(["A shared data platform"])
    expect(report.locator(".report-theme .report-text")).to_have_text(["Process"])
    expect(dashboard.locator("#report-current")).to_have_text("On the projector: Ops.")
    picture(projector, "projector-report")
    # Phones cannot post during report-back.
    expect(ana.locator("#post-button")).to_be_disabled(timeout=TIMEOUT)

    dashboard.click("#report-next")
    expect(report.locator(".report-title .slide-name")).to_have_text("Dev", timeout=TIMEOUT)
    expect(report.locator(".report-item .report-text")).to_have_text(
        ["Tools do not talk to each other", "Pair new staff with a mentor"]
    )
    expect(dashboard.locator("#report-current")).to_have_text("On the projector: Dev.")

    dashboard.click("#report-synthesis")
    expect(report.locator(".report-title")).to_have_text("Synthesis: the whole room", timeout=TIMEOUT)
    top_challenges = report.locator(".report-kind").nth(0).locator(".report-item")
    expect(top_challenges.locator(".report-text")).to_have_text(
        ["Approvals take weeks", "Tools do not talk to each other", "Budgets are set a year ahead"]
    )
    expect(top_challenges.locator(".report-meta")).to_have_text(["Ops · theme: Process", "Dev", "Ops"])
    expect(top_challenges.locator(".tally")).to_have_text(["1 vote", "1 vote", "0 votes"])
    expect(dashboard.locator("#report-current")).to_have_text(
        "On the projector: the synthesis of all groups."
    )
    picture(projector, "projector-synthesis")

    # Closing: every phone shows the thank-you view with its own group's top items.
    dashboard.click("#workshop-close")  # the confirm dialog is accepted by the fixture
    expect(dashboard.locator("#closed-banner")).to_be_visible(timeout=TIMEOUT)
    expect(dashboard.locator("#workshop-reopen")).to_be_visible()
    expect(dashboard.locator("#workshop-close")).to_be_hidden()
    for page in (ana, ben):
        expect(page.locator("#thanks")).to_be_visible(timeout=TIMEOUT)
        expect(page.locator("#board")).to_be_hidden()
        expect(page.locator("#timer")).to_be_hidden()
    expect(ana.locator("#thanks-top h4")).to_have_text(["Challenge", "Opportunity"])
    expect(ana.locator("#thanks-top .thanks-items li")).to_have_text(
        [
            "Approvals take weeks 1 vote theme: Process",
            "Budgets are set a year ahead 0 votes",
            "A shared data platform 1 vote",
        ]
    )
    expect(ben.locator("#thanks-top .thanks-items li")).to_have_text(
        ["Tools do not talk to each other 1 vote", "Pair new staff with a mentor 0 votes"]
    )
    expect(report).to_be_visible()  # the projector keeps the report on screen
    picture(ana, "phone-thanks")

    for page in (ana, ben, dashboard, projector):
        assert page.errors == []


def test_keyboard_focus_stays_on_the_card_after_choosing_its_theme(live, phone, laptop):
    workshop = live.create_workshop(title=TITLE, question=QUESTION, groups=["Ops"])
    ops = group_ids(live, workshop)["Ops"]
    dashboard = open_dashboard(laptop, workshop)
    ana = join(phone(), workshop, "Ana", ops)
    expect(post(ana, "Nobody owns the wiki")).to_contain_class("is-own", timeout=TIMEOUT)
    knowledge = add_theme(dashboard, ops, "Knowledge")

    card_menu(card_in(dashboard, "#groups", "Nobody owns the wiki")).locator(".card-theme").focus()
    for key in ("Alt+ArrowDown", "ArrowDown", "Enter"):
        dashboard.keyboard.press(key)
    expect(texts_in(knowledge)).to_have_text(["Nobody owns the wiki"], timeout=TIMEOUT)
    # A keyboard user carries on from the card they just filed, not from the top of the page.
    expect(card_in(dashboard, "#groups", "Nobody owns the wiki").locator(".card-theme")).to_be_focused(
        timeout=2_000
    )
