"""HTTP routes: the API, the key flow of facilitator pages, downloads and friendly errors."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.factories import OWNER_KEY, card_payload, setup_payload


def test_api_creates_a_workshop_with_its_links(http, owner_headers, app):
    response = http.post("/api/workshops", json=setup_payload(groups=3), headers=owner_headers)
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) == {"code", "facilitator_key", "join_url", "facilitator_url", "screen_url"}
    code = body["code"]
    assert len(code) == 6 and not set(code) & set("01OIL")
    assert body["join_url"] == f"http://workshop.test:5000/j/{code}"
    assert (
        body["facilitator_url"]
        == f"http://workshop.test:5000/w/{code}/facilitate?key={body['facilitator_key']}"
    )
    assert body["screen_url"] == f"http://workshop.test:5000/w/{code}/screen"
    store = app.extensions["workshop"].store(code)
    assert [g.name for g in store.groups.all()] == ["Group 1", "Group 2", "Group 3"]
    assert (app.extensions["workshop"].files.data_dir / f"{code}.db").exists()


@pytest.mark.parametrize(
    "body, code",
    [
        (None, "invalid_payload"),
        ([1], "invalid_payload"),
        ({"title": "x"}, "invalid_input"),
        (setup_payload(title="  "), "empty_text"),
        (setup_payload(groups=0), "invalid_input"),
        (setup_payload(groups=[]), "invalid_input"),
        (setup_payload(groups=["A", "a"]), "invalid_input"),
        (setup_payload(kinds=["challenge", "bad kind!"]), "invalid_input"),
        (setup_payload(assignment="random"), "invalid_input"),
        (setup_payload(allow_anonymous="yes"), "invalid_input"),
    ],
)
def test_api_refuses_bad_set_up_and_creates_nothing(http, owner_headers, app, body, code):
    response = http.post("/api/workshops", json=body, headers=owner_headers)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == code
    assert app.extensions["workshop"].files.codes() == []


@pytest.mark.parametrize(
    "headers, code", [({}, "missing_key"), ({"Authorization": "Bearer nope"}, "bad_key")]
)
def test_api_needs_the_owner_key(http, headers, code):
    response = http.post("/api/workshops", json=setup_payload(), headers=headers)
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == code


def test_a_facilitator_key_cannot_create_workshops(http, created):
    body = created()
    response = http.post(
        "/api/workshops", json=setup_payload(), headers={"Authorization": f"Bearer {body['facilitator_key']}"}
    )
    assert response.status_code == 401


def test_api_lists_workshops_newest_first(http, owner_headers, created):
    first, second = created(title="First"), created(title="Second")
    listed = http.get("/api/workshops", headers=owner_headers).get_json()["workshops"]
    assert {w["code"] for w in listed} == {first["code"], second["code"]}
    assert listed[0]["created_at"] >= listed[1]["created_at"]
    assert set(listed[0]) == {
        "code",
        "title",
        "created_at",
        "groups",
        "people",
        "cards",
        "closed",
        "unreadable",
    }


def test_dashboard_link_sets_a_cookie_and_drops_the_key_from_the_address(http, created):
    body = created()
    page = http.get(f"/w/{body['code']}/facilitate?key={body['facilitator_key']}")
    assert page.status_code == 302
    assert page.headers["Location"] == f"/w/{body['code']}/facilitate"
    cookie = page.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    again = http.get(f"/w/{body['code']}/facilitate")
    assert again.status_code == 200
    assert body["code"] in again.get_data(as_text=True)
    assert http.get(f"/w/{body['code']}/screen").status_code == 200


@pytest.mark.parametrize("page", ["facilitate", "screen"])
def test_steward_pages_without_a_key_show_the_key_form(http, created, page):
    body = created()
    response = http.get(f"/w/{body['code']}/{page}")
    assert response.status_code == 401
    html = response.get_data(as_text=True)
    assert 'name="key"' in html
    assert "Launch event" not in html


def test_a_wrong_key_in_the_link_shows_the_key_form(http, created):
    body = created()
    response = http.get(f"/w/{body['code']}/facilitate?key=wrong")
    assert response.status_code == 401
    assert "Set-Cookie" not in response.headers


def test_join_page_and_friendly_not_found(http, created):
    body = created()
    assert http.get(f"/j/{body['code']}").status_code == 200
    assert http.get(f"/j/{body['code'].lower()}").status_code == 302
    missing = http.get("/j/ZZZZZZ")
    assert missing.status_code == 404
    assert "ZZZZZZ" in missing.get_data(as_text=True)
    assert 'name="code"' in missing.get_data(as_text=True)
    hostile = http.get("/j/<script>alert(1)</script>")
    assert hostile.status_code == 404
    assert "<script>alert(1)" not in hostile.get_data(as_text=True)


def test_home_join_form_redirects_to_the_workshop(http, created):
    body = created()
    response = http.get(f"/j?code= {body['code'].lower()} ")
    assert response.status_code == 302 and response.headers["Location"] == f"/j/{body['code']}"
    assert http.get("/j?code=nope").status_code == 404


def test_home_shows_set_up_and_the_list_only_to_the_owner(http, created):
    body = created(title="Secret launch")
    public = http.get("/").get_data(as_text=True)
    assert "Secret launch" not in public and 'action="/workshops"' not in public
    assert http.get(f"/?key={OWNER_KEY}").status_code == 302
    owned = http.get("/").get_data(as_text=True)
    assert "Secret launch" in owned and body["code"] in owned


def test_set_up_form_creates_a_workshop_and_opens_its_dashboard(http, app):
    http.get(f"/?key={OWNER_KEY}")
    response = http.post(
        "/workshops",
        data={
            "title": "Form made",
            "question": "Why?",
            "groups": "Red\nBlue\n",
            "kinds": "challenge, idea",
            "assignment": "balanced",
        },
    )
    assert response.status_code == 303
    code = response.headers["Location"].split("/")[2]
    store = app.extensions["workshop"].store(code)
    assert [g.name for g in store.groups.all()] == ["Red", "Blue"]
    assert store.workshop().kind_ids() == ("challenge", "idea")
    assert store.workshop().assignment == "balanced"
    dashboard = http.get(response.headers["Location"]).get_data(as_text=True)
    # The workshop's own key is shown once, as a co-facilitator link that opens it.
    link = re.search(r'id="cofacilitator-url"[^>]*value="([^"]+)"', dashboard).group(1)
    assert link.startswith(f"http://workshop.test:5000/w/{code}/facilitate?key=")
    assert 'id="cofacilitator-url"' not in http.get(response.headers["Location"]).get_data(as_text=True)
    other = app.test_client()
    assert other.get(link.replace("http://workshop.test:5000", "")).status_code == 302


def test_set_up_form_shows_the_error_and_keeps_what_was_typed(http, app):
    http.get(f"/?key={OWNER_KEY}")
    response = http.post("/workshops", data={"title": "Kept title", "question": "", "groups": "2"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Kept title" in html
    assert app.extensions["workshop"].files.codes() == []


def test_set_up_form_needs_the_owner(http):
    assert http.post("/workshops", data={"title": "x", "question": "y", "groups": "2"}).status_code == 401


def _with_cards(created, connect):
    body = created()
    phone = connect({"code": body["code"]})
    finance = phone.get_received()[0]["args"][0]["groups"][0]["id"]
    phone.emit("join", {"name": "Ana", "organisation": "Public bank", "group": finance}, callback=True)
    phone.emit("card:add", card_payload(text='=HYPERLINK("http://evil")'), callback=True)
    phone.emit("card:add", card_payload(kind="opportunity", text="Shared data"), callback=True)
    anon = created(allow_anonymous=True)
    return body, anon


@pytest.mark.parametrize("path", ["export.json", "export.csv", "report.md"])
def test_downloads_need_a_key(http, created, path):
    body = created()
    response = http.get(f"/w/{body['code']}/{path}")
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "missing_key"
    assert http.get(f"/w/{body['code']}/{path}?key=bad").status_code == 401
    ok = http.get(f"/w/{body['code']}/{path}", headers={"Authorization": f"Bearer {body['facilitator_key']}"})
    assert ok.status_code == 200


def test_csv_export_has_one_row_per_card_and_defuses_formulas(http, created, connect):
    body, _ = _with_cards(created, connect)
    response = http.get(f"/w/{body['code']}/export.csv?key={body['facilitator_key']}")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:7] == ["group", "kind", "text", "author", "organisation", "created_at", "hidden"]
    assert rows[0][7:] == ["theme", "votes", "original_text", "merged_into"]
    assert rows[1][:5] == ["Finance", "challenge", '\'=HYPERLINK("http://evil")', "Ana", "Public bank"]
    assert rows[2][1:3] == ["opportunity", "Shared data"]
    assert rows[1][6] == "no"
    assert len(rows) == 3


def test_json_export_has_everything(http, created, connect):
    body, _ = _with_cards(created, connect)
    data = http.get(f"/w/{body['code']}/export.json?key={body['facilitator_key']}").get_json()
    assert data["workshop"]["title"] == "Launch event"
    assert [g["name"] for g in data["groups"]] == ["Finance", "Design"]
    assert data["participants"][0]["organisation"] == "Public bank"
    assert [c["text"] for c in data["cards"]] == ['=HYPERLINK("http://evil")', "Shared data"]
    assert "token_hash" not in str(data)


def test_markdown_report_lists_cards_by_group_and_kind(http, created, connect):
    body, _ = _with_cards(created, connect)
    text = http.get(f"/w/{body['code']}/report.md?key={body['facilitator_key']}").get_data(as_text=True)
    assert "# Launch event" in text
    assert "> What holds your organisation back?" in text
    assert "## Finance" in text and "### Challenge (1)" in text and "1. Shared data (0 votes)" in text


def test_qr_code_is_an_svg_of_the_join_url(http, created):
    body = created()
    response = http.get(f"/w/{body['code']}/qr.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert response.get_data(as_text=True).startswith("<svg")


def test_health(http):
    assert http.get("/healthz").get_json() == {"ok": True}


def test_home_lists_a_damaged_file_as_unreadable_and_leaves_it(http, created, app):
    body = created(title="Fine one")
    damaged = app.extensions["workshop"].files.data_dir / "ABCDEF.db"
    damaged.write_bytes(b"not sqlite at all" * 64)
    http.get(f"/?key={OWNER_KEY}")
    html = http.get("/").get_data(as_text=True)
    assert "Fine one" in html and body["code"] in html
    assert "ABCDEF" in html and "cannot be read" in html
    assert damaged.read_bytes() == b"not sqlite at all" * 64


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 5000 + b"]" * 5000,  # nested deeper than the decoder goes
        b'{"title": ' + b"1" * 5000 + b"}",  # an integer of 5,000 digits
        b'{"title": "unfinished',  # truncated
        b"\xff\xfe not even text",
    ],
    ids=["deep", "huge-int", "truncated", "not-utf8"],
)
@pytest.mark.parametrize("path", ["/api/workshops", "/api/notices"])
def test_hostile_json_on_the_api_gets_the_json_error_shape_and_no_traceback(
    http, owner_headers, caplog, path, body
):
    response = http.post(path, data=body, headers={**owner_headers, "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_payload"
    assert not [r for r in caplog.records if r.exc_info], "a client's mistake was logged with a traceback"


def test_the_api_answers_http_errors_in_its_json_shape(http, owner_headers):
    response = http.delete("/api/workshops", headers=owner_headers)
    assert response.status_code == 405
    assert response.get_json()["ok"] is False
    assert response.get_json()["error"]["code"] == "method_not_allowed"
    assert http.get("/api/nothing-here").get_json()["error"]["code"] == "not_found"
