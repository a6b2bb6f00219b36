"""The printable report in real Chromium: it prints to a clean PDF on A4 and on Letter.

The picture taken here is docs/img/report.png (copied by hand from artifacts/)."""

from __future__ import annotations

import io

import pypdf
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT, group_ids, join, open_dashboard, picture, post

TITLE = "Regional network day"


@pytest.fixture
def harvested(live, phone, laptop):
    """A workshop with two groups, people from two organisations and a few cards."""
    workshop = live.create_workshop(
        title=TITLE, question="What holds your organisation back?", groups=["Finance", "Design"]
    )
    ids = group_ids(live, workshop)
    ada = join(phone(), workshop, "Ada", ids["Finance"], organisation="Public bank")
    post(ada, "Data silos between departments")
    post(ada, "Shared data platform", kind="opportunity")
    dana = join(phone(), workshop, "Dana", ids["Design"], organisation="Innovation agency")
    post(dana, "Procurement rules slow every pilot")
    dashboard = open_dashboard(laptop, workshop)  # the facilitator's cookie opens the report
    return f"{live.url}/w/{workshop['code']}/report", dashboard


def pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_report_prints_to_a_pdf_with_its_title_chart_and_cards(harvested, paper):
    report, page = harvested
    page.goto(report)
    expect(page.locator("h1")).to_have_text(TITLE, timeout=TIMEOUT)
    expect(page.locator("svg.chart")).to_have_count(1)
    if paper == "A4":
        picture(page, "report", clip={"x": 0, "y": 0, "width": 1366, "height": 800})
    page.emulate_media(media="print")
    expect(page.locator(".report-options")).to_be_hidden()
    pages, text = pdf_text(page.pdf(format=paper, print_background=True))
    assert pages >= 2  # the appendix starts on a page of its own
    assert TITLE in text
    assert "Public bank" in text and "Innovation agency" in text  # the chart's labels are
    assert "Procurement rules slow every pilot" in text
    assert "Ada" not in text and "Dana" not in text  # names only when asked for
    assert page.errors == []


def test_names_can_be_included_before_printing(harvested):
    report, page = harvested
    page.goto(report)
    page.get_by_label("Include names").check()
    expect(page).to_have_url(f"{report}?names=1", timeout=TIMEOUT)
    _, text = pdf_text(page.pdf(format="A4"))
    assert "Ada" in text and "Dana" in text
