"""Theme suggestions on the dashboard: asked, refreshed as cards arrive, accepted under an
edited name, declined for good (#17)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT, card_in, group_ids, join, open_dashboard, post

FIRST = 30_000  # ms


def column(dashboard, group_id: int):
    return dashboard.locator(f"#groups section.group[data-group-id='{group_id}']")


def test_a_suggestion_is_accepted_under_its_edited_name_and_another_declined_for_good(live, phone, laptop):
    workshop = live.create_workshop(title="Network day", question="What holds you back?", groups=["Ops"])
    ops = group_ids(live, workshop)["Ops"]
    dashboard = open_dashboard(laptop, workshop)
    ana = join(phone(), workshop, "Ana", ops)
    for text in (
        "Procurement rules block small suppliers",
        "Staff exchanges between innovation agencies",
        "Les règles des marchés publics excluent les petites entreprises",
    ):
        expect(post(ana, text)).to_have_count(1, timeout=TIMEOUT)
    expect(column(dashboard, ops).locator("li.card")).to_have_count(3, timeout=TIMEOUT)

    column(dashboard, ops).locator(".suggest-themes").click()
    suggestions = column(dashboard, ops).locator(".suggestion")
    # The first suggestion of a server loads the encoder, off the event loop: a few seconds.
    expect(suggestions).to_have_count(1, timeout=FIRST)
    procurement = suggestions.nth(0)
    expect(procurement.locator(".suggestion-cards li")).to_have_count(2)
    expect(procurement.locator(".suggestion-name")).not_to_have_value("")

    # A card that arrives while the suggestions are open is asked about at once.
    expect(post(ana, "Des échanges de personnel entre agences d'innovation")).to_have_count(
        1, timeout=TIMEOUT
    )
    expect(suggestions).to_have_count(2, timeout=TIMEOUT)
    staff = suggestions.filter(
        has=dashboard.locator("li", has_text="Staff exchanges between innovation agencies")
    )
    procurement = suggestions.filter(
        has=dashboard.locator("li", has_text="Procurement rules block small suppliers")
    )

    # Declined: gone, and not suggested again after a reload.
    staff.locator(".suggestion-dismiss").click()
    expect(staff).to_have_count(0, timeout=TIMEOUT)
    procurement.locator(".suggestion-name").fill("Procurement")
    procurement.locator(".suggestion-accept").click()
    theme = (
        column(dashboard, ops)
        .locator(".theme[data-theme-id]")
        .filter(has=dashboard.locator(".theme-name", has_text=re.compile("^Procurement$")))
    )
    expect(theme.locator("li.card")).to_have_count(2, timeout=TIMEOUT)
    expect(card_in(ana, "#cards", "Procurement rules block small suppliers")).to_have_count(1)

    dashboard.reload()
    expect(dashboard.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    column(dashboard, ops).locator(".suggest-themes").click()
    expect(column(dashboard, ops).locator(".suggestion-none")).to_have_count(1, timeout=TIMEOUT)
    expect(column(dashboard, ops).locator(".suggestion")).to_have_count(0)

    for page in (ana, dashboard):
        assert page.errors == []
