"""The printable report page: the facilitator's, escaped, names only when asked for."""

from __future__ import annotations

import re

import pytest


@pytest.fixture
def room(workshop, connect):
    """Two attendees of the Public bank, one with hostile text, each with a card."""
    code = workshop["code"]
    for name, text in (("Ada <script>", "<img src=x onerror=alert(1)> silos"), ("Bob", "Slow budgets")):
        phone = connect({"code": code})
        assert phone.emit("join", {"name": name, "organisation": "Public bank"}, callback=True)["ok"]
        card = {"kind": "challenge", "text": text, "client_id": f"c-{name}"}
        ack = phone.emit("card:add", card, callback=True)
        assert ack["ok"], ack
    return workshop


def open_report(http, workshop, query=""):
    http.get(f"/w/{workshop['code']}/facilitate?key={workshop['facilitator_key']}")  # the cookie
    return http.get(f"/w/{workshop['code']}/report{query}")


def test_without_the_key_the_report_asks_for_it(http, room):
    response = http.get(f"/w/{room['code']}/report")
    assert response.status_code == 401
    assert 'id="key-form"' in response.get_data(as_text=True)


def test_the_report_counts_people_by_organisation_and_names_nobody(http, room):
    page = open_report(http, room).get_data(as_text=True)
    assert "Launch event" in page and "What holds your organisation back?" in page
    assert "Public bank" in page
    assert "Ada" not in page and "Bob" not in page
    assert "Slow budgets" in page
    # Charts are inline SVG drawn on the server, one vote bar per ranked item.
    assert re.search(r'<svg class="chart"[^>]*role="img"', page)
    assert page.count('<svg class="vote-bar"') >= 2


def test_names_appear_when_the_facilitator_ticks_include_names(http, room):
    page = open_report(http, room, "?names=1").get_data(as_text=True)
    assert "Bob" in page
    assert 'name="names" value="1" checked' in page


def test_attendees_text_is_data_never_markup(http, room):
    page = open_report(http, room, "?names=1").get_data(as_text=True)
    assert "<img src=x" not in page and "Ada <script>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; silos" in page
    assert "Ada &lt;script&gt;" in page


def test_an_unknown_workshop_is_a_friendly_404(http):
    response = http.get("/w/ZZZZZZ/report")
    assert response.status_code == 404
