"""The home page at 1366x768: the owner's list of workshops on the first screen, the join
form after it; a visitor without the owner key sees the join form first.

The picture taken here is artifacts/home-owner.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT, _watched, picture
from tests.live_server import OWNER_KEY

SCREEN = {"width": 1366, "height": 768}


@pytest.fixture
def laptop_768(browser):
    contexts = []

    def open_page():
        context = browser.new_context(viewport=SCREEN)
        contexts.append(context)
        return _watched(context.new_page())

    yield open_page
    for context in contexts:
        context.close()


def box(page, selector: str) -> dict:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


def test_the_owners_list_is_on_the_first_screen_and_the_join_form_after_it(live, laptop_768):
    titles = [f"Network meeting {n}, Agence nationale de la recherche (Tunisia)" for n in range(1, 9)]
    for title in titles:
        live.create_workshop(title=title, question="What holds you back?", groups=["Finance", "Design"])
    page = laptop_768()
    page.goto(f"{live.url}/?key={OWNER_KEY}")
    items = page.locator("#workshops li.workshop")
    expect(items).to_have_count(8, timeout=TIMEOUT)
    assert page.locator("h1").first.text_content() == "Workshops"

    # The heading, the search and the first workshops are on the first screen, whole.
    for selector in ("#past-heading", "#search-title"):
        assert box(page, selector)["y"] + box(page, selector)["height"] <= SCREEN["height"], selector
    bottoms = page.eval_on_selector_all(
        "#workshops li.workshop", "items => items.map((item) => item.getBoundingClientRect().bottom)"
    )
    on_screen = [bottom for bottom in bottoms if bottom <= SCREEN["height"]]
    assert len(on_screen) >= 3, on_screen
    # Then joining and setting up, below the list.
    assert box(page, "#join-heading")["y"] > box(page, "#series-form")["y"]
    assert box(page, "#setup-heading")["y"] > box(page, "#join-heading")["y"]

    # Each series box ends its workshop's title row, beside its words, not stretched. Measured
    # in one go: the list is swapped in afresh whenever a workshop changes.
    item, title, pick, words = page.evaluate(
        """() => {
          const item = document.querySelector('#workshops li.workshop');
          const rect = (el) => {
            const r = el.getBoundingClientRect();
            return {x: r.x, y: r.y, width: r.width, height: r.height};
          };
          return [item, item.querySelector('h2'), item.querySelector('.series-pick input'),
                  item.querySelector('.series-pick span')].map(rect);
        }"""
    )
    assert pick["width"] <= 24, pick
    assert 0 <= words["x"] - (pick["x"] + pick["width"]) <= 16, (pick, words)
    assert item["x"] + item["width"] - (words["x"] + words["width"]) <= 24, (item, words)
    for part in (pick, words):
        assert abs((part["y"] + part["height"] / 2) - (title["y"] + title["height"] / 2)) <= 4, (title, part)
    picture(page, "home-owner")
    assert page.errors == []


def test_a_visitor_without_the_owner_key_sees_the_join_form_first(live, laptop_768):
    live.create_workshop(title="Launch event", question="What holds you back?", groups=["Finance"])
    page = laptop_768()
    page.goto(f"{live.url}/")
    expect(page.locator("#join-heading")).to_be_visible(timeout=TIMEOUT)
    assert page.locator("h1").first.text_content() == "Join a workshop"
    assert box(page, "#join-heading")["y"] < SCREEN["height"]
    assert page.locator("#workshops").count() == 0
    assert "Launch event" not in page.content()


def test_use_as_template_gives_the_copy_the_title_the_owner_types(live, laptop_768):
    live.create_workshop(title="Launch event", question="What holds you back?", groups=["Finance", "Design"])
    page = laptop_768()
    page.goto(f"{live.url}/?key={OWNER_KEY}")
    item = page.locator("#workshops li.workshop").filter(has_text="Launch event")
    item.locator("summary", has_text="Use as template").click()
    title = item.get_by_label("Title")
    expect(title).to_have_value("Launch event (copy)")
    title.fill("Launch event, Vienna")
    item.get_by_role("button", name="Create workshop").click()
    expect(page.locator("#cofacilitator-url")).to_be_visible(timeout=TIMEOUT)
    page.goto(f"{live.url}/")
    expect(page.locator("#workshops li.workshop h2")).to_have_text(
        ["Launch event, Vienna", "Launch event"], timeout=TIMEOUT
    )
    assert page.errors == []
