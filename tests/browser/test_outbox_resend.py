"""A phone back from a dead spot resends a long outbox: nothing is lost, and it is never cut off.

Thirty cards typed while the server was away are more than a person's burst of 20 events: the
server answers the rest `rate_limited`, the outbox keeps them and sends them again a moment
later, four at a time, far below the frame gate that disconnects flooders.
"""

from __future__ import annotations

import requests
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT, join

RECONNECT = 15_000  # ms: socket.io's back-off between attempts grows to 5 s (± half)
CARDS = 30


def test_a_long_outbox_is_delivered_whole_after_reconnecting(live, phone):
    workshop = live.create_workshop(title="Launch", question="What holds you back?", groups=["Finance"])
    attendee = join(phone(), workshop, "Ana")

    live.stop()
    expect(attendee.locator("#status")).to_have_attribute("data-status", "offline", timeout=TIMEOUT)
    for n in range(CARDS):
        attendee.fill("#post-text", f"Kept card {n}")
        attendee.click("#post-button")
    expect(attendee.locator("#cards li.is-pending")).to_have_count(CARDS)

    live.start()
    expect(attendee.locator("#status")).to_have_attribute("data-status", "online", timeout=RECONNECT)
    # Twenty at once, the rest after the outbox's pause: all of them, once each.
    expect(attendee.locator("#cards li.is-pending")).to_have_count(0, timeout=20_000)
    expect(attendee.locator("#cards li.card")).to_have_count(CARDS)
    expect(attendee.locator("#status")).to_have_attribute("data-status", "online")

    export = requests.get(
        f"{live.url}/w/{workshop['code']}/export.json",
        headers={"Authorization": f"Bearer {workshop['facilitator_key']}"},
        timeout=5,
    ).json()
    texts = sorted(card["text"] for card in export["cards"])
    assert texts == sorted(f"Kept card {n}" for n in range(CARDS))
    assert "flooding" not in live.log()
