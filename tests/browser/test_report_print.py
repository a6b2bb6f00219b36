"""The printable report in real Chromium: it prints to a clean PDF on A4 and on Letter, and
reads like a document: the synthesis first, then each group with drawn vote bars, then who
took part, then every card in aligned columns; no chart label is cut.

The pictures taken here are docs/img/report*.png (copied by hand from artifacts/): the page on
screen, then the synthesis, a group, who took part and the appendix as printed on A4."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
import requests
import socketio
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, TIMEOUT, group_ids, join, open_dashboard, picture, post

TITLE = "Regional network day"
LONG_ORGANISATION = "Agence nationale de la recherche (Tunisia)"
LONG_GROUP = "Cross-border cooperation of regional agencies and research"  # near the 60 allowed
# The printed width of the page's content at 96 px an inch: the paper less 14 mm a side.
CONTENT_WIDTH = {"A4": 688, "Letter": 710}


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


PEOPLE = [  # (name, organisation, group): every organisation sent one person
    ("Amira", LONG_ORGANISATION, "Finance"),
    ("Bruno", "Ministry of Economy and Finance, Directorate-General for Regional Policy", "Finance"),
    ("Chen", "Public bank", "Finance"),
    ("Dalia", "Innovation agency of Lower Saxony", LONG_GROUP),
    ("Emre", "University of Izmir", LONG_GROUP),
    ("Femi", "", LONG_GROUP),
    ("Greta", "City of Tallinn", "Design"),
]
CARDS = {  # name -> [(kind, text, votes it gets from its group)]
    "Amira": [
        (
            "challenge",
            "Research funding arrives eighteen months after the call closes, so "
            "partners lose the staff they had planned for the project",
            3,
        )
    ],
    "Bruno": [
        ("challenge", "Budget lines cannot be moved between years", 2),
        ("opportunity", "A shared register of regional co-financing", 1),
    ],
    "Chen": [("opportunity", "Guarantees for first-time innovators", 2)],
    "Dalia": [
        ("challenge", "Each region has its own reporting template", 2),
        ("opportunity", "One data space for the cross-border region", 3),
    ],
    "Emre": [("challenge", "Visa delays for visiting researchers", 1)],
    "Greta": [("challenge", "Procurement rules slow every pilot", 1)],
}


@pytest.fixture
def policy_room(live, laptop):
    """Three groups, one of them with a very long name; seven people, each of a different
    organisation (one with a long name, one with none); cards, a theme and votes."""
    workshop = live.create_workshop(
        title="Launch of the regional innovation toolkit",
        question="What holds back innovation across our borders, and what would unlock it?",
        groups=["Finance", LONG_GROUP, "Design"],
        votes_per_person=3,
    )
    code, key = workshop["code"], workshop["facilitator_key"]
    clients = []

    def connect(auth):
        sio = socketio.Client(reconnection=False)
        sio.connect(live.url, auth=auth, transports=["websocket"], wait_timeout=5)
        clients.append(sio)
        return sio

    try:
        fac = connect({"code": code, "key": key})
        ids = group_ids(live, workshop)
        phones, card_ids = {}, {}
        for name, organisation, group in PEOPLE:
            phones[name] = connect({"code": code})
            person = {"name": name, "group": ids[group], "organisation": organisation}
            joined = phones[name].call("join", person)
            assert joined["ok"], joined
        assert fac.call("phase:set", {"index": 1})["ok"]
        for name, cards in CARDS.items():
            for i, (kind, text, _) in enumerate(cards):
                ack = phones[name].call("card:add", {"kind": kind, "text": text, "client_id": f"{name}-{i}"})
                assert ack["ok"], ack
                card_ids[text] = ack["card"]["id"]
        assert fac.call("phase:set", {"index": 2})["ok"]
        theme = fac.call("theme:create", {"group_id": ids["Finance"], "name": "Money arrives late"})["theme"]
        for text in (CARDS["Amira"][0][1], CARDS["Bruno"][0][1]):
            assert fac.call("card:theme", {"card_id": card_ids[text], "theme_id": theme["id"]})["ok"]
        assert fac.call("phase:set", {"index": 3})["ok"]
        voters = {group: [n for n, _, g in PEOPLE if g == group] for _, _, group in PEOPLE}
        cast = dict.fromkeys(voters, 0)  # dots spread over the group's people in turn
        for name, cards in CARDS.items():
            group = next(g for n, _, g in PEOPLE if n == name)
            for _kind, text, votes in cards:
                for v in range(votes):
                    voter = voters[group][cast[group] % len(voters[group])]
                    cast[group] += 1
                    dot = {"card_id": card_ids[text], "client_id": f"{text[:9]}{v}"}
                    ack = phones[voter].call("vote:cast", dot)
                    assert ack.get("ok", True) and "error" not in ack, ack
        assert fac.call("votes:reveal", {})["ok"]
    finally:
        for sio in clients:
            sio.disconnect()
    dashboard = open_dashboard(laptop, workshop)
    return f"{live.url}/w/{code}/report", dashboard


def pdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> tuple[int, str]:
    pages = pdf_pages(pdf)
    return len(pages), "\n".join(pages)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_report_prints_to_a_pdf_with_its_title_chart_and_cards(harvested, paper):
    report, page = harvested
    page.goto(report)
    expect(page.locator("h1")).to_have_text(TITLE, timeout=TIMEOUT)
    expect(page.locator("svg.chart")).to_have_count(1)
    page.emulate_media(media="print")
    expect(page.locator(".rp-options")).to_be_hidden()
    pages, text = pdf_text(page.pdf(format=paper, print_background=True))
    assert pages >= 2  # the appendix starts on a page of its own
    assert TITLE in text
    assert "Public bank" in text and "Innovation agency" in text
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


def test_the_dashboard_opens_the_printable_report_and_still_offers_the_markdown(harvested):
    _, dashboard = harvested
    printable = dashboard.get_by_role("link", name="Report", exact=True)
    assert printable.get_attribute("href").endswith("/report")
    dashboard.locator(".downloads > summary").click()  # the downloads wait in their menu
    markdown = dashboard.get_by_role("link", name="Report (Markdown)")
    assert markdown.get_attribute("href").endswith("/report.md")
    with dashboard.context.expect_page() as opened:
        printable.click()
    expect(opened.value.locator("h1")).to_have_text(TITLE, timeout=TIMEOUT)


# Measured in the browser at print media, at the printed width of the paper.
LAYOUT = """() => {
  const box = (el) => el.getBoundingClientRect();
  const top = (sel) => box(document.querySelector(sel)).top;
  const bars = [...document.querySelectorAll('svg.vote-bar')].map((svg) => ({
    label: svg.getAttribute('aria-label'),
    svg: box(svg).width,
    fill: box(svg.querySelector('.vote-bar-fill')).width,
  }));
  const table = document.querySelector('table.rp-cards');
  const head = [...table.querySelectorAll('thead th')].map(box);
  const first = [...table.querySelector('tr.rp-card').cells].map(box);
  const labels = [];
  for (const svg of document.querySelectorAll('svg')) {
    const frame = box(svg);
    for (const text of svg.querySelectorAll('text')) {
      const b = box(text);
      labels.push({ text: text.textContent, inside: b.left >= frame.left - 0.5 && b.right <= frame.right + 0.5
        && b.top >= frame.top - 0.5 && b.bottom <= frame.bottom + 0.5, width: b.width });
    }
  }
  return {
    synthesis: top('#synthesis-heading'),
    groups: [...document.querySelectorAll('.rp-group h2')].map((h) => box(h).top),
    who: top('#who-heading'),
    appendix: top('#appendix-heading'),
    bars,
    charts: [...document.querySelectorAll('svg.chart .chart-fill')].map((r) => box(r).width),
    table: box(table).width,
    section: box(table.parentElement).width,
    head: head.map((b) => [b.left, b.width]),
    first: first.map((b) => [b.left, b.width]),
    labels,
  };
}"""


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_report_reads_as_a_document_with_drawn_bars_aligned_columns_and_whole_labels(policy_room, paper):
    report, page = policy_room
    page.set_viewport_size({"width": CONTENT_WIDTH[paper], "height": 1000})
    page.goto(report)
    page.emulate_media(media="print")
    expect(page.locator(".rp-options")).to_be_hidden()
    layout = page.evaluate(LAYOUT)

    # The synthesis first, then the groups, then who took part, then the appendix.
    assert layout["synthesis"] < min(layout["groups"])
    assert max(layout["groups"]) < layout["who"] < layout["appendix"]
    # Every bar is drawn: the svg has its width, and a vote fills part of it.
    assert layout["bars"] and all(b["svg"] >= 100 for b in layout["bars"])
    voted = [b for b in layout["bars"] if not b["label"].startswith("0 ")]
    assert voted and all(b["fill"] > 0 for b in voted), voted
    assert layout["charts"] and all(width > 0 for width in layout["charts"])
    # The appendix fills the page and its header cells start where the first row's do.
    assert layout["table"] >= layout["section"] - 1
    assert len(layout["head"]) == len(layout["first"]) == 4
    for (head_left, head_width), (cell_left, cell_width) in zip(layout["head"], layout["first"], strict=True):
        assert abs(head_left - cell_left) < 0.5 and abs(head_width - cell_width) < 0.5
    card_column = layout["head"][1][1]
    assert card_column > layout["table"] / 4  # the card's text has room, nothing squeezed
    # No chart label is cut, the long group name included.
    assert layout["labels"] and all(label["inside"] for label in layout["labels"]), layout["labels"]
    assert any(LONG_GROUP in label["text"] for label in layout["labels"])

    pages = pdf_pages(page.pdf(format=paper, print_background=True))
    flat = " ".join(" ".join(pages).split())
    assert len(pages) >= 3
    for printed in pages:  # no page ends on a group's name and counts, away from its lists
        assert not re.search(r"\d+ (person|people) · \d+ cards?\s*$", printed), printed[-200:]
    assert flat.index("Synthesis") < flat.index("Top: Challenge") < flat.index("Who took part")
    assert flat.index("Who took part") < flat.index("Appendix: every card")
    assert LONG_ORGANISATION in flat  # listed whole, with the group its person sat in
    assert "7 people from 7 organisations, in 3 groups." in flat
    assert "Amira" not in flat and "Bruno" not in flat
    assert page.errors == []

    if paper == "A4":  # pictures for docs/harvest.md, as the printed page lays it out
        page.set_viewport_size({"width": 794, "height": 1123})
        for name, selector in [
            ("report-synthesis", ".rp-synthesis"),
            ("report-group", ".rp-group"),
            ("report-who", ".rp-who"),
            ("report-appendix", ".rp-appendix"),
        ]:
            ARTIFACTS.mkdir(exist_ok=True)
            shot = ARTIFACTS / f"{name}.png"
            page.locator(selector).first.screenshot(path=str(shot), animations="disabled")
        page.evaluate("window.scrollTo(0, 0)")  # the top of page one, at A4's width
        page.screenshot(path=str(ARTIFACTS / "report-page.png"), full_page=False)


# Every class on the report, and the classes the app's shared stylesheets style.
CLASSES = """() => {
  const used = new Set();
  for (const el of document.querySelectorAll('.report, .report *')) {
    for (const name of el.classList) used.add(name);
  }
  const styled = new Set();
  const walk = (rules) => {
    for (const rule of rules) {
      if (rule.cssRules) walk(rule.cssRules);
      for (const m of (rule.selectorText || '').matchAll(/\\.([\\w-]+)/g)) styled.add(m[1]);
    }
  };
  for (const sheet of document.styleSheets) {
    if (!sheet.href || !sheet.href.endsWith('/report.css')) walk(sheet.cssRules);
  }
  return { used: [...used], styled: [...styled], sheets: [...document.styleSheets].map((s) => s.href) };
}"""


def test_no_style_of_the_board_or_the_phone_reaches_the_report(harvested):
    report, page = harvested
    page.goto(report)
    found = page.evaluate(CLASSES)
    assert not any(href and href.endswith("/pages.css") for href in found["sheets"])
    assert {"bar", "cards", "question", "hint"} <= set(found["styled"])  # the board's, read
    shared = set(found["used"]) & set(found["styled"])
    assert shared <= {"primary"}, shared  # the print button looks like the app's buttons


def test_the_report_page_on_screen(policy_room):
    report, page = policy_room
    page.goto(report)
    expect(page.locator("#print-report")).to_be_visible()
    picture(page, "report")
    assert requests.get(report, timeout=5).status_code == 401  # only the facilitator's cookie opens it
