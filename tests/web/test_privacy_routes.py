"""Data protection over HTTP and Socket.IO: deleting, anonymised downloads, retention runs."""

from __future__ import annotations

import csv
import io
import re
import time

import pytest

from tests.factories import OWNER_KEY, card_payload
from tests.factories import facilitator as facilitator_actor
from tests.web.acks import error_code, ok
from workshop.domain.commands import ChangeSettings, Empty
from workshop.domain.retention import DAY
from workshop.service import steering
from workshop.web import retention_task


def owner_cookie(http):
    assert http.get(f"/?key={OWNER_KEY}").status_code == 302


def listed_codes(http) -> list[str]:
    html = http.get("/").get_data(as_text=True)
    return re.findall(r'<li class="workshop" data-code="([A-Z0-9]+)"', html)


def close_days_ago(app, code: str, days: float, retention: int | None) -> None:
    """Close a workshop and move its closing time into the past (the app's clock is real)."""
    ctx = app.extensions["workshop"]
    store = ctx.store(code)
    steering.close_workshop(ctx, store, facilitator_actor(store), Empty())
    if retention is not None:
        steering.change_settings(ctx, store, facilitator_actor(store), ChangeSettings(retention=retention))
    store.set_closed_at(time.time() - days * DAY)


# --- deleting


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_facilitator_key_cannot_delete(http, created, app, method):
    body = created()
    response = getattr(http, method)(
        f"/w/{body['code']}/delete",
        data={"confirm": body["code"]},
        headers={"Authorization": f"Bearer {body['facilitator_key']}"},
    )
    assert (response.status_code, response.get_json()["error"]["code"]) == (403, "not_allowed")
    assert app.extensions["workshop"].files.codes() == [body["code"]]


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    "headers, status, code", [({}, 401, "missing_key"), ({"Authorization": "Bearer nope"}, 401, "bad_key")]
)
def test_deleting_needs_the_owner_key(http, created, app, method, headers, status, code):
    body = created()
    response = getattr(http, method)(
        f"/w/{body['code']}/delete", data={"confirm": body["code"]}, headers=headers
    )
    assert (response.status_code, response.get_json()["error"]["code"]) == (status, code)
    assert app.extensions["workshop"].files.codes() == [body["code"]]


def test_the_confirmation_page_names_the_workshop_and_asks_for_its_code(http, created):
    body = created(title="<b>Launch</b> & more")
    owner_cookie(http)
    html = http.get(f"/w/{body['code']}/delete").get_data(as_text=True)
    assert "&lt;b&gt;Launch&lt;/b&gt; &amp; more" in html and "<b>Launch</b>" not in html
    assert f"Type the code {body['code']} to confirm" in html
    assert re.search(
        r'<form id="delete-form"[^>]*action="/w/' + body["code"] + '/delete" method="post"', html
    )


@pytest.mark.parametrize("typed", ["", "WRONG2", "launch"])
def test_a_wrong_confirmation_keeps_the_workshop(http, created, app, typed):
    body = created()
    owner_cookie(http)
    response = http.post(f"/w/{body['code']}/delete", data={"confirm": typed})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="confirm-error"' in html and body["code"] in html
    assert app.extensions["workshop"].files.codes() == [body["code"]]
    assert body["code"] in listed_codes(http)


def test_the_owner_deletes_a_workshop_and_the_listing_no_longer_shows_it(http, created, app):
    gone, kept = created(title="Gone soon"), created(title="Stays")
    owner_cookie(http)
    assert sorted(listed_codes(http)) == sorted([gone["code"], kept["code"]])
    response = http.post(f"/w/{gone['code']}/delete", data={"confirm": gone["code"].lower()})
    assert (response.status_code, response.headers["Location"]) == (303, "/")
    home = http.get("/").get_data(as_text=True)
    assert "“Gone soon” was deleted." in home
    assert listed_codes(http) == [kept["code"]]
    data_dir = app.extensions["workshop"].files.data_dir
    assert sorted(p.name for p in data_dir.iterdir() if p.name.startswith(gone["code"])) == []
    assert http.get(f"/j/{gone['code']}").status_code == 404
    assert (
        http.get("/api/workshops", headers={"Authorization": f"Bearer {OWNER_KEY}"}).get_json()["workshops"][
            0
        ]["code"]
        == kept["code"]
    )


