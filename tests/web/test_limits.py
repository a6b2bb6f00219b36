"""Limits at the edge: event rates, wrong join codes, quotas, sizes, Origin, Host and cookies.

docs/security.md, "The network edge". The rates here are the defaults (20 events a second
for an attendee connection, 50 for a facilitator or screen, 10 wrong codes a minute per
address); the test client runs the events well within one second.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import OWNER_KEY, PUBLIC_URL, card_payload, setup_payload
from tests.web import refusals
from tests.web.conftest import Phone

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def ok(ack: dict[str, Any]) -> dict[str, Any]:
    assert ack["ok"] is True, ack
    return ack


def answers(acks: list[dict[str, Any]]) -> list[Any]:
    """True for each ok, else the error code; every error carries a message."""
    for ack in acks:
        assert ack["ok"] or ack["error"]["message"], ack
    return [True if ack["ok"] else ack["error"]["code"] for ack in acks]


def unknown_codes(n: int, taken: str) -> list[str]:
    codes = [f"ZZZZ{ALPHABET[i // len(ALPHABET)]}{ALPHABET[i % len(ALPHABET)]}" for i in range(n)]
    assert taken not in codes
    return codes


def join_in(connect, body: dict[str, Any], name: str, **extra: Any) -> tuple[Phone, dict[str, Any]]:
    phone = Phone(connect({"code": body["code"]}))
    return phone, phone.emit("join", {"name": name, **extra})


def connect_error(app_and_socketio, auth: Any, flask_client: Any) -> str | None:
    """The refusal code for a connection from `flask_client`'s address, or None if it connected."""
    app, socketio = app_and_socketio
    return refusals.refusal_code(app, socketio, auth, flask_client)


def test_a_flooding_attendee_is_slowed_down_and_others_are_not(joined, stored):
    flooder, neighbour = joined("Finance", "Flo"), joined("Finance", "Nia")
    codes = answers([flooder.emit("card:add", card_payload()) for _ in range(30)])
    # The join was charged to the connection before it was a person: the person's burst of
    # 20 is all cards.
    assert codes == [True] * 20 + ["rate_limited"] * 10
    assert stored.cards.count() == 20, "a rate-limited event did something"
    assert answers([neighbour.emit("card:add", card_payload())]) == [True]
    assert stored.cards.count() == 21


def test_limits_follow_the_person_across_all_of_their_connections(joined, connect, workshop, stored):
    first = joined("Finance", "Flo")
    others = [Phone(connect({"code": workshop["code"], "token": first.token})) for _ in range(4)]
    phones = [first, *others]
    codes = answers([phones[n % len(phones)].emit("card:add", card_payload()) for n in range(30)])
    # One burst of 20 for the person, however many connections share it.
    assert codes == [True] * 20 + ["rate_limited"] * 10
    assert stored.cards.count() == 20
    # A fresh connection of the same person gets no fresh allowance either.
    again = Phone(connect({"code": workshop["code"], "token": first.token}))
    assert answers([again.emit("card:add", card_payload())]) == ["rate_limited"]


def test_a_rate_limited_resend_is_refused_too_and_the_card_is_not_doubled(joined, stored):
    flooder = joined()
    resend = card_payload()
    codes = answers([flooder.emit("card:add", resend) for _ in range(25)])
    assert codes == [True] * 20 + ["rate_limited"] * 5
    assert stored.cards.count() == 1


def test_facilitators_and_screens_have_a_larger_burst(facilitator, screen, group_ids):
    suggest = {"group_id": group_ids["Finance"]}
    assert answers([facilitator.emit("theme:suggest", suggest) for _ in range(60)]) == (
        [True] * 50 + ["rate_limited"] * 10
    )
    # A screen may send nothing that changes anything; its events still count.
    assert answers([screen.emit("theme:suggest", suggest) for _ in range(60)]) == (
        ["not_allowed"] * 50 + ["rate_limited"] * 10
    )


def test_one_flooding_connection_does_not_limit_the_facilitator(joined, facilitator, group_ids):
    flooder = joined()
    assert answers([flooder.emit("card:add", card_payload()) for _ in range(25)])[-1] == "rate_limited"
    assert answers([facilitator.emit("theme:suggest", {"group_id": group_ids["Finance"]})]) == [True]


# --- wrong join codes


def test_ten_wrong_codes_from_one_address_lock_lookups_from_it(app_and_socketio, workshop, http, app):
    code = workshop["code"]
    wrong = unknown_codes(10, code)
    for typed in wrong[:5]:
        assert http.get(f"/j/{typed}").status_code == 404
    for typed in wrong[5:]:
        assert connect_error(app_and_socketio, {"code": typed}, http) == "unknown_workshop"

    # The eleventh lookup is refused even for a code that exists: nothing tells them apart.
    page = http.get(f"/j/{code}")
    assert page.status_code == 429
    assert page.get_json()["error"]["code"] == "rate_limited"
    assert http.get(f"/j?code={code}").status_code == 429
    assert connect_error(app_and_socketio, {"code": code}, http) == "rate_limited"

    # Another address is not affected.
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.0.0.7"
    assert other.get(f"/j/{code}").status_code == 200
    assert connect_error(app_and_socketio, {"code": code}, other) is None


