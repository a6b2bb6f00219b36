"""docs/protocol.md is the public contract: every event, route and error code is in it."""

from __future__ import annotations

import re
from pathlib import Path

from workshop.domain.errors import all_error_classes
from workshop.service import catalogue
from workshop.web import frame_gate

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "protocol.md").read_text(encoding="utf-8")


def _source(folder: str) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "workshop" / folder).rglob("*.py"))


def test_every_client_event_is_documented():
    handled = {event.name for event in catalogue.EVENTS}
    missing = sorted(e for e in handled if f"`{e}`" not in DOC)
    assert missing == []


def test_every_server_event_is_documented():
    # Event names are literal strings ("noun:verb") in the use cases, so grep finds them.
    announced = set(re.findall(r'"([a-z]+:[a-z]+)"', _source("service")))
    # What the web layer emits itself: the owner's list and notices (web/broadcasts.py).
    announced |= set(re.findall(r'\.emit\(\s*"([a-z]+(?::[a-z]+)?)"', _source("web")))
    assert {"workshops:changed", "notice"} <= announced
    announced.add(frame_gate.CLOSING_EVENT)  # emitted by name, from a constant
    assert "card:added" in announced
    missing = sorted(e for e in announced if f"`{e}`" not in DOC)
    assert missing == []


def test_every_error_code_is_documented():
    codes = {cls.code for cls in all_error_classes()} - {"error", "conflict"}
    missing = sorted(c for c in codes if f"`{c}`" not in DOC)
    assert missing == []


def test_every_http_route_is_documented(app):
    routes = {
        f"{method} {rule.rule}"
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    missing = sorted(route for route in routes if f"`{route}" not in DOC)
    assert missing == []


def test_the_reasons_a_connection_is_closed_are_documented():
    for reason in (frame_gate.FLOODING, frame_gate.MALFORMED):
        assert f'"{reason["code"]}"' in DOC
