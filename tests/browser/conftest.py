"""Headless Chromium through Playwright against a real server process.

Browser tests skip only where no Chromium exists, and say so; under CI=true a missing
Chromium fails the run instead, since .ci/run installs it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests

from tests.live_server import LiveServer, port_is_free
from tests.tools import missing

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google's hosts, which
# this offline machine refuses; --no-sandbox because tests run as root.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = "Pixel 7"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        missing(f"no Chromium at {CHROMIUM}: install Debian's package with `apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        launched.devices = playwright.devices  # phone descriptors for the tests
        yield launched
        launched.close()


@pytest.fixture
def live(tmp_path):
    server = LiveServer(tmp_path / "sessions").start()
    yield server
    server.stop()
    assert port_is_free(server.port)


@pytest.fixture
def phone(browser):
    """A new page in a phone-sized context, as an attendee holds it."""
    contexts = []

    def open_phone():
        context = browser.new_context(**browser.devices[PHONE])
        contexts.append(context)
        return _watched(context.new_page())

    yield open_phone
    for context in contexts:
        context.close()


@pytest.fixture
def laptop(browser):
    """A page in a laptop-sized context: the facilitator's dashboard or the projector."""
    contexts = []

    def open_laptop():
        context = browser.new_context(viewport={"width": 1366, "height": 800})
        contexts.append(context)
        return _watched(context.new_page())

    yield open_laptop
    for context in contexts:
        context.close()


def _watched(page):
    """Record script errors and alerts; confirm dialogs (delete) are accepted."""
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))

    def on_dialog(dialog):
        if dialog.type == "confirm":
            dialog.accept()
        else:
            page.errors.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

    page.on("dialog", on_dialog)
    return page


def screenshot(page, name: str) -> Path:
    """Save a picture for the docs (docs/img is updated by hand from artifacts/)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --- small helpers shared by the browser tests

TIMEOUT = 5_000  # ms: how long `expect` waits for a live update


def group_ids(live, workshop) -> dict[str, int]:
    """Group name -> id, read from the facilitator's JSON export."""
    response = requests.get(
        f"{live.url}/w/{workshop['code']}/export.json",
        headers={"Authorization": f"Bearer {workshop['facilitator_key']}"},
        timeout=5,
    )
    response.raise_for_status()
    return {g["name"]: g["id"] for g in response.json()["groups"]}


def join(page, workshop, name: str, group_id: int | None = None, organisation: str = ""):
    """Open the join link as an attendee would, fill the form, and wait for the board."""
    from playwright.sync_api import expect

    page.goto(workshop["join_url"])
    expect(page.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    page.fill("#join-name", name)
    if organisation:
        page.fill("#join-organisation", organisation)
    if group_id is not None:
        page.check(f"#join-group-list input[name=group][value='{group_id}']")
    page.click("#join-button")
    expect(page.locator("#board")).to_be_visible(timeout=TIMEOUT)
    return page


def post(page, text: str, kind: str | None = None):
    """Post a card from a joined phone; returns the locator of that card in its list."""
    if kind is not None:
        page.check(f"#post-kinds input[name=kind][value='{kind}']")
    page.fill("#post-text", text)
    page.click("#post-button")
    return card_in(page, "#cards", text)


def card_in(page, scope: str, text: str):
    """The cards under `scope` whose text is exactly `text`."""
    exact = page.locator(".card-text").filter(has_text=re.compile(f"^{re.escape(text)}$"))
    return page.locator(f"{scope} li.card").filter(has=exact)


def card_menu(card):
    """Opens a dashboard card's menu (Hide, Correct, Spotlight, its theme, another group)."""
    menu = card.locator(".card-menu")
    if not menu.evaluate("node => node.open"):
        menu.locator("summary").click()
    return menu


def people_of(column):
    """Unfolds a dashboard column's list of people; returns the column."""
    fold = column.locator(".people-fold")
    if not fold.evaluate("node => node.open"):
        fold.locator("summary").click()
    return column


def open_dashboard(open_laptop, workshop):
    """The facilitator opens the key link: the cookie is set, the key leaves the address."""
    from playwright.sync_api import expect

    page = open_laptop()
    page.goto(workshop["facilitator_url"])
    expect(page.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    return page


def open_projector(dashboard, workshop):
    """The projector as the facilitator opens it: the dashboard's "Projector" link, a new tab
    in the same browser, so the facilitator's cookie opens it. The dashboard stays in front
    (a background tab's clicks wait for animation frames that Chromium throttles)."""
    from playwright.sync_api import expect

    with dashboard.context.expect_page() as opened:
        dashboard.get_by_role("link", name="Projector").click()
    page = _watched(opened.value)
    expect(page).to_have_url(workshop["screen_url"])
    expect(page.locator("#status")).to_have_attribute("data-status", "online", timeout=TIMEOUT)
    dashboard.bring_to_front()
    return page


# --- helpers for the facilitation tests and the facilitator's guide (docs/facilitating.md)


@pytest.fixture
def touch_laptop(browser):
    """A laptop-sized page with a touch screen: a facilitator's tablet or touch laptop."""
    contexts = []

    def open_touch_laptop():
        context = browser.new_context(viewport={"width": 1366, "height": 800}, has_touch=True)
        contexts.append(context)
        return _watched(context.new_page())

    yield open_touch_laptop
    for context in contexts:
        context.close()


def picture(page, name: str, clip: dict | None = None) -> Path:
    """Save what the screen shows (not the whole page), at CSS pixels, for docs/img: a phone
    shot is 412 px wide, a laptop shot 1366x800 or the `clip` rectangle of it."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False, scale="css", clip=clip, animations="disabled")
    return path


def _centre(locator) -> tuple[float, float]:
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not on screen"
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def mouse_drag(page, source, target) -> None:
    """Press the mouse on `source`, move in steps as a hand does, release over `target`."""
    page.mouse.move(*_centre(source))
    page.mouse.down()
    x, y = _centre(target)  # measured after the press: the page may have scrolled
    page.mouse.move(x, y, steps=8)
    page.mouse.up()


def touch_drag(page, source, target, steps: int = 8) -> None:
    """Drag with a finger: real touch input through the DevTools protocol (Playwright only
    taps), so Chromium makes pointer events of type "touch" and applies `touch-action`."""
    x0, y0 = _centre(source)
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x0, "y": y0}]})
        x1, y1 = _centre(target)  # measured after the touch: the page may have scrolled
        for i in range(1, steps + 1):
            x, y = x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    finally:
        cdp.detach()
