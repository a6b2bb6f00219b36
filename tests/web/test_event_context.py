"""Socket.IO events reuse their connection's cookie session and URL binding
(workshop/runtime/event_context.py): the same answers, at half the cost per event."""

from __future__ import annotations

from flask.sessions import SecureCookieSessionInterface

from tests.factories import OWNER_KEY, card_payload
from tests.web.conftest import Phone


def count_opened(monkeypatch) -> list[str]:
    """Paths for which Flask really unsigned the session cookie."""
    opened: list[str] = []
    real = SecureCookieSessionInterface.open_session

    def counting(self, app, request):
        opened.append(request.environ.get("PATH_INFO", ""))
        return real(self, app, request)

    monkeypatch.setattr(SecureCookieSessionInterface, "open_session", counting)
    return opened


def test_a_connection_opens_its_cookie_session_once_for_all_its_events(app, connect, workshop, monkeypatch):
    browser = app.test_client()
    assert browser.get(f"/?key={OWNER_KEY}").status_code == 302  # the owner's cookie
    opened = count_opened(monkeypatch)
    dashboard = Phone(connect({"code": workshop["code"], "role": "facilitator"}, flask_client=browser))
    assert dashboard.client.is_connected()  # the cookie still proves the facilitator
    for _ in range(5):
        assert dashboard.emit("timer:start", {"seconds": 60})["ok"]
    assert [p for p in opened if p.startswith("/socket.io")] == ["/socket.io"]


def test_each_connection_has_its_own_session(app, connect, workshop):
    owner = app.test_client()
    owner.get(f"/?key={OWNER_KEY}")
    stranger = app.test_client()
    assert Phone(
        connect({"code": workshop["code"], "role": "facilitator"}, flask_client=owner)
    ).client.is_connected()
    refused = connect({"code": workshop["code"], "role": "facilitator"}, flask_client=stranger)
    assert not refused.is_connected()  # no cookie of its own: the owner's was not reused


def test_http_requests_still_open_the_session_each_time(app, monkeypatch):
    browser = app.test_client()
    browser.get(f"/?key={OWNER_KEY}")
    opened = count_opened(monkeypatch)
    for _ in range(3):
        assert b"setup-form" in browser.get("/").data  # the cookie is read on every page
    assert opened.count("/") == 3


def test_events_on_a_reused_context_still_see_their_own_request(joined):
    ana, ben = joined(name="Ana"), joined(name="Ben")
    first = ana.emit("card:add", card_payload(text="From Ana"))
    second = ben.emit("card:add", card_payload(text="From Ben"))
    assert first["card"]["participant_id"] == ana.participant["id"]
    assert second["card"]["participant_id"] == ben.participant["id"]


def test_the_socket_io_path_matches_a_rule_over_polling_and_websocket(app):
    """Each event's request context matches a URL rule: a miss kept an exception with its
    traceback on every event (NotFound, or WebsocketMismatch over websocket)."""
    from flask import request
    from werkzeug.test import EnvironBuilder

    upgrade = {"Upgrade": "websocket", "Connection": "Upgrade"}
    for transport, headers in (("polling", {}), ("websocket", upgrade)):
        environ = EnvironBuilder(
            path="/socket.io/", query_string=f"EIO=4&transport={transport}", headers=headers
        ).get_environ()
        with app.request_context(environ):
            assert request.routing_exception is None, transport
