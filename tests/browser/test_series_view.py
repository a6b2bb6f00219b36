"""The owner ticks two workshops on the home page and opens their series view.

The screenshot is the picture of docs/harvest.md, "A series of workshops" (copied by hand
from artifacts/ to docs/img/)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT, picture
from tests.browser.test_accessibility import BLOCKING, axe_violations, describe
from tests.factories import FakeClock, make_context
from tests.live_server import OWNER_KEY
from tests.series_factories import held

DAY = 86_400

HELSINKI = [
    ("challenge", "Data silos between agencies", 6),
    ("challenge", "Procurement rules are too rigid", 4),
    ("challenge", "No budget for experiments", 2),
    ("opportunity", "Shared data platform for the region", 5),
    ("opportunity", "Citizens eager to co-design services", 3),
]
LISBON = [
    ("challenge", "Agencies keep data in silos", 5),
    ("challenge", "Rigid procurement rules slow pilots", 6),
    ("challenge", "Staff turnover is high", 1),
    ("challenge", "Leadership avoids risk", 2),
    ("opportunity", "Shared data platform", 4),
    ("opportunity", "EU funding for missions", 2),
    ("opportunity", "Universities want partners", 0),
]


def _saved_workshops(data_dir):
    """Two launch events a month apart, written into the server's data folder."""
    clock = FakeClock()
    ctx = make_context(data_dir, clock=clock)
    first = held(ctx, "Launch event Helsinki", HELSINKI, [("Data silos", [HELSINKI[0][1]])])
    clock.tick(30 * DAY)
    second = held(
        ctx, "Launch event Lisbon", LISBON, [("Silos of data", [LISBON[0][1]]), ("Funding", [LISBON[5][1]])]
    )
    codes = first.code, second.code
    ctx.files.close_all()
    return codes


def test_owner_selects_two_workshops_and_opens_their_series(live, laptop):
    helsinki, lisbon = _saved_workshops(live.data_dir)
    page = laptop()
    page.goto(f"{live.url}/?key={OWNER_KEY}")
    for code in (helsinki, lisbon):
        page.locator(f"#workshops li[data-code='{code}'] input[name=w]").check()
    page.get_by_role("button", name="Series view").click()

    expect(page).to_have_url(f"{live.url}/series?w={lisbon}&w={helsinki}&prefix=", timeout=TIMEOUT)
    columns = page.locator("#series-table thead th")
    expect(columns).to_have_count(2)
    expect(columns.first).to_contain_text("Launch event Helsinki")  # in the order they were held
    themes = page.locator("#recurring-themes > li")
    expect(themes).to_have_count(1)
    expect(themes.first).to_contain_text("Silos of data")
    expect(themes.first).to_contain_text("Data silos")
    expect(page.locator("svg.trend polyline")).to_have_count(2)
    assert page.errors == []
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    assert blocking == [], describe({"series": blocking})
    page.set_viewport_size({"width": 1100, "height": 1640})  # the table, themes and the chart
    picture(page, "series-view")