def test_nine_wrong_codes_still_leave_the_right_one_open(workshop, http):
    for typed in unknown_codes(9, workshop["code"]):
        assert http.get(f"/j/{typed}").status_code == 404
    assert http.get(f"/j/{workshop['code']}").status_code == 200


@pytest.mark.parametrize(
    "path", ["/j?code={code}", "/w/{code}/qr.svg", "/w/{code}/facilitate", "/w/{code}/export.json"]
)
def test_guessing_codes_through_any_route_counts_towards_the_limit(workshop, http, path):
    # Any route that answers differently for a known and an unknown code tells a guesser which
    # codes exist (qr.svg: 200 or 404, to anyone); unlimited, it would undo the limit above.
    for typed in unknown_codes(10, workshop["code"]):
        assert http.get(path.format(code=typed)).status_code == 404
    assert http.get(f"/j/{workshop['code']}").status_code == 429


# --- quotas


def test_cards_per_person_is_a_hard_limit(created, connect):
    body = created(cards_per_person=2)
    phone, _ = join_in(connect, body, "Ana")
    first = card_payload()
    assert answers([phone.emit("card:add", p) for p in (first, card_payload(), card_payload())]) == [
        True,
        True,
        "card_limit",
    ]
    # A resend of a stored card still answers that card, and someone else may still post.
    assert ok(phone.emit("card:add", first))["card"]["client_id"] == first["client_id"]
    other, _ = join_in(connect, body, "Ben")
    assert answers([other.emit("card:add", card_payload())]) == [True]


def test_max_people_is_a_hard_limit_and_people_inside_can_come_back(created, connect):
    body = created(max_people=2)
    ana, ack = join_in(connect, body, "Ana")
    token = ok(ack)["token"]
    ok(join_in(connect, body, "Ben")[1])
    _, third = join_in(connect, body, "Cleo")
    assert answers([third]) == ["workshop_full"]
    ana.client.disconnect()
    back = Phone(connect({"code": body["code"], "token": token}))
    assert back.client.is_connected()
    assert ok(back.emit("card:add", card_payload()))


# --- sizes


@pytest.mark.parametrize(
    "event, payload, code",
    [
        ("card:add", card_payload(text="x" * 500), True),
        ("card:add", card_payload(text="x" * 501), "text_too_long"),
        ("card:add", card_payload(text=" " * 300 + "x" * 500 + " " * 300), True),
        ("card:add", card_payload(client_id="c" * 64), True),
        ("card:add", card_payload(client_id="c" * 65), "invalid_input"),
        ("vote:cast", {"card_id": 1, "client_id": "v" * 65}, "invalid_input"),
    ],
)
def test_attendee_texts_have_limits(joined, event, payload, code):
    assert answers([joined().emit(event, payload)]) == [code]


@pytest.mark.parametrize(
    "field, size, code",
    [
        ("name", 80, True),
        ("name", 81, "text_too_long"),
        ("organisation", 120, True),
        ("organisation", 121, "text_too_long"),
    ],
)
def test_names_have_limits(connect, workshop, field, size, code):
    phone = Phone(connect({"code": workshop["code"]}))
    payload = {"name": "Ana", field: "n" * size}
    assert answers([phone.emit("join", payload)]) == [code]


@pytest.mark.parametrize(
    "event, payload, code",
    [
        ("group:add", {"name": "g" * 60}, True),
        ("group:add", {"name": "g" * 61}, "text_too_long"),
        ("theme:create", {"group_id": 1, "name": "t" * 61}, "text_too_long"),
        ("card:merge", {"into": 1, "cards": list(range(2, 53))}, "invalid_input"),  # 51 to merge
        ("agenda:set", {"agenda": [{"kind": "brainstorm"}] * 31}, "invalid_input"),
        ("agenda:set", {"agenda": [{"kind": "brainstorm", "minutes": 601}]}, "invalid_input"),
        ("timer:start", {"seconds": 36001}, "invalid_input"),
        ("settings:set", {"votes_per_person": 21}, "invalid_input"),
        ("settings:set", {"cards_per_person": 1001}, "invalid_input"),
        ("settings:set", {"max_people": 10001}, "invalid_input"),
        ("group:limit", {"group_id": 1, "size_limit": 1001}, "invalid_input"),
    ],
)
def test_facilitator_inputs_have_limits(joined, facilitator, event, payload, code):
    ok(joined().emit("card:add", card_payload()))
    assert answers([facilitator.emit(event, payload)]) == [code]


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"title": "t" * 201}, "title"),
        ({"question": "q" * 1001}, "question"),
        ({"groups": 201}, "groups"),
        ({"groups": [f"G{n}" for n in range(201)]}, "groups"),
        ({"groups": ["g" * 61]}, "groups"),
        ({"kinds": [f"k{n}" for n in range(9)]}, "kinds"),
        ({"kinds": ["k" * 31]}, "kinds"),
    ],
)
def test_set_up_sizes_have_limits(http, owner_headers, app, overrides, field):
    response = http.post("/api/workshops", json=setup_payload(**overrides), headers=owner_headers)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] in ("invalid_input", "text_too_long")
    assert app.extensions["workshop"].files.codes() == []


