"""Alike lines across groups (#17): the dashboard offers themes of different groups that say
the same thing as one line of the synthesis; the facilitator names and merges one, sets
another aside, and the projector's synthesis shows the merged line with each group's part."""

from __future__ import annotations

import socketio
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT, group_ids, open_dashboard, open_projector


def test_the_facilitator_merges_one_alike_line_and_sets_another_aside(live, laptop):
    groups = ["Finance", "Design", "Legal"]
    workshop = live.create_workshop(title="Launch", question="What holds you back?", groups=groups)
    ids = group_ids(live, workshop)
    fac = socketio.Client(reconnection=False)
    fac.connect(
        live.url,
        auth={"code": workshop["code"], "key": workshop["facilitator_key"]},
        transports=["websocket"],
    )
    themes = [
        ("Finance", "Data silos between ministries"),
        ("Design", "Les données restent cloisonnées entre les ministères"),
        ("Finance", "Procurement rules block small suppliers"),
        ("Legal", "Procurment rules block smal suppliers"),
    ]
    for group, name in themes:
        ack = fac.call("theme:create", {"group_id": ids[group], "name": name}, timeout=5)
        assert ack["ok"], ack
    assert fac.call("phase:set", {"index": 4}, timeout=5)["ok"]  # report back
    assert fac.call("report:show", {"synthesis": True}, timeout=5)["ok"]

    dashboard = open_dashboard(laptop, workshop)
    projector = open_projector(dashboard, workshop)
    dashboard.locator("#alike summary").click()
    dashboard.click("#alike-find")
    offers = dashboard.locator("#alike-list .alike-offer")
    expect(offers).to_have_count(2, timeout=15_000)  # the first call loads the encoder
    silos = offers.filter(has_text="Data silos between ministries")
    expect(silos.locator(".alike-parts li")).to_have_count(2)
    expect(silos).to_contain_text("Design: Les données restent cloisonnées")
    silos.locator("input").fill("Data kept in silos")
    silos.locator(".alike-merge").click()
    expect(offers).to_have_count(1, timeout=TIMEOUT)
    merged = projector.locator("#report .report-merged")
    expect(merged.locator(".report-text")).to_have_text("Data kept in silos", timeout=TIMEOUT)
    expect(merged.locator(".report-meta")).to_contain_text("Finance: Data silos between ministries")

    offers.first.locator(".alike-decline").click()
    expect(offers).to_have_count(0, timeout=TIMEOUT)
    dashboard.click("#alike-find")  # neither comes back
    expect(dashboard.locator("#alike-none")).to_be_visible(timeout=TIMEOUT)
    expect(offers).to_have_count(0)
    assert dashboard.errors == [] and projector.errors == []
    fac.disconnect()
