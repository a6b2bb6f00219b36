"""The facilitator's key form, the friendly page for an unknown code, and an offline-only page load."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT

PAGE_BUDGET = 100_000  # bytes: document, CSS and JS of the attendee page's first load


def test_dashboard_without_key_asks_for_it_then_opens(live, laptop):
    workshop = live.create_workshop(title="Retro", question="What slowed us?", groups=["Ops", "Dev"])
    code = workshop["code"]
    page = laptop()

    response = page.goto(f"{live.url}/w/{code}/facilitate")
    assert response.status == 401
    expect(page.locator("#key-form")).to_be_visible()
    expect(page.locator("#groups")).to_have_count(0)

    page.fill("#key", "not-the-key")
    page.click("#key-form button[type=submit]")
    expect(page.locator("#key-error")).to_have_text("That key does not open this workshop.")
    expect(page.locator("#key")).to_have_attribute("aria-invalid", "true")

    page.fill("#key", workshop["facilitator_key"])
    page.click("#key-form button[type=submit]")
    expect(page).to_have_url(f"{live.url}/w/{code}/facilitate")  # the key left the address bar
    expect(page.locator("#key-form")).to_have_count(0)
    expect(page.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    expect(page.locator("#join-code")).to_have_text(code)
    expect(page.locator("#groups section.group .group-name")).to_have_text(["Ops", "Dev"])

    # The cookie now opens the projector too, without asking again.
    page.goto(f"{live.url}/w/{code}/screen")
    expect(page.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    expect(page.locator("#groups .screen-group")).to_have_count(2)
    assert page.errors == []


def test_unknown_code_shows_a_friendly_page_with_the_join_form(live, phone):
    workshop = live.create_workshop(title="Retro", question="What slowed us?", groups=["Ops"])
    page = phone()

    response = page.goto(f"{live.url}/j/ZZZZZZ")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("No workshop with code ZZZZZZ")
    form = page.locator("form.join-code")
    expect(form).to_be_visible()
    expect(page.locator("#join-code")).to_have_value("ZZZZZZ")

    # Typing the right code (in lower case) from there opens the workshop.
    page.fill("#join-code", workshop["code"].lower())
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(workshop["join_url"])
    expect(page.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    expect(page.locator("#join-form")).to_be_visible()
    expect(page.locator("#workshop-title")).to_have_text("Retro")
    assert page.errors == []


def test_attendee_page_loads_only_from_its_own_server_and_is_small(live, phone):
    workshop = live.create_workshop(title="Retro", question="What slowed us?", groups=["Ops"])
    page = phone()
    requested: list[str] = []
    sockets: list[str] = []
    assets = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda ws: sockets.append(ws.url))
    page.on(
        "response",
        lambda response: (
            response.request.resource_type in ("document", "stylesheet", "script") and assets.append(response)
        ),
    )

    page.goto(workshop["join_url"])
    expect(page.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    expect(page.locator("#join-form")).to_be_visible()
    page.fill("#join-name", "Ana")
    page.click("#join-button")
    expect(page.locator("#board")).to_be_visible(timeout=TIMEOUT)

    origin = urlsplit(live.url)
    foreign = [url for url in requested if urlsplit(url)[:2] != origin[:2]]
    assert foreign == [], "the page must work on a LAN without internet"
    assert all(urlsplit(url).netloc == origin.netloc for url in sockets), sockets
    paths = {urlsplit(r.url).path for r in assets}
    assert {
        f"/j/{workshop['code']}",
        "/static/css/app.css",
        "/static/vendor/socket.io.esm.min.js",
        "/static/js/attendee.js",
        "/static/js/lib/socket.js",
        "/static/js/lib/render.js",
        "/static/js/lib/outbox.js",
    } <= paths, paths
    assert all(r.status == 200 for r in assets), [(r.url, r.status) for r in assets]

    sizes = {r.url: len(r.body()) for r in assets}
    assert sum(sizes.values()) < PAGE_BUDGET, sizes
    assert page.errors == []
