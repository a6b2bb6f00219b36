"""Own cards are edited and deleted from the phone; the facilitator hides cards and moves people."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import (
    TIMEOUT,
    card_in,
    card_menu,
    group_ids,
    join,
    open_dashboard,
    open_projector,
    people_of,
    post,
)


def test_edit_and_delete_own_card_from_the_phone(live, phone, laptop):
    workshop = live.create_workshop(title="Retro", question="What slowed us?", groups=["Ops", "Dev"])
    ops = group_ids(live, workshop)["Ops"]
    dashboard = open_dashboard(laptop, workshop)
    projector = open_projector(dashboard, workshop)
    attendee = join(phone(), workshop, "Cleo", ops)

    first = post(attendee, "Deploys need three approvals")
    expect(first).to_contain_class("is-own", timeout=TIMEOUT)
    expect(card_in(dashboard, "#groups", "Deploys need three approvals")).to_have_count(1, timeout=TIMEOUT)

    first.locator(".card-edit").click()
    editor = attendee.locator("#cards .card-edit-text")
    expect(editor).to_be_focused()
    expect(editor).to_have_value("Deploys need three approvals")
    editor.fill("Deploys need two approvals")
    attendee.locator("#cards .card-save").click()

    edited = card_in(attendee, "#cards", "Deploys need two approvals")
    expect(edited).to_have_count(1, timeout=TIMEOUT)
    expect(attendee.locator("#cards .card-edit-text")).to_have_count(0)
    expect(attendee.locator("#cards li.card")).to_have_count(1)
    expect(card_in(dashboard, "#groups", "Deploys need two approvals")).to_have_count(1, timeout=TIMEOUT)
    expect(card_in(dashboard, "#groups", "Deploys need three approvals")).to_have_count(0)
    expect(card_in(projector, "#groups", "Deploys need two approvals")).to_have_count(1, timeout=TIMEOUT)
    expect(card_in(projector, "#groups", "Deploys need three approvals")).to_have_count(0)

    edited.locator(".card-delete").click()  # the confirm dialog is accepted by the fixture
    expect(attendee.locator("#cards li.card")).to_have_count(0, timeout=TIMEOUT)
    expect(attendee.locator("#cards-empty")).to_be_visible()
    expect(dashboard.locator("#groups li.card")).to_have_count(0, timeout=TIMEOUT)
    expect(projector.locator("#groups .card")).to_have_count(0, timeout=TIMEOUT)

    # Another person's card in the same group has no Edit or Delete.
    other = join(phone(), workshop, "Dan", ops)
    post(other, "Tickets bounce between teams")
    theirs = card_in(attendee, "#cards", "Tickets bounce between teams")
    expect(theirs).to_have_count(1, timeout=TIMEOUT)
    expect(theirs).not_to_contain_class("is-own")
    expect(theirs.locator(".card-edit, .card-delete")).to_have_count(0)

    for page in (attendee, other, dashboard, projector):
        assert page.errors == []


def test_facilitator_hides_and_unhides_a_card(live, phone, laptop):
    workshop = live.create_workshop(title="Retro", question="What slowed us?", groups=["Ops", "Dev"])
    ops = group_ids(live, workshop)["Ops"]
    dashboard = open_dashboard(laptop, workshop)
    projector = open_projector(dashboard, workshop)
    attendee = join(phone(), workshop, "Cleo", ops)
    post(attendee, "Fine card")
    expect(post(attendee, "Card to hide")).to_contain_class("is-own", timeout=TIMEOUT)

    on_dashboard = card_in(dashboard, "#groups", "Card to hide")
    expect(on_dashboard).to_have_attribute("data-hidden", "false", timeout=TIMEOUT)
    expect(card_in(projector, "#groups", "Card to hide")).to_have_count(1, timeout=TIMEOUT)
    card_menu(on_dashboard).locator(".card-hide").click()

    expect(card_in(attendee, "#cards", "Card to hide")).to_have_count(0, timeout=TIMEOUT)
    expect(card_in(projector, "#groups", "Card to hide")).to_have_count(0, timeout=TIMEOUT)
    expect(on_dashboard).to_have_attribute("data-hidden", "true", timeout=TIMEOUT)
    expect(on_dashboard).to_have_css("background-color", "rgb(233, 233, 233)")  # greyed
    expect(on_dashboard.locator(".card-flag")).to_have_text("hidden")
    expect(on_dashboard.locator(".card-unhide")).to_be_visible()
    # The other card is untouched everywhere.
    expect(card_in(attendee, "#cards", "Fine card")).to_have_count(1)
    expect(card_in(projector, "#groups", "Fine card")).to_have_count(1)
    expect(dashboard.locator(f"section.group[data-group-id='{ops}'] .count strong").first).to_have_text("1")

    on_dashboard.locator(".card-unhide").click()
    expect(on_dashboard).to_have_attribute("data-hidden", "false", timeout=TIMEOUT)
    expect(on_dashboard.locator(".card-hide")).to_be_visible()
    expect(card_in(attendee, "#cards", "Card to hide")).to_have_count(1, timeout=TIMEOUT)
    expect(card_in(attendee, "#cards", "Card to hide")).to_contain_class("is-own")
    expect(card_in(projector, "#groups", "Card to hide")).to_have_count(1, timeout=TIMEOUT)
    expect(attendee.locator("#cards li.card .card-text")).to_have_text(["Card to hide", "Fine card"])

    for page in (attendee, dashboard, projector):
        assert page.errors == []


def test_facilitator_moves_a_person_and_their_phone_follows(live, phone, laptop):
    workshop = live.create_workshop(title="Retro", question="What slowed us?", groups=["Ops", "Dev"])
    groups = group_ids(live, workshop)
    dashboard = open_dashboard(laptop, workshop)
    ana = join(phone(), workshop, "Ana", groups["Ops"])
    ben = join(phone(), workshop, "Ben", groups["Dev"])
    post(ana, "Ops card")
    post(ben, "Dev card")
    expect(dashboard.locator("#groups li.card")).to_have_count(2, timeout=TIMEOUT)
    expect(ana.locator("#cards li.card .card-text")).to_have_text(["Ops card"])

    ops_column = dashboard.locator(f"#groups section.group[data-group-id='{groups['Ops']}']")
    dev_column = dashboard.locator(f"#groups section.group[data-group-id='{groups['Dev']}']")
    people_of(ops_column).locator(".person", has_text="Ana").locator(".person-move").select_option(
        label="Dev"
    )

    expect(ana.locator("#group-name")).to_have_text("Dev", timeout=TIMEOUT)
    expect(ana.locator("#where")).to_have_text("You are in Dev")
    # Her card stays in Ops; her phone still shows it to her, and says where to find it.
    expect(ana.locator("#notice")).to_have_text(
        "You were moved to Dev. Your earlier cards are under “Your other cards”."
    )
    expect(ana.locator("#cards li.card .card-text")).to_have_text(["Dev card"])
    expect(ana.locator("#my-other-cards .card-text")).to_have_text(["Ops card"])
    expect(dev_column.locator(".person", has_text="Ana")).to_have_count(1, timeout=TIMEOUT)
    expect(ops_column.locator(".person")).to_have_count(0)
    # Her own card stays with the group it was posted in.
    expect(card_in(dashboard, f"section.group[data-group-id='{groups['Ops']}']", "Ops card")).to_have_count(1)

    # She now posts into Dev, and Ben sees it live.
    expect(post(ana, "Moved card")).to_contain_class("is-own", timeout=TIMEOUT)
    expect(card_in(ben, "#cards", "Moved card")).to_have_count(1, timeout=TIMEOUT)
    expect(card_in(dashboard, f"section.group[data-group-id='{groups['Dev']}']", "Moved card")).to_have_count(
        1, timeout=TIMEOUT
    )

    for page in (ana, ben, dashboard):
        assert page.errors == []


def test_facilitator_adds_a_group_that_a_newcomer_can_pick_at_once(live, phone, laptop):
    workshop = live.create_workshop(title="Retro", question="What slowed us?", groups=["Ops"])
    dashboard = open_dashboard(laptop, workshop)
    projector = open_projector(dashboard, workshop)
    newcomer = phone()
    newcomer.goto(workshop["join_url"])
    expect(newcomer.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    expect(newcomer.locator("#join-group-list input[name=group]")).to_have_count(1)

    dashboard.fill("#add-group-name", "Security")
    dashboard.locator("#add-group-form button[type=submit]").click()
    expect(dashboard.locator("#groups section.group .group-name")).to_have_text(
        ["Ops", "Security"], timeout=TIMEOUT
    )
    expect(dashboard.locator("#add-group-name")).to_have_value("")
    expect(projector.locator("#groups .screen-group h2")).to_have_text(
        ["Ops 0", "Security 0"], timeout=TIMEOUT
    )
    # The phone still on the join form offers the new group without a reload.
    expect(newcomer.locator("#join-group-list input[name=group]")).to_have_count(2, timeout=TIMEOUT)

    newcomer.fill("#join-name", "Eve")
    newcomer.get_by_label("Security").check()
    newcomer.click("#join-button")
    expect(newcomer.locator("#where")).to_have_text("You are in Security", timeout=TIMEOUT)
    security = dashboard.locator("#groups section.group").filter(has_text="Security")
    expect(security.locator(".person", has_text="Eve")).to_have_count(1, timeout=TIMEOUT)
    post(newcomer, "New group, first card")
    expect(card_in(projector, "#groups", "New group, first card")).to_have_count(1, timeout=TIMEOUT)
    expect(projector.locator("#groups .screen-group h2")).to_have_text(["Ops 0", "Security 1"])

    for page in (newcomer, dashboard, projector):
        assert page.errors == []