# --- Origin (CSRF)


FORM = {"title": "From the form", "question": "Why?", "groups": "2"}


@pytest.mark.parametrize(
    "origin",
    [
        "http://evil.example",
        "null",
        "https://localhost",
        "http://localhost.evil.example",
        "http://localhost:8080",
    ],
)
@pytest.mark.parametrize("route", ["/api/workshops", "/workshops"])
def test_a_post_from_another_site_is_refused(http, app, route, origin):
    sent = {"json": setup_payload()} if route.startswith("/api") else {"data": FORM}
    response = http.post(route, headers={"Authorization": f"Bearer {OWNER_KEY}", "Origin": origin}, **sent)
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "bad_origin"
    assert app.extensions["workshop"].files.codes() == []


@pytest.mark.parametrize("origin", ["http://localhost", None])
@pytest.mark.parametrize("route, status", [("/api/workshops", 201), ("/workshops", 303)])
def test_a_post_from_the_same_site_or_a_script_is_served(http, app, route, status, origin):
    sent = {"json": setup_payload()} if route.startswith("/api") else {"data": FORM}
    headers = {"Authorization": f"Bearer {OWNER_KEY}"} | ({"Origin": origin} if origin else {})
    assert http.post(route, headers=headers, **sent).status_code == status
    assert len(app.extensions["workshop"].files.codes()) == 1


def test_a_foreign_origin_cannot_use_the_facilitator_cookie_to_create(http, app):
    assert http.get(f"/?key={OWNER_KEY}").status_code == 302  # the owner's browser has the cookie
    response = http.post("/workshops", data=FORM, headers={"Origin": "http://evil.example"})
    assert response.status_code == 403
    assert app.extensions["workshop"].files.codes() == []
    assert http.post("/workshops", data=FORM, headers={"Origin": "http://localhost"}).status_code == 303


# --- Host (DNS rebinding)


PUBLIC_HOST = PUBLIC_URL.split("//", 1)[1]  # workshop.test:5000


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1:5000",
        "127.0.0.1",
        "localhost",
        "localhost:5000",
        "LOCALHOST:5000",
        PUBLIC_HOST,
        "workshop.test",
        "192.168.1.20:5000",
        "[::1]:5000",
    ],
)
def test_the_servers_own_names_are_served(http, host):
    response = http.get("/healthz", headers={"Host": host})
    assert response.status_code == 200, host
    assert response.get_json() == {"ok": True}


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:5000",
        "127.0.0.1.evil.example",
        "localhost.evil.example",
        "workshop.test.evil",
        "",
        "evil.example:5000@127.0.0.1",
    ],
)
@pytest.mark.parametrize("path", ["/healthz", "/j/ABCDEF", "/socket.io/?EIO=4&transport=polling"])
def test_a_foreign_host_name_is_refused_before_anything_runs(http, host, path):
    response = http.get(path, environ_overrides={"HTTP_HOST": host})
    assert response.status_code == 400, (host, path)
    assert response.get_json()["error"]["code"] == "bad_host"


def test_a_foreign_host_is_refused_before_the_origin_check_and_writes_nothing(http, app):
    response = http.post(
        "/api/workshops",
        json=setup_payload(),
        headers={"Authorization": f"Bearer {OWNER_KEY}", "Origin": "http://evil.example"},
        environ_overrides={"HTTP_HOST": "evil.example"},
    )
    assert (response.status_code, response.get_json()["error"]["code"]) == (400, "bad_host")
    assert app.extensions["workshop"].files.codes() == []


# --- cookies


@pytest.mark.parametrize("opener", ["facilitate", "screen", "owner"])
def test_key_cookies_are_httponly_and_samesite_lax(http, workshop, opener):
    url = f"/?key={OWNER_KEY}" if opener == "owner" else f"/w/{workshop['code']}/{opener}?key="
    if opener != "owner":
        url += workshop["facilitator_key"]
    response = http.get(url)
    assert response.status_code == 302
    assert workshop["facilitator_key"] not in response.headers["Location"]
    assert OWNER_KEY not in response.headers["Location"]
    for cookie in response.headers.getlist("Set-Cookie"):
        attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
        assert "httponly" in attributes, cookie
        assert "samesite=lax" in attributes, cookie


def test_attendee_pages_set_only_the_signed_browser_id_cookie(http, workshop):
    # The attendee page's only cookie is the signed session holding a random browser id, so
    # that a removed person stays out (docs/privacy.md, "The browser id"); nothing else.
    response = http.get(f"/j/{workshop['code']}")
    assert response.status_code == 200
    [cookie] = response.headers.getlist("Set-Cookie")
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert cookie.startswith("workshop_session=")
    assert {"httponly", "samesite=lax"} <= attributes, cookie
    with http.session_transaction() as session:
        assert set(session) == {"browser", "_permanent"}
