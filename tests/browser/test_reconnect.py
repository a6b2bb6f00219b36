"""A phone survives a reload and a server restart: same person, and nothing typed is lost or doubled."""

from __future__ import annotations

import requests
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT, card_in, group_ids, join, open_dashboard, post

RECONNECT = 15_000  # ms: socket.io's back-off between attempts grows to 5 s (± half)


def test_reload_and_server_restart_keep_the_person_and_deliver_the_outbox_once(live, phone, laptop):
    workshop = live.create_workshop(title="Retro", question="What slowed us?", groups=["Ops", "Dev"])
    groups = group_ids(live, workshop)
    dashboard = open_dashboard(laptop, workshop)
    attendee = join(phone(), workshop, "Ana", groups["Dev"], organisation="Acme")
    expect(post(attendee, "Before the reload")).to_contain_class("is-own", timeout=TIMEOUT)
    expect(dashboard.locator("#people")).to_have_text("1 person · 1 online", timeout=TIMEOUT)

    # A reload is the same person: the token in localStorage brings her back to her group.
    attendee.reload()
    expect(attendee.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    expect(attendee.locator("#board")).to_be_visible(timeout=TIMEOUT)
    expect(attendee.locator("#join-form")).to_be_hidden()
    expect(attendee.locator("#group-name")).to_have_text("Dev")
    before = card_in(attendee, "#cards", "Before the reload")
    expect(before).to_have_count(1)
    expect(before).to_contain_class("is-own")
    expect(before.locator(".card-edit")).to_be_visible()
    expect(dashboard.locator("#groups .person")).to_have_count(1)
    expect(dashboard.locator("#people")).to_have_text("1 person · 1 online", timeout=TIMEOUT)

    # The server goes away; the phone says so and keeps what is typed meanwhile.
    live.stop()
    expect(attendee.locator("#status")).to_have_attribute("data-status", "offline", timeout=TIMEOUT)
    expect(dashboard.locator("#status")).to_have_attribute("data-status", "offline", timeout=TIMEOUT)
    attendee.fill("#post-text", "Typed while the server was down")
    attendee.click("#post-button")
    waiting = card_in(attendee, "#cards", "Typed while the server was down")
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_class("is-pending")
    # Offline, the phone says the card waits for the connection (it is safe in the outbox).
    expect(waiting.locator(".card-status")).to_have_text("waiting for the connection")
    expect(attendee.locator("#post-text")).to_have_value("")

    # Back on the same port and data folder: the phone reconnects by itself and sends it.
    live.start()
    expect(attendee.locator("#status")).to_have_attribute("data-status", "online", timeout=RECONNECT)
    expect(waiting).not_to_contain_class("is-pending", timeout=TIMEOUT)
    expect(waiting).to_contain_class("is-own")
    expect(waiting.locator(".card-status")).to_have_text("saved")
    expect(waiting).to_have_count(1)
    expect(attendee.locator("#cards li.card .card-text")).to_have_text(
        ["Typed while the server was down", "Before the reload"]
    )
    expect(attendee.locator("#cards li.is-pending")).to_have_count(0)

    expect(dashboard.locator("#status")).to_have_attribute("data-status", "online", timeout=RECONNECT)
    dev = f"#groups section.group[data-group-id='{groups['Dev']}']"
    expect(card_in(dashboard, dev, "Typed while the server was down")).to_have_count(1, timeout=TIMEOUT)
    expect(dashboard.locator("#groups li.card")).to_have_count(2)
    # Presence is rebuilt after the restart: she is one person, online again.
    expect(dashboard.locator(f"{dev} .person")).to_have_attribute("data-online", "true", timeout=TIMEOUT)
    expect(dashboard.locator("#people")).to_have_text("1 person · 1 online", timeout=TIMEOUT)

    export = requests.get(
        f"{live.url}/w/{workshop['code']}/export.json",
        headers={"Authorization": f"Bearer {workshop['facilitator_key']}"},
        timeout=5,
    ).json()
    texts = [card["text"] for card in export["cards"]]
    assert sorted(texts) == ["Before the reload", "Typed while the server was down"]
    assert [p["name"] for p in export["participants"]] == ["Ana"]

    # A reload after delivery shows it once, and nothing waits in the outbox any more.
    attendee.reload()
    expect(attendee.locator("#board")).to_be_visible(timeout=TIMEOUT)
    expect(attendee.locator("#cards li.card")).to_have_count(2)
    expect(attendee.locator("#cards li.is-pending")).to_have_count(0)
    assert attendee.evaluate(f"localStorage.getItem('workshop:{workshop['code']}:outbox')") == "[]"

    for page in (attendee, dashboard):
        assert page.errors == []


def test_an_edit_made_offline_waits_in_the_outbox_and_is_sent_on_reconnect(live, phone, laptop):
    workshop = live.create_workshop(title="Retro", question="What slowed us?", groups=["Ops"])
    groups = group_ids(live, workshop)
    dashboard = open_dashboard(laptop, workshop)
    attendee = join(phone(), workshop, "Ana", groups["Ops"])
    card = post(attendee, "Typo hree")
    expect(card).to_contain_class("is-own", timeout=TIMEOUT)

    live.stop()
    expect(attendee.locator("#status")).to_have_attribute("data-status", "offline", timeout=TIMEOUT)
    card.locator(".card-edit").click()
    card.locator(".card-edit-text").fill("Typo here")
    card.locator(".card-save").click()
    edited = card_in(attendee, "#cards", "Typo here")
    expect(edited.locator(".card-status")).to_have_text("waiting for the connection")
    # The edit lives in localStorage, not only in the page, so a phone that is closed keeps it.
    stored = attendee.evaluate(f"JSON.parse(localStorage.getItem('workshop:{workshop['code']}:outbox'))")
    assert [(i["event"], i["payload"]["text"]) for i in stored] == [("card:edit", "Typo here")]

    live.start()
    expect(attendee.locator("#status")).to_have_attribute("data-status", "online", timeout=RECONNECT)
    expect(card_in(attendee, "#cards", "Typo here").locator(".card-status")).to_have_text(
        "saved", timeout=TIMEOUT
    )
    expect(card_in(dashboard, "#groups", "Typo here")).to_have_count(1, timeout=RECONNECT)
    export = requests.get(
        f"{live.url}/w/{workshop['code']}/export.json",
        headers={"Authorization": f"Bearer {workshop['facilitator_key']}"},
        timeout=5,
    ).json()
    assert [c["text"] for c in export["cards"]] == ["Typo here"]
    assert attendee.errors == []