def test_a_delete_posted_from_another_site_is_refused(http, created, app):
    body = created()
    owner_cookie(http)
    response = http.post(
        f"/w/{body['code']}/delete", data={"confirm": body["code"]}, headers={"Origin": "http://evil.example"}
    )
    assert (response.status_code, response.get_json()["error"]["code"]) == (403, "bad_origin")
    assert app.extensions["workshop"].files.codes() == [body["code"]]


def test_deleting_tells_the_workshops_connections_and_closes_them(
    http, workshop, joined, facilitator, connect, created
):
    phone = joined()
    elsewhere = created()
    outsider = connect({"code": elsewhere["code"], "key": elsewhere["facilitator_key"]})
    for client in (phone, facilitator):
        client.drain()
    outsider.get_received()
    owner_cookie(http)
    assert http.post(f"/w/{workshop['code']}/delete", data={"confirm": workshop["code"]}).status_code == 303
    for client in (phone, facilitator):
        # get_received needs a connection: read what the closed client got from its queue.
        got = [(m["name"], m["args"][0] if m["args"] else None) for m in client.client.queue]
        assert ("workshop:deleted", {"code": workshop["code"]}) in got
        assert client.client.is_connected() is False
    assert outsider.get_received() == [] and outsider.is_connected()


# --- anonymised downloads


@pytest.mark.parametrize("path", ["export.anon.json", "export.anon.csv"])
def test_anonymised_downloads_need_a_key(http, created, path):
    body = created()
    response = http.get(f"/w/{body['code']}/{path}")
    assert (response.status_code, response.get_json()["error"]["code"]) == (401, "missing_key")
    other = created()
    response = http.get(f"/w/{body['code']}/{path}?key={other['facilitator_key']}")
    assert (response.status_code, response.get_json()["error"]["code"]) == (401, "bad_key")


def test_anonymised_downloads_have_no_name_or_organisation(http, workshop, joined):
    phone = joined(name="Zelda Quux", organisation="Ministry of Secret Things")
    ok(phone.emit("card:add", card_payload(text="Data silos")))
    key = workshop["facilitator_key"]
    plain = http.get(f"/w/{workshop['code']}/export.json?key={key}").get_data(as_text=True)
    assert "Zelda Quux" in plain and "Ministry of Secret Things" in plain
    response = http.get(f"/w/{workshop['code']}/export.anon.json?key={key}")
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="workshop-{workshop["code"]}-anonymised.json"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    text = response.get_data(as_text=True)
    assert "Zelda" not in text and "Quux" not in text and "Secret Things" not in text
    data = response.get_json()
    assert data["anonymised"] is True
    assert data["cards"][0]["author"] == "Participant 1" and data["cards"][0]["text"] == "Data silos"
    csv_response = http.get(f"/w/{workshop['code']}/export.anon.csv?key={key}")
    body = csv_response.get_data(as_text=True)
    assert body.startswith("\ufeff") and "Zelda" not in body and "Secret Things" not in body
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[1][rows[0].index("author")] == "Participant 1"
    assert rows[1][rows[0].index("organisation")] == ""


# --- retention


def test_retention_applied_at_start_up_deletes_a_due_workshop_and_keeps_others(app_and_socketio, created):
    app, socketio = app_and_socketio
    due, not_yet, kept, still_open = created(), created(), created(), created(retention=1)
    close_days_ago(app, due["code"], days=31, retention=30)
    close_days_ago(app, not_yet["code"], days=29, retention=30)
    close_days_ago(app, kept["code"], days=3000, retention=None)
    retention_task.start(app, socketio, rounds=1).join()
    codes = app.extensions["workshop"].files.codes()
    assert sorted(codes) == sorted([not_yet["code"], kept["code"], still_open["code"]])


def test_retention_runs_again_after_each_interval(app_and_socketio, created):
    app, socketio = app_and_socketio
    first, second = created(), created()
    close_days_ago(app, first["code"], days=2, retention=1)
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        close_days_ago(app, second["code"], days=2, retention=1)  # due by the next run

    retention_task.run(app, socketio, 3600, sleep=sleep, rounds=2)
    assert slept == [3600]
    assert app.extensions["workshop"].files.codes() == []


def test_a_failing_run_does_not_end_the_daily_sweep(app_and_socketio, monkeypatch, created):
    app, socketio = app_and_socketio
    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(retention_task.privacy, "apply_retention", broken)
    retention_task.run(app, socketio, 1, sleep=lambda s: None, rounds=3)
    assert len(calls) == 3


def test_the_home_page_warns_the_owner_a_week_before_a_deletion(http, app, created):
    soon, later = created(title="Soon gone"), created(title="Later")
    close_days_ago(app, soon["code"], days=25, retention=30)
    close_days_ago(app, later["code"], days=1, retention=30)
    assert "retention-warnings" not in http.get("/").get_data(as_text=True)  # not to the public
    owner_cookie(http)
    html = http.get("/").get_data(as_text=True)
    warnings = re.search(r'<ul id="retention-warnings".*?</ul>', html, re.S).group(0)
    assert f'data-code="{soon["code"]}"' in warnings and "Soon gone" in warnings
    assert "Later" not in warnings
    assert re.search(r"will be deleted on \d{2} \w{3} \d{4}, \d{2}:\d{2}", warnings)


def test_the_set_up_form_takes_a_retention(http, app):
    owner_cookie(http)
    form = {"title": "Dated", "question": "Why?", "groups": "2", "retention": "90"}
    response = http.post("/workshops", data=form)
    assert response.status_code == 303
    code = response.headers["Location"].split("/")[2]
    assert app.extensions["workshop"].store(code).live().settings.retention_days == 90


def test_a_bad_retention_in_the_set_up_form_is_shown_by_its_field(http, app):
    owner_cookie(http)
    form = {"title": "Dated", "question": "Why?", "groups": "2", "retention": "forever"}
    response = http.post("/workshops", data=form)
    assert response.status_code == 400
    assert 'id="retention-error"' in response.get_data(as_text=True)
    assert app.extensions["workshop"].files.codes() == []


def test_the_dashboard_sets_the_retention_through_settings_set(facilitator, joined, stored):
    phone = joined()
    phone.drain()
    assert ok(facilitator.emit("settings:set", {"retention": 30}))["settings"]["retention_days"] == 30
    assert stored.live().settings.retention_days == 30
    assert "settings:changed" in phone.event_names()
    assert ok(facilitator.emit("settings:set", {"retention": "keep"}))["settings"]["retention_days"] is None
    assert error_code(facilitator.emit("settings:set", {"retention": 0})) == "invalid_input"
    assert error_code(facilitator.emit("settings:set", {"retention": True})) == "invalid_input"
    assert error_code(phone.emit("settings:set", {"retention": 1})) == "not_allowed"
    assert stored.live().settings.retention_days is None


def test_a_sweep_tells_and_closes_the_connections_of_a_workshop_it_deletes(
    app_and_socketio, workshop, connect
):
    app, socketio = app_and_socketio
    fac = connect({"code": workshop["code"], "key": workshop["facilitator_key"]})
    fac.get_received()
    close_days_ago(app, workshop["code"], days=8, retention=7)
    fac.get_received()
    assert retention_task.sweep(app, socketio) == [workshop["code"]]
    got = [(m["name"], m["args"][0] if m["args"] else None) for m in fac.queue]
    assert ("workshop:deleted", {"code": workshop["code"]}) in got
    assert fac.is_connected() is False
